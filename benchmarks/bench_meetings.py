"""The meetings page on the large demo: opening it (construct + first refresh) and applying a
filter (body, then year, then a search word). Budget: 50 ms each (medians of several runs,
after one warm-up that pays for the imports)."""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 9
BUDGET_MS = 50.0


def _since(t0: float, c0: float) -> tuple[float, float]:
    """Wall and CPU milliseconds since *t0*, *c0* (this process's CPU: a server's is its own)."""
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000


def main() -> None:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from lscp_desktop.models.store.opening import open_database
    from lscp_desktop.ui.background import BackgroundRunner
    from lscp_desktop.ui.context import AppContext
    from lscp_desktop.ui.pages.meetings.page import MeetingsPage

    store = open_database(sys.argv[1], daily_backup=False, read_only=True)
    ctx = AppContext(store=store, undo_stack=QUndoStack(), runner=BackgroundRunner())
    meetings = store.count("meetings")

    def open_page() -> tuple[tuple[float, float], MeetingsPage]:
        t0, c0 = time.perf_counter(), time.process_time()
        page = MeetingsPage(ctx)
        page.resize(1200, 760)
        page.refresh()
        app.processEvents()
        return _since(t0, c0), page

    open_page()  # warm-up
    opens = []
    page: MeetingsPage | None = None
    for _ in range(RUNS):
        ms, page = open_page()
        opens.append(ms)
    assert page is not None
    page.show()
    app.processEvents()

    body_index = page.body_filter.findText("Safeguarding Partnership Executive")
    page.year_filter.setCurrentIndex(0)  # all years: the most rows

    def filters(label: str) -> list[tuple[str, list[tuple[float, float]]]]:
        by_body: list[tuple[float, float]] = []
        by_search: list[tuple[float, float]] = []
        for i in range(RUNS):
            t0, c0 = time.perf_counter(), time.process_time()
            page.body_filter.setCurrentIndex(body_index if i % 2 == 0 else 0)
            app.processEvents()
            by_body.append(_since(t0, c0))
        for i in range(RUNS):
            t0, c0 = time.perf_counter(), time.process_time()
            page.search.setText("cancelled" if i % 2 == 0 else "")
            app.processEvents()
            by_search.append(_since(t0, c0))
        return [(f"{label}: body filter applies", by_body), (f"{label}: search applies", by_search)]

    results = [(f"meetings page opens ({meetings} meetings)", opens)]
    results += filters("year plan")
    shown = []
    for _ in range(RUNS):
        _, fresh = open_page()
        fresh.year_filter.setCurrentIndex(0)
        t0, c0 = time.perf_counter(), time.process_time()
        fresh.tabs.setCurrentIndex(1)
        app.processEvents()
        shown.append(_since(t0, c0))
    results.append(("meetings list tab first shown (all years)", shown))
    page.tabs.setCurrentIndex(1)
    results += filters("meetings list")
    for name, values in results:
        value = statistics.median(v for v, _ in values)
        cpu = statistics.median(c for _, c in values)
        status = "OK" if value <= BUDGET_MS else "OVER"
        print(f"{name}: {value:.1f} ms, CPU {cpu:.0f} ms (budget {BUDGET_MS:.0f} ms) {status}")
    store.close()


if __name__ == "__main__":
    main()
