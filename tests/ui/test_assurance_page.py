"""The Assurance page driven through its widgets: the escalation log (a new challenge, a child's
identity refused in the form, an action raised), a document's review, the census grid edited
in place and undone, a quarter's theme, the minimum rules for a year; and the yearly report's
recipients and late marks on the Reviews page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers.dialogs import answer_dialogs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.assurance.arrangements import list_documents
from lscp_desktop.models.assurance.census import census_table
from lscp_desktop.models.assurance.escalations import linkable_actions, list_escalations
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.meetings.themes import list_themes
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.assurance.page import AssurancePage
from lscp_desktop.ui.pages.reviews.page import ReviewsPage


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> AssurancePage:
    p = AssurancePage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1280, 720)
    p.show()
    p.refresh()
    return p


def test_table_models_pass_the_model_tester(page: AssurancePage, qtmodeltester: Any) -> None:
    for part in ("escalations", "arrangements", "census", "themes", "rules"):
        page.open_part(part, None)
    for register in (page.escalations.register, page.documents.register, page.themes,
                     page.rules.register):  # fmt: skip
        assert register.model.rowCount() > 0
        qtmodeltester.check(register.model)
        qtmodeltester.check(register.proxy)
    assert page.census.model.rowCount() > 0 and page.rules.checks.rowCount() > 0
    qtmodeltester.check(page.census.model)
    qtmodeltester.check(page.rules.checks)


def test_each_tab_is_built_when_first_shown_and_then_works(
    qtbot: Any, demo_store: Store, make_ctx: Any
) -> None:
    """Opening the page builds only the tab on screen (issue 21); each other tab is built the
    first time it is chosen, loads its rows, answers the window's commands and tells the
    page of changes."""
    from lscp_desktop.ui.lazy_tab import LazyTab

    page = AssurancePage(make_ctx(demo_store))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.refresh()
    holders = [page.tabs.widget(i) for i in range(page.tabs.count())]
    assert all(isinstance(h, LazyTab) for h in holders)
    assert [h.made for h in holders] == [True, False, False, False, False]
    assert page.escalations.register.model.rowCount() > 0

    for i, key in enumerate(page.tab_keys):
        page.tabs.setCurrentIndex(i)
        assert [h.made for h in holders][: i + 1] == [True] * (i + 1)
        assert not any(h.made for h in holders[i + 1 :])
        register = page.current_register()
        if key == "census":
            assert register is None and page.census.model.rowCount() > 0
        else:
            assert register is not None and register.isVisible()
            assert register.model.rowCount() > 0
            register.search.setText("zzz-no-such-thing")
            assert register.proxy.rowCount() == 0
            register.search.clear()
            assert register.proxy.rowCount() == register.model.rowCount()
        if key == "rules":
            assert page.rules.checks.rowCount() > 0
        tab = holders[i].content
        with qtbot.waitSignal(page.data_changed, timeout=1000):
            tab.changed.emit()  # type: ignore[attr-defined]  # every tab has ``changed``


def test_log_a_challenge_refuse_a_childs_identity_and_raise_an_action(
    page: AssurancePage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    orgs = {o.name: o.id for o in list_organisations(demo_store)}
    school, council = orgs["Northbridge Education Partnership"], orgs["Northbridge Borough Council"]
    before = len(list_escalations(demo_store))
    titles = answer_dialogs(
        monkeypatch,
        {"raised_date": "02/12/2026", "raising_organisation_id": school,
         "challenged_organisation_id": council, "reason": "information sharing",
         "summary": "Request refused for a boy born 01/03/2015"},
    )  # fmt: skip
    page.escalations.register.new_record()
    assert titles[-1].startswith("error:") and "child's identity" in titles[-1]
    assert len(list_escalations(demo_store)) == before

    answer_dialogs(
        monkeypatch,
        {"raised_date": "02/12/2026", "raising_organisation_id": school,
         "challenged_organisation_id": council, "reason": "information sharing",
         "summary": "A request for information was refused.", "stage2_date": "04/12/2026"},
    )  # fmt: skip
    page.escalations.register.new_record()
    added = next(e for e in list_escalations(demo_store) if e.raised_date == "2026-12-02")
    assert added.reference.startswith("ESC 2026-")  # the next of its financial year
    selected = page.escalations.register.selected()
    assert selected is not None and selected.id == added.id
    assert "challenged Northbridge Borough Council" in page.escalations.detail.text()

    exec_body = next(b.id for b in list_bodies(demo_store) if b.code == "PCI")
    answer_dialogs(
        monkeypatch,
        {
            "body_id": exec_body,
            "title": "Agree information-sharing steps",
            "due_date": uk(dt.date.today() + dt.timedelta(days=30)),
        },
    )
    page.escalations.raise_button.click()
    after = next(e for e in list_escalations(demo_store) if e.id == added.id)
    assert len(after.actions) == 1
    assert after.actions[0] in page.escalations.detail.text()
    # Undo takes the action back out of the log.
    page.ctx.undo_stack.undo()
    assert after.actions[0] not in {a.reference for a in list_actions(demo_store)}


def test_record_a_documents_review(
    page: AssurancePage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.open_part("arrangements", None)
    doc = next(d for d in list_documents(demo_store) if d.kind == "escalation protocol")
    page.documents.register.select_id(doc.id)
    answer_dialogs(monkeypatch, {"reviewed": "01/12/2026"})
    page.documents.review_button.click()
    reviewed = next(d for d in list_documents(demo_store) if d.id == doc.id)
    assert reviewed.last_reviewed_date == "2026-12-01" and reviewed.review_due == "2027-12-01"
    page.ctx.undo_stack.undo()
    assert next(d for d in list_documents(demo_store) if d.id == doc.id).review_due == (
        doc.review_due
    )


def test_the_census_grid_is_edited_in_place_and_undone(
    page: AssurancePage, demo_store: Store, qtbot: Any
) -> None:
    page.open_part("census", None)
    year = FinancialYear.containing(dt.date.today()).label
    page.census.year.setCurrentIndex(page.census.year.findData(year))
    model = page.census.model
    row = model.table.kinds.index("primary schools")
    index = model.index(row, 0)
    before = census_table(demo_store, year).count("primary schools", "Northbridge")
    assert model.data(index) == str(before)
    with qtbot.waitSignal(page.census.changed):
        assert model.setData(index, "41")
    assert census_table(demo_store, year).count("primary schools", "Northbridge") == 41
    assert model.data(model.index(row, 0)) == "41"
    assert not model.setData(model.index(row, 0), "forty")  # refused with a message
    youth = model.table.kinds.index("youth custody")
    model.setData(model.index(youth, 0), "1")
    assert census_table(demo_store, year).count("youth custody", "Northbridge") == 1
    page.ctx.undo_stack.undo()  # the new count goes
    page.ctx.undo_stack.undo()  # the change goes back
    table = census_table(demo_store, year)
    assert table.count("youth custody", "Northbridge") is None
    assert table.count("primary schools", "Northbridge") == before
    page.census.show_year()  # as the window refreshes the page after an undo
    model.setData(model.index(row, 0), "")  # empty: the count is removed
    assert census_table(demo_store, year).count("primary schools", "Northbridge") is None


def test_a_quarters_theme_with_its_bodies(
    page: AssurancePage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.open_part("themes", None)
    scrutiny = next(b.id for b in list_bodies(demo_store) if b.code == "PSB")

    def fill(d: RecordDialog) -> None:
        d.widgets["quarter"].setText("2027/28 Q1")
        d.widgets["title"].setText("Young carers")
        bodies = d.widgets["body_ids"]
        assert isinstance(bodies, QListWidget)
        for i in range(bodies.count()):
            if bodies.item(i).data(Qt.ItemDataRole.UserRole) == scrutiny:
                bodies.item(i).setCheckState(Qt.CheckState.Checked)
        d.on_save_clicked()

    def exec_(self: RecordDialog) -> int:
        fill(self)
        return QDialog.DialogCode.Accepted if self.result() == QDialog.DialogCode.Accepted else 0

    monkeypatch.setattr(RecordDialog, "exec", exec_)
    page.new_record()
    theme = next(t for t in list_themes(demo_store) if t.title == "Young carers")
    assert theme.quarter.months == "April to June 2027"
    assert theme.bodies == ["Partnership Scrutiny Board"] and theme.not_yet_examined == [
        "Partnership Scrutiny Board"
    ]
    assert page.themes.selected() is not None


def test_the_minimum_rules_for_a_year(page: AssurancePage) -> None:
    page.open_part("rules", None)
    last = FinancialYear.containing(dt.date.today()).start_year - 1
    page.rules.year.setCurrentIndex(page.rules.year.findData(last))
    statuses = {page.rules.checks.record(r).status for r in range(page.rules.checks.rowCount())}
    assert statuses <= {"met", "not met"}  # a past year's result is final
    texts = [page.rules.checks.record(r).rule.description
             for r in range(page.rules.checks.rowCount())]  # fmt: skip
    assert "Safeguarding Partnership Executive meets at least twice a year" in texts


def test_yearly_reports_show_send_by_dates_and_late_marks(
    qtbot: Any, demo_store: Store, make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviews = ReviewsPage(make_ctx(demo_store))
    qtbot.addWidget(reviews)
    reviews.show()
    reviews.open_part("yearly", None)
    register = reviews.yearly.register
    headers = [register.model.headerData(i, Qt.Orientation.Horizontal)
               for i in range(register.model.columnCount())]  # fmt: skip
    assert "To Foundations" in headers
    column = headers.index("To Foundations")
    texts = [register.model.index(r, column).data() for r in range(register.model.rowCount())]
    assert any(t.endswith("(late)") for t in texts)  # the demo's late copy
    recipients = reviews.yearly.recipients
    assert recipients.headerData(1, Qt.Orientation.Horizontal) == "Send by"
    shown: list[str] = []
    monkeypatch.setattr(
        "lscp_desktop.ui.pages.reviews.yearly.small_register_dialog",
        lambda _parent, _ctx, spec, title: shown.append(f"{title}: {spec.plural}"),
    )
    reviews.yearly.list_button.click()
    assert shown == ["Who receives the reports: recipients"]


def test_link_an_existing_action_to_a_challenge_and_undo(
    page: AssurancePage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.refresh()
    challenge = page.escalations.register.selected()
    assert challenge is not None
    offered = linkable_actions(demo_store, challenge.id)
    assert offered and not {a.reference for a in offered} & set(challenge.actions)
    chosen = offered[0]
    titles = answer_dialogs(monkeypatch, {"action_id": chosen.id})
    page.escalations.link_button.click()
    assert titles == [f"{challenge.reference}: link an action"]
    linked = next(e for e in list_escalations(demo_store) if e.id == challenge.id)
    assert chosen.reference in linked.actions and chosen.reference in page.escalations.detail.text()
    page.ctx.undo_stack.undo()  # the link is taken out; the action stays in its log
    unlinked = next(e for e in list_escalations(demo_store) if e.id == challenge.id)
    assert chosen.reference not in unlinked.actions
    assert chosen.reference in {a.reference for a in list_actions(demo_store)}
