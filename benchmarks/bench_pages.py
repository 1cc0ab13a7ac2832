"""The pages the other benchmarks do not open, on the large demo: Membership (organisations,
people, bodies, who sits where, roles), Reviews, Assurance, Finance and Reports.

Each page is opened as the window opens it (built, shown, refreshed, its background loads
waited for and their rows put in), then each of its tabs is shown for the first time, and on
every tab with a search box a search is typed and cleared. Budgets (issue 21): 50 ms at the
large demo's size, 100 ms at 10× its actions (run_all.py --scale says which this is).
Medians of 15 runs after a warm-up (the first opening pays for the imports); 7 for first
showings of a tab, each on a freshly built page.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 15
TAB_RUNS = 7
SCALE = int(os.environ.get("LSCP_BENCH_SCALE", "1"))
BUDGET_MS = 50.0 if SCALE == 1 else 100.0
#: Words typed into each search box in turn (each search is then cleared, also timed).
WORDS = ("review", "a", "2024", "police", "zzz")


#: The median CPU time of the runs just measured (the process's: the GUI thread's and the
#: workers'), shown with the wall time: on a busy machine the two part.
CPU: list[float] = []


def median_ms(
    fn: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None
) -> float:
    """Median wall time of *fn* (*before* run first each time, untimed)."""
    times, cpu = [], []
    for _ in range(runs):
        before()
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    CPU.append(statistics.median(cpu))
    return statistics.median(times)


def line(name: str, ms: float, budget: float | None = BUDGET_MS) -> bool:
    cpu = f", CPU {CPU.pop():.0f} ms" if CPU else ""
    if budget is None:
        print(f"{name}: {ms:.1f} ms{cpu} (no budget)", flush=True)
        return True
    ok = ms <= budget
    print(f"{name}: {ms:.1f} ms{cpu} (budget {budget:.0f} ms) {'OK' if ok else 'OVER'}", flush=True)
    return ok


def main() -> int:
    from PySide6.QtCore import QEvent, QThreadPool
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QLineEdit, QStackedWidget, QTabWidget

    app = QApplication([])
    from lscp_desktop.models.store.opening import open_database
    from lscp_desktop.ui.background import BackgroundRunner
    from lscp_desktop.ui.context import AppContext
    from lscp_desktop.ui.pages.assurance.page import AssurancePage
    from lscp_desktop.ui.pages.base import Page
    from lscp_desktop.ui.pages.finance.page import FinancePage
    from lscp_desktop.ui.pages.membership.page import MembershipPage
    from lscp_desktop.ui.pages.reports.page import ReportsPage
    from lscp_desktop.ui.pages.reviews.page import ReviewsPage
    from lscp_desktop.ui.style import STYLE_SHEET

    store = open_database(sys.argv[1], daily_backup=False, read_only=True)
    ctx = AppContext(store=store, undo_stack=QUndoStack(), runner=BackgroundRunner())
    pool = QThreadPool.globalInstance()

    def settle() -> None:
        """Until every background load has finished and its rows are in."""
        app.processEvents()
        while pool.activeThreadCount():
            pool.waitForDone(1)
            app.processEvents()
        app.processEvents()

    live: list[Page] = []
    # The pages sit in a stack under one styled widget, as in the main window.
    host = QStackedWidget()
    host.setStyleSheet(STYLE_SHEET)
    host.resize(1200, 760)
    host.show()

    def drop_pages() -> None:
        """The page on screen deleted (one at a time, as in the window), before the next is
        timed: the window keeps its pages, so opening one never waits for another's deletion.
        Deleted now, as the window's event loop would do it: processEvents() outside exec()
        never deletes what deleteLater() was given, so every page built used to stay alive,
        each later opening slower than the one before."""
        for old in live:
            host.removeWidget(old)
            old.deleteLater()
        live.clear()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        settle()  # and what the deletion asks for (the stack's layout) done, before the timer

    def open_page(cls: type[Page]) -> Page:
        drop_pages()
        page = cls(ctx)
        host.addWidget(page)
        host.setCurrentWidget(page)
        page.refresh()
        settle()
        live.append(page)
        return page

    ok = True
    for cls in (MembershipPage, ReviewsPage, AssurancePage, FinancePage, ReportsPage):
        name = cls.title or cls.__name__
        open_page(cls)  # warm-up: the imports
        ok &= line(f"{name} page opens", median_ms(lambda c=cls: open_page(c), RUNS, drop_pages))
        tabs = open_page(cls).findChild(QTabWidget)
        if tabs is None:
            continue
        labels = [tabs.tabText(i) for i in range(tabs.count())]
        for i in range(1, len(labels)):

            def show_tab(c: type[Page] = cls, i: int = i) -> tuple[float, float]:
                page = open_page(c)
                tabs = page.findChild(QTabWidget)
                assert tabs is not None
                t0, c0 = time.perf_counter(), time.process_time()
                tabs.setCurrentIndex(i)
                settle()
                return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000

            shown = [show_tab() for _ in range(TAB_RUNS)]
            CPU.append(statistics.median(c for _w, c in shown))
            charts = labels[i] == "Charts"  # pictures drawn on a worker, not rows
            ok &= line(
                f"{name}: {labels[i]} tab first shown" + (" (charts drawn)" if charts else ""),
                statistics.median(w for w, _c in shown),
                None if charts else BUDGET_MS,
            )
        page = open_page(cls)
        tabs = page.findChild(QTabWidget)
        assert tabs is not None
        for i, label in enumerate(labels):
            tabs.setCurrentIndex(i)
            settle()
            boxes = [b for b in tabs.widget(i).findChildren(QLineEdit) if b.isVisible()
                     and b.objectName() == "search"]  # fmt: skip
            if not boxes:
                continue
            box, words = boxes[0], iter(WORDS * RUNS)

            def search(box: QLineEdit = box, words: object = words) -> None:
                box.setText("" if box.text() else next(words))  # type: ignore[call-overload]
                settle()

            ok &= line(f"{name}: {label}: search applies", median_ms(search, RUNS))
    host.close()
    settle()
    store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
