"""The record form's layout: a refusal is said below the fields, never over them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.ui.forms import Field, RecordDialog, ScrollingRecordDialog


def rect_in(dialog: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def refuse(_values: dict[str, Any]) -> None:
    raise ValidationError(
        "The end date (01/01/2026) is before the start date (05/12/2026). Put the dates in "
        "order, or leave the end blank if the membership is continuing; a long message wraps "
        "onto several lines and the form makes room for it.",
        "end_date",
    )


def test_an_error_never_overlaps_the_fields(qtbot: Any) -> None:
    for cls in (RecordDialog, ScrollingRecordDialog):
        fields = [
            Field("name", "Name", optional=False),
            Field("notes", "Notes", "multiline"),
            Field("start_date", "From", "date"),
            Field("end_date", "To", "date", placeholder="dd/mm/yyyy, blank if continuing"),
        ]
        dialog = cls(None, "New membership", fields, {"start_date": "2026-12-05"}, refuse)
        qtbot.addWidget(dialog)
        dialog.resize(480, dialog.minimumSizeHint().height())
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.on_save_clicked()
        qtbot.wait(10)
        assert dialog.error.isVisible()
        error = rect_in(dialog, dialog.error)
        for key, widget in dialog.widgets.items():
            assert not error.intersects(rect_in(dialog, widget)), (cls.__name__, key)
        assert error.height() >= 2 * dialog.error.fontMetrics().height()  # wrapped, not cut
        assert dialog.focusWidget() is dialog.widgets["end_date"].focusProxy()


def test_single_line_fields_take_the_stores_length_limits(qtbot: Any) -> None:
    """With its table, a form takes no more than the store will: by the field's key, or by the
    column it is saved to when that has another name (a guest's "name" is guest_name)."""
    from PySide6.QtWidgets import QLineEdit

    from lscp_desktop.models.core.text_policy import max_length

    dialog = RecordDialog(
        None,
        "Add a guest",
        [
            Field("name", "Name", column="guest_name"),
            Field("organisation", "Organisation", column="guest_organisation"),
            Field("notes", "Notes"),
        ],
        {},
        refuse,
        table="attendance",
    )
    qtbot.addWidget(dialog)
    for key, column in (("name", "guest_name"), ("organisation", "guest_organisation")):
        edit = dialog.widgets[key]
        assert isinstance(edit, QLineEdit)
        assert edit.maxLength() == max_length("attendance", column) == 200
    notes = dialog.widgets["notes"]
    assert isinstance(notes, QLineEdit) and notes.maxLength() == 100_000
