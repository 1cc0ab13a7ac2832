"""The meetings page's list of meetings, sortable and filtered by the page's filter bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.pages.meetings.models import STATUS_COLOURS
from lscp_desktop.ui.pages.meetings.widgets import table_view
from lscp_desktop.ui.table import Column, RecordFilterProxy, RecordTableModel, selected_record

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _meeting_columns() -> list[Column[Meeting]]:
    return [
        Column("Date", lambda m: m.uk_date, sort_key=lambda m: (m.date, m.start_time)),
        Column("Day", lambda m: _DAYS[m.day.weekday()]),
        Column("Time", lambda m: f"{m.start_time}–{m.end_time}"),
        Column("Body", lambda m: m.body, stretch=True),
        Column("Where", lambda m: m.where, stretch=True),
        Column(
            "Status",
            lambda m: m.status + (f" ({m.status_reason})" if m.status_reason else ""),
            background=lambda m: STATUS_COLOURS.get(m.status),
            tooltip=lambda m: m.status_reason,
        ),
        Column("Items", lambda m: str(m.item_count), sort_key=lambda m: m.item_count,
               align_right=True),
        Column("Papers", lambda m: str(m.paper_count), sort_key=lambda m: m.paper_count,
               align_right=True),
    ]  # fmt: skip


class MeetingListTab(QWidget):
    """Every meeting as a row; double-click or "Open meeting" opens it."""

    #: The user chose a meeting to open.
    meeting_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[Meeting] = RecordTableModel(_meeting_columns())
        self._fitted = False
        self.proxy = RecordFilterProxy(self.model)
        self.view = table_view(self.proxy, "meetings")
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.open_button = QPushButton("Open meeting")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)

    def set_meetings(self, meetings: Sequence[Meeting]) -> None:
        self.model.set_records(meetings)
        if meetings and not self._fitted:  # once: then the widths are the user's
            self._fitted = True
            fit_columns(self.view, widest=170)

    def apply_filter(self, search: str, keep: Callable[[Meeting], bool]) -> None:
        self.proxy.set_search(search)
        self.proxy.set_predicate(keep)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} meetings shown")

    def selected_meeting(self) -> Meeting | None:
        record: Meeting | None = selected_record(self.view)
        return record

    def open_selected(self) -> None:
        m = self.selected_meeting()
        if m is not None:
            self.meeting_requested.emit(m.id)
