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


def main() -> None:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from lscp_desktop.models.store.database import Store
    from lscp_desktop.ui.background import BackgroundRunner
    from lscp_desktop.ui.context import AppContext
    from lscp_desktop.ui.pages.meetings.page import MeetingsPage

    store = Store.open(sys.argv[1], daily_backup=False, read_only=True)
    ctx = AppContext(store=store, undo_stack=QUndoStack(), runner=BackgroundRunner())
    meetings = store.count("meetings")

    def open_page() -> tuple[float, MeetingsPage]:
        t0 = time.perf_counter()
        page = MeetingsPage(ctx)
        page.resize(1200, 760)
        page.refresh()
        app.processEvents()
        return (time.perf_counter() - t0) * 1000, page

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

    def filters(label: str) -> list[tuple[str, list[float]]]:
        by_body, by_search = [], []
        for i in range(RUNS):
            t0 = time.perf_counter()
            page.body_filter.setCurrentIndex(body_index if i % 2 == 0 else 0)
            app.processEvents()
            by_body.append((time.perf_counter() - t0) * 1000)
        for i in range(RUNS):
            t0 = time.perf_counter()
            page.search.setText("cancelled" if i % 2 == 0 else "")
            app.processEvents()
            by_search.append((time.perf_counter() - t0) * 1000)
        return [(f"{label}: body filter applies", by_body), (f"{label}: search applies", by_search)]

    results = [(f"meetings page opens ({meetings} meetings)", opens)]
    results += filters("year plan")
    shown = []
    for _ in range(RUNS):
        _, fresh = open_page()
        fresh.year_filter.setCurrentIndex(0)
        t0 = time.perf_counter()
        fresh.tabs.setCurrentIndex(1)
        app.processEvents()
        shown.append((time.perf_counter() - t0) * 1000)
    results.append(("meetings list tab first shown (all years)", shown))
    page.tabs.setCurrentIndex(1)
    results += filters("meetings list")
    for name, values in results:
        value = statistics.median(values)
        status = "OK" if value <= BUDGET_MS else "OVER"
        print(f"{name}: {value:.1f} ms (budget {BUDGET_MS:.0f} ms) {status}")
    store.close()


if __name__ == "__main__":
    main()
