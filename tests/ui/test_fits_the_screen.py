"""Every page, and every tab of a meeting, fits a 1280-pixel-wide laptop screen: nothing asks
the window to be wider (a row of buttons too long once pushed the Meetings page to 1340)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages.meetings.page import MeetingsPage

SCREEN_WIDTH = 1280


def widest_tab(window: MainWindow) -> list[tuple[str, int]]:
    """(page or tab, the window's minimum width) for the current page and each of its tabs."""
    page = window.current_page()
    found = [(type(page).__name__, window.minimumSizeHint().width())]
    for tabs in page.findChildren(QTabWidget):
        if tabs.isVisible():
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                found.append((tabs.tabText(index), window.minimumSizeHint().width()))
    return found


def test_every_page_and_tab_fits_1280_pixels(window: MainWindow) -> None:
    too_wide = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        too_wide += [(name, w) for name, w in widest_tab(window) if w > SCREEN_WIDTH]
    assert too_wide == []


def test_a_meetings_tabs_fit_1280_pixels(window: MainWindow, demo_store: Store) -> None:
    held = next(m for m in list_meetings(demo_store) if m.status == "held")
    window.open_record("meetings", held.id)
    assert isinstance(window.current_page(), MeetingsPage)
    assert [(name, w) for name, w in widest_tab(window) if w > SCREEN_WIDTH] == []
