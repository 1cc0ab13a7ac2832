"""Peak memory of the app on the large demo: the window with every page opened, the action log
showing all 20,000 actions, and a board pack, the yearly report and the funding workbook
exported in the same session, as the window exports them (ui/exporting.py run_export: in the
session's export worker process, a background thread waiting for it). Budget (issue 21): the
window's process under 200 MB (peak resident set size). The worker's own peak is printed
beside it, with no budget."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = r"""
import dataclasses, os, resource, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication([])
from lscp_desktop.ui.import_hook import skip_source_scan
skip_source_scan()  # as the window's start does (app.run_gui)
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.meetings import meetings
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages import PAGES

store = Store.open(sys.argv[1], daily_backup=False)
window = MainWindow(store, runner=BackgroundRunner(synchronous=True))
window.show()
for row in range(len(PAGES)):
    window.nav.setCurrentRow(row)
    app.processEvents()
actions = window.page("actions")
actions.status_combo.setCurrentText("All statuses")  # all 20,000 actions in the table
app.processEvents()
shown = actions.model.rowCount()
held = [m for m in meetings.list_meetings(store) if m.status == "held"]
year = FinancialYear.containing(held[-1].day).label
out = Path(tempfile.mkdtemp())
from lscp_desktop.exports.worker_client import session_workers
from lscp_desktop.ui import exporting, files
files.SavedFile.offer = classmethod(lambda *a, **k: None)  # the "Saved" message, not shown
ctx = dataclasses.replace(window.ctx, runner=BackgroundRunner())  # as the app runs: threaded
for key, options in (
    ("board-pack", ExportOptions(meeting_id=held[-1].id)),
    ("annual-report", ExportOptions(year=year)),
    ("funding", ExportOptions(year=year)),
):
    kind = find_kind(key)
    target = out / f"{key}{kind.suffix}"
    loop = QEventLoop()
    exporting.warm_up(ctx, kind)
    exporting.run_export(window, ctx, kind, options, target, ask_again=lambda _: None,
                         on_done=loop.quit)
    loop.exec()
    assert target.stat().st_size > 0, key
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
session_workers().close()
worker_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(shown, peak_kib // 1024, worker_kib // 1024)
"""


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, sys.argv[1]],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    shown, peak, worker = (int(x) for x in result.stdout.strip().splitlines()[-1].split())
    print(
        f"peak memory, every page open, {shown:,} actions listed, board pack + yearly report + "
        f"funding workbook exported: {peak} MB (budget 200 MB) {'OK' if peak < 200 else 'OVER'}"
    )
    print(f"  the export worker process's own peak: {worker} MB (no budget)")


if __name__ == "__main__":
    main()
