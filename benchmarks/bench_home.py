"""Home opens fast on the large database: the page built, filled and shown (budget 50 ms).

Medians of several openings after a warm-up, each a fresh HomePage over an open store, timed
from construction to the first processed paint. Also checks the Home page's refresh alone, and
which heavy modules the GUI thread imports: none. (Saying how many working days are left on a
statutory clock needs the bank holidays; the list that says it is loaded off the GUI thread.)
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time

HEAVY = ("holidays", "matplotlib", "numpy", "lscp_desktop.models.reviews")
#: Heavy modules imported on the GUI thread (an audit hook sees every import and its thread).
ON_GUI_THREAD: set[str] = set()


def _watch_imports(event: str, args: tuple[object, ...]) -> None:
    if event == "import" and threading.current_thread() is threading.main_thread():
        name = str(args[0])
        ON_GUI_THREAD.update(h for h in HEAVY if name == h or name.startswith(h + "."))


RUNS = 9
BUDGET_MS = 50.0


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.addaudithook(_watch_imports)
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from lscp_desktop.models.store.opening import open_database
    from lscp_desktop.ui.background import BackgroundRunner
    from lscp_desktop.ui.context import AppContext
    from lscp_desktop.ui.pages.home import HomePage
    from lscp_desktop.ui.style import STYLE_SHEET

    store = open_database(sys.argv[1], daily_backup=False, read_only=True)
    ctx = AppContext(store=store, undo_stack=QUndoStack(), runner=BackgroundRunner())
    opens, refreshes, cpu = [], [], []
    for i in range(RUNS + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        page = HomePage(ctx)
        page.setStyleSheet(STYLE_SHEET)
        page.resize(1010, 740)
        page.refresh()
        page.show()
        app.processEvents()
        t1, c1 = time.perf_counter(), time.process_time()
        page.refresh()
        t2 = time.perf_counter()
        if i:  # the first opening is a warm-up
            opens.append((t1 - t0) * 1000)
            refreshes.append((t2 - t1) * 1000)
            cpu.append(((c1 - c0) * 1000, (time.process_time() - c1) * 1000))
        ctx.runner.wait()  # as the window does before it takes a page down
        app.processEvents()
        items = page.attention.topLevelItemCount()
        page.close()
        page.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # (bench_pages.py: drop_pages)
        app.processEvents()
    store.close()
    o, r = statistics.median(opens), statistics.median(refreshes)
    oc, rc = (statistics.median(c[i] for c in cpu) for i in (0, 1))
    print(
        f"home page opens, large demo ({items} groups): {o:.1f} ms, CPU {oc:.0f} ms "
        f"(budget {BUDGET_MS:.0f} ms) {'OK' if o <= BUDGET_MS else 'OVER'}"
    )
    print(
        f"home page refresh, large demo: {r:.1f} ms, CPU {rc:.0f} ms (budget {BUDGET_MS:.0f} ms) "
        f"{'OK' if r <= BUDGET_MS else 'OVER'}"
    )
    heavy = sorted(
        {m for m in ON_GUI_THREAD if not m.startswith("lscp_desktop.models.reviews.")}
        | {m for m in ON_GUI_THREAD if m == "lscp_desktop.models.reviews"}
    )
    print(
        f"heavy modules loaded by Home on the GUI thread: {', '.join(heavy) or 'none'} "
        f"(budget none) {'OVER' if heavy else 'OK'}"
    )


if __name__ == "__main__":
    main()
