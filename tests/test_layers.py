"""The layering rule: models/ and exports/ never import Qt; only the store imports SQLite."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "lscp_desktop"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_models_and_exports_import_no_qt() -> None:
    offenders = []
    for layer in ("models", "exports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            if any(
                n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
                for n in imported_modules(path)
            ):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_only_the_store_and_schema_touch_sqlite() -> None:
    allowed = set((PACKAGE / "models" / "store").rglob("*.py"))
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p not in allowed
        and imported_modules(p) & {"sqlite3", "sqlite_utils", "sqlite_utils.migrations"}
    ]
    assert offenders == []


def test_ui_holds_no_sql() -> None:
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(
            k in text for k in ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "store.query(")
        ):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


START = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.mainwindow import MainWindow
store = Store.open(sys.argv[1], daily_backup=False)
window = MainWindow(store)
window.show()
app.processEvents()
heavy = ("matplotlib", "numpy", "docx", "openpyxl", "sqlite_utils", "holidays", "icalendar")
print(",".join(m for m in heavy if m in sys.modules))
"""


def test_start_path_keeps_heavy_libraries_unloaded(tmp_path: Path) -> None:
    """Opening a current database and showing the window imports none of the slow libraries."""
    import os
    import subprocess
    import sys

    from lscp_desktop.models.store.database import Store

    db = tmp_path / "p.db"
    Store.open(db, daily_backup=False).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", START, str(db)], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == ""
