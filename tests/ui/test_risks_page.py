"""The Risks page driven through the real widgets: filters, reviews, closing, a new risk, the
heat map, and deleting a risk entered by mistake (undoable; refused when it has reviews)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.dialogs import choose, fill_dialog, set_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.risks.listing import get_risk, list_risks
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.risks.page import RisksPage


@pytest.fixture
def risks_page(qtbot: Any, demo_store: Store, make_ctx: Any) -> RisksPage:
    p = RisksPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.refresh()
    return p


def test_risk_model_and_filters(risks_page: RisksPage, qtmodeltester: Any) -> None:
    qtmodeltester.check(risks_page.model)
    total = risks_page.model.rowCount()
    risks_page.appetite_check.setChecked(True)
    assert 0 < risks_page.model.rowCount() < total
    assert all(
        risks_page.model.record(i).above_appetite for i in range(risks_page.model.rowCount())
    )
    risks_page.appetite_check.setChecked(False)
    risks_page.register_combo.setCurrentText("Strategic")
    assert {risks_page.model.record(i).register for i in range(risks_page.model.rowCount())} == {
        "strategic"
    }


def test_review_a_risk(
    risks_page: RisksPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    risks_page.view.selectRow(0)
    risk = risks_page.selected()
    assert risk is not None
    before = demo_store.count("risk_reviews")
    assert risks_page.chart.pixmap() is not None and not risks_page.chart.pixmap().isNull()

    def fill(d: RecordDialog) -> None:
        choose(d, "likelihood", "5")
        choose(d, "impact", "5")
        set_text(d, "note", "New concerns from the audit")

    fill_dialog(monkeypatch, fill)
    risks_page.record_review()
    assert demo_store.count("risk_reviews") == before + 1
    after = get_risk(demo_store, risk.id)
    assert after.residual_score == 25 and after.trend in ("up", "level")
    assert risks_page.selected() is not None and risks_page.selected().id == risk.id
    assert risks_page.reviews.item(0, 4).text() == "New concerns from the audit"


def test_closing_a_risk_without_a_note_is_refused(
    risks_page: RisksPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    risks_page.view.selectRow(0)
    risk = risks_page.selected()
    assert risk is not None
    dialogs = fill_dialog(monkeypatch, lambda d: set_text(d, "closure_note", ""))
    risks_page.close_selected()
    assert "closure note" in dialogs[0].error.text()
    assert get_risk(demo_store, risk.id).status != "closed"


def test_new_risk_with_a_bad_score_then_a_good_one(
    risks_page: RisksPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = {"value": "30"}

    def fill(d: RecordDialog) -> None:
        set_text(d, "title", "Chronologies late")
        choose(d, "category_id", "Practice")
        set_text(d, "target_score", target["value"])

    dialogs = fill_dialog(monkeypatch, fill)
    before = demo_store.count("risks")
    risks_page.new_record()
    assert "from 1 to 25" in dialogs[0].error.text()
    target["value"] = "6"
    risks_page.new_record()
    assert demo_store.count("risks") == before + 1
    assert risks_page.selected() is not None and risks_page.selected().title == "Chronologies late"


def test_heat_map_tab_shows_a_picture(risks_page: RisksPage) -> None:
    risks_page.tabs.setCurrentIndex(1)
    pixmap = risks_page.heat_label.pixmap()
    assert pixmap is not None and pixmap.width() > 600


def test_delete_a_risk_entered_by_mistake_then_undo_and_redo(
    risks_page: RisksPage,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: Any,
    qtbot: Any,
) -> None:
    def fill(d: RecordDialog) -> None:
        set_text(d, "title", "Entered by mistake")
        choose(d, "category_id", "Practice")

    fill_dialog(monkeypatch, fill)
    before = demo_store.count("risks")
    risks_page.new_record()
    mistake = risks_page.selected()
    assert mistake is not None and mistake.title == "Entered by mistake"
    assert risks_page.delete_button.isEnabled()

    message_boxes.answer = QMessageBox.StandardButton.No  # asked first: No keeps it
    qtbot.mouseClick(risks_page.delete_button, Qt.MouseButton.LeftButton)
    assert demo_store.count("risks") == before + 1

    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(risks_page.delete_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown[-1][:2] == ("question", "Delete risk")
    assert demo_store.count("risks") == before
    assert not risks_page.select_id(mistake.id)
    assert risks_page.ctx.undo_stack.undoText() == f"Delete risk {mistake.reference}"

    risks_page.ctx.undo_stack.undo()  # Ctrl+Z puts it back, same id and reference
    restored = get_risk(demo_store, mistake.id)
    assert (restored.reference, restored.title) == (mistake.reference, "Entered by mistake")
    risks_page.refresh()  # the window refreshes the page after an undo
    assert risks_page.select_id(mistake.id)
    risks_page.ctx.undo_stack.redo()
    assert mistake.id not in {r.id for r in list_risks(demo_store)}


def test_deleting_a_risk_with_reviews_is_refused_with_the_reason(
    risks_page: RisksPage, demo_store: Store, message_boxes: Any
) -> None:
    reviewed = next(r for r in list_risks(demo_store) if r.review_count)
    assert risks_page.select_id(reviewed.id)
    risks_page.delete_selected()
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("warning", "Cannot delete risk")
    assert f"{reviewed.review_count} review(s)" in text and "Close it" in text
    assert get_risk(demo_store, reviewed.id).reference == reviewed.reference
    assert risks_page.ctx.undo_stack.count() == 0
