"""Start to an interactive main window, against a bare PySide6 QMainWindow, in the same run.

Each start is a fresh process that shows its window and quits as soon as the event loop runs;
the wall time of the whole process is measured. Medians of several runs; budget: ≤ 2× bare.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

RUNS = 7
BARE = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.resize(1200, 760); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000


def compile_package() -> None:
    """Write the package's bytecode, as an installed app or the Windows bundle has it.

    Where PYTHONDONTWRITEBYTECODE is set (as on the build machines) nothing else writes it, and
    every start would otherwise recompile the app's ~100 modules from source.
    """
    import compileall

    import lscp_desktop

    compileall.compile_dir(os.path.dirname(lscp_desktop.__file__), quiet=1)


def main() -> None:
    db = sys.argv[1]
    compile_package()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSCP_DESKTOP_EXIT_AFTER_SHOWN="1")
    app_cmd = [sys.executable, "-m", "lscp_desktop", "--db", db]
    bare_cmd = [sys.executable, "-c", BARE]
    wall(app_cmd, env)  # warm-up (also takes the day's first backup)
    wall(bare_cmd, env)
    bare, app = [], []
    for _ in range(RUNS):
        bare.append(wall(bare_cmd, env))
        app.append(wall(app_cmd, env))
    b, a = statistics.median(bare), statistics.median(app)
    ratio = a / b
    print(f"bare QMainWindow start: {b:.0f} ms (median of {RUNS})")
    print(f"app start to interactive main window (large demo): {a:.0f} ms (median of {RUNS})")
    print(f"ratio: {ratio:.2f}x (budget 2.00x) {'OK' if ratio <= 2 else 'OVER'}")


if __name__ == "__main__":
    main()
