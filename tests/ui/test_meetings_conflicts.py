"""Two people on one partnership's meetings (issue 22): each meetings form that changes a record
saves over the version it was opened at only. A colleague changes the record while the form
is open; Save shows the conflict dialog naming their change, and nothing of ours is written.
Keeping theirs shows their version in the form and on the page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers.dialogs import fill_dialog, set_text
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings import coversheets
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.cadence import clock, minutes_of
from lscp_desktop.models.meetings.chair_rotation import get_rotation, save_rotation
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.minutes_cycle import get_minutes
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.ui.conflict import ConflictDialog
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.meetings import forms as meeting_forms
from lscp_desktop.ui.pages.meetings.page import MeetingsPage
from lscp_desktop.ui.pickers import Picker


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> MeetingsPage:
    p = MeetingsPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.refresh()
    return p


def click(button: QWidget) -> None:
    assert isinstance(button, QPushButton) and button.isEnabled(), button
    button.click()


# ---- where each form is opened from (demo data: the Executive is body 1) ---------------------


def next_meeting(store: Store) -> int:
    """The Executive's next meeting: confirmed, with an agenda, cover sheets and papers."""
    return next(m.id for m in list_meetings(store, body_id=1) if m.status == "confirmed")


def last_held(store: Store) -> int:
    """The Executive's last meeting held: its minutes sent to the chair, not yet approved."""
    return [m.id for m in list_meetings(store, body_id=1) if m.status == "held"][-1]


def meeting_button(name: str) -> Callable[[MeetingsPage, Store], tuple[int, Callable[[], None]]]:
    def opener(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
        mid = next_meeting(store)
        page.open_record(mid)
        return mid, lambda: click(getattr(page.detail, name))

    return opener


def agenda_item(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
    page.open_record(next_meeting(store))
    page.detail.agenda.selectRow(1)
    item = page.detail.selected_item()
    assert item is not None
    return item.id, lambda: click(page.detail.agenda_tab.edit_button)


def paper(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
    mid = next(m.id for m in list_meetings(store, body_id=1) if m.paper_count)
    page.open_record(mid)
    tab = page.detail.papers_tab
    tab.view.selectRow(0)
    chosen = tab.selected_paper()
    assert chosen is not None
    return chosen.id, lambda: click(tab.edit_button)


def deputy(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
    """A member of the last meeting held whose organisation has someone else to send."""
    mid = last_held(store)
    people = list_people(store, active_only=True)
    attendees = at.list_attendance(store, mid)

    def has_colleague(a: at.Attendee) -> bool:
        return any(p.organisation_id == a.organisation_id and p.id != a.person_id for p in people)

    member = next(a for a in attendees if not a.guest and has_colleague(a))
    page.open_record(mid)
    detail = page.detail
    detail.attendance.selectRow(attendees.index(member))
    assert [a.id for a in detail.attendance_tab.selected_attendees()] == [member.id]
    return member.id, lambda: click(detail.deputy_button)


def cover_sheet(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
    mid = next_meeting(store)
    sheets = coversheets.cover_sheets_for_meeting(store, mid)
    page.open_record(mid)
    items = page.detail.agenda_model.records()
    row = next(n for n, item in enumerate(items) if item.id in sheets)
    page.detail.agenda.selectRow(row)
    sheet_id = sheets[items[row].id].id
    assert sheet_id is not None
    return sheet_id, lambda: click(page.detail.cover_button)


def cadence(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
    cadence_id = store.query("SELECT id FROM meeting_cadences WHERE body_id = 1")[0]["id"]
    return int(cadence_id), lambda: page.ctx.status(meeting_forms.edit_cadence(page, store, 1))


def rotation(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
    partners = [o.id for o in list_organisations(store, active_only=True)][:3]
    save_rotation(store, 1, every_months=12, start_date="2025-04-01",
                  turns=[(o, None) for o in partners])  # fmt: skip
    current = get_rotation(store, 1)
    assert current is not None and current.id is not None
    body = page.body_filter.findData(1)
    page.body_filter.setCurrentIndex(body)
    return current.id, page.on_rotation_clicked


def minutes(page: MeetingsPage, store: Store) -> tuple[int, Callable[[], None]]:
    mid = last_held(store)
    record = get_minutes(store, mid)
    assert record.id is not None and record.status == "sent"
    page.open_record(mid)
    return record.id, lambda: click(page.detail.minutes_tab.cycle.send_button)


def rotation_partners_swapped(other: Store, rotation_id: int) -> None:
    """The colleague puts the partners in another order (the rotation's own row unchanged)."""
    current = get_rotation(other, 1)
    assert current is not None and current.id == rotation_id
    turns = [(t.organisation_id, None) for t in reversed(current.turns)]
    save_rotation(other, 1, every_months=current.every_months, start_date=current.start_date,
                  turns=turns)  # fmt: skip


@dataclass
class Case:
    """One form: where it opens, the colleague's change, ours, and what the dialog says."""

    name: str
    table: str
    open: Callable[[MeetingsPage, Store], tuple[int, Callable[[], None]]]
    #: The colleague's change: (column, value), or a function of their store and the id.
    theirs: tuple[str, Any] | Callable[[Store, int], None]
    mine: dict[str, str]
    #: What the dialog's list of changes says of theirs ("" for a change not to a column).
    said: str
    summary: str = "was changed by "
    other_rows: list[str] = field(default_factory=list)


CASES = [
    Case("meeting", "meetings", meeting_button("edit_button"), ("venue", "Room 4, their choice"),
         {"notes": "My notes"}, "Venue: theirs ‘Room 4, their choice’, yours",
         summary="The meeting of "),
    Case("reschedule", "meetings", meeting_button("reschedule_button"),
         ("venue", "Room 4, their choice"),
         {"date": "13/01/2027", "start_time": "14:00", "reason": "Room clash"},
         "Venue: theirs ‘Room 4, their choice’ (you did not change it)",
         summary="The meeting of ", other_rows=["meeting_changes"]),
    Case("cancel", "meetings", meeting_button("cancel_button"), ("venue", "Room 4, their choice"),
         {"reason": "Not quorate"}, "Venue: theirs ‘Room 4, their choice’ (you did not change it)",
         summary="The meeting of "),
    Case("agenda item", "agenda_items", agenda_item, ("title", "Their wording of the item"),
         {"minutes_allotted": "25"}, "Title: theirs ‘Their wording of the item’, yours",
         summary="The agenda item Their wording of the item was changed by "),
    Case("paper", "papers", paper, ("notes", "Their note on the paper"), {"notes": "My note"},
         "Notes: theirs ‘Their note on the paper’, yours ‘My note’", summary="The paper "),
    Case("deputy", "attendance", deputy, ("status", "apologies"), {},
         "Status: theirs ‘apologies’, yours ‘represented’"),
    Case("cover sheet", "cover_sheets", cover_sheet, ("summary", "Their summary"),
         {"author": "Me, Business Manager"}, "Summary: theirs ‘Their summary’, yours"),
    Case("cadence", "meeting_cadences", cadence, ("venue", "Their venue"),
         {"quorum_min": "3"}, "Venue: theirs ‘Their venue’, yours"),
    Case("chair rotation", "chair_rotations", rotation, ("every_months", 24),
         {"every_months": "6"}, "Every months: theirs 24, yours 6"),
    Case("chair rotation partners", "chair_rotations", rotation, rotation_partners_swapped,
         {"every_months": "6"}, "", summary="The chair rotation of the "),
    Case("minutes sent", "meeting_minutes", minutes, ("unminuted_items", "omit"),
         {"on": "04/12/2026"}, "Unminuted items: theirs ‘omit’ (you did not change it)",
         summary="The meeting minutes of "),
]  # fmt: skip


def answer_conflicts(
    monkeypatch: pytest.MonkeyPatch, button: str, shot: Path | None = None
) -> list[ConflictDialog]:
    """The conflict dialog, shown and answered through its real buttons: keepTheirs,
    overwriteMine, or "back" (Back to the form)."""
    shown: list[ConflictDialog] = []

    def answer(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        dialog.show()
        if shot is not None:
            dialog.grab().save(str(shot))
        if button == "back":
            dialog.reject()
        else:
            dialog.findChild(QPushButton, button).click()
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", answer)
    return shown


def fill_over_a_colleague(
    monkeypatch: pytest.MonkeyPatch, colleague: Store, case: Case, record_id: int
) -> list[RecordDialog]:
    """Each form opened: the colleague changes the record meanwhile, we type ours, Save."""

    def fill(form: RecordDialog) -> None:
        if callable(case.theirs):
            case.theirs(colleague, record_id)
        else:
            colleague.update(case.table, record_id, dict([case.theirs]))
        for key, text in case.mine.items():
            set_text(form, key, text)
        if case.name == "deputy":  # a deputy from the member's organisation
            picker = form.widgets["deputy_id"]
            assert isinstance(picker, Picker) and picker.count() > 0
            picker.set_value(picker.itemData(0))

    return fill_dialog(monkeypatch, fill)


def same_but(row: Row, column: str) -> Row:
    return {k: v for k, v in row.items() if k not in (column, "row_version")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_save_over_a_colleagues_change_is_refused_and_names_it(
    case: Case, page: MeetingsPage, colleague: Store, demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    record_id, press = case.open(page, demo_store)
    before = demo_store.require(case.table, record_id)
    counts = {t: demo_store.count(t) for t in case.other_rows}
    conflicts = answer_conflicts(monkeypatch, "back")
    filled = fill_over_a_colleague(monkeypatch, colleague, case, record_id)
    press()

    assert len(filled) == 1 and len(conflicts) == 1
    summary = conflicts[0].findChild(QLabel, "conflictSummary").text()
    changes = conflicts[0].findChild(QLabel, "conflictChanges").text()
    assert summary.startswith(case.summary) or case.summary == "was changed by ", summary
    assert "was changed by " in summary and "since you opened it" in summary, summary
    assert case.said in changes, changes
    # Nothing of ours was written: the record is the colleague's, one version on.
    after = demo_store.require(case.table, record_id)
    assert after["row_version"] == before["row_version"] + 1
    if not callable(case.theirs):
        column, value = case.theirs
        assert after[column] == value
        assert same_but(after, column) == same_but(before, column)
    assert {t: demo_store.count(t) for t in case.other_rows} == counts
    form = filled[0]
    assert form.result() != QDialog.DialogCode.Accepted  # back to the form, still open
    assert "since you opened it" in form.error.text()


def test_rotation_partners_changed_by_a_colleague_are_kept(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The partners are rows of their own: a colleague's new order is what stays."""
    case = next(c for c in CASES if c.name == "chair rotation partners")
    record_id, press = case.open(page, demo_store)
    answer_conflicts(monkeypatch, "back")
    fill_over_a_colleague(monkeypatch, colleague, case, record_id)
    theirs = get_rotation(colleague, 1)
    press()
    assert theirs is not None
    kept = get_rotation(demo_store, 1)
    assert kept is not None and kept.every_months == 12
    assert [t.organisation_id for t in kept.turns] == [
        t.organisation_id for t in reversed(theirs.turns)
    ]


def test_keep_theirs_shows_their_meeting_in_the_form_and_on_the_page(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    case = CASES[0]
    record_id, press = case.open(page, demo_store)
    colleague_end = {"duration_minutes": 90}
    shot = tmp_path / "meeting-conflict.png"
    conflicts = answer_conflicts(monkeypatch, "keepTheirs", shot)

    def fill(form: RecordDialog) -> None:
        colleague.update("meetings", record_id, {"venue": "Room 4, their choice", **colleague_end})
        set_text(form, "notes", "My notes")

    filled = fill_dialog(monkeypatch, fill)
    press()
    assert shot.exists() and len(conflicts) == 1
    form = filled[0]
    values = form.values()
    assert values["venue"] == "Room 4, their choice" and values["notes"] != "My notes"
    row = demo_store.require("meetings", record_id)
    their_end = clock(minutes_of(row["start_time"]) + 90)
    assert values["end_time"] == their_end  # their length, shown as the form shows it
    assert "Their version is shown" in form.error.text()
    assert row["venue"] == "Room 4, their choice" and row["notes"] != "My notes"
    # The form was closed without saving: the page shows their version all the same.
    assert "Room 4, their choice" in page.detail.subtitle.text()
    assert f"–{their_end}" in page.detail.subtitle.text()


def test_keep_theirs_refreshes_the_agenda(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in CASES if c.name == "agenda item")
    record_id, press = case.open(page, demo_store)
    answer_conflicts(monkeypatch, "keepTheirs")
    fill_over_a_colleague(monkeypatch, colleague, case, record_id)
    press()
    shown = {i.id: i.title for i in page.detail.agenda_model.records()}
    assert shown[record_id] == "Their wording of the item"
    assert {i.id: i.title for i in list_items(demo_store, next_meeting(demo_store))} == shown


def test_overwrite_with_mine_saves_the_paper_over_theirs(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in CASES if c.name == "paper")
    record_id, press = case.open(page, demo_store)
    answer_conflicts(monkeypatch, "overwriteMine")
    filled = fill_over_a_colleague(monkeypatch, colleague, case, record_id)
    press()
    assert filled[0].result() == QDialog.DialogCode.Accepted
    assert demo_store.require("papers", record_id)["notes"] == "My note"
    history = [(e.field, e.new) for e in demo_store.history("papers", record_id)]
    assert ("notes", "Their note on the paper") in history  # theirs is kept in the history


def test_the_noted_choice_over_a_colleagues_change_is_refused_and_theirs_shown(
    page: MeetingsPage, colleague: Store, demo_store: Store, message_boxes: Any
) -> None:
    """No form: the choice is saved as it is made, over the version the bar shows only."""
    mid = last_held(demo_store)
    page.open_record(mid)
    bar = page.detail.minutes_tab.cycle
    record = get_minutes(demo_store, mid)
    assert record.id is not None and record.unminuted_items == "noted"
    colleague.update("meeting_minutes", record.id, {"sent_on": "2026-10-30"})
    bar.unminuted.setCurrentIndex(bar.unminuted.findData("omit"))
    bar.unminuted.activated.emit(bar.unminuted.currentIndex())
    assert get_minutes(demo_store, mid).unminuted_items == "noted"
    warnings = [text for kind, _t, text in message_boxes.shown if kind == "warning"]
    assert warnings and "since you opened it" in warnings[-1]
    assert bar.unminuted.currentData() == "noted"
    assert "30/10/2026" in bar.status.text()  # their date, shown


# ---- the minutes editor: no form, the minute typed is saved over the one shown only ---------


def minutes_tab(page: MeetingsPage, store: Store) -> tuple[Any, int]:
    page.open_record(last_held(store))
    tab = page.detail.minutes_tab
    page.detail.tabs.setCurrentWidget(tab)
    assert tab.current_item is not None and tab.save_button.isEnabled()
    return tab, tab.current_item


def test_a_minute_saved_over_a_colleagues_is_refused_and_names_it(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, item_id = minutes_tab(page, demo_store)
    before = demo_store.require("agenda_items", item_id)
    conflicts = answer_conflicts(monkeypatch, "back")
    colleague.update("agenda_items", item_id, {"minute_text": "Their minute of the item"})
    tab.minute_text.setPlainText("My minute of the item")
    click(tab.save_button)
    assert len(conflicts) == 1
    changes = conflicts[0].findChild(QLabel, "conflictChanges").text()
    assert "Minute text: theirs ‘Their minute of the item’, yours ‘My minute of the item’" in (
        changes
    )
    after = demo_store.require("agenda_items", item_id)
    assert after["minute_text"] == "Their minute of the item"
    assert after["row_version"] == before["row_version"] + 1
    assert tab.minute_text.toPlainText() == "My minute of the item"  # back to it, still typed
    assert tab.unsaved_changes()


def test_a_colleagues_minute_is_not_saved_over_by_moving_on_untouched(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving to another item saves the minute typed: nothing typed, nothing saved over."""
    tab, item_id = minutes_tab(page, demo_store)
    conflicts = answer_conflicts(monkeypatch, "back")
    colleague.update("agenda_items", item_id, {"minute_text": "Their minute of the item"})
    assert not tab.unsaved_changes()
    tab.items.setCurrentRow(1)
    assert conflicts == []
    assert demo_store.require("agenda_items", item_id)["minute_text"] == (
        "Their minute of the item"
    )


def test_a_minute_is_saved_when_a_colleague_changed_only_the_items_title(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, item_id = minutes_tab(page, demo_store)
    conflicts = answer_conflicts(monkeypatch, "back")
    colleague.update("agenda_items", item_id, {"title": "Their title for the item"})
    tab.minute_text.setPlainText("My minute of the item")
    click(tab.save_button)
    assert conflicts == []
    row = demo_store.require("agenda_items", item_id)
    assert (row["title"], row["minute_text"]) == (
        "Their title for the item",
        "My minute of the item",
    )
    assert not tab.unsaved_changes()


def test_keep_theirs_shows_their_minute(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, item_id = minutes_tab(page, demo_store)
    answer_conflicts(monkeypatch, "keepTheirs")
    colleague.update("agenda_items", item_id, {"decisions": "Their decision"})
    tab.decisions_text.setPlainText("My decision")
    click(tab.save_button)
    assert tab.decisions_text.toPlainText() == "Their decision"
    assert demo_store.require("agenda_items", item_id)["decisions"] == "Their decision"
    assert not tab.unsaved_changes()


# ---- cover sheets written or emptied meanwhile, attendance marked ------------------------------


def test_a_cover_sheet_a_colleague_wrote_meanwhile_is_not_written_over(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    mid = next_meeting(demo_store)
    sheets = coversheets.cover_sheets_for_meeting(demo_store, mid)
    page.open_record(mid)
    items = page.detail.agenda_model.records()
    row = next(n for n, item in enumerate(items) if item.id not in sheets)
    page.detail.agenda.selectRow(row)
    item_id = items[row].id

    def fill(form: RecordDialog) -> None:
        coversheets.save_cover_sheet(colleague, item_id, {"summary": "Their summary"})
        set_text(form, "summary", "My summary")

    filled = fill_dialog(monkeypatch, fill)
    click(page.detail.cover_button)
    assert "A colleague wrote this item's cover sheet" in filled[0].error.text()
    assert coversheets.get_cover_sheet(demo_store, item_id).summary == "Their summary"


def test_emptying_a_cover_sheet_a_colleague_changed_is_refused(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An emptied sheet is removed: not one a colleague wrote in since it was opened."""
    sheet_id, press = cover_sheet(page, demo_store)
    conflicts = answer_conflicts(monkeypatch, "back")

    def fill(form: RecordDialog) -> None:
        colleague.update("cover_sheets", sheet_id, {"summary": "Their summary"})
        for key in coversheets.TEXT_FIELDS:
            set_text(form, key, "")
        report = form.widgets["standard_report"]
        assert isinstance(report, Picker)
        report.set_value("")  # decide from the title: nothing left, so the sheet is removed

    fill_dialog(monkeypatch, fill)
    press()
    assert len(conflicts) == 1
    assert demo_store.require("cover_sheets", sheet_id)["summary"] == "Their summary"


def test_marking_attendance_over_a_colleagues_mark_is_refused_and_shows_theirs(
    page: MeetingsPage, colleague: Store, demo_store: Store, message_boxes: Any
) -> None:
    member_id, _press = deputy(page, demo_store)
    colleague.update("attendance", member_id, {"status": "apologies"})
    click(page.detail.present_button)
    assert demo_store.require("attendance", member_id)["status"] == "apologies"
    warnings = [text for kind, _t, text in message_boxes.shown if kind == "warning"]
    assert warnings and "Status: theirs ‘apologies’, yours ‘present’" in warnings[-1]
    shown = {a.id: a.status for a in page.detail.attendance_model.records()}
    assert shown[member_id] == "apologies"


def test_keep_theirs_shows_their_cadence_and_rotation_as_the_forms_do(
    page: MeetingsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forms whose values are made from the record (a month by name, partners in slots)."""
    from lscp_desktop.models.meetings.cadence import MONTHS

    said: list[str] = []
    page.ctx.status = said.append
    cadence_id, press_cadence = cadence(page, demo_store)
    rotation_id, press_rotation = rotation(page, demo_store)
    answer_conflicts(monkeypatch, "keepTheirs")

    def cadence_fill(form: RecordDialog) -> None:
        colleague.update("meeting_cadences", cadence_id, {"anchor_month": 5})
        set_text(form, "quorum_min", "3")

    def rotation_fill(form: RecordDialog) -> None:
        rotation_partners_swapped(colleague, rotation_id)
        set_text(form, "every_months", "6")

    filled = fill_dialog(monkeypatch, cadence_fill, rotation_fill)
    press_cadence()
    press_rotation()
    assert filled[0].values()["anchor_month"] == MONTHS[4]
    assert filled[0].values()["quorum_min"] != "3"
    theirs = get_rotation(demo_store, 1)
    assert theirs is not None
    shown = filled[1].values()
    assert shown["every_months"] == "12"
    assert [shown[f"partner_{n}"] for n in range(1, 4)] == [t.organisation_id for t in theirs.turns]
    assert said[-2:] == [
        "A colleague's cadence was kept; nothing of yours was saved.",
        "A colleague's chair rotation was kept; nothing of yours was saved.",
    ]
