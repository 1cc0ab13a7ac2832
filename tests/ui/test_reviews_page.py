"""The Reviews page driven through its widgets: a notification advanced through the rapid
review, the identity guard in a form, recommendations, audits and the deadlines tab."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers.dialogs import choose, fill_dialog, set_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget

from lscp_desktop.models.core.dates import add_working_days, uk
from lscp_desktop.models.reviews.audits import list_audits
from lscp_desktop.models.reviews.recommendations import (
    linked_actions,
    list_recommendations,
    save_recommendation,
)
from lscp_desktop.models.reviews.register import get_review, list_delays, list_reviews
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.reviews.page import ReviewsPage


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> ReviewsPage:
    p = ReviewsPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.refresh()
    return p


def milestone_rows(page: ReviewsPage) -> dict[str, tuple[str, str, str]]:
    """Milestone label → (due, done, status) as the detail table shows them."""
    model = page.detail.milestones
    cell = lambda r, c: model.data(model.index(r, c))  # noqa: E731
    return {cell(r, 0): (cell(r, 1), cell(r, 2), cell(r, 3)) for r in range(model.rowCount())}


def test_table_models_pass_the_model_tester(page: ReviewsPage, qtmodeltester: Any) -> None:
    assert page.reviews.model.rowCount() > 0
    qtmodeltester.check(page.reviews.model)
    qtmodeltester.check(page.reviews.proxy)
    page.open_part("reviews", next(r.id for r in list_reviews(page.ctx.store)
                                   if r.reference == "Child R"))  # fmt: skip
    # Notification, partners told, rapid review, decision, ratification, reviewer, draft,
    # final, the three copies of the final report, publication and the national repository.
    assert page.detail.milestones.rowCount() == 13
    assert page.detail.recommendations.rowCount() > 0
    qtmodeltester.check(page.detail.milestones)
    qtmodeltester.check(page.detail.recommendations)
    for part in ("deadlines", "audits", "training", "yearly"):
        page.open_part(part, None)
    qtmodeltester.check(page.deadlines.model)
    for register in (page.audits, page.training, page.yearly.register):
        assert register.model.rowCount() > 0
        qtmodeltester.check(register.model)
    qtmodeltester.check(page.yearly.recipients)


def test_the_other_tabs_are_built_when_first_shown_and_then_work(
    page: ReviewsPage, qtbot: Any
) -> None:
    """Opening the page builds only the Reviews tab (issue 21); each other tab is built the
    first time it is chosen, loads its rows and tells the page of changes."""
    from lscp_desktop.ui.lazy_tab import LazyTab

    holders = [page.tabs.widget(i) for i in range(1, page.tabs.count())]
    assert all(isinstance(h, LazyTab) and not h.made for h in holders)
    for i, key in enumerate(page.tab_keys[1:], start=1):
        page.tabs.setCurrentIndex(i)
        assert holders[i - 1].made and not any(h.made for h in holders[i:])
        register = page.current_register()
        if key == "deadlines":
            assert register is None and page.deadlines.model.rowCount() > 0
            continue
        assert register is not None and register.isVisible() and register.model.rowCount() > 0
        assert not register.show_inactive.isVisible()  # nothing in them is ever inactive
        with qtbot.waitSignal(page.data_changed, timeout=1000):
            register.changed.emit()


def test_record_a_notification_and_advance_it_through_the_rapid_review(
    page: ReviewsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    today = dt.date.today()
    notified = today

    def notification(d: RecordDialog) -> None:
        set_text(d, "reference", "RR 2026-21")
        set_text(d, "aware_date", uk(today))
        set_text(d, "summary", "Serious injury to an infant; police investigating.")

    def notify(d: RecordDialog) -> None:
        set_text(d, "date", uk(notified))

    def partners_told(d: RecordDialog) -> None:
        set_text(d, "date", uk(notified))

    def rapid_review(d: RecordDialog) -> None:
        set_text(d, "date", uk(notified))

    def decision(d: RecordDialog) -> None:
        set_text(d, "date", uk(notified))
        choose(d, "decision", "local CSPR", exact=True)

    dialogs = fill_dialog(monkeypatch, notification, notify, partners_told, rapid_review, decision)
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.notify_button, Qt.MouseButton.LeftButton)
    case = next(r for r in list_reviews(demo_store) if r.reference == "RR 2026-21")
    assert case.kind == "serious incident notification"
    selected = page.reviews.selected()
    assert selected is not None and selected.id == case.id
    rows = milestone_rows(page)
    due = uk(add_working_days(today, 5))
    assert rows["Notify the national Panel"] == (due, "", "Due in 5 working days")
    assert rows["Rapid review to the Panel"][2] == "Waiting for the notification"
    assert page.detail.next_button.text() == "Record: Notify the national Panel…"

    qtbot.mouseClick(page.detail.next_button, Qt.MouseButton.LeftButton)
    case = get_review(demo_store, case.id)
    assert case.kind == "rapid review" and case.notified_date == notified.isoformat()
    rows = milestone_rows(page)
    assert rows["Notify the national Panel"][1:] == (uk(notified), "Done")
    # Telling the safeguarding partners runs on the same five working days.
    assert rows["Tell the safeguarding partners"] == (due, "", "Due in 5 working days")
    assert page.detail.next_button.text() == "Record: Tell the safeguarding partners…"
    qtbot.mouseClick(page.detail.next_button, Qt.MouseButton.LeftButton)
    rows = milestone_rows(page)
    assert rows["Tell the safeguarding partners"][1:] == (uk(notified), "Done")
    assert rows["Rapid review to the Panel"] == (
        uk(add_working_days(notified, 15)),
        "",
        "Due in 15 working days",
    )
    assert page.reviews.selected().review.kind == "rapid review"  # type: ignore[union-attr]

    qtbot.mouseClick(page.detail.next_button, Qt.MouseButton.LeftButton)
    assert milestone_rows(page)["Rapid review to the Panel"][2] == "Done"
    assert page.detail.next_button.text() == "Record: Decision recorded…"

    qtbot.mouseClick(page.detail.next_button, Qt.MouseButton.LeftButton)
    assert [d.windowTitle() for d in dialogs][-1] == "RR 2026-21: Decision recorded"
    case = get_review(demo_store, case.id)
    assert case.kind == "local CSPR" and case.decision == "local CSPR"
    rows = milestone_rows(page)
    assert rows["Decision recorded"][2] == "Done"
    assert "Reviewer commissioned" in rows and "Publication" in rows
    assert page.detail.next_button.text() == "Record: Reviewer commissioned…"
    assert "local CSPR" in page.detail.heading.text()

    # Each step is undoable, back to a plain notification.
    for _ in range(4):
        page.ctx.undo_stack.undo()
    case = get_review(demo_store, case.id)
    assert case.kind == "serious incident notification" and case.notified_date is None


def test_the_identity_guard_keeps_the_form_open_with_an_explanation(
    page: ReviewsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_store.count("reviews")

    def notification(d: RecordDialog) -> None:
        set_text(d, "reference", "RR 2026-22")
        set_text(d, "summary", "Child R, DOB 01/03/2019, known to services")

    dialogs = fill_dialog(monkeypatch, notification)
    page.record_notification()
    error = dialogs[0].error
    assert not error.isHidden()
    assert "01/03/2019" in error.text() and "date of birth" in error.text()
    assert demo_store.count("reviews") == before


def test_add_a_recommendation_to_a_review(
    page: ReviewsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cspr = next(r for r in list_reviews(demo_store) if r.reference == "Child R")
    page.open_record(cspr.id)
    before = page.detail.recommendations.rowCount()

    def fill(d: RecordDialog) -> None:
        set_text(d, "text", "Health visiting to record the voice of the child at every contact.")
        choose(d, "status", "in progress", exact=True)

    fill_dialog(monkeypatch, fill)
    page.detail.add_rec_button.click()
    assert page.detail.recommendations.rowCount() == before + 1
    added = page.detail.recommendations.record(before)
    assert added.number == before + 1 and added.status == "in progress"
    page.ctx.undo_stack.undo()
    assert len(list_recommendations(demo_store, cspr.id)) == before


def test_add_an_audit_with_ticked_agencies_then_delete_and_undo(
    page: ReviewsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.open_part("audits", None)
    before = page.audits.model.rowCount()

    def fill(d: RecordDialog) -> None:
        set_text(d, "title", "Strategy discussions: health attendance")
        set_text(d, "planned_date", "15/03/2027")
        checklist = d.widgets["agency_ids"]
        assert isinstance(checklist, QListWidget)
        for i in range(3):
            checklist.item(i).setCheckState(Qt.CheckState.Checked)

    fill_dialog(monkeypatch, fill)
    page.new_record()
    assert page.audits.model.rowCount() == before + 1
    audit = page.audits.selected()
    assert audit is not None and len(audit.agency_ids) == 3
    page.delete_selected()
    assert page.audits.model.rowCount() == before
    page.ctx.undo_stack.undo()
    restored = next(a for a in list_audits(demo_store) if a.id == audit.id)
    assert restored.agency_ids == audit.agency_ids


def test_a_deadline_opens_its_record(page: ReviewsPage) -> None:
    page.open_part("deadlines", None)
    model = page.deadlines.model
    assert model.rowCount() > 0
    row = next(i for i in range(model.rowCount()) if model.record(i).area == "Review")
    target = model.record(row)
    page.deadlines.on_view_double_clicked(model.index(row, 0))
    assert page.current_key() == "reviews"
    selected = page.reviews.selected()
    assert selected is not None and selected.id == target.record_id
    assert page.detail.review is not None and page.detail.review.id == target.record_id


def test_record_a_delay_moves_the_clock_and_undo_moves_it_back(
    page: ReviewsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cspr = next(r for r in list_reviews(demo_store) if r.reference.startswith("CSPR 2026"))
    page.open_record(cspr.id)
    before = get_review(demo_store, cspr.id).next_due
    assert before is not None
    revised = dt.date.fromisoformat(before) + dt.timedelta(days=90)

    def fill(d: RecordDialog) -> None:
        milestone = d.widgets["milestone"]
        assert isinstance(milestone, QComboBox)
        milestone.setCurrentIndex(milestone.findData("draft"))
        set_text(d, "reason", "Reviewer on long-term sick leave")
        set_text(d, "revised_date", uk(revised))

    fill_dialog(monkeypatch, fill)
    page.detail.delay_button.click()
    assert get_review(demo_store, cspr.id).next_due != before
    assert "Reviewer on long-term sick leave" in page.detail.delays_label.text()
    status = milestone_rows(page)["Draft report"][2]
    assert status.startswith("Delayed: due in")
    model = page.detail.milestones
    draft = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Draft report")
    tip = model.data(model.index(draft, 3), Qt.ItemDataRole.ToolTipRole)
    assert "Originally due" in tip
    page.ctx.undo_stack.undo()
    assert get_review(demo_store, cspr.id).next_due == before
    assert list_delays(demo_store, cspr.id) == []
    page.ctx.undo_stack.redo()
    assert len(list_delays(demo_store, cspr.id)) == 1


def test_raise_an_action_from_a_recommendation_and_undo(
    page: ReviewsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cspr = next(r for r in list_reviews(demo_store) if r.reference == "Child R")
    save_recommendation(demo_store, {"review_id": cspr.id, "text": "Refresh escalation."})
    page.open_record(cspr.id)
    detail = page.detail
    detail.parts.setCurrentIndex(1)
    model = detail.recommendations
    row = next(i for i in range(model.rowCount()) if not detail._actions.get(model.record(i).id))
    rec = model.record(row)
    detail.recommendation_view.selectRow(row)
    before = len(linked_actions(demo_store))

    def fill(d: RecordDialog) -> None:
        choose(d, "body_id", "Learning and Improvement Subgroup", exact=True)
        set_text(d, "due_date", "31/03/2027")

    fill_dialog(monkeypatch, fill)
    opened: list[tuple[str, int | None]] = []
    page.ctx.open_record = lambda key, record_id: opened.append((key, record_id))
    detail.raise_button.click()
    linked = linked_actions(demo_store, recommendation_id=rec.id)
    assert len(linked) == 1 and linked[0].reference.startswith("LIS-")
    row = next(i for i in range(model.rowCount()) if model.record(i).id == rec.id)
    shown = model.data(model.index(row, 4))
    assert shown.startswith(linked[0].reference) and "open" in shown
    detail.recommendation_view.selectRow(row)
    detail.open_action_button.click()
    assert opened == [("actions", linked[0].id)]
    page.ctx.undo_stack.undo()
    assert len(linked_actions(demo_store)) == before
    status = next(r for r in list_recommendations(demo_store, cspr.id) if r.id == rec.id).status
    assert status == rec.status
    page.ctx.undo_stack.redo()
    assert len(linked_actions(demo_store, recommendation_id=rec.id)) == 1
