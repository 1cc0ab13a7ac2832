"""The window exports in the session's worker process (issue 21): the file, the "Saved" message,
Cancel and the window's memory (no Word, chart or workbook library loaded into it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.pages.reports.page import ReportsPage


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> ReportsPage:
    ctx = make_ctx(demo_store)
    ctx.runner = BackgroundRunner()  # as the window has it: exports go to the worker
    p = ReportsPage(ctx)
    qtbot.addWidget(p)
    p.refresh()
    return p


def test_the_window_exports_through_the_worker(
    page: ReportsPage, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    saved_files: Any,
) -> None:  # fmt: skip
    target = tmp_path / "membership.docx"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: target))
    page.export_button.click()
    qtbot.waitUntil(lambda: saved_files == [("Membership of the partnership", target)],
                    timeout=60_000)  # fmt: skip
    assert Document(str(target)).paragraphs[0].text == "Membership of the partnership"
    assert page.export_button.isEnabled()


def test_cancel_in_the_window_saves_nothing(
    page: ReportsPage, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    saved_files: Any,
) -> None:  # fmt: skip
    from lscp_desktop.ui import background

    target = tmp_path / "cancelled.docx"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: target))
    statuses: list[str] = []
    page.ctx.status = statuses.append
    real_run = background.BackgroundRunner.run

    def run_cancelled(self: Any, fn: Any, **kwargs: Any) -> Any:
        def cancelled_fn(progress: Any) -> Any:
            progress.cancel()
            return fn(progress)

        return real_run(self, cancelled_fn, **kwargs)

    monkeypatch.setattr(background.BackgroundRunner, "run", run_cancelled)
    page.export_button.click()
    qtbot.waitUntil(page.export_button.isEnabled, timeout=60_000)
    assert statuses == ["Export cancelled; nothing was saved."]
    assert list(tmp_path.glob("*.docx")) == [] and saved_files == []


WINDOW = r"""
import dataclasses, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication([])
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui import exporting, files
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.mainwindow import MainWindow
files.SavedFile.offer = classmethod(lambda *a, **k: print("saved", a[3]))
store = Store.open(sys.argv[1], daily_backup=False)
window = MainWindow(store, runner=BackgroundRunner())
held = [m for m in list_meetings(store) if m.status == "held"][-1]
for key, options in (("board-pack", ExportOptions(meeting_id=held.id)),
                     ("annual-report", ExportOptions(year="2025/26")),
                     ("funding", ExportOptions(year="2025/26"))):
    kind = find_kind(key)
    loop = QEventLoop()
    exporting.run_export(window, window.ctx, kind, options, Path(sys.argv[2]) / (key + kind.suffix),
                         ask_again=lambda _: None, on_done=loop.quit)
    loop.exec()
heavy = ("docx", "matplotlib", "numpy", "PIL", "openpyxl", "docxcompose", "lxml")
print("loaded:", ",".join(m for m in heavy if m in sys.modules))
window.ctx.runner.wait()
store.close()
"""


def test_the_windows_process_loads_no_document_library(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = demo_store.path
    demo_store.close()
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", WINDOW, str(path), str(out)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "loaded: ", done.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "annual-report.docx", "board-pack.docx", "funding.xlsx",
    ]  # fmt: skip
    assert "Traceback" not in done.stderr
