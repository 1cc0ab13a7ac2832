"""Pieces the meetings screens share: tables, button rows, the base of a meeting's tabs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.table import RecordTableModel, make_table_view


def table_view(model: Any, name: str) -> QTableView:
    """A table of whole rows, several of which can be selected."""
    return make_table_view(
        model, name=name, selection=QAbstractItemView.SelectionMode.ExtendedSelection
    )


def fill(view: QTableView, model: RecordTableModel[Any], records: Sequence[Any]) -> None:
    """Show *records* in a table and size its columns to them (the long text one stretching)."""
    model.set_records(records)
    fit_columns(view)


def selected_rows(view: QTableView) -> list[int]:
    selection = view.selectionModel()
    return sorted(i.row() for i in selection.selectedRows()) if selection else []


def done(fn: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
    """Call a model function that returns nothing, and say it succeeded."""
    fn(*args, **kwargs)
    return True


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """The buttons side by side on the left of a row."""
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class MeetingTab(QWidget):
    """One tab of a meeting's detail: it shows the meeting it is given and says when it saved."""

    #: Something about the meeting was saved (the list of meetings should refresh).
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None

    @property
    def meeting_id(self) -> int:
        assert self.meeting is not None
        return self.meeting.id

    def try_(self, title: str, action: Callable[[], Any]) -> Any:
        """Run a model call; a broken rule is shown as a message and nothing changes."""
        try:
            return action()
        except LscpError as exc:
            QMessageBox.warning(self, title, str(exc))
            return None
