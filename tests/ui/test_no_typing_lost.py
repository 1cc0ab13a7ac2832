"""No typing is lost: unsaved minutes are asked about (Save, Discard, Cancel) when the window
closes, on File › Exit, on another page or meeting; a form escaped with text in it asks too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from lscp_desktop.models.meetings.agenda import get_item
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.minutes_cycle import get_minutes
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages.meetings.minutes import MinutesTab
from lscp_desktop.ui.pages.meetings.page import MeetingsPage

Button = QMessageBox.StandardButton
TYPED = " The chair asked for the audit findings by March."


def held_meetings(store: Store) -> list[int]:
    """Held meetings whose minutes are still open to change (approved ones are locked)."""
    return [
        m.id for m in list_meetings(store)
        if m.status == "held" and not get_minutes(store, m.id).locked
    ]  # fmt: skip


def minutes_of(window: MainWindow, meeting_id: int) -> MinutesTab:
    window.open_record("meetings", meeting_id)
    page = window.current_page()
    assert isinstance(page, MeetingsPage)
    detail = page.detail
    detail.tabs.setCurrentWidget(detail.minutes_tab)
    detail.minutes_items.setCurrentRow(1)
    return detail.minutes_tab


def type_minute(qtbot: Any, tab: MinutesTab) -> int:
    tab.minute_text.setFocus()
    tab.minute_text.moveCursor(tab.minute_text.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.minute_text, TYPED)
    assert tab.current_item is not None
    return tab.current_item


def asked(boxes: Any) -> list[str]:
    return [text for kind, title, text in boxes.shown if title == "Unsaved changes"]


def test_closing_the_window_asks_and_save_stores_the_minutes(
    window: MainWindow, qtbot: Any, demo_store: Store, message_boxes: Any
) -> None:
    tab = minutes_of(window, held_meetings(demo_store)[0])
    item_id = type_minute(qtbot, tab)
    message_boxes.answer = Button.Cancel
    window.close()
    assert window.isVisible() and tab.minute_text.toPlainText().endswith(TYPED)
    assert asked(message_boxes)[0].startswith("The minutes of item 2 (")
    message_boxes.answer = Button.Save
    window.close()
    assert not window.isVisible()
    assert get_item(demo_store, item_id).minute_text.endswith(TYPED.strip())


def test_file_exit_asks_too(
    window: MainWindow, qtbot: Any, demo_store: Store, message_boxes: Any
) -> None:
    tab = minutes_of(window, held_meetings(demo_store)[0])
    item_id = type_minute(qtbot, tab)
    before = get_item(demo_store, item_id).minute_text
    message_boxes.answer = Button.Discard
    window.quit_action.trigger()
    assert len(asked(message_boxes)) == 1 and not window.isVisible()
    assert get_item(demo_store, item_id).minute_text == before  # discarded, as asked


def test_another_page_asks_and_cancel_stays(
    window: MainWindow, qtbot: Any, demo_store: Store, message_boxes: Any
) -> None:
    tab = minutes_of(window, held_meetings(demo_store)[0])
    item_id = type_minute(qtbot, tab)
    meetings_row = window.nav.currentRow()
    message_boxes.answer = Button.Cancel
    window.page_actions[3].trigger()  # Ctrl+4: Actions
    assert window.nav.currentRow() == meetings_row
    assert window.stack.currentWidget() is window.page("meetings")
    assert tab.minute_text.toPlainText().endswith(TYPED)
    message_boxes.answer = Button.Discard
    window.page_actions[3].trigger()
    assert window.current_page() is window.page("actions")
    assert not tab.minute_text.toPlainText().endswith(TYPED)  # back to what is saved
    assert not get_item(demo_store, item_id).minute_text.endswith(TYPED.strip())
    assert len(asked(message_boxes)) == 2


def test_another_meeting_asks(
    window: MainWindow, qtbot: Any, demo_store: Store, message_boxes: Any
) -> None:
    first, second = held_meetings(demo_store)[:2]
    tab = minutes_of(window, first)
    item_id = type_minute(qtbot, tab)
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)
    message_boxes.answer = Button.Cancel
    page.open_record(second)
    assert page.detail.meeting is not None and page.detail.meeting.id == first
    message_boxes.answer = Button.Save
    page.open_record(second)
    assert page.detail.meeting is not None and page.detail.meeting.id == second
    assert get_item(demo_store, item_id).minute_text.endswith(TYPED.strip())


def test_escaping_a_form_with_text_in_it_asks(
    qtbot: Any, demo_store: Store, message_boxes: Any
) -> None:
    saved: list[dict[str, Any]] = []
    dialog = RecordDialog(
        None,
        "Progress note",
        [Field("text", "Note", "multiline", optional=False)],
        {},
        lambda v: saved.append(v) or 1,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert dialog.result() == QDialog.DialogCode.Rejected and not message_boxes.shown
    dialog.show()
    dialog.widgets["text"].setFocus()
    qtbot.keyClicks(dialog.widgets["text"], "Chased by email")
    message_boxes.answer = Button.Cancel
    qtbot.keyClick(dialog.widgets["text"], Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked(message_boxes)
    message_boxes.answer = Button.Save
    qtbot.keyClick(dialog.widgets["text"], Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved == [{"text": "Chased by email"}]


def test_a_person_picker_left_blank_is_refused_not_guessed(qtbot: Any, demo_store: Store) -> None:
    from lscp_desktop.models.membership.memberships import save_membership

    people = [(p.name, p.id) for p in list_people(demo_store, active_only=True)]
    dialog = RecordDialog(
        None,
        "New membership",
        [
            Field("person_id", "Person", "ref", options=lambda: people, optional=False),
            Field("body_id", "Body", "ref", options=lambda: [("Executive", 1)], optional=False),
        ],
        {"body_id": 1},
        lambda v: save_membership(demo_store, {**v, "role": "member"}),
    )
    qtbot.addWidget(dialog)
    assert dialog.widgets["person_id"].currentText() == ""  # type: ignore[attr-defined]
    dialog.on_save_clicked()
    assert dialog.error.text() == "Choose the person."
    assert dialog.result() != QDialog.DialogCode.Accepted
