"""The cover sheet form opened from a meeting's agenda, driven through its widgets."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from lscp_desktop.models.meetings import coversheets
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.meetings.page import MeetingsPage


def fill_and_save(monkeypatch: pytest.MonkeyPatch, answers: dict[str, Any]) -> list[str]:
    """RecordDialog.ask builds the real form, types *answers*, presses Save; errors kept."""
    seen: list[str] = []

    def ask(
        cls: Any, parent: Any, title: str, fields: Any, values: Any, save: Any, **options: Any
    ) -> Any:
        dialog = RecordDialog(parent, title, fields, values, save, **options)
        seen.append(title)
        for key, value in answers.items():
            widget = dialog.widgets[key]
            if hasattr(widget, "findData"):
                widget.setCurrentIndex(widget.findData(value))
            elif hasattr(widget, "setPlainText"):
                widget.setPlainText(value)
            else:
                widget.setText(value)
        dialog.on_save_clicked()
        if not dialog.error.isHidden():
            seen.append("error: " + dialog.error.text())
            return None
        return dialog.result_value

    monkeypatch.setattr(RecordDialog, "ask", classmethod(ask))
    return seen


def open_detail(qtbot: Any, make_ctx: Any, store: Store) -> tuple[Any, Meeting]:
    page = MeetingsPage(make_ctx(store))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.refresh()
    meeting = next(m for m in list_meetings(store)
                   if m.item_count and m.status != "cancelled")  # fmt: skip
    page.open_record(meeting.id)
    return page.detail, meeting


def test_cover_sheet_saved_from_the_agenda(
    qtbot: Any, make_ctx: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail, _meeting = open_detail(qtbot, make_ctx, demo_store)
    detail.agenda.selectRow(2)
    item = detail.selected_item()
    seen = fill_and_save(monkeypatch, {
        "author": "Jane Smith, Head of Quality Assurance", "summary": "What the audit found.",
        "voice_of_child": "Young people said…", "standard_report": "risk-summary",
    })  # fmt: skip
    qtbot.mouseClick(detail.cover_button, Qt.MouseButton.LeftButton)
    assert seen == [f"Cover sheet: item {item.position}, {item.title}"]
    sheet = coversheets.get_cover_sheet(demo_store, item.id)
    assert sheet.author == "Jane Smith, Head of Quality Assurance"
    assert sheet.standard_report == "risk-summary" and sheet.voice_of_child


def test_too_long_a_summary_is_explained_and_nothing_saved(
    qtbot: Any, make_ctx: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail, _meeting = open_detail(qtbot, make_ctx, demo_store)
    detail.agenda.selectRow(0)
    item = detail.selected_item()
    before = coversheets.get_cover_sheet(demo_store, item.id)
    seen = fill_and_save(monkeypatch, {"summary": "x" * 20_001})
    qtbot.mouseClick(detail.cover_button, Qt.MouseButton.LeftButton)
    assert seen[-1].startswith("error: Summary is 20,001 characters")
    assert coversheets.get_cover_sheet(demo_store, item.id) == before
