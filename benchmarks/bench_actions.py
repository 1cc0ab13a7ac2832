"""Actions and Risks pages on the large demo: opening, and a text filter over 20,000 actions.

Opening is timed as the user sees it, from creating the page to its first rows on screen, the
rows read on a worker thread as in the window (the page shows the first screenful while the
rest is read); then to the whole unfinished log in the table, with the longest the GUI thread
was kept busy at once meanwhile; and, for comparison, with the whole log read inline as the
synchronous runner does in tests. Budgets: 50 ms at the large demo's size, 100 ms at 10× its
actions. Medians of 15 runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 15  # the issue: n >= 15 for figures under a second
#: Issue 21: every page opens with its rows, and every filter applies, in < 50 ms at the large
#: demo's size and < 100 ms at 10x its actions (run_all.py --scale says which this is).
SCALE = int(os.environ.get("LSCP_BENCH_SCALE", "1"))
BUDGET_MS = 50.0 if SCALE == 1 else 100.0


CPU: list[float] = []


def median_ms(fn: object, runs: int = RUNS, before: object = lambda: None) -> float:
    """Median wall time (*before* run first each time, untimed); the median CPU time of the
    same runs is left in CPU[-1]."""
    times, cpu = [], []
    for _ in range(runs):
        before()  # type: ignore[operator]
        t0, c0 = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    CPU.append(statistics.median(cpu))
    return statistics.median(times)


def line(name: str, ms: float, budget: float | None = BUDGET_MS) -> None:
    cpu = f", CPU {CPU[-1]:.0f} ms" if CPU else ""
    CPU.clear()
    if budget is None:
        print(f"{name}: {ms:.0f} ms{cpu} (no budget)")
    else:
        verdict = "OK" if ms <= budget else "OVER"
        print(f"{name}: {ms:.1f} ms{cpu} (budget {budget:.0f} ms) {verdict}")


def main() -> None:
    from PySide6.QtCore import QEvent, QThreadPool
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from lscp_desktop.models.actions.listing import list_actions
    from lscp_desktop.models.actions.records import OPEN_STATUSES
    from lscp_desktop.models.store.opening import open_database
    from lscp_desktop.ui.background import BackgroundRunner
    from lscp_desktop.ui.context import AppContext
    from lscp_desktop.ui.pages.actions.page import ActionsPage
    from lscp_desktop.ui.pages.risks.page import RisksPage

    store = open_database(sys.argv[1], daily_backup=False)
    ctx = AppContext(
        store=store, undo_stack=QUndoStack(), runner=BackgroundRunner(synchronous=True)
    )

    pages: list[Any] = []

    def drop(shown: list[Any]) -> None:
        """The page on screen closed and deleted (one at a time, as in the window), before
        the next is timed (bench_pages.py's drop_pages says why, and why deleted now), once
        its loads have finished and been handed over, as the window does before it takes a
        page down."""
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()
        for old in shown:
            old.close()
            old.deleteLater()
        shown.clear()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()  # and what the deletion asks for done, before the timer

    def open_actions() -> None:
        drop(pages)
        page = ActionsPage(ctx)
        page.resize(1200, 760)
        page.show()
        page.refresh()
        app.processEvents()
        pages.append(page)

    threaded = AppContext(store=store, undo_stack=QUndoStack(), runner=BackgroundRunner())
    shown_pages: list[ActionsPage] = []

    def show_actions() -> None:
        """As in the window: the page is shown and usable; its rows load on a worker thread."""
        drop(shown_pages)
        page = ActionsPage(threaded)
        page.resize(1200, 760)
        page.show()
        page.refresh()
        app.processEvents()
        shown_pages.append(page)

    show_actions()
    threaded.runner.wait()
    line(
        "actions page shown (window runner: rows load off the GUI thread)",
        median_ms(show_actions, before=lambda: drop(shown_pages)),
    )
    threaded.runner.wait()
    app.processEvents()

    # As the user sees it: from creating the page to its first rows on screen, then to the
    # whole unfinished log in the table, the rows read on a worker thread; and the longest the
    # GUI thread was kept busy at once meanwhile (by the page, or waiting for the GIL).
    first_ms, first_cpu, whole_ms, busy_ms = [], [], [], []
    expected = len(list_actions(store, statuses=OPEN_STATUSES))
    for run in range(RUNS + 1):
        drop(shown_pages)
        app.processEvents()
        t0, c0 = time.perf_counter(), time.process_time()
        page = ActionsPage(threaded)
        page.resize(1200, 760)
        page.show()
        page.refresh()
        shown_pages.append(page)
        first = first_c = busy = 0.0
        while page.model.total() < expected or page.count_label.text() == "Loading…":
            t1 = time.perf_counter()
            app.processEvents()
            now = time.perf_counter()
            busy = max(busy, now - t1)
            if not first and page.model.rowCount():
                page.view.viewport().repaint()  # the rows painted
                first, first_c = time.perf_counter() - t0, time.process_time() - c0
            time.sleep(0.0005)
        if run:  # the first is a warm-up
            first_ms.append(first * 1000)
            first_cpu.append(first_c * 1000)
            whole_ms.append((time.perf_counter() - t0) * 1000)
            busy_ms.append(busy * 1000)
        threaded.runner.wait()
    CPU.append(statistics.median(first_cpu))  # the process's: the GUI thread's and the worker's
    line(
        f"actions page opens with its first rows (window runner; partnership log, "
        f"{expected:,} unfinished)",
        statistics.median(first_ms),
    )
    line(
        "— the whole unfinished log in the table (read on a worker, GUI thread free)",
        statistics.median(whole_ms),
        None,
    )
    line("— longest the GUI thread was busy at once while it loaded", statistics.median(busy_ms))

    open_actions()  # warm-up
    opened = median_ms(open_actions, before=lambda: drop(pages))
    page = pages[-1]
    assert isinstance(page, ActionsPage)
    shown = page.model.total()
    line(
        f"the whole unfinished log ({shown:,}) read and shown inline (synchronous runner, as in "
        "tests)",
        opened,
        None,
    )

    t0 = time.perf_counter()
    page.status_combo.setCurrentText("All statuses")
    app.processEvents()
    load_all = (time.perf_counter() - t0) * 1000
    total = page.model.total()
    line(f"load every action ({total:,}; runs off the GUI thread in the app)", load_all, None)

    words = iter(["neglect", "audit", "neglect audit", "police", "exec-00", "zzz", "briefing"])

    def text_filter() -> None:
        page.search.setText(next(words, "safeguarding"))
        app.processEvents()

    line(f"text filter over {total:,} actions", median_ms(text_filter))

    def rag_filter() -> None:
        page.rag_combo.setCurrentIndex((page.rag_combo.currentIndex() + 1) % page.rag_combo.count())
        app.processEvents()

    page.search.clear()
    line(f"RAG filter over {total:,} actions", median_ms(rag_filter))

    risk_pages: list[RisksPage] = []

    def open_risks() -> None:
        drop(risk_pages)
        p = RisksPage(ctx)
        p.resize(1200, 760)
        p.show()
        p.refresh()
        app.processEvents()
        risk_pages.append(p)

    open_risks()
    opened = median_ms(open_risks, before=lambda: drop(risk_pages))
    rp = risk_pages[-1]
    line(
        f"risk register opens ({rp.model.total()} risks, {store.count('risk_reviews'):,} reviews)",
        opened,
    )
    risk_words = iter(["workforce", "data", "chronologies", "zzz", "review", "police", "late"])

    def risk_filter() -> None:
        rp.search.setText(next(risk_words, "risk"))
        app.processEvents()

    line("risk register text filter", median_ms(risk_filter))
    rp.view.selectRow(0)
    app.processEvents()

    def select_risk() -> None:
        rp.view.selectRow((rp.view.currentIndex().row() + 1) % max(rp.model.rowCount(), 1))
        app.processEvents()

    rp.search.clear()
    line("select a risk (detail, reviews; chart drawn inline here)", median_ms(select_risk), None)
    store.close()


if __name__ == "__main__":
    main()
