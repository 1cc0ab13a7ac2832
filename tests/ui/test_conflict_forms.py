"""Every Edit form outside the action and risk forms and the registers, on one database shared
with a colleague: the colleague changes the record while the form is open, Save is pressed, and
the conflict dialog names their change; going back to the form overwrites nothing. Keeping theirs
shows their version, in the form (money in pounds) and on the page.

Finance (years, contributions, in kind, budget lines, spend), reviews (a recommendation, a step
recorded, a review closed, a yearly report sent), assurance (a document's review, a census
note) and Home's partnership details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from helpers.dialogs import fill_dialog, set_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.reviews import lifecycle
from lscp_desktop.models.reviews.recommendations import list_recommendations
from lscp_desktop.models.reviews.register import list_reviews
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.conflict import ConflictDialog
from lscp_desktop.ui.forms import RecordDialog


@dataclass
class Case:
    """One Edit form: the record it edits, the colleague's change, the user's typing and the
    press that opens the form (over the page *widget*, kept alive for the test)."""

    table: str
    record_id: int
    theirs: dict[str, Any]
    fill: Callable[[RecordDialog], None]
    open_form: Callable[[], None]
    widget: Any


W = TypeVar("W", bound=QWidget)


def _shown(qtbot: Any, widget: W) -> W:
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def _texts(**values: str) -> Callable[[RecordDialog], None]:
    def fill(form: RecordDialog) -> None:
        for key, text in values.items():
            set_text(form, key, text)

    return fill


# ---- finance ------------------------------------------------------------------------------


def _finance(qtbot: Any, ctx: Any) -> Any:
    from lscp_desktop.ui.pages.finance.page import FinancePage

    page = _shown(qtbot, FinancePage(ctx))
    page.refresh()
    page.select_year("2026/27")
    return page


def finance_year(qtbot: Any, ctx: Any) -> Case:
    page = _finance(qtbot, ctx)
    year = page.current_year()
    return Case("finance_years", year.id, {"notes": "Theirs: agreed at the October board"},
                _texts(opening_reserve="12,345"), page.years.edit_year, page)  # fmt: skip


def _finance_row(qtbot: Any, ctx: Any, tab: str, edit: str) -> tuple[Any, Any, Callable[[], None]]:
    page = _finance(qtbot, ctx)
    table = getattr(page, tab)
    record = table.model.records()[0]
    assert table.select_key(record.id)
    return page, record, getattr(page.commands, edit)


def contribution(qtbot: Any, ctx: Any) -> Case:
    page, c, edit = _finance_row(qtbot, ctx, "contributions", "edit_contribution")
    return Case("contributions", c.id, {"invoice_ref": "INV-THEIRS", "agreed_pence": 1_234_56},
                _texts(notes="Mine: chased by phone"), edit, page)  # fmt: skip


def in_kind(qtbot: Any, ctx: Any) -> Case:
    page, k, edit = _finance_row(qtbot, ctx, "in_kind", "edit_in_kind")
    return Case("in_kind_contributions", k.id, {"description": "Theirs: a training venue"},
                _texts(notes="Mine"), edit, page)  # fmt: skip


def budget_line(qtbot: Any, ctx: Any) -> Case:
    page, b, edit = _finance_row(qtbot, ctx, "budget", "edit_budget_line")
    return Case("budget_lines", b.id, {"budget_pence": 9_999_00},
                _texts(notes="Mine"), edit, page)  # fmt: skip


def spend(qtbot: Any, ctx: Any) -> Case:
    page, s, edit = _finance_row(qtbot, ctx, "spend", "edit_spend")
    return Case("spend_entries", s.id, {"payee": "Theirs Ltd"},
                _texts(description="Mine"), edit, page)  # fmt: skip


# ---- reviews ------------------------------------------------------------------------------


def _reviews(qtbot: Any, ctx: Any, review_id: int) -> Any:
    from lscp_desktop.ui.pages.reviews.page import ReviewsPage

    page = _shown(qtbot, ReviewsPage(ctx))
    page.refresh()
    page.open_record(review_id)
    assert page.detail.review is not None and page.detail.review.id == review_id
    return page


def recommendation(qtbot: Any, ctx: Any) -> Case:
    rec = list_recommendations(ctx.store)[0]
    page = _reviews(qtbot, ctx, rec.review_id)
    detail = page.detail
    detail.parts.setCurrentIndex(1)
    model = detail.recommendations
    detail.recommendation_view.selectRow(
        next(i for i in range(model.rowCount()) if model.record(i).id == rec.id)
    )
    edit = detail.recs.edit_recommendation
    return Case("review_recommendations", rec.id, {"notes": "Theirs: the ICB has agreed"},
                _texts(text="Mine: a new wording"), edit, page)  # fmt: skip


def _open_review(store: Store) -> Any:
    return next(r for r in list_reviews(store) if r.is_open and lifecycle.next_step(r))


def review_step(qtbot: Any, ctx: Any) -> Case:
    review = _open_review(ctx.store)
    page = _reviews(qtbot, ctx, review.id)

    def fill(form: RecordDialog) -> None:
        set_text(form, "date", "01/12/2026")
        for key in ("reviewer", "response"):
            if key in form.widgets:
                set_text(form, key, "Mine")

    return Case("reviews", review.id, {"summary": "Theirs: a corrected summary"}, fill,
                page.detail.record_next_step, page)  # fmt: skip


def review_closed(qtbot: Any, ctx: Any) -> Case:
    review = _open_review(ctx.store)
    page = _reviews(qtbot, ctx, review.id)
    return Case("reviews", review.id, {"notes": "Theirs: not to be closed yet"},
                _texts(closed_date="01/12/2026"), page.detail.close_review, page)  # fmt: skip


def yearly_report_sent(qtbot: Any, ctx: Any) -> Case:
    row = ctx.store.require("yearly_report_recipients", 1)
    page = _reviews(qtbot, ctx, list_reviews(ctx.store)[0].id)
    yearly = page.yearly
    page.open_part("yearly", None)
    assert yearly.register.select_id(row["report_id"])
    yearly.show_report()
    model = yearly.recipients
    yearly.recipient_view.selectRow(
        next(i for i in range(model.rowCount()) if model.record(i).id == row["id"])
    )
    return Case("yearly_report_recipients", row["id"], {"recipient": "Theirs: the ICB Board"},
                _texts(sent_date="01/12/2026"), yearly.mark_sent, page)  # fmt: skip


# ---- assurance and home -------------------------------------------------------------------


def _assurance(qtbot: Any, ctx: Any, part: str) -> Any:
    from lscp_desktop.ui.pages.assurance.page import AssurancePage

    page = _shown(qtbot, AssurancePage(ctx))
    page.refresh()
    page.open_part(part, None)
    return page


def document_review(qtbot: Any, ctx: Any) -> Case:
    page = _assurance(qtbot, ctx, "arrangements")
    assert page.documents.register.select_id(1)
    return Case("arrangement_documents", 1, {"version": "Theirs 2.0"},
                _texts(reviewed="01/12/2026"), page.documents.record_a_review, page)  # fmt: skip


def census_note(qtbot: Any, ctx: Any) -> Case:
    page = _assurance(qtbot, ctx, "census")
    census = page.census
    year = FinancialYear.containing(dt.date.today()).label
    census.year.setCurrentIndex(census.year.findData(year))
    model = census.model
    la = model.headerData(0, Qt.Orientation.Horizontal)
    kind = next(k for k in model.table.kinds if model.table.count(k, la) is not None)
    census.view.setCurrentIndex(model.index(model.table.kinds.index(kind), 0))
    entry = ctx.store.scalar(
        "SELECT id FROM settings_census WHERE year = ? AND local_authority = ? AND kind = ?",
        (year, la, kind),
    )
    return Case("settings_census", int(entry), {"count": 999},
                _texts(note="Mine: 7 main centres"), census.edit_note, page)  # fmt: skip


def partnership(qtbot: Any, ctx: Any) -> Case:
    from lscp_desktop.ui.pages.home import HomePage

    home = _shown(qtbot, HomePage(ctx))
    home.refresh()
    return Case("partnership", 1, {"local_authorities": '["Northbridge", "Eastmere"]'},
                _texts(name="Mine: Northbridge LSCP"), home.edit_partnership, home)  # fmt: skip


CASES = [finance_year, contribution, in_kind, budget_line, spend, recommendation, review_step,
         review_closed, yearly_report_sent, document_review, census_note, partnership]  # fmt: skip


def edit_over_a_colleague(
    case: Case, colleague: Store, monkeypatch: pytest.MonkeyPatch, qtbot: Any, button: str,
    shot: Path | None = None,
) -> tuple[list[RecordDialog], list[ConflictDialog]]:  # fmt: skip
    """Open the case's form; the colleague changes the record meanwhile; type and Save. The
    conflict dialog is answered with *button* (its object name, or "back")."""
    conflicts: list[ConflictDialog] = []

    def answer(dialog: ConflictDialog) -> int:
        conflicts.append(dialog)
        dialog.show()
        if shot is not None:
            dialog.grab().save(str(shot))
        if button == "back":
            box = dialog.findChild(QDialogButtonBox)
            press = box.button(QDialogButtonBox.StandardButton.Cancel)
        else:
            press = dialog.findChild(type(dialog.keep_button), button)
        qtbot.mouseClick(press, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", answer)

    def fill(form: RecordDialog) -> None:
        colleague.update(case.table, case.record_id, case.theirs)
        case.fill(form)

    forms = fill_dialog(monkeypatch, fill)
    case.open_form()
    return forms, conflicts


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_a_save_over_a_colleagues_change_is_refused_and_named(
    make: Callable[[Any, Any], Case], demo_store: Store, colleague: Store, make_ctx: Any,
    monkeypatch: pytest.MonkeyPatch, qtbot: Any,
) -> None:  # fmt: skip
    case = make(qtbot, make_ctx(demo_store))
    before = demo_store.require(case.table, case.record_id)
    forms, conflicts = edit_over_a_colleague(case, colleague, monkeypatch, qtbot, "back")
    assert len(forms) == 1 and len(conflicts) == 1, case.table
    summary = conflicts[0].findChild(QLabel, "conflictSummary").text()
    changes = conflicts[0].findChild(QLabel, "conflictChanges").text()
    assert " was changed by " in summary and "your changes were not saved" in summary
    assert " number " not in summary, summary  # named as the user knows it, not by its key
    for column in case.theirs:
        label = column.removesuffix("_pence").removesuffix("_id").replace("_", " ")
        assert f"{label.capitalize()}: theirs " in changes, (case.table, changes)
    # Nothing of the user's was written: the record is the colleague's version, exactly.
    after = demo_store.require(case.table, case.record_id)
    assert after == {**before, **case.theirs, "row_version": before["row_version"] + 1}
    assert forms[0].result() != QDialog.DialogCode.Accepted
    assert not forms[0].error.isHidden()


def test_keep_theirs_shows_their_contribution_in_pounds_on_the_form_and_the_page(
    demo_store: Store, colleague: Store, make_ctx: Any, monkeypatch: pytest.MonkeyPatch,
    qtbot: Any, tmp_path: Path,
) -> None:  # fmt: skip
    case = contribution(qtbot, make_ctx(demo_store))
    page = case.widget
    before = demo_store.require("contributions", case.record_id)
    shot = tmp_path / "finance-conflict.png"
    forms, conflicts = edit_over_a_colleague(
        case, colleague, monkeypatch, qtbot, "keepTheirs", shot
    )
    assert shot.exists() and len(conflicts) == 1
    changes = conflicts[0].findChild(QLabel, "conflictChanges").text()
    assert "Invoice ref: theirs ‘INV-THEIRS’" in changes
    assert "Agreed: theirs £1,234.56" in changes  # money in pounds, named as the form names it
    form = forms[0]
    assert form.values()["invoice_ref"] == "INV-THEIRS"
    assert form.values()["agreed"] == "£1,234.56"  # in pounds, as the form shows money
    assert form.values()["notes"] == before["notes"]  # mine is gone from the form
    assert "Their version is shown" in form.error.text()
    row = demo_store.require("contributions", case.record_id)
    assert (row["invoice_ref"], row["agreed_pence"], row["notes"]) == (
        "INV-THEIRS", 1_234_56, before["notes"]
    )  # fmt: skip
    shown = next(c for c in page.contributions.model.records() if c.id == case.record_id)
    assert (shown.invoice_ref, shown.agreed) == ("INV-THEIRS", 1_234_56)  # the page reloaded


def test_keep_theirs_then_save_over_their_version_on_the_partnership_form(
    demo_store: Store, colleague: Store, make_ctx: Any, monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:  # fmt: skip
    case = partnership(qtbot, make_ctx(demo_store))
    forms, _ = edit_over_a_colleague(case, colleague, monkeypatch, qtbot, "keepTheirs")
    form = forms[0]
    assert form.values()["local_authorities"] == "Northbridge, Eastmere"  # not their JSON text
    # Saving now is over their version: it goes through, keeping their local authorities.
    set_text(form, "notes", "Mine, after seeing theirs")
    form.on_save_clicked()
    assert form.result() == QDialog.DialogCode.Accepted
    row = demo_store.require("partnership", 1)
    assert row["notes"] == "Mine, after seeing theirs"
    assert row["local_authorities"] == '["Northbridge", "Eastmere"]'


@pytest.mark.parametrize("button", ["back", "keepTheirs", "overwriteMine"])
def test_a_census_count_typed_over_a_colleagues_asks_first(
    button: str, demo_store: Store, colleague: Store, make_ctx: Any,
    monkeypatch: pytest.MonkeyPatch, qtbot: Any,
) -> None:  # fmt: skip
    case = census_note(qtbot, make_ctx(demo_store))
    census = case.widget.census
    index = census.view.currentIndex()
    conflicts: list[ConflictDialog] = []

    def answer(dialog: ConflictDialog) -> int:
        conflicts.append(dialog)
        if button == "back":
            dialog.reject()
        else:
            dialog.findChild(type(dialog.keep_button), button).click()
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", answer)
    colleague.update("settings_census", case.record_id, {"count": 999})
    census.model.setData(index, "45")
    assert len(conflicts) == 1
    changes = conflicts[0].findChild(QLabel, "conflictChanges").text()
    assert "Count: theirs 999, yours 45" in changes
    stored = demo_store.require("settings_census", case.record_id)["count"]
    assert stored == (45 if button == "overwriteMine" else 999)
    if button != "back":
        shown = census.model.data(census.model.index(index.row(), index.column()))
        assert shown == str(stored)  # the grid shows it


def test_overwrite_with_mine_saves_the_form_over_their_budget_line(
    demo_store: Store, colleague: Store, make_ctx: Any, monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:  # fmt: skip
    case = budget_line(qtbot, make_ctx(demo_store))
    before = demo_store.require("budget_lines", case.record_id)
    forms, conflicts = edit_over_a_colleague(case, colleague, monkeypatch, qtbot, "overwriteMine")
    assert len(conflicts) == 1 and forms[0].result() == QDialog.DialogCode.Accepted
    row = demo_store.require("budget_lines", case.record_id)
    # The whole form is saved over theirs (as the message said: theirs, yours), and their
    # change stays in the history.
    assert (row["notes"], row["budget_pence"]) == ("Mine", before["budget_pence"])
    history = [(e.field, e.new) for e in demo_store.history("budget_lines", case.record_id)]
    assert ("budget_pence", "999900") in history
    shown = next(b for b in case.widget.budget.model.records() if b.id == case.record_id)
    assert shown.notes == "Mine"  # the page reloaded the year


def test_an_edit_of_a_record_a_colleague_deleted_says_so_and_shows_the_year_again(
    demo_store: Store,
    colleague: Store,
    make_ctx: Any,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    case = spend(qtbot, make_ctx(demo_store))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    colleague.delete("spend_entries", case.record_id)
    case.open_form()  # the page still shows the row: no form, no traceback
    assert said and "a colleague has deleted it" in said[0]
    assert case.widget.spend.model.row_of(case.record_id) is None  # the year read again
