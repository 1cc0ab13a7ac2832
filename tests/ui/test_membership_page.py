"""Membership pages driven through the real widgets: add, filter, edit, undo, delete."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.dialogs import choose, fill_dialog, set_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.membership.organisations import (
    find_organisation,
    get_organisation,
    save_organisation,
)
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.people import find_person, get_person, list_people, save_person
from lscp_desktop.models.membership.roles import list_roles
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.membership.page import MembershipPage
from lscp_desktop.ui.register_view import HistoryDialog


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> MembershipPage:
    p = MembershipPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    p.refresh()
    return p


def test_table_models_pass_the_model_tester(page: MembershipPage, qtmodeltester: Any) -> None:
    for view in page.views():
        view.refresh()
        assert view.model.rowCount() > 0
        qtmodeltester.check(view.model)
        qtmodeltester.check(view.proxy)


def test_add_a_person_filter_edit_and_undo(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    page.tabs.setCurrentWidget(page.people)
    people = page.people
    before = people.model.rowCount()

    def fill_new(d: RecordDialog) -> None:
        set_text(d, "name", "Zara Quinton")
        set_text(d, "job_title", "Designated Safeguarding Lead")
        choose(d, "organisation_id", "Northshire Police")
        set_text(d, "email", "zara.quinton@police.example.org.uk")

    fill_dialog(monkeypatch, fill_new)
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    assert people.model.rowCount() == before + 1
    added = find_person(demo_store, "Zara Quinton")
    assert added is not None and added.organisation == "Northshire Police"

    qtbot.keyClicks(people.search, "quinton")
    assert people.proxy.rowCount() == 1
    assert people.selected() is not None and people.selected().name == "Zara Quinton"  # type: ignore[union-attr]

    fill_dialog(monkeypatch, lambda d: set_text(d, "job_title", "Head of Safeguarding"))
    people.edit_selected()
    assert get_person(demo_store, added.id).job_title == "Head of Safeguarding"

    page.ctx.undo_stack.undo()  # the edit
    assert get_person(demo_store, added.id).job_title == "Designated Safeguarding Lead"
    page.ctx.undo_stack.undo()  # the addition
    assert find_person(demo_store, "Zara Quinton") is None
    page.ctx.undo_stack.redo()
    assert get_person(demo_store, added.id).name == "Zara Quinton"


def test_bad_email_keeps_the_dialog_open_and_saves_nothing(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.tabs.setCurrentWidget(page.people)
    before = demo_store.count("people")

    def fill(d: RecordDialog) -> None:
        set_text(d, "name", "Bad Email")
        set_text(d, "email", "not-an-email")

    dialogs = fill_dialog(monkeypatch, fill)
    page.people.new_record()
    assert demo_store.count("people") == before
    assert "not an email address" in dialogs[0].error.text()
    assert dialogs[0].result() != QDialog.DialogCode.Accepted


def test_deleting_an_organisation_with_people_offers_to_deactivate(
    page: MembershipPage, demo_store: Store, message_boxes: Any
) -> None:
    page.tabs.setCurrentWidget(page.organisations)
    orgs = page.organisations
    orgs.refresh()
    target = find_organisation(demo_store, "Northshire Police")
    assert target is not None and orgs.select_id(target.id)
    orgs.delete_selected()
    titles = [t for _, t, _ in message_boxes.shown]
    assert titles == ["Delete organisation", "Cannot delete organisation"]
    assert "Deactivate it instead" in message_boxes.shown[1][2]
    assert not get_organisation(demo_store, target.id).active
    # Hidden by default once inactive; shown again with the checkbox.
    assert orgs.model.row_of(target.id) is not None
    shown_ids = {orgs.proxy.record_at(r).id for r in range(orgs.proxy.rowCount())}
    assert target.id not in shown_ids
    orgs.show_inactive.setChecked(True)
    shown_ids = {orgs.proxy.record_at(r).id for r in range(orgs.proxy.rowCount())}
    assert target.id in shown_ids


def test_delete_confirmed_then_undone(
    page: MembershipPage, demo_store: Store, message_boxes: Any
) -> None:
    new_id = save_organisation(
        demo_store, {"name": "Pop-up Agency", "kind": "other", "sector": "other"}
    )
    orgs = page.organisations
    orgs.refresh()
    orgs.select_id(new_id)
    message_boxes.answer = QMessageBox.StandardButton.No
    orgs.delete_selected()
    assert demo_store.get("organisations", new_id) is not None
    message_boxes.answer = QMessageBox.StandardButton.Yes
    orgs.delete_selected()
    assert demo_store.get("organisations", new_id) is None
    assert orgs.model.row_of(new_id) is None
    page.ctx.undo_stack.undo()
    assert demo_store.get("organisations", new_id)["name"] == "Pop-up Agency"  # type: ignore[index]


def test_history_dialog_lists_changes(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = list_people(demo_store)[0]
    save_person(demo_store, {**vars(person), "job_title": "Changed title"}, person.id)
    page.people.refresh()
    page.people.select_id(person.id)
    shown: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: shown.append(self) or 0)
    page.people.show_history()
    table = shown[0].table
    cells = [table.item(r, 4).text() for r in range(table.rowCount())]
    assert any("→ Changed title" in c for c in cells)


def test_membership_with_overlap_is_refused_in_the_dialog(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = next(x for x in list_memberships(demo_store) if x.role == "chair" and x.is_current())
    before = demo_store.count("memberships")

    def fill(d: RecordDialog) -> None:
        choose(d, "body_id", existing.body)
        choose(d, "person_id", existing.person)
        choose(d, "role", "member")
        set_text(d, "start_date", "01/01/2026")

    dialogs = fill_dialog(monkeypatch, fill)
    page.memberships.new_record()
    assert demo_store.count("memberships") == before
    assert "already a chair" in dialogs[0].error.text()


def test_partnership_roles_tab_adds_a_delegated_partner(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.tabs.setCurrentWidget(page.roles)
    before = len(list_roles(demo_store))
    someone = list_people(demo_store, active_only=True)[20]

    def fill(d: RecordDialog) -> None:
        choose(d, "role", "Delegated Safeguarding Partner")
        choose(d, "person_id", someone.name)
        choose(d, "organisation_id", "Northbridge Borough Council")  # a DSP acts for a partner
        set_text(d, "start_date", "01/09/2026")

    fill_dialog(monkeypatch, fill)
    page.new_record()
    roles = list_roles(demo_store)
    assert len(roles) == before + 1
    added = next(r for r in roles if r.person_id == someone.id and r.start_date == "2026-09-01")
    assert added.role == "Delegated Safeguarding Partner"
    assert page.roles.model.row_of(added.id) is not None


def test_home_edits_partnership_details_with_undo(
    qtbot: Any, demo_store: Store, make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.ui.pages.home import HomePage

    home = HomePage(make_ctx(demo_store))
    qtbot.addWidget(home)
    home.refresh()
    assert home.heading.text() == "Northbridge Safeguarding Children Partnership"

    def fill(d: RecordDialog) -> None:
        set_text(d, "name", "Northbridge and Eastmere LSCP")
        set_text(d, "local_authorities", "Northbridge, Eastmere")

    fill_dialog(monkeypatch, fill)
    qtbot.mouseClick(home.details_button, Qt.MouseButton.LeftButton)
    p = get_partnership(demo_store)
    assert p is not None and p.local_authorities == ["Northbridge", "Eastmere"]
    assert home.heading.text() == "Northbridge and Eastmere LSCP"
    home.ctx.undo_stack.undo()
    assert get_partnership(demo_store).name == "Northbridge Safeguarding Children Partnership"  # type: ignore[union-attr]


def test_a_council_employee_as_scrutineer_is_asked_about(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    page.tabs.setCurrentWidget(page.roles)
    council = next(p for p in list_people(demo_store, active_only=True)
                   if p.organisation == "Northbridge Borough Council")  # fmt: skip
    before = len(list_roles(demo_store))

    def fill(d: RecordDialog) -> None:
        choose(d, "role", "independent scrutineer")
        choose(d, "person_id", council.name)
        set_text(d, "start_date", "01/09/2026")

    message_boxes.answer = QMessageBox.StandardButton.No
    fill_dialog(monkeypatch, fill)
    page.new_record()
    assert message_boxes.shown[-1][1] == "Independent scrutiny"
    assert "Northbridge Borough Council, a statutory partner" in message_boxes.shown[-1][2]
    assert len(list_roles(demo_store)) == before  # No: not saved
    message_boxes.answer = QMessageBox.StandardButton.Yes
    fill_dialog(monkeypatch, fill)
    page.new_record()
    assert len(list_roles(demo_store)) == before + 1


def test_an_organisation_can_be_named_a_safeguarding_partner(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.tabs.setCurrentWidget(page.organisations)

    def fill(d: RecordDialog) -> None:
        set_text(d, "name", "Northbridge Education")
        choose(d, "kind", "education")
        choose(d, "sector", "education")
        box = d.widgets["safeguarding_partner"]
        box.setChecked(True)  # type: ignore[attr-defined]

    fill_dialog(monkeypatch, fill)
    page.new_record()
    added = find_organisation(demo_store, "Northbridge Education")
    assert added is not None and added.safeguarding_partner and added.kind == "education"


def test_naming_a_successor_offers_to_end_the_previous_holders_role_and_seats(
    page: MembershipPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A statutory partner has one Lead Safeguarding Partner at a time (Working Together, in
    working_together.successor): a new one is offered the hand-over before saving; "Not now"
    leaves the rule's refusal in the form; the new role and what it ends are one undo step."""
    import datetime as dt

    from lscp_desktop.models.core.dates import uk
    from lscp_desktop.ui.pages.membership.succession import HandoverDialog

    today = dt.date.today()
    current = next(
        r for r in list_roles(demo_store)
        if r.role == "Lead Safeguarding Partner" and r.end_date is None and r.organisation
    )  # fmt: skip
    seats = [m for m in list_memberships(demo_store, person_id=current.person_id)
             if m.is_current(today)]  # fmt: skip
    successor = next(
        p for p in list_people(demo_store, active_only=True)
        if p.organisation_id == current.organisation_id and p.id != current.person_id
    )  # fmt: skip
    before = len(list_roles(demo_store))
    offered: list[Any] = []
    answer: list[Any] = [None]  # "Not now" first

    def ask(cls: Any, parent: Any, handover: Any) -> Any:
        offered.append(handover)
        return answer[0]

    def fill(d: RecordDialog) -> None:
        choose(d, "role", "Lead Safeguarding Partner", exact=True)
        choose(d, "person_id", successor.name)
        choose(d, "organisation_id", current.organisation, exact=True)
        set_text(d, "start_date", uk(today))

    monkeypatch.setattr(HandoverDialog, "ask", classmethod(ask))
    page.tabs.setCurrentWidget(page.roles)
    shown = fill_dialog(monkeypatch, fill)
    page.roles.new_record()
    assert len(offered) == 1 and offered[0].previous.id == current.id
    assert {m.id for m in offered[0].memberships} == {m.id for m in seats} and seats
    assert "already has a Lead Safeguarding Partner" in shown[0].error.text()
    assert len(list_roles(demo_store)) == before  # "Not now": nothing saved

    answer[0] = [m.id for m in seats]
    fill_dialog(monkeypatch, fill)
    page.roles.new_record()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    assert next(r for r in list_roles(demo_store) if r.id == current.id).end_date == yesterday
    for seat in list_memberships(demo_store, person_id=current.person_id):
        if seat.id in {m.id for m in seats}:
            assert seat.end_date == yesterday
    assert len(list_roles(demo_store)) == before + 1
    stack = page.ctx.undo_stack
    assert stack.undoText().startswith(f"Add partnership role {successor.name}")
    stack.undo()  # one step: the new role goes, then the old role and the seats come back
    assert len(list_roles(demo_store)) == before
    assert next(r for r in list_roles(demo_store) if r.id == current.id).end_date is None
    assert all(
        m.end_date == next(s for s in seats if s.id == m.id).end_date
        for m in list_memberships(demo_store, person_id=current.person_id)
        if m.id in {s.id for s in seats}
    )
    stack.redo()
    assert next(r for r in list_roles(demo_store) if r.id == current.id).end_date == yesterday
