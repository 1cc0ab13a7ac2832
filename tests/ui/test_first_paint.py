"""Start-up (issue 21): the window's first paint without PySide's ``Qt`` namespace and without
PySide's import hook reading every module's source; the stand-ins it uses are Qt's own."""

from __future__ import annotations

import importlib
import os
import sqlite3
import subprocess
import sys
import types
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence

from lscp_desktop.ui.first_paint import USER_ROLE, set_shortcut, set_style_icons
from lscp_desktop.ui.import_hook import STANDARD_LIBRARY, in_standard_library, uses_pyside

SHOWN = """
import linecache, shutil, sys
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication
from lscp_desktop.ui.import_hook import skip_source_scan
assert skip_source_scan()
app = QApplication([])
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.mainwindow import MainWindow
store = Store.open(sys.argv[1], daily_backup=False, defer_check=True)
window = MainWindow(store)
window.show()
window.start_background_checks()
app.processEvents()
built = "Qt" in QtCore.__dict__
read = [f for f in linecache.cache if "lscp_desktop" in f and "import_hook" not in f]
window.ctx.store.stop_check()
window.ctx.runner.wait()
store.close()
print(built, len(read), read[:3])
"""


def test_the_window_is_shown_without_the_qt_namespace_or_reading_sources(
    tmp_path: Path, demo_store: Any
) -> None:
    """If this fails, a module the window needs for its first paint now touches ``Qt`` (see
    ``ui/first_paint.py`` for what to use instead) or PySide's source scan is back."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSCP_DESKTOP_DATA=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", SHOWN, str(demo_store.path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False 0 []"  # (the hook itself is read)


def test_the_stand_ins_are_qts_own(qapp: Any) -> None:
    assert Qt.ItemDataRole.UserRole.value == USER_ROLE
    for keys in ("Ctrl+N", "Del", QKeySequence.StandardKey.Open, QKeySequence.StandardKey.Quit):
        ours, theirs = QAction("x"), QAction("y")
        set_shortcut(ours, keys)
        theirs.setShortcut(QKeySequence(keys))
        assert ours.shortcut() == theirs.shortcut(), keys
    delete = QAction("z")
    set_shortcut(delete, "Del")
    assert delete.shortcut() == QKeySequence(Qt.Key.Key_Delete)


def test_the_navigation_has_the_styles_icons_once_drawn(qtbot: Any, demo_store: Any) -> None:
    """Blank icons until the first paint, with the rows laid out as they are with the style's
    own icons, which come after it."""
    from PySide6.QtWidgets import QStyle

    from lscp_desktop.ui.mainwindow import MainWindow
    from lscp_desktop.ui.pages import PAGES

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    nav = window.nav
    before = [nav.visualItemRect(nav.item(row)) for row in range(nav.count())]
    qtbot.waitUntil(lambda: not window.ctx.runner.holding)
    assert [nav.visualItemRect(nav.item(row)) for row in range(nav.count())] == before
    style, size = nav.style(), QSize(24, 24)
    for row, spec in enumerate(PAGES):
        icon = style.standardIcon(getattr(QStyle.StandardPixmap, spec.icon))
        shown = nav.item(row).icon().pixmap(size).toImage()
        assert shown == icon.pixmap(size).toImage(), spec.key
    window.ctx.runner.wait()


def test_icons_for_a_list_already_deleted_are_not_set(qapp: Any) -> None:
    from PySide6.QtWidgets import QListWidget
    from shiboken6 import delete

    view = QListWidget()
    view.addItem("Home")
    delete(view)
    set_style_icons(view, ["SP_DirHomeIcon"])  # no error: nothing to set


def test_the_hooks_flags_are_what_the_source_scan_gave() -> None:
    """A module that imports PySide6 is flagged as using it; the models never are."""
    for name in (
        "lscp_desktop.ui.mainwindow",
        "lscp_desktop.ui.pages.home",
        "lscp_desktop.ui.background",
        "lscp_desktop.ui.first_paint",
    ):
        assert uses_pyside(importlib.import_module(name)), name
    for name in (
        "lscp_desktop.models.store.database",
        "lscp_desktop.models.reporting.home",
        "lscp_desktop.ui.import_hook",  # it names PySide6 only in text
        "json",
    ):
        assert not uses_pyside(importlib.import_module(name)), name
    assert not uses_pyside(sys)


def test_the_standard_library_is_known_without_searching_it() -> None:
    """Python's own modules are flagged -1 at once (as the source scan found: none names
    PySide6); a package's, even one installed inside the standard library's folder, is not
    taken for one of them."""
    for name in ("typing", "logging", "pathlib", "os", "json", "sqlite3", "_socket", "sys"):
        module = importlib.import_module(name)
        assert in_standard_library(module) and not uses_pyside(module), name
    for name in ("PySide6.QtCore", "shiboken6", "platformdirs", "lscp_desktop.ui.mainwindow"):
        assert not in_standard_library(importlib.import_module(name)), name
    installed = types.ModuleType("installed")
    installed.__file__ = f"{STANDARD_LIBRARY}site-packages/installed/__init__.py"
    installed.QtCore = importlib.import_module("PySide6.QtCore")  # type: ignore[attr-defined]
    assert not in_standard_library(installed) and uses_pyside(installed)


def test_the_app_starts_and_exits_cleanly_before_its_first_paint(
    tmp_path: Path, demo_store: Any
) -> None:
    """Quitting as soon as the window is shown (as the start-up benchmark does): the loads held
    for the first paint are dropped, the collector frozen at exit, and still the process ends
    with 0, no traceback, its log written and the file whole."""
    from lscp_desktop.models.store.checks import integrity_check

    path = demo_store.path
    demo_store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSCP_DESKTOP_DATA=str(tmp_path),
               LSCP_DESKTOP_EXIT_AFTER_SHOWN="1")  # fmt: skip
    code = (
        "import sys\nfrom lscp_desktop.launcher import main\n"
        f"print('exit', main(['--db', {str(path)!r}]))\n"
        "print('logging.handlers' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.stdout.strip().splitlines()[-2:] == ["exit 0", "False"], done.stderr
    assert "Traceback" not in done.stderr
    logged = (tmp_path / "logs" / "lscp-desktop.log").read_text(encoding="utf-8")
    assert "Starting" in logged and logged.rstrip().endswith("Closed")
    with closing(sqlite3.connect(path)) as conn:
        assert integrity_check(conn) == []


def test_once_drawn_the_window_logs_to_the_rotating_handler(
    tmp_path: Path, demo_store: Any
) -> None:
    """Start-up writes the log with a plain handler (logs.py); the window, once drawn (or a
    second after it is shown, at the latest), hands the log to the rotating one."""
    path = demo_store.path
    demo_store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSCP_DESKTOP_DATA=str(tmp_path))
    code = (
        "from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\nQTimer.singleShot(2500, app.quit)\n"
        "from lscp_desktop.launcher import main\nfrom lscp_desktop.logs import log\n"
        f"print('exit', main(['--db', {str(path)!r}]))\n"
        "print([type(h).__name__ for h in log.handlers if getattr(h, 'lscp_desktop', 0)])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.stdout.strip().splitlines()[-2:] == ["exit 0", "['RotatingFileHandler']"], (
        done.stdout + done.stderr
    )
    logged = (tmp_path / "logs" / "lscp-desktop.log").read_text(encoding="utf-8")
    assert "Starting" in logged and logged.rstrip().endswith("Closed")


LOADED = """
import sys
from PySide6.QtWidgets import QApplication
from lscp_desktop.ui.import_hook import skip_source_scan
skip_source_scan()
app = QApplication([])
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui import startup  # (app.py opens the database with it)
from lscp_desktop.ui.mainwindow import MainWindow
store = Store.open(sys.argv[1], daily_backup=False, defer_check=True)
window = MainWindow(store)
window.show()  # (not painted yet: Home's list is held until it is, so nothing races this)
later = ("hashlib", "secrets", "calendar", "_strptime", "socket", "getpass",
         "lscp_desktop.models.core.text_policy",
         "lscp_desktop.models.store.moving", "lscp_desktop.models.reviews.milestones",
         "lscp_desktop.models.membership.body_records", "lscp_desktop.models.reporting.home",
         "lscp_desktop.models.core.clocks", "lscp_desktop.models.store.audit",
         "lscp_desktop.models.store.versions", "lscp_desktop.models.core.money")
from PySide6 import QtWidgets  # a PySide class is made (with its enums) when first named
made = ("QMessageBox", "QProgressDialog", "QDialog", "QStyle")
print(",".join([m for m in later if m in sys.modules] + [c for c in made if c in vars(QtWidgets)]))
window.ctx.runner.wait()
store.close()
"""


def test_the_window_is_shown_without_what_only_writes_or_loads_need(
    tmp_path: Path, demo_store: Any
) -> None:
    """Issue 21: modules only a write (the audit log, record versions), a temporary file, a
    server move, a month's arithmetic, bodies' and memberships' records or Home's list (read
    after the first paint) need are not imported to show the window (nor ``socket`` and
    ``getpass``, for the names the app lock records: ``models/core/computer.py``), nor are
    message boxes', progress dialogs' and the style's classes made (the navigation's icons come
    after the first paint). If this fails, an import moved back onto the start path: import it
    where it is used."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSCP_DESKTOP_DATA=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", LOADED, str(demo_store.path)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1:] in ([], [""]), out.stdout
