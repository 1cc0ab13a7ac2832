"""Finance: a year's contributions and payments, in-kind help, budget and spend, reserves,
year-on-year change, charts, rolling forward and the Excel funding workbook.

The page is the controller (layout, wiring, loading a year, the year and window commands).
Beside it: ``finance_table``, ``cards``, ``charts`` (widgets), ``commands`` (the tabs' record
commands), ``forms`` and ``columns`` (what each form and table holds), ``dialogs``, ``export``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.analysis import (
    format_share,
    shares,
    shares_by_kind,
    summarise,
    year_on_year,
)
from lscp_desktop.models.finance.budget import list_budget_lines, list_spend
from lscp_desktop.models.finance.contributions import get_contribution, list_contributions
from lscp_desktop.models.finance.in_kind import list_in_kind
from lscp_desktop.models.finance.records import (
    BudgetLine,
    Contribution,
    FinanceYear,
    InKind,
    ReserveBalance,
    ReserveMovement,
    SpendEntry,
    YearOnYear,
)
from lscp_desktop.models.finance.reserves import list_movements, reserve_balances
from lscp_desktop.models.finance.years import (
    find_year,
    get_year_by_id,
    list_years,
    what_year_holds,
)
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.finance import columns as cols
from lscp_desktop.ui.pages.finance.cards import SummaryCards
from lscp_desktop.ui.pages.finance.charts import ChartsPanel
from lscp_desktop.ui.pages.finance.commands import FinanceCommands
from lscp_desktop.ui.pages.finance.finance_table import FinanceTable
from lscp_desktop.ui.pages.finance.years import YearCommands

__all__ = ["FinancePage", "FinanceTable"]


class FinancePage(Page):
    title = "Finance"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.year: FinanceYear | None = None
        self._shares: dict[int, Fraction | None] = {}
        self.commands = FinanceCommands(parent=self, view=self)
        self.years = YearCommands(self, self)
        self._build_ui()
        self._connect_signals()

    # ---- building -----------------------------------------------------------------------

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 10)
        top = QHBoxLayout()
        heading = QLabel("Budget and contributions")
        heading.setObjectName("pageTitle")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(QLabel("Financial year"))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("year")
        self.year_combo.setMinimumWidth(110)
        top.addWidget(self.year_combo)
        self.new_year_button = QPushButton("New year…")
        self.edit_year_button = QPushButton("Year details…")
        #: Shown only for a year that holds nothing yet (one set up by mistake).
        self.delete_year_button = QPushButton("Delete year…")
        self.delete_year_button.hide()
        self.roll_button = QPushButton("Roll forward…")
        self.export_button = QPushButton("Export workbook…")
        for b in (
            self.new_year_button,
            self.edit_year_button,
            self.delete_year_button,
            self.roll_button,
            self.export_button,
        ):
            top.addWidget(b)  # fmt: skip
        outer.addLayout(top)

        self.summary = SummaryCards()
        #: (value, detail) labels of each summary card, by key.
        self.cards = self.summary.cards
        outer.addWidget(self.summary)

        self.empty = QLabel(
            "No financial years are set up yet. Add one with <b>New year…</b> to start recording "
            "the partners' contributions, or use <code>lscp-desktop finance load-table</code> to "
            "enter a published funding table."
        )
        self.empty.setWordWrap(True)
        self.empty.setObjectName("muted")
        outer.addWidget(self.empty)

        self.tabs = QTabWidget()
        self.contributions: FinanceTable[Contribution] = FinanceTable(
            cols.contribution_columns(self._shares),
            [
                ("New contribution…", self.commands.new_contribution, False),
                ("Edit…", self.commands.edit_contribution, True),
                ("Record payment…", self.commands.record_payment, True),
                ("Payments…", self.commands.show_payments, True),
                ("Delete…", self.commands.delete_contribution, True),
            ],
            sort=(2, Qt.SortOrder.DescendingOrder),
        )
        self.in_kind: FinanceTable[InKind] = FinanceTable(
            cols.in_kind_columns(),
            [
                ("New in-kind contribution…", self.commands.new_in_kind, False),
                ("Edit…", self.commands.edit_in_kind, True),
                ("Delete…", self.commands.delete_in_kind, True),
            ],
            note="Accommodation, legal advice, hosting the business unit: help given rather "
            "than paid, with a notional value where one is known.",
        )
        self.budget: FinanceTable[BudgetLine] = FinanceTable(
            cols.budget_columns(),
            [
                ("New budget line…", self.commands.new_budget_line, False),
                ("Edit…", self.commands.edit_budget_line, True),
                ("Delete…", self.commands.delete_budget_line, True),
            ],
            note="Actual is the spend recorded against each line; variance is budget less "
            "actual (red: overspent).",
        )
        self.spend: FinanceTable[SpendEntry] = FinanceTable(
            cols.spend_columns(),
            [
                ("New spend…", self.commands.new_spend, False),
                ("Edit…", self.commands.edit_spend, True),
                ("Delete…", self.commands.delete_spend, True),
            ],
        )
        reserves_tab = QWidget()
        reserves_layout = QVBoxLayout(reserves_tab)
        reserves_layout.setContentsMargins(0, 0, 0, 0)
        self.reserves: FinanceTable[ReserveBalance] = FinanceTable(
            cols.reserve_columns(),
            [("New reserve…", self.commands.new_reserve, False)],
            key=lambda r: r.reserve_id,
            note="Earmarked reserves, e.g. for practice reviews, with their balances this year.",
        )
        self.movements: FinanceTable[ReserveMovement] = FinanceTable(
            cols.movement_columns(),
            [
                ("Transfer in or draw down…", self.commands.new_movement, False),
                ("Delete…", self.commands.delete_movement, True),
            ],
            note="Movements this year",
        )
        reserves_layout.addWidget(self.reserves, 2)
        reserves_layout.addWidget(self.movements, 3)
        self.year_on_year: FinanceTable[YearOnYear] = FinanceTable(
            cols.year_on_year_columns("Previous year", "This year"),
            [],
            key=lambda y: y.organisation_id,
            sort=(3, Qt.SortOrder.DescendingOrder),
        )
        self.charts_tab = ChartsPanel(self.ctx.runner)
        self.contributions_chart = self.charts_tab.contributions_chart
        self.budget_chart = self.charts_tab.budget_chart

        self.tabs.addTab(self.contributions, "Contributions")
        self.tabs.addTab(self.in_kind, "In kind")
        self.tabs.addTab(self.budget, "Budget")
        self.tabs.addTab(self.spend, "Spend")
        self.tabs.addTab(reserves_tab, "Reserves")
        self.tabs.addTab(self.year_on_year, "Year on year")
        self.tabs.addTab(self.charts_tab, "Charts")
        outer.addWidget(self.tabs, 1)

    def _connect_signals(self) -> None:
        self.year_combo.currentIndexChanged.connect(self.on_year_changed)
        self.new_year_button.clicked.connect(self.years.new_year)
        self.edit_year_button.clicked.connect(self.years.edit_year)
        self.delete_year_button.clicked.connect(self.years.delete_year)
        self.roll_button.clicked.connect(self.years.roll_forward)
        self.export_button.clicked.connect(self.years.export_workbook)
        self.tabs.currentChanged.connect(lambda _i: self._draw_charts_if_shown())
        self.contributions.on_double_click(self.commands.edit_contribution)
        self.budget.on_double_click(self.commands.edit_budget_line)
        self.spend.on_double_click(self.commands.edit_spend)
        self.in_kind.on_double_click(self.commands.edit_in_kind)

    def tables(self) -> list[FinanceTable[Any]]:
        return [self.contributions, self.in_kind, self.budget, self.spend, self.reserves,
                self.movements, self.year_on_year]  # fmt: skip

    # ---- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        years = list_years(store)
        wanted = self.year.start_year if self.year else self._default_year(years)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(y.label, y.start_year)
        index = self.year_combo.findData(wanted)
        self.year_combo.setCurrentIndex(index if index >= 0 else len(years) - 1)
        self.year_combo.blockSignals(False)
        self.year = years[self.year_combo.currentIndex()] if years else None
        self._load_year()

    @staticmethod
    def _default_year(years: list[FinanceYear]) -> int | None:
        current = FinancialYear.containing(dt.date.today()).start_year
        starts = [y.start_year for y in years]
        if current in starts:
            return current
        return starts[-1] if starts else None

    def on_year_changed(self, index: int) -> None:
        if index < 0:
            return
        self.year = find_year(self.ctx.store, int(self.year_combo.itemData(index)))
        self._load_year()

    def open_record(self, record_id: int) -> None:
        """Show one contribution (Home links here): its year, the Contributions tab, its row."""
        try:
            contribution = get_contribution(self.ctx.store, record_id)
        except LscpError:
            return
        index = self.year_combo.findData(
            next(y.start_year for y in list_years(self.ctx.store) if y.id == contribution.year_id)
        )
        if index >= 0 and index != self.year_combo.currentIndex():
            self.year_combo.setCurrentIndex(index)
        self.tabs.setCurrentWidget(self.contributions)
        self.contributions.select_key(record_id)

    def select_year(self, label: str) -> None:
        index = self.year_combo.findText(label)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    def _load_year(self) -> None:
        store, year = self.ctx.store, self.year
        writable = not store.read_only
        has_year = year is not None
        self.empty.setVisible(not has_year)
        self.tabs.setEnabled(has_year)
        for b in (self.edit_year_button, self.roll_button, self.export_button):
            b.setEnabled(has_year)
        self.new_year_button.setEnabled(writable)
        self.edit_year_button.setEnabled(has_year and writable)
        self.roll_button.setEnabled(has_year and writable)
        self.delete_year_button.setVisible(
            year is not None and writable and not what_year_holds(store, year.id)
        )
        for table in self.tables():
            table.set_writable(writable)
        if year is None:
            for table in self.tables():
                table.set_records([])
            self.summary.clear()
            return
        today = dt.date.today()
        contributions = list_contributions(store, year.id, today=today)
        in_kind = list_in_kind(store, year.id)
        lines = list_budget_lines(store, year.id)
        movements = list_movements(store, year.id)
        # From the records just loaded, not read again (the summary would read four tables);
        # the year itself as stored now (its opening reserve).
        s = summarise(get_year_by_id(store, year.id), contributions, lines, in_kind, movements,
                      today=today)  # fmt: skip
        self._shares.clear()
        self._shares.update({c.id: share.share for c, share in zip(contributions,
                             shares(contributions), strict=True)})  # fmt: skip
        kinds = shares_by_kind(contributions)
        statutory = next((k for k in kinds if k.name == "statutory partner"), None)
        self.contributions.set_records(
            contributions,
            f"{len(contributions)} contributors · agreed {format_money(s.agreed)}"
            + (f" · statutory partners {format_share(statutory.share)}" if statutory else "")
            + " · "
            + ", ".join(f"{k.name} {format_share(k.share)}" for k in kinds
                        if k.name != "statutory partner"),
        )  # fmt: skip
        self.in_kind.set_records(
            in_kind, f"{len(in_kind)} in-kind contributions · notional value "
            f"{format_money(s.in_kind_notional)}"
        )  # fmt: skip
        self.budget.set_records(
            lines,
            f"Budget {format_money(s.budget)} · actual {format_money(s.actual)} · variance "
            f"{format_money(s.variance)}",
        )
        self.movements.set_records(
            movements, f"Net transfers to earmarked reserves {format_money(s.reserve_transfers)}"
        )
        # The other tabs' rows are read when first shown (or reached), not at opening.
        self.spend.defer(lambda: self._load_spend(year.id, s.actual))
        self.reserves.defer(lambda: self.reserves.set_records(reserve_balances(store, year.id)))
        self.year_on_year.defer(lambda: self._load_year_on_year(year))
        self.summary.show_summary(s)
        self.charts_tab.stale = True
        self._draw_charts_if_shown()

    def _load_spend(self, year_id: int, actual: int) -> None:
        spend = list_spend(self.ctx.store, year_id)
        self.spend.set_records(spend, f"{len(spend)} entries · {format_money(actual)}")

    def _load_year_on_year(self, year: FinanceYear) -> None:
        previous = FinancialYear(year.fy.start_year - 1).label
        # The headings name the two years; the reset in set_records shows them.
        self.year_on_year.set_columns(cols.year_on_year_columns(previous, year.label))
        self.year_on_year.set_records(
            year_on_year(self.ctx.store, year.id),
            f"Agreed contributions in {year.label} against {previous}.",
        )

    # ---- charts (drawn off the GUI thread) ------------------------------------------------

    def _draw_charts_if_shown(self) -> None:
        if self.tabs.currentWidget() is not self.charts_tab or not self.charts_tab.stale:
            return
        if self.year is None:
            return
        self.charts_tab.draw(
            self.contributions.model.records(), self.budget.model.records(), self.year.label
        )

    # ---- shared helpers ---------------------------------------------------------------------

    def reload_year(self, status: str = "") -> None:
        """After a change: reload the year, tell the other pages, show *status*."""
        self._load_year()
        self.data_changed.emit()
        if status:
            self.ctx.status(status)

    def current_year(self) -> FinanceYear:
        assert self.year is not None
        return self.year

    def show_year(self, year: FinanceYear | None, status: str = "") -> None:
        """Show *year* (the latest when None) after a year command; tell the other pages."""
        self.year = year
        self.refresh()
        self.data_changed.emit()
        if status:
            self.ctx.status(status)

    # ---- window commands --------------------------------------------------------------------

    def new_record(self) -> None:
        if self.year is not None and not self.ctx.store.read_only:
            self.commands.new_contribution()

    def delete_selected(self) -> None:
        """Delete on whichever finance table is showing."""
        if self.year is None or self.ctx.store.read_only:
            return
        current = self.tabs.currentWidget()
        actions: dict[QWidget, Callable[[], None]] = {
            self.contributions: self.commands.delete_contribution,
            self.in_kind: self.commands.delete_in_kind,
            self.budget: self.commands.delete_budget_line,
            self.spend: self.commands.delete_spend,
        }
        action = actions.get(current)
        if action is None and current is self.movements.parentWidget():
            action = self.commands.delete_movement
        if action is not None:
            action()
