"""Peak memory of the app on the large demo: the window with every page opened, the action log
showing all 20,000 actions, and a board pack, the yearly report and the funding workbook
exported in the same process. Budget (issue 21): under 200 MB (peak resident set size)."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = r"""
import os, resource, sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
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
for key, options in (
    ("board-pack", ExportOptions(meeting_id=held[-1].id)),
    ("annual-report", ExportOptions(year=year)),
    ("funding", ExportOptions(year=year)),
):
    kind = find_kind(key)
    kind.run(store, options, out / f"{key}{kind.suffix}", lambda *_: None)
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(shown, peak_kib // 1024)
"""


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, sys.argv[1]],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    shown, peak = (int(x) for x in result.stdout.strip().splitlines()[-1].split())
    print(
        f"peak memory, every page open, {shown:,} actions listed, board pack + yearly report + "
        f"funding workbook exported: {peak} MB (budget 200 MB) {'OK' if peak < 200 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
