"""Finance: a year's contributions and payments, in-kind help, budget and spend, reserves,
year-on-year change, charts, rolling forward and the Excel funding workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.models import finance as f
from lscp_desktop.models.errors import LscpError, ValidationError
from lscp_desktop.models.money import format_money
from lscp_desktop.ui.background import Cancelled, Progress
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.finance import columns as cols
from lscp_desktop.ui.pages.finance.dialogs import PaymentsDialog, RollForwardDialog
from lscp_desktop.ui.table import (
    Column,
    RecordFilterProxy,
    RecordTableModel,
    fit_columns,
    make_table_view,
    selected_record,
)

T = TypeVar("T")


class FinanceTable(QWidget, Generic[T]):
    """A sortable table of one kind of finance record with its buttons and a footer line."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        buttons: Sequence[tuple[str, Callable[[], None], bool]],
        *,
        key: Callable[[T], Any] | None = None,
        note: str = "",
        sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
    ) -> None:
        super().__init__()
        self.model: RecordTableModel[T] = RecordTableModel(columns, key)
        self.proxy = RecordFilterProxy(self.model)
        self.view = make_table_view(self.proxy, sort=sort)
        self.buttons: dict[str, QPushButton] = {}
        #: Buttons that need a selected row (the rest are always available).
        self._needs_selection: list[QPushButton] = []
        bar = QHBoxLayout()
        self.note = QLabel(note)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)  # long notes wrap rather than widen the window
        bar.addWidget(self.note, 1)
        for text, slot, needs_row in buttons:
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[text] = button
            if needs_row:
                self._needs_selection.append(button)
        self.footer = QLabel()
        self.footer.setObjectName("muted")
        self.footer.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self._writable = True
        self._sized = False

    def set_records(self, records: Sequence[T], footer: str = "") -> None:
        selected = self.selected()
        key = self.model._key(selected) if selected is not None else None
        self.model.set_records(records)
        self.footer.setText(footer)
        if not self._sized and records:
            self._sized = True
            fit_columns(self.view, pad=14, widest=360)
        if key is not None:
            self.select_key(key)
        self.update_buttons()

    def selected(self) -> T | None:
        record: T | None = selected_record(self.view)
        return record

    def select_key(self, key: Any) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self.update_buttons()

    def update_buttons(self) -> None:
        has = self.selected() is not None
        for button in self.buttons.values():
            read_only_ok = button.text().startswith(("Payments", "History"))
            allowed = self._writable or read_only_ok
            button.setEnabled(allowed and (has or button not in self._needs_selection))


def _card(label: str) -> tuple[QFrame, QLabel, QLabel]:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 8, 12, 8)
    layout.setSpacing(2)
    value = QLabel("—")
    value.setObjectName("cardNumber")
    value.setStyleSheet("font-size: 15pt;")
    text = QLabel(label)
    text.setObjectName("cardLabel")
    detail = QLabel()
    detail.setObjectName("muted")
    detail.setWordWrap(True)  # long details wrap rather than widen the window
    text.setWordWrap(True)
    layout.addWidget(value)
    layout.addWidget(text)
    layout.addWidget(detail)
    return card, value, detail


class FinancePage(Page):
    title = "Finance"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.year: f.FinanceYear | None = None
        self._shares: dict[int, Fraction] = {}
        self._chart_generation = 0
        self._charts_stale = True
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
        self.roll_button = QPushButton("Roll forward…")
        self.export_button = QPushButton("Export workbook…")
        for b in (
            self.new_year_button,
            self.edit_year_button,
            self.roll_button,
            self.export_button,
        ):
            top.addWidget(b)  # fmt: skip
        outer.addLayout(top)

        cards = QGridLayout()
        cards.setSpacing(10)
        self.cards: dict[str, tuple[QLabel, QLabel]] = {}
        for i, (key, label) in enumerate(
            (
                ("agreed", "Contributions agreed"),
                ("received", "Received"),
                ("outstanding", "Outstanding"),
                ("budget", "Budget"),
                ("actual", "Spent"),
                ("reserve", "Reserve"),
            )
        ):
            card, value, detail = _card(label)
            cards.addWidget(card, 0, i)
            self.cards[key] = (value, detail)
        outer.addLayout(cards)

        self.empty = QLabel(
            "No financial years are set up yet. Add one with <b>New year…</b> to start recording "
            "the partners' contributions, or use <code>lscp-desktop finance load-table</code> to "
            "enter a published funding table."
        )
        self.empty.setWordWrap(True)
        self.empty.setObjectName("muted")
        outer.addWidget(self.empty)

        self.tabs = QTabWidget()
        self.contributions: FinanceTable[f.Contribution] = FinanceTable(
            cols.contribution_columns(self._shares),
            [
                ("New contribution…", self.new_contribution, False),
                ("Edit…", self.edit_contribution, True),
                ("Record payment…", self.record_payment, True),
                ("Payments…", self.show_payments, True),
                ("Delete…", self.delete_contribution, True),
            ],
            sort=(2, Qt.SortOrder.DescendingOrder),
        )
        self.in_kind: FinanceTable[f.InKind] = FinanceTable(
            cols.in_kind_columns(),
            [
                ("New in-kind contribution…", self.new_in_kind, False),
                ("Edit…", self.edit_in_kind, True),
                ("Delete…", self.delete_in_kind, True),
            ],
            note="Accommodation, legal advice, hosting the business unit: help given rather "
            "than paid, with a notional value where one is known.",
        )
        self.budget: FinanceTable[f.BudgetLine] = FinanceTable(
            cols.budget_columns(),
            [
                ("New budget line…", self.new_budget_line, False),
                ("Edit…", self.edit_budget_line, True),
                ("Delete…", self.delete_budget_line, True),
            ],
            note="Actual is the spend recorded against each line; variance is budget less "
            "actual (red: overspent).",
        )
        self.spend: FinanceTable[f.SpendEntry] = FinanceTable(
            cols.spend_columns(),
            [
                ("New spend…", self.new_spend, False),
                ("Edit…", self.edit_spend, True),
                ("Delete…", self.delete_spend, True),
            ],
        )
        reserves_tab = QWidget()
        reserves_layout = QVBoxLayout(reserves_tab)
        reserves_layout.setContentsMargins(0, 0, 0, 0)
        self.reserves: FinanceTable[f.ReserveBalance] = FinanceTable(
            cols.reserve_columns(),
            [("New reserve…", self.new_reserve, False)],
            key=lambda r: r.reserve_id,
            note="Earmarked reserves, e.g. for practice reviews, with their balances this year.",
        )
        self.movements: FinanceTable[f.ReserveMovement] = FinanceTable(
            cols.movement_columns(),
            [
                ("Transfer in or draw down…", self.new_movement, False),
                ("Delete…", self.delete_movement, True),
            ],
            note="Movements this year",
        )
        reserves_layout.addWidget(self.reserves, 2)
        reserves_layout.addWidget(self.movements, 3)
        self.year_on_year: FinanceTable[f.YearOnYear] = FinanceTable(
            cols.year_on_year_columns("Previous year", "This year"),
            [],
            key=lambda y: y.organisation_id,
            sort=(3, Qt.SortOrder.DescendingOrder),
        )
        self.charts_tab = QScrollArea()
        self.charts_tab.setWidgetResizable(True)
        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        self.contributions_chart = QLabel("Drawing…")
        self.budget_chart = QLabel("Drawing…")
        for chart in (self.contributions_chart, self.budget_chart):
            chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            charts_layout.addWidget(chart, 1)
        self.charts_tab.setWidget(charts)

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
        self.new_year_button.clicked.connect(self.new_year)
        self.edit_year_button.clicked.connect(self.edit_year)
        self.roll_button.clicked.connect(self.roll_forward)
        self.export_button.clicked.connect(self.export_workbook)
        self.tabs.currentChanged.connect(lambda _i: self._draw_charts_if_shown())
        self.contributions.view.doubleClicked.connect(lambda _i: self.edit_contribution())
        self.budget.view.doubleClicked.connect(lambda _i: self.edit_budget_line())
        self.spend.view.doubleClicked.connect(lambda _i: self.edit_spend())
        self.in_kind.view.doubleClicked.connect(lambda _i: self.edit_in_kind())

    def tables(self) -> list[FinanceTable[Any]]:
        return [self.contributions, self.in_kind, self.budget, self.spend, self.reserves,
                self.movements, self.year_on_year]  # fmt: skip

    # ---- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        years = f.list_years(store)
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
    def _default_year(years: list[f.FinanceYear]) -> int | None:
        current = f.FinancialYear.containing(dt.date.today()).start_year
        starts = [y.start_year for y in years]
        if current in starts:
            return current
        return starts[-1] if starts else None

    def on_year_changed(self, index: int) -> None:
        if index < 0:
            return
        self.year = f.find_year(self.ctx.store, int(self.year_combo.itemData(index)))
        self._load_year()

    def open_record(self, record_id: int) -> None:
        """Show one contribution (Home links here): its year, the Contributions tab, its row."""
        try:
            contribution = f.get_contribution(self.ctx.store, record_id)
        except LscpError:
            return
        index = self.year_combo.findData(
            next(y.start_year for y in f.list_years(self.ctx.store) if y.id == contribution.year_id)
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
        for table in self.tables():
            table.set_writable(writable)
        if year is None:
            for table in self.tables():
                table.set_records([])
            for value, detail in self.cards.values():
                value.setText("—")
                detail.setText("")
            return
        contributions = f.list_contributions(store, year.id)
        self._shares.clear()
        self._shares.update({c.id: s.share for c, s in zip(contributions, f.shares(contributions),
                                                           strict=True)})  # fmt: skip
        s = f.summary(store, year.id)
        kinds = f.shares_by_kind(contributions)
        statutory = next((k for k in kinds if k.name == "statutory partner"), None)
        self.contributions.set_records(
            contributions,
            f"{len(contributions)} contributors · agreed {format_money(s.agreed)}"
            + (f" · statutory partners {f.format_share(statutory.share)}" if statutory else "")
            + " · "
            + ", ".join(f"{k.name} {f.format_share(k.share)}" for k in kinds
                        if k.name != "statutory partner"),
        )  # fmt: skip
        in_kind = f.list_in_kind(store, year.id)
        self.in_kind.set_records(
            in_kind, f"{len(in_kind)} in-kind contributions · notional value "
            f"{format_money(s.in_kind_notional)}"
        )  # fmt: skip
        self.budget.set_records(
            f.list_budget_lines(store, year.id),
            f"Budget {format_money(s.budget)} · actual {format_money(s.actual)} · variance "
            f"{format_money(s.variance)}",
        )
        spend = f.list_spend(store, year.id)
        self.spend.set_records(spend, f"{len(spend)} entries · {format_money(s.actual)}")
        self.reserves.set_records(f.reserve_balances(store, year.id))
        movements = f.list_movements(store, year.id)
        self.movements.set_records(
            movements, f"Net transfers to earmarked reserves {format_money(s.reserve_transfers)}"
        )
        previous = f.FinancialYear(year.fy.start_year - 1).label
        # The headings name the two years; the reset in set_records shows them.
        self.year_on_year.model.columns = cols.year_on_year_columns(previous, year.label)
        self.year_on_year.set_records(
            f.year_on_year(store, year.id),
            f"Agreed contributions in {year.label} against {previous}.",
        )
        self._show_summary(s)
        self._charts_stale = True
        self._draw_charts_if_shown()

    def _show_summary(self, s: f.YearSummary) -> None:
        def show(key: str, pence: int, detail: str = "") -> None:
            value, label = self.cards[key]
            value.setText(format_money(pence))
            label.setText(detail)

        show("agreed", s.agreed, f"{s.contributors} contributors")
        share = f.format_share(Fraction(s.received, s.income)) if s.income else "—"
        show("received", s.received, f"{share} of income")
        show(
            "outstanding",
            s.outstanding,
            f"{s.overdue} overdue" if s.overdue else "none overdue",
        )
        show("budget", s.budget, f"opening reserve {format_money(s.year.opening_reserve)}")
        show(
            "actual",
            s.actual,
            f"{format_money(abs(s.variance))} {'under' if s.variance >= 0 else 'over'} budget",
        )
        if s.ended:
            show("reserve", s.closing_reserve, "carried forward")
        else:
            show("reserve", s.forecast_closing, "forecast to carry forward")
        value = self.cards["outstanding"][0]
        value.setStyleSheet("font-size: 15pt;" + (" color: #a4262c;" if s.overdue else ""))

    # ---- charts (drawn off the GUI thread) ------------------------------------------------

    def _draw_charts_if_shown(self) -> None:
        if self.tabs.currentWidget() is not self.charts_tab or not self._charts_stale:
            return
        if self.year is None:
            return
        self._charts_stale = False
        self._chart_generation += 1
        generation = self._chart_generation
        contributions = list(self.contributions.model.records())
        lines = list(self.budget.model.records())
        label = self.year.label
        width_in = max(4.0, (self.charts_tab.viewport().width() / 2 - 24) / 100)

        def draw(_progress: Progress) -> tuple[bytes, bytes]:
            from lscp_desktop.exports.charts.finance import budget_png, contributions_png

            return (
                contributions_png(contributions, label, width_in=width_in, dpi=100),
                budget_png(lines, label, width_in=width_in, dpi=100),
            )

        def shown(result: tuple[bytes, bytes]) -> None:
            if generation != self._chart_generation:
                return  # a newer year was chosen meanwhile
            for label_widget, png in zip(
                (self.contributions_chart, self.budget_chart), result, strict=True
            ):
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                label_widget.setPixmap(pixmap)

        def failed(exc: BaseException) -> None:
            self.contributions_chart.setText(f"The charts could not be drawn: {exc}")

        self.contributions_chart.setText("Drawing…")
        self.budget_chart.clear()
        # Let the page paint first; the drawing itself runs on the thread pool.
        QTimer.singleShot(0, lambda: self.ctx.runner.run(draw, on_success=shown, on_failure=failed))

    # ---- shared helpers ---------------------------------------------------------------------

    def _changed(self, status: str = "") -> None:
        self._load_year()
        self.data_changed.emit()
        if status:
            self.ctx.status(status)

    def _ask(
        self, title: str, fields: list[Field], values: dict[str, Any], save: Callable[..., Any]
    ) -> Any:
        return RecordDialog.ask(self, title, fields, values, save)

    def _confirm_delete(self, what: str, delete: Callable[[], Any]) -> None:
        answer = QMessageBox.question(self, "Delete", f"Delete {what}? This cannot be undone.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete()
        except LscpError as exc:
            QMessageBox.warning(self, "Cannot delete", str(exc))
            return
        self._changed(f"Deleted {what}.")

    def _year(self) -> f.FinanceYear:
        assert self.year is not None
        return self.year

    # ---- years --------------------------------------------------------------------------

    def new_year(self) -> None:
        years = f.list_years(self.ctx.store)
        suggested = (
            years[-1].fy.next() if years else f.FinancialYear.containing(dt.date.today())
        ).label
        year_id = self._ask(
            "New financial year",
            cols.year_fields(),
            {"label": suggested},
            lambda v: f.save_year(self.ctx.store, v),
        )
        if year_id is not None:
            self.year = f.get_year_by_id(self.ctx.store, year_id)
            self.refresh()
            self.data_changed.emit()

    def edit_year(self) -> None:
        year = self._year()
        saved = self._ask(
            f"Financial year {year.label}",
            cols.year_fields(),
            {"label": year.label, "opening_reserve": format_money(year.opening_reserve),
             "notes": year.notes},
            lambda v: f.save_year(self.ctx.store, v, year.id),
        )  # fmt: skip
        if saved is not None:
            self.year = f.get_year_by_id(self.ctx.store, year.id)
            self.refresh()
            self.data_changed.emit()

    def roll_forward(self) -> None:
        result = RollForwardDialog.ask(self, self.ctx.store, self._year())
        if result is None:
            return
        self.year = result.year
        self.refresh()
        self.data_changed.emit()
        text = (
            f"{result.year.label}: {result.contributions} contributions copied "
            f"({format_money(result.total_after)}), {result.budget_lines} budget lines, "
            f"{result.in_kind} in-kind contributions; opening reserve "
            f"{format_money(result.year.opening_reserve)}."
        )
        if result.skipped:
            text += "\n\nSkipped:\n" + "\n".join(f"• {s}" for s in result.skipped)
        QMessageBox.information(self, "Rolled forward", text)

    # ---- contributions ------------------------------------------------------------------

    def new_contribution(self) -> None:
        year = self._year()
        new_id = self._ask(
            f"New contribution for {year.label}",
            cols.contribution_fields(self.ctx.store),
            {"waived": False},
            lambda v: f.save_contribution(self.ctx.store, {**v, "year_id": year.id}),
        )
        if new_id is not None:
            self._changed("Contribution added.")
            self.contributions.select_key(new_id)

    def edit_contribution(self) -> None:
        c = self.contributions.selected()
        if c is None or self.ctx.store.read_only:
            return
        saved = self._ask(
            f"Contribution: {c.organisation}, {self._year().label}",
            cols.contribution_fields(self.ctx.store),
            {
                "organisation_id": c.organisation_id,
                "agreed": format_money(c.agreed),
                "invoice_ref": c.invoice_ref,
                "invoice_date": c.invoice_date,
                "due_date": c.due_date,
                "waived": c.waived,
                "notes": c.notes,
            },
            lambda v: f.save_contribution(self.ctx.store, {**v, "year_id": c.year_id}, c.id),
        )
        if saved is not None:
            self._changed("Contribution saved.")

    def record_payment(self) -> None:
        c = self.contributions.selected()
        if c is None:
            return
        store = self.ctx.store

        def save(values: dict[str, Any]) -> int:
            try:
                return f.record_payment(store, c.id, values)
            except f.OverpaymentWarning as exc:
                answer = QMessageBox.question(
                    self, "More than agreed", f"{exc}\n\nRecord this payment anyway?"
                )
                if answer != QMessageBox.StandardButton.Yes:
                    raise ValidationError(f"{exc} Not recorded.", exc.field) from None
                return f.record_payment(store, c.id, values, allow_overpayment=True)

        saved = self._ask(
            f"Record a payment from {c.organisation}",
            cols.payment_fields(),
            {
                "paid_on": dt.date.today().isoformat(),
                "amount": format_money(c.outstanding) if c.outstanding > 0 else "",
                "refund": False,
            },
            save,
        )
        if saved is not None:
            self._changed("Payment recorded.")

    def show_payments(self) -> None:
        c = self.contributions.selected()
        if c is None:
            return
        dialog = PaymentsDialog(self, self.ctx.store, c.id)
        dialog.exec()
        if dialog.changed:
            self._changed("Payment deleted.")

    def delete_contribution(self) -> None:
        c = self.contributions.selected()
        if c is not None:
            self._confirm_delete(
                f"{c.organisation}'s contribution for {self._year().label}",
                lambda: f.delete_contribution(self.ctx.store, c.id),
            )

    # ---- in kind ------------------------------------------------------------------------

    def new_in_kind(self) -> None:
        year = self._year()
        if (
            self._ask(
                f"New in-kind contribution for {year.label}",
                cols.in_kind_fields(self.ctx.store),
                {},
                lambda v: f.save_in_kind(self.ctx.store, {**v, "year_id": year.id}),
            )
            is not None
        ):
            self._changed("In-kind contribution added.")  # fmt: skip

    def edit_in_kind(self) -> None:
        k = self.in_kind.selected()
        if k is None or self.ctx.store.read_only:
            return
        values = {"organisation_id": k.organisation_id, "description": k.description,
                  "notional": format_money(k.notional), "notes": k.notes}  # fmt: skip
        if (
            self._ask(
                "In-kind contribution",
                cols.in_kind_fields(self.ctx.store),
                values,
                lambda v: f.save_in_kind(self.ctx.store, {**v, "year_id": k.year_id}, k.id),
            )
            is not None
        ):
            self._changed("In-kind contribution saved.")  # fmt: skip

    def delete_in_kind(self) -> None:
        k = self.in_kind.selected()
        if k is not None:
            self._confirm_delete(
                f"the in-kind contribution '{k.description}'",
                lambda: f.delete_in_kind(self.ctx.store, k.id),
            )

    # ---- budget and spend -----------------------------------------------------------------

    def new_budget_line(self) -> None:
        year = self._year()
        if (
            self._ask(
                f"New budget line for {year.label}",
                cols.budget_fields(),
                {"category": "staffing"},
                lambda v: f.save_budget_line(self.ctx.store, {**v, "year_id": year.id}),
            )
            is not None
        ):
            self._changed("Budget line added.")  # fmt: skip

    def edit_budget_line(self) -> None:
        b = self.budget.selected()
        if b is None or self.ctx.store.read_only:
            return
        values = {"category": b.category, "description": b.description,
                  "budget": format_money(b.budget), "notes": b.notes}  # fmt: skip
        if (
            self._ask(
                "Budget line",
                cols.budget_fields(),
                values,
                lambda v: f.save_budget_line(self.ctx.store, {**v, "year_id": b.year_id}, b.id),
            )
            is not None
        ):
            self._changed("Budget line saved.")  # fmt: skip

    def delete_budget_line(self) -> None:
        b = self.budget.selected()
        if b is not None:
            self._confirm_delete(
                f"the budget line '{b.description}'",
                lambda: f.delete_budget_line(self.ctx.store, b.id),
            )

    def new_spend(self) -> None:
        lines = self.budget.model.records()
        if not lines:
            QMessageBox.information(
                self, "New spend", "Add the year's budget lines first; spend is recorded "
                "against a budget line."
            )  # fmt: skip
            return
        selected = self.budget.selected()
        year = self._year()
        today = dt.date.today()
        day = today if year.fy.start <= today <= year.fy.end else year.fy.end
        if (
            self._ask(
                f"New spend in {year.label}",
                cols.spend_fields(lines),
                {
                    "budget_line_id": selected.id if selected else None,
                    "spent_on": day.isoformat(),
                    "refund": False,
                },
                lambda v: f.save_spend(self.ctx.store, v),
            )
            is not None
        ):
            self._changed("Spend recorded.")  # fmt: skip

    def edit_spend(self) -> None:
        s = self.spend.selected()
        if s is None or self.ctx.store.read_only:
            return
        values = {"budget_line_id": s.budget_line_id, "spent_on": s.spent_on,
                  "amount": format_money(abs(s.amount)), "refund": s.refund, "payee": s.payee,
                  "description": s.description, "reference": s.reference}  # fmt: skip
        if (
            self._ask(
                "Spend",
                cols.spend_fields(self.budget.model.records()),
                values,
                lambda v: f.save_spend(self.ctx.store, v, s.id),
            )
            is not None
        ):
            self._changed("Spend saved.")  # fmt: skip

    def delete_spend(self) -> None:
        s = self.spend.selected()
        if s is not None:
            self._confirm_delete(
                f"the spend of {format_money(s.amount)} on {s.line}",
                lambda: f.delete_spend(self.ctx.store, s.id),
            )

    # ---- reserves -------------------------------------------------------------------------

    def new_reserve(self) -> None:
        if (
            self._ask(
                "New earmarked reserve",
                cols.reserve_fields(),
                {},
                lambda v: f.save_reserve(self.ctx.store, v),
            )
            is not None
        ):
            self._changed("Reserve added.")  # fmt: skip

    def new_movement(self) -> None:
        reserves = f.list_reserves(self.ctx.store)
        if not reserves:
            QMessageBox.information(self, "Reserves", "Add a reserve first.")
            return
        year = self._year()
        if (
            self._ask(
                f"Reserve movement in {year.label}",
                cols.movement_fields(reserves),
                {"direction": "transfer in", "moved_on": year.fy.end.isoformat()},
                lambda v: f.save_movement(self.ctx.store, {**v, "year_id": year.id}),
            )
            is not None
        ):
            self._changed("Reserve movement recorded.")  # fmt: skip

    def delete_movement(self) -> None:
        m = self.movements.selected()
        if m is not None:
            self._confirm_delete(
                f"the {format_money(abs(m.amount))} movement on {m.reserve}",
                lambda: f.delete_movement(self.ctx.store, m.id),
            )

    # ---- export ---------------------------------------------------------------------------

    @classmethod
    def ask_path(cls, parent: QWidget, suggested: str) -> Path | None:
        """Where to save the workbook; tests replace this."""
        path, _ = QFileDialog.getSaveFileName(
            parent, "Export funding workbook", suggested, "Excel workbooks (*.xlsx)"
        )
        if not path:
            return None
        return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_workbook(self) -> None:
        year = self._year()
        kind = find_kind("funding")
        path = self.ask_path(self, kind.default_name(year.label.replace("/", "-")))
        if path is None:
            return
        store = self.ctx.store
        options = ExportOptions(year=year.label)
        dialog = QProgressDialog("Exporting the funding workbook…", "Cancel", 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self.export_button.setEnabled(False)

        def finished() -> None:
            dialog.reset()
            dialog.deleteLater()
            self.export_button.setEnabled(True)

        def on_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)
            dialog.setLabelText(f"Exporting the funding workbook…\n{text}")

        def on_success(result: object) -> None:
            finished()
            self.ctx.status(f"Saved {result}")
            QMessageBox.information(
                self, "Funding workbook", f"Saved {Path(str(result)).name} in {path.parent}."
            )

        def on_failure(exc: BaseException) -> None:
            finished()
            if isinstance(exc, Cancelled):
                self.ctx.status("Export cancelled; nothing was saved.")
            elif isinstance(exc, TargetLockedError | LscpError):
                QMessageBox.warning(self, "Funding workbook", str(exc))
            else:
                QMessageBox.critical(self, "Funding workbook", f"The export failed: {exc}")

        job = self.ctx.runner.run(
            lambda progress: kind.run(store, options, path, progress.report),
            on_success=on_success,
            on_failure=on_failure,
            on_progress=on_progress,
        )
        dialog.canceled.connect(job.cancel)

    # ---- window commands --------------------------------------------------------------------

    def new_record(self) -> None:
        if self.year is not None and not self.ctx.store.read_only:
            self.new_contribution()

    def delete_selected(self) -> None:
        """Delete on whichever finance table is showing."""
        if self.year is None or self.ctx.store.read_only:
            return
        current = self.tabs.currentWidget()
        actions: dict[QWidget, Callable[[], None]] = {
            self.contributions: self.delete_contribution,
            self.in_kind: self.delete_in_kind,
            self.budget: self.delete_budget_line,
            self.spend: self.delete_spend,
        }
        action = actions.get(current)
        if action is None and current is self.movements.parentWidget():
            action = self.delete_movement
        if action is not None:
            action()
