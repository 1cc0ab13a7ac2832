"""The Finance page driven through its real widgets: contributions, part payments, roll forward,
charts and the workbook export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.dialogs import choose, fill_dialog, set_text
from openpyxl import load_workbook
from PySide6.QtWidgets import QCheckBox, QLineEdit, QMessageBox

from lscp_desktop.models.core.errors import NotFoundError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.analysis import summary
from lscp_desktop.models.finance.budget import get_budget_line
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.payments import list_payments
from lscp_desktop.models.finance.records import Contribution
from lscp_desktop.models.finance.years import get_year
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.finance.dialogs import PaymentsDialog, RollForwardDialog
from lscp_desktop.ui.pages.finance.page import FinancePage
from lscp_desktop.ui.pages.finance.years import YearCommands


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> FinancePage:
    p = FinancePage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.refresh()
    p.select_year("2026/27")
    return p


def row_of(page: FinancePage, organisation: str) -> Contribution:
    for c in page.contributions.model.records():
        if c.organisation == organisation:
            return c
    raise AssertionError(organisation)


def select(page: FinancePage, organisation: str) -> None:
    assert page.contributions.select_key(row_of(page, organisation).id)


def test_models_pass_the_model_tester(page: FinancePage, qtmodeltester: Any) -> None:
    for table in page.tables():
        assert table.model.rowCount() > 0 or table is page.movements
        qtmodeltester.check(table.model)


def test_shows_the_year_with_totals(page: FinancePage) -> None:
    assert [page.year_combo.itemText(i) for i in range(page.year_combo.count())] == [
        "2024/25", "2025/26", "2026/27",
    ]  # fmt: skip
    s = summary(page.ctx.store, get_year(page.ctx.store, "2026/27").id)
    assert page.cards["agreed"][0].text() == "£330,830" == format_money(s.agreed)
    first = page.contributions.model.index(0, 0).data()
    assert first == "Northbridge Borough Council"  # largest first
    share = page.contributions.model.index(0, 7).data()
    assert share == "73.8%"
    page.select_year("2025/26")
    assert page.year is not None and page.year.label == "2025/26"
    assert page.contributions.model.rowCount() == 11


def test_enter_a_contribution(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    org = save_organisation(
        demo_store, {"name": "=cmd|' /C calc'!A0", "kind": "relevant agency", "sector": "other"}
    )
    page.refresh()

    def fill(d: RecordDialog) -> None:
        choose(d, "organisation_id", "=cmd|' /C calc'!A0", exact=True)
        set_text(d, "agreed", "£1,250.50")
        set_text(d, "invoice_ref", "INV-77")
        set_text(d, "invoice_date", "01/10/2026")

    fill_dialog(monkeypatch, fill)
    page.contributions.buttons["New contribution…"].click()
    c = row_of(page, "=cmd|' /C calc'!A0")
    assert (c.organisation_id, c.agreed, c.invoice_ref, c.status) == (org, 1_250_50, "INV-77",
                                                                      "overdue")  # fmt: skip
    assert page.contributions.selected() == c
    assert page.cards["agreed"][0].text() == "£332,080.50"


def test_bad_contribution_keeps_the_dialog_open(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    before = demo_store.count("contributions")

    def text_amount(d: RecordDialog) -> None:
        choose(d, "organisation_id", "Cafcass", exact=True)
        set_text(d, "agreed", "five hundred")

    seen = fill_dialog(monkeypatch, text_amount)
    page.contributions.buttons["New contribution…"].click()
    assert "'five hundred' is not an amount of money" in seen[-1].error.text()
    assert seen[-1].focusWidget() in (None, seen[-1].widgets["agreed"])

    def duplicate(d: RecordDialog) -> None:
        choose(d, "organisation_id", "Cafcass", exact=True)
        set_text(d, "agreed", "550")

    seen = fill_dialog(monkeypatch, duplicate)
    page.contributions.buttons["New contribution…"].click()
    assert "Cafcass already has a contribution for 2026/27" in seen[-1].error.text()
    assert demo_store.count("contributions") == before


def test_record_a_part_payment(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    select(page, "Northbridge University Hospitals NHS Trust")
    assert row_of(page, "Northbridge University Hospitals NHS Trust").status == "overdue"

    def fill(d: RecordDialog) -> None:
        widget = d.widgets["amount"]
        assert isinstance(widget, QLineEdit) and widget.text() == "£8,320"  # what is owed
        refund = d.widgets["refund"]
        assert isinstance(refund, QCheckBox) and not refund.isChecked()
        set_text(d, "amount", "4,000")
        set_text(d, "paid_on", "20/11/2026")
        set_text(d, "reference", "BACS 1234")

    fill_dialog(monkeypatch, fill)
    page.contributions.buttons["Record payment…"].click()
    c = row_of(page, "Northbridge University Hospitals NHS Trust")
    assert (c.received, c.outstanding, c.payments) == (4_000_00, 4_320_00, 1)
    assert page.contributions.selected() == c
    payments = list_payments(demo_store, c.id)
    assert [(p.paid_on, p.amount, p.reference) for p in payments] == [
        ("2026-11-20", 4_000_00, "BACS 1234")
    ]


def test_overpayment_asks_first(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, message_boxes: Any, demo_store: Store
) -> None:
    select(page, "Cafcass")
    before = demo_store.count("contribution_payments")
    seen = fill_dialog(monkeypatch, lambda d: set_text(d, "amount", "100"))
    message_boxes.answer = QMessageBox.StandardButton.No
    page.contributions.buttons["Record payment…"].click()
    assert message_boxes.shown[-1][1] == "More than agreed"
    assert "Not recorded" in seen[-1].error.text()
    assert demo_store.count("contribution_payments") == before
    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.contributions.buttons["Record payment…"].click()
    assert row_of(page, "Cafcass").outstanding == -100_00
    texts = [page.contributions.model.index(r, 5).data()
             for r in range(page.contributions.model.rowCount())]  # fmt: skip
    assert "-£100 (overpaid)" in texts


def test_payments_dialog_deletes_a_payment(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, qtbot: Any, demo_store: Store
) -> None:
    select(page, "Cafcass")
    c = row_of(page, "Cafcass")
    dialogs: list[PaymentsDialog] = []

    def exec_(self: PaymentsDialog) -> int:
        dialogs.append(self)
        self.view.selectRow(0)
        self.delete_button.click()
        return 0

    monkeypatch.setattr(PaymentsDialog, "exec", exec_)
    page.contributions.buttons["Payments…"].click()
    assert dialogs[0].model.rowCount() == 0
    assert row_of(page, "Cafcass").received == 0 and c.received == 550_00


def test_roll_a_year_forward(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, message_boxes: Any, demo_store: Store
) -> None:
    seen: list[RollForwardDialog] = []

    def exec_(self: RollForwardDialog) -> int:
        seen.append(self)
        self.uplift.setText("nonsense")
        assert "is not a percentage" in self.preview.text()
        self.ok_button.click()
        assert self.error.isVisible() or "is not a percentage" in self.error.text()
        self.uplift.setText("2.5")
        assert "→ £339,102" in self.preview.text()
        self.ok_button.click()
        return int(self.result())

    monkeypatch.setattr(RollForwardDialog, "exec", exec_)
    page.roll_button.click()
    assert page.year is not None and page.year.label == "2027/28"
    assert page.year_combo.currentText() == "2027/28"
    assert page.contributions.model.rowCount() == 12
    assert row_of(page, "Cafcass").agreed == 564_00  # £563.75 to the nearest pound
    assert row_of(page, "Cafcass").status == "agreed"
    assert page.budget.model.rowCount() == 16
    assert message_boxes.shown[-1][1] == "Rolled forward"
    assert "12 contributions copied (£339,102)" in message_boxes.shown[-1][2]


def test_charts_are_drawn_when_shown(page: FinancePage, qtbot: Any) -> None:
    assert page.contributions_chart.pixmap().isNull()
    page.tabs.setCurrentWidget(page.charts_tab)
    qtbot.waitUntil(lambda: not page.contributions_chart.pixmap().isNull())
    assert not page.budget_chart.pixmap().isNull()
    assert page.contributions_chart.pixmap().width() > 300


def test_export_workbook(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, saved_files: Any
) -> None:
    target = tmp_path / "funding.xlsx"
    suggested: list[str] = []
    monkeypatch.setattr(
        YearCommands, "ask_path", classmethod(lambda cls, p, name: suggested.append(name) or target)
    )
    page.export_button.click()
    wb = load_workbook(target)
    assert wb["Summary"]["A1"].value.startswith("Funding 2026/27")
    assert saved_files == [("Funding workbook", target)]  # with Open and Show in folder
    assert suggested[0].startswith("Funding workbook - 2026-27 - ")
    assert page.export_button.isEnabled()


def test_new_year_and_a_bad_label(
    qtbot: Any, store: Store, make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = FinancePage(make_ctx(store))
    qtbot.addWidget(p)
    p.refresh()
    assert p.empty.isVisibleTo(p) and not p.tabs.isEnabled()
    seen = fill_dialog(monkeypatch, lambda d: set_text(d, "label", "2026/28"))
    p.new_year_button.click()
    assert "'2026/28' is not a financial year" in seen[-1].error.text()
    assert store.count("finance_years") == 0
    fill_dialog(monkeypatch, lambda d: (set_text(d, "label", "2026/27"),
                                        set_text(d, "opening_reserve", "12,000")))  # fmt: skip
    p.new_year_button.click()
    assert p.year is not None and p.year.label == "2026/27"
    assert p.year.opening_reserve == 12_000_00
    assert p.tabs.isEnabled()


def test_delete_a_year_set_up_by_mistake(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, message_boxes: Any, demo_store: Store
) -> None:
    assert not page.delete_year_button.isVisible()  # 2026/27 holds contributions
    fill_dialog(monkeypatch, lambda d: set_text(d, "label", "2062/63"))
    page.new_year_button.click()
    assert page.year_combo.currentText() == "2062/63"
    assert page.delete_year_button.isVisible()
    message_boxes.answer = QMessageBox.StandardButton.No
    page.delete_year_button.click()
    assert message_boxes.shown[-1][:2] == ("question", "Delete year")
    assert get_year(demo_store, "2062/63").label == "2062/63"
    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.delete_year_button.click()
    assert "Delete the financial year 2062/63?" in message_boxes.shown[-1][2]
    assert [page.year_combo.itemText(i) for i in range(page.year_combo.count())] == [
        "2024/25", "2025/26", "2026/27",
    ]  # fmt: skip
    assert page.year is not None and page.year.label == page.year_combo.currentText()
    assert not page.delete_year_button.isVisible()
    with pytest.raises(NotFoundError):
        get_year(demo_store, "2062/63")


def test_a_year_holding_money_is_not_deleted(
    page: FinancePage, message_boxes: Any, demo_store: Store
) -> None:
    page.years.delete_year()  # as if the year filled up after the button was shown
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("warning", "Cannot delete")
    assert text.startswith("2026/27 cannot be deleted: it holds 12 contributions,")
    assert "question" not in [k for k, _, _ in message_boxes.shown]
    assert get_year(demo_store, "2026/27").label == "2026/27"


def test_budget_line_and_spend(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    def line(d: RecordDialog) -> None:
        choose(d, "category", "audits", exact=True)
        set_text(d, "description", "Section 11 audit tool")
        set_text(d, "budget", "2,000")

    fill_dialog(monkeypatch, line)
    page.budget.buttons["New budget line…"].click()
    new_line = next(b for b in page.budget.model.records() if b.description.startswith("Section"))
    page.budget.select_key(new_line.id)

    def spend(d: RecordDialog) -> None:
        set_text(d, "amount", "-300")
        set_text(d, "spent_on", "10/11/2026")

    seen = fill_dialog(monkeypatch, spend)
    page.spend.buttons["New spend…"].click()
    assert "tick 'Refund'" in seen[-1].error.text()
    fill_dialog(monkeypatch, lambda d: (set_text(d, "amount", "2,300"),
                                        set_text(d, "spent_on", "10/11/2026")))  # fmt: skip
    page.spend.buttons["New spend…"].click()
    b = get_budget_line(demo_store, new_line.id)
    assert (b.actual, b.variance) == (2_300_00, -300_00)


def test_delete_key_on_the_contributions_table(
    page: FinancePage, message_boxes: Any, demo_store: Store
) -> None:
    select(page, "Cafcass")  # has a payment: refused with the reason
    page.delete_selected()
    assert message_boxes.shown[-1][0] == "warning"
    assert "delete the payments first" in message_boxes.shown[-1][2]
    select(page, "NHS England (London region)")
    page.delete_selected()
    assert message_boxes.shown[-1][0] == "question"
    names = [c.organisation for c in page.contributions.model.records()]
    assert "NHS England (London region)" not in names and "Cafcass" in names
    year = get_year(demo_store, "2026/27")
    assert len(list_contributions(demo_store, year.id)) == 11


def test_opening_a_contribution_from_home_shows_its_year_and_row(
    page: FinancePage, demo_store: Store
) -> None:
    earlier = get_year(demo_store, "2024/25")
    wanted = list_contributions(demo_store, earlier.id)[2]
    page.tabs.setCurrentWidget(page.budget)
    page.open_record(wanted.id)
    assert page.year_combo.currentText() == "2024/25"
    assert page.tabs.currentWidget() is page.contributions
    chosen = page.contributions.selected()
    assert chosen is not None and chosen.id == wanted.id


def test_a_payment_names_the_partner_and_asks_before_an_uninvoiced_one(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch, message_boxes: Any, demo_store: Store
) -> None:
    from lscp_desktop.models.finance.contributions import save_contribution

    c = row_of(page, "Cafcass")
    save_contribution(
        demo_store, {"year_id": c.year_id, "organisation_id": c.organisation_id,
                     "agreed": format_money(c.agreed), "invoice_date": ""}, c.id,
    )  # fmt: skip
    page.refresh()
    select(page, "Cafcass")
    before = demo_store.count("contribution_payments")
    seen = fill_dialog(monkeypatch, lambda d: set_text(d, "amount", "10"))
    message_boxes.answer = QMessageBox.StandardButton.No
    page.contributions.buttons["Record payment…"].click()
    intro = seen[-1].intro
    assert intro.isVisibleTo(seen[-1])
    assert intro.text().startswith("From Cafcass, for its 2026/27 contribution of ")
    assert "not invoiced yet" in intro.text()
    assert message_boxes.shown[-1][1] == "Not invoiced yet"
    assert "Not recorded" in seen[-1].error.text()
    assert demo_store.count("contribution_payments") == before
    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.contributions.buttons["Record payment…"].click()
    assert demo_store.count("contribution_payments") == before + 1


def test_a_tab_whose_rows_cannot_be_read_says_so_and_tries_again_when_next_shown(
    page: FinancePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Spend tab reads its rows when first shown: a database that cannot be read then
    (a team database's server gone) is said in its footer, not a crash, and read again."""
    from lscp_desktop.models.core.errors import StoreError
    from lscp_desktop.ui.pages.finance import page as page_module

    real = page_module.list_spend

    def gone(*_args: Any) -> Any:
        raise StoreError("The team database could not be reached")

    page.select_year("2025/26")  # the spend rows of this year not read yet
    monkeypatch.setattr(page_module, "list_spend", gone)
    page.tabs.setCurrentWidget(page.spend)
    assert "These rows could not be read: The team database" in page.spend.footer.text()
    assert page.spend.view.model().rowCount() == 0
    monkeypatch.setattr(page_module, "list_spend", real)
    page.tabs.setCurrentWidget(page.budget)
    page.tabs.setCurrentWidget(page.spend)
    assert "entries" in page.spend.footer.text() and page.spend.view.model().rowCount() > 0
