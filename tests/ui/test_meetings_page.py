"""The meetings page driven through its widgets: schedule generator, agenda, attendance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from helpers.dialogs import answer_dialogs
from helpers.meetings import Partnership, make_partnership
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings.agenda import build_draft_agenda, list_items
from lscp_desktop.models.meetings.forward_plan import list_forward_plan
from lscp_desktop.models.meetings.meetings import list_meetings, save_meeting, set_meeting_status
from lscp_desktop.models.meetings.minutes_cycle import get_minutes
from lscp_desktop.models.meetings.schedule import generate_schedule
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.meetings.forms import ScheduleDialog
from lscp_desktop.ui.pages.meetings.page import MeetingsPage


@pytest.fixture
def partnership(store: Store) -> Partnership:
    return make_partnership(store)


@pytest.fixture
def page(qtbot: Any, make_ctx: Any, store: Store, partnership: Partnership) -> Iterator[Any]:
    widget = MeetingsPage(make_ctx(store))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.refresh()
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def test_schedule_generator_shows_moves_and_creates_once(
    qtbot: Any, qtmodeltester: Any, store: Store, partnership: Partnership
) -> None:
    dialog = ScheduleDialog(None, store, partnership.body)
    qtbot.addWidget(dialog)
    dialog.year.setCurrentIndex(dialog.year.findData("2026/27"))
    qtmodeltester.check(dialog.model)
    notes = [dialog.model.data(dialog.model.index(r, 2)) for r in range(dialog.model.rowCount())]
    assert dialog.model.rowCount() == 4
    assert any("Easter Monday" in n for n in notes)
    assert "1 moved off a weekend or bank holiday" in dialog.message.text()
    assert dialog.create_button.text() == "Create 4 meetings"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert store.count("meetings") == 4
    assert not dialog.create_button.isEnabled()
    notes = [dialog.model.data(dialog.model.index(r, 2)) for r in range(dialog.model.rowCount())]
    assert all("Already in the schedule" in n for n in notes)
    assert dialog.created and len(dialog.created) == 4


def test_schedule_generator_explains_a_cadence_without_dates(
    qtbot: Any, store: Store, partnership: Partnership
) -> None:
    from lscp_desktop.models.meetings import cadence as cd

    cd.save_cadence(store, vars(cd.get_cadence(store, partnership.body)) | {"frequency": "ad hoc"})
    dialog = ScheduleDialog(None, store, partnership.body)
    qtbot.addWidget(dialog)
    assert "ad hoc" in dialog.message.text() and not dialog.create_button.isEnabled()
    assert dialog.buttons.standardButton(dialog.buttons.buttons()[0]) in (
        QDialogButtonBox.StandardButton.Close,
        QDialogButtonBox.StandardButton.NoButton,
    )


def test_year_plan_and_filters(qtbot: Any, qtmodeltester: Any, page: Any, store: Store,
                               partnership: Partnership) -> None:  # fmt: skip

    generate_schedule(store, partnership.body, "2026/27")
    page.refresh()
    page.year_filter.setCurrentIndex(page.year_filter.findData("2026/27"))
    qtmodeltester.check(page.plan_model)
    qtmodeltester.check(page.list_model)
    assert page.plan_model.rowCount() == 1
    april = page.plan_model.index(0, 1)
    assert page.plan_model.data(april) == "7"  # Easter Monday moved to Tuesday 7th
    page.tabs.setCurrentIndex(1)  # the list is filled when first shown
    assert page.proxy.rowCount() == 4
    assert page.count_label.text() == "4 of 4 meetings shown"
    page.status_filter.setCurrentIndex(page.status_filter.findData("cancelled"))
    assert page.proxy.rowCount() == 0 and page.plan_model.rowCount() == 0
    page.status_filter.setCurrentIndex(0)
    page.plan.doubleClicked.emit(april)
    assert page.stack.currentWidget() is page.detail
    assert "07/04/2026" in page.detail.title.text()


def test_agenda_editing_drag_and_keyboard(
    qtbot: Any, qtmodeltester: Any, page: Any, store: Store, partnership: Partnership,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    mid = save_meeting(store, {"body_id": partnership.body, "date": "2026-06-01",
                               "start_time": "10:00", "end_time": "11:00"})  # fmt: skip
    page.refresh()
    page.open_record(mid)
    detail = page.detail
    qtbot.mouseClick(detail.standing_button, Qt.MouseButton.LeftButton)
    model = detail.agenda_model
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert model.record(0).starts == "10:00" and model.record(1).starts == "10:05"
    titles = answer_dialogs(
        monkeypatch,
        {"title": "Budget 2026/27", "purpose": "decision", "minutes_allotted": "30"},
        {"title": "Way too long", "minutes_allotted": "90"},
    )
    qtbot.mouseClick(detail.add_item_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 7
    assert "too long" in detail.agenda_timing.text()  # 45 + 5 + 30 = 80 minutes in an hour
    qtbot.mouseClick(detail.add_item_button, Qt.MouseButton.LeftButton)
    assert "longer than the whole meeting" in titles[-1] and model.rowCount() == 7

    # The new item went in before "Any other business" and is selected; Ctrl+Up moves it
    # above "Risk register".
    assert [i.title for i in model.records()][4:] == [
        "Risk register",
        "Budget 2026/27",
        "Any other business",
    ]
    assert detail.selected_item().title == "Budget 2026/27"
    detail.agenda.setFocus()
    qtbot.keyClick(detail.agenda, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    order = [i.title for i in list_items(store, mid)]
    assert order[4:] == ["Budget 2026/27", "Risk register", "Any other business"]
    assert model.record(4).title == "Budget 2026/27"
    assert detail.selected_item().title == "Budget 2026/27"

    # Dragging "Any other business" to the top (what the view does on a drop).
    data = model.mimeData([model.index(6, 0)])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert list_items(store, mid)[0].title == "Any other business"
    assert model.record(0).title == "Any other business" and model.record(0).starts == "10:00"
    assert [i.position for i in list_items(store, mid)] == list(range(1, 8))


def open_register(qtbot: Any, page: Any, store: Store, p: Partnership) -> tuple[int, Any]:
    """A new meeting opened on its attendance tab, its register filled with the members."""
    mid = save_meeting(store, {"body_id": p.body, "date": "2026-06-01"})
    page.refresh()
    page.open_record(mid)
    detail = page.detail
    detail.tabs.setCurrentIndex(2)
    qtbot.mouseClick(detail.register_button, Qt.MouseButton.LeftButton)
    return mid, detail


def test_attendance_entry_updates_the_quorum_live(
    qtbot: Any, qtmodeltester: Any, page: Any, store: Store, partnership: Partnership,
    monkeypatch: pytest.MonkeyPatch, message_boxes: Any,
) -> None:  # fmt: skip
    mid, detail = open_register(qtbot, page, store, partnership)
    model = detail.attendance_model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    # A new register records nothing yet: no false absences.
    assert {a.status for a in model.records()} == {"not recorded"}
    assert detail.quorum_label.text().startswith("No attendance recorded yet: 4 on the register")

    def select(*names: str) -> None:
        detail.attendance.clearSelection()
        for row in range(model.rowCount()):
            if model.record(row).name in names:
                detail.attendance.selectionModel().select(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    select("Cara Chair", "Dan Director", "Nina Nurse")
    qtbot.mouseClick(detail.present_button, Qt.MouseButton.LeftButton)
    assert "no one from Northshire Police" in detail.quorum_label.text()

    # A deputy from the council cannot stand in for the police member.
    select("Pat Police")
    titles = answer_dialogs(monkeypatch, {"deputy_id": partnership.police_colleague})
    qtbot.mouseClick(detail.deputy_button, Qt.MouseButton.LeftButton)
    assert titles == ["Who represented Pat Police?"]
    assert detail.quorum_label.text().startswith("Quorate: 4 present of 3 needed")
    police = next(a for a in model.records() if a.name == "Pat Police")
    assert (police.status, police.deputy) == ("represented", "Paul Constable")
    with pytest.raises(Exception, match="own organisation"):
        at.set_attendance(store, police.id, "represented", deputy_id=partnership.council_deputy)

    select("Nina Nurse")
    qtbot.mouseClick(detail.apologies_button, Qt.MouseButton.LeftButton)
    assert "no one from North ICB" in detail.quorum_label.text()
    assert at.quorum(store, mid).present == 3


def test_a_one_off_attendee_from_the_directory_counts_towards_the_quorum(
    qtbot: Any, qtmodeltester: Any, page: Any, store: Store, partnership: Partnership,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    mid, detail = open_register(qtbot, page, store, partnership)
    titles = answer_dialogs(monkeypatch, {"person_id": partnership.council_deputy})
    fill_in = RecordDialog.ask
    offered: list[Any] = []

    def ask(cls: Any, parent: Any, title: str, fields: Any, values: Any, save: Any) -> Any:
        offered.extend(person_id for _, person_id in fields[0].options())
        return fill_in(parent, title, fields, values, save)

    monkeypatch.setattr(RecordDialog, "ask", classmethod(ask))
    qtbot.mouseClick(detail.attendance_tab.attendee_button, Qt.MouseButton.LeftButton)
    assert titles == ["Add an attendee"]
    # Anyone in the directory not yet on the register is offered; the members are not.
    assert partnership.council_deputy in offered and partnership.chair not in offered
    model = detail.attendance_model
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    added = next(a for a in model.records() if a.name == "Dee Deputy")
    assert (added.role, added.status, added.guest) == ("co-opted", "present", 0)
    assert detail.quorum_label.text().startswith("Not quorate: 1 present of 3 needed")
    with pytest.raises(ValidationError, match="already on this meeting's register"):
        at.add_attendee(store, mid, partnership.council_deputy)


def test_cancelled_meeting_shows_no_attendance_controls(
    qtbot: Any, page: Any, store: Store, partnership: Partnership
) -> None:
    mid = save_meeting(store, {"body_id": partnership.body, "date": "2026-06-01"})
    set_meeting_status(store, mid, "cancelled", "Inspection")
    page.refresh()
    page.open_record(mid)
    assert not page.detail.present_button.isEnabled()
    assert "cancelled" in page.detail.quorum_label.text()
    assert page.detail.cancel_button.text() == "Reinstate…"


def test_papers_due_decisions_and_statistics_tabs(
    qtbot: Any, qtmodeltester: Any, make_ctx: Any, demo_store: Store
) -> None:
    page = MeetingsPage(make_ctx(demo_store))
    qtbot.addWidget(page)
    page.refresh()
    page.tabs.setCurrentIndex(3)
    qtmodeltester.check(page.decisions_model)
    total = page.decisions_proxy.rowCount()
    assert total > 20
    qtbot.keyClicks(page.decisions_search, "accurate record")
    assert 0 < page.decisions_proxy.rowCount() < total
    page.tabs.setCurrentIndex(4)
    qtmodeltester.check(page.org_stats_model)
    qtmodeltester.check(page.person_stats_model)
    page.stats_from.setDate(page.stats_from.date().addYears(-3))
    assert page.org_stats_model.rowCount() > 5
    everyone = page.org_stats_proxy.rowCount()
    page.threshold.setValue(70)
    page.only_low.setChecked(True)
    low = page.org_stats_proxy.rowCount()
    assert 0 < low < everyone
    assert all(page.org_stats_proxy.record_at(r).rate_percent < 70 for r in range(low))
    page.tabs.setCurrentIndex(2)
    qtmodeltester.check(page.due_model)


def test_reports_page_exports_the_calendar_for_all_bodies(
    qtbot: Any, make_ctx: Any, demo_store: Store, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icalendar

    from lscp_desktop.ui.pages.reports.page import ReportsPage

    page = ReportsPage(make_ctx(demo_store))
    qtbot.addWidget(page)
    row = next(i for i, k in enumerate(page.kinds) if k.key == "calendar")
    page.list.setCurrentRow(row)
    page.refresh()
    line = page.choice.lineEdit()
    assert line is not None and line.placeholderText() == "All bodies"
    assert page.choice.value() is None  # blank: every body
    target = tmp_path / "meetings.ics"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: target))
    page.export_current()
    events = icalendar.Calendar.from_ical(target.read_bytes()).events
    assert len(events) == demo_store.count("meetings")


def test_raising_an_action_from_an_item_in_the_minutes(
    qtbot: Any, make_ctx: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Minutes → action log: the new action is in the body's log, linked to the agenda item."""
    from PySide6.QtWidgets import QDialog, QLineEdit

    from lscp_desktop.models.actions.listing import list_actions
    from lscp_desktop.ui.forms import RecordDialog

    held = [m for m in list_meetings(demo_store) if m.status == "held"]
    page = MeetingsPage(make_ctx(demo_store))
    qtbot.addWidget(page)
    page.refresh()
    approved = next(m for m in held if get_minutes(demo_store, m.id).locked)
    page.open_record(approved.id)
    page.detail.minutes_items.setCurrentRow(1)
    assert not page.detail.raise_action_button.isEnabled()  # approved minutes: none added
    meeting = next(m for m in held if not get_minutes(demo_store, m.id).locked)
    page.open_record(meeting.id)
    detail = page.detail
    detail.minutes_items.setCurrentRow(1)
    assert detail.raise_action_button.isEnabled()
    item_id = detail._minutes_item
    assert item_id is not None
    before = list_actions(demo_store, agenda_item_id=item_id)
    assert detail.item_actions_model.rowCount() == len(before)

    def exec_(self: RecordDialog) -> int:
        title = self.widgets["title"]
        assert isinstance(title, QLineEdit)
        title.setText("Circulate the revised escalation protocol")
        self.on_save_clicked()
        return QDialog.DialogCode.Accepted if self.result() == QDialog.DialogCode.Accepted else 0

    monkeypatch.setattr(RecordDialog, "exec", exec_)
    qtbot.mouseClick(detail.raise_action_button, Qt.MouseButton.LeftButton)
    after = list_actions(demo_store, agenda_item_id=item_id)
    assert len(after) == len(before) + 1
    new = next(a for a in after if a.title == "Circulate the revised escalation protocol")
    assert new.body_id == meeting.body_id and new.source == "meeting"
    assert new.raised_date == meeting.date and new.reference.startswith(meeting.body_code + "-")
    assert detail.item_actions_model.rowCount() == len(after)


def test_forward_plan_register_puts_a_report_on_the_right_agenda(
    qtbot: Any, page: Any, store: Store, partnership: Partnership,
    monkeypatch: pytest.MonkeyPatch, qtmodeltester: Any,
) -> None:  # fmt: skip
    from lscp_desktop.ui.pages.meetings.forward_plan import ForwardPlanDialog

    june = save_meeting(store, {"body_id": partnership.body, "date": "2026-06-10"})
    october = save_meeting(store, {"body_id": partnership.body, "date": "2026-10-14"})
    dialog = ForwardPlanDialog(page, page.ctx, partnership.body)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.view.model)
    titles = answer_dialogs(
        monkeypatch,
        {"title": "Safeguarding assurance report", "every_months": "0", "first_due": "01/09/2026"},
        {"title": "Safeguarding assurance report", "every_months": "6", "first_due": "01/09/2026"},
    )
    qtbot.mouseClick(dialog.view.new_button, Qt.MouseButton.LeftButton)
    assert titles[-1].startswith("error: ") and "1 to 24 months" in titles[-1]
    assert dialog.view.model.rowCount() == 0  # nothing half-saved
    qtbot.mouseClick(dialog.view.new_button, Qt.MouseButton.LeftButton)
    assert dialog.view.model.rowCount() == 1
    assert dialog.view.model.record(0).cycle == "every 6 months"

    build_draft_agenda(store, june)
    build_draft_agenda(store, october)
    assert "Safeguarding assurance report" not in [i.title for i in list_items(store, june)]
    proposed = [i for i in list_items(store, october) if i.forward_plan_id]
    assert [i.title for i in proposed] == ["Safeguarding assurance report"]

    # Once it has been on an agenda it cannot be deleted, only deactivated.
    dialog.view.select_id(dialog.view.model.record(0).id)
    dialog.view.delete_selected()
    assert list_forward_plan(store)[0].active == 0
