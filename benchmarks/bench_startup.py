"""Start to an interactive main window, against a bare PySide6 QMainWindow, in the same run.

Each start is a fresh process that shows its window and quits as soon as the event loop runs;
the wall time of the whole process is measured, app and bare window alternating (pairs.py),
over 31 pairs.
Budget (issue 21): the median of the pairs' ratios ≤ 1.5×.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pairs import N_FAST, compare, process, verdict

BARE = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.resize(1200, 760); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def compile_package() -> None:
    """Write the package's bytecode, as an installed app or the Windows bundle has it.

    Where PYTHONDONTWRITEBYTECODE is set (as on the build machines) nothing else writes it, and
    every start would otherwise recompile the app's ~100 modules from source.
    """
    import compileall

    import lscp_desktop

    compileall.compile_dir(os.path.dirname(lscp_desktop.__file__), quiet=1)


def main() -> int:
    db = sys.argv[1]
    compile_package()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSCP_DESKTOP_EXIT_AFTER_SHOWN="1")
    app_cmd = [sys.executable, "-m", "lscp_desktop", "--db", db]
    bare_cmd = [sys.executable, "-c", BARE]
    process(app_cmd, env, memory=False)  # the day's first backup is taken here, not timed
    # Twice the usual pairs: a start's pair ratio spreads widest of all the figures here (from
    # 1.0 to 2.0 in one run, as the other core's load comes and goes), and ~0.35 s a pair is
    # cheap; the median of 31 moves less from run to run than that of 15.
    result = compare(
        "start to an interactive main window (large demo) vs a bare QMainWindow",
        lambda: process(app_cmd, env, memory=False),
        lambda: process(bare_cmd, env, memory=False),
        {"s": 1.5},
        n=max(31, N_FAST),
    )
    return verdict(result)


if __name__ == "__main__":
    raise SystemExit(main())
