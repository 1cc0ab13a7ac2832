"""The Finance page's record commands: the slots of each tab's buttons.

Each checks the selection, asks through the dialog in ``forms`` or ``dialogs``, saves through
``models/finance`` and then has the page reload the year and say what changed. The commands see
the page only as a :class:`YearView`, so this module does not import the page that uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.budget import delete_budget_line, delete_spend
from lscp_desktop.models.finance.contributions import delete_contribution
from lscp_desktop.models.finance.in_kind import delete_in_kind
from lscp_desktop.models.finance.records import (
    BudgetLine,
    Contribution,
    FinanceYear,
    InKind,
    ReserveMovement,
    SpendEntry,
)
from lscp_desktop.models.finance.reserves import delete_movement, list_reserves
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.finance import forms
from lscp_desktop.ui.pages.finance.dialogs import PaymentsDialog
from lscp_desktop.ui.pages.finance.finance_table import FinanceTable


class YearView(Protocol):
    """What the commands act on: the year shown, its tables, and reloading it after a change.
    The Finance page is one."""

    ctx: AppContext
    contributions: FinanceTable[Contribution]
    in_kind: FinanceTable[InKind]
    budget: FinanceTable[BudgetLine]
    spend: FinanceTable[SpendEntry]
    movements: FinanceTable[ReserveMovement]

    def current_year(self) -> FinanceYear: ...

    def reload_year(self, status: str = "") -> None: ...


class FinanceCommands:
    """New, edit and delete for contributions, payments, in-kind help, budget, spend and
    reserves on *view*'s tables (the view owns the year, the tables and the reloading); their
    dialogs and messages open over *parent*."""

    def __init__(self, parent: QWidget, view: YearView) -> None:
        self.parent = parent
        self.view = view

    @property
    def store(self) -> Store:
        return self.view.ctx.store

    def _confirm_delete(self, what: str, delete: Callable[[], Any]) -> None:
        answer = QMessageBox.question(
            self.parent, "Delete", f"Delete {what}? This cannot be undone."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete()
        except LscpError as exc:
            QMessageBox.warning(self.parent, "Cannot delete", str(exc))
            return
        self.view.reload_year(f"Deleted {what}.")

    # ---- contributions ------------------------------------------------------------------

    def _edited(self, result: Any, what: str) -> None:
        """After an Edit form: the year reloaded, saying whether it was saved or a colleague's
        changes were kept instead (and are shown now)."""
        if result == forms.GONE:
            self.view.reload_year(f"{what}: deleted by a colleague; nothing was saved.")
        elif result == forms.KEPT_THEIRS:
            self.view.reload_year(f"{what}: a colleague's changes were kept; yours were not saved.")
        elif result is not None:
            self.view.reload_year(f"{what} saved.")

    def new_contribution(self) -> None:
        new_id = forms.new_contribution(self.parent, self.store, self.view.current_year())
        if new_id is not None:
            self.view.reload_year("Contribution added.")
            self.view.contributions.select_key(new_id)

    def edit_contribution(self) -> None:
        c = self.view.contributions.selected()
        if c is None or self.store.read_only:
            return
        label = self.view.current_year().label
        self._edited(forms.edit_contribution(self.parent, self.store, c, label), "Contribution")

    def record_payment(self) -> None:
        c = self.view.contributions.selected()
        year = self.view.current_year().label
        if c is not None and forms.record_payment(self.parent, self.store, c, year) is not None:
            self.view.reload_year("Payment recorded.")

    def show_payments(self) -> None:
        c = self.view.contributions.selected()
        if c is None:
            return
        dialog = PaymentsDialog(self.parent, self.store, c.id)
        dialog.exec()
        if dialog.changed:
            self.view.reload_year("Payment deleted.")

    def delete_contribution(self) -> None:
        c = self.view.contributions.selected()
        if c is not None:
            self._confirm_delete(
                f"{c.organisation}'s contribution for {self.view.current_year().label}",
                lambda: delete_contribution(self.store, c.id),
            )

    # ---- in kind ------------------------------------------------------------------------

    def new_in_kind(self) -> None:
        if forms.new_in_kind(self.parent, self.store, self.view.current_year()) is not None:
            self.view.reload_year("In-kind contribution added.")

    def edit_in_kind(self) -> None:
        k = self.view.in_kind.selected()
        if k is None or self.store.read_only:
            return
        self._edited(forms.edit_in_kind(self.parent, self.store, k), "In-kind contribution")

    def delete_in_kind(self) -> None:
        k = self.view.in_kind.selected()
        if k is not None:
            self._confirm_delete(
                f"the in-kind contribution '{k.description}'",
                lambda: delete_in_kind(self.store, k.id),
            )

    # ---- budget and spend -----------------------------------------------------------------

    def new_budget_line(self) -> None:
        if forms.new_budget_line(self.parent, self.store, self.view.current_year()) is not None:
            self.view.reload_year("Budget line added.")

    def edit_budget_line(self) -> None:
        b = self.view.budget.selected()
        if b is None or self.store.read_only:
            return
        self._edited(forms.edit_budget_line(self.parent, self.store, b), "Budget line")

    def delete_budget_line(self) -> None:
        b = self.view.budget.selected()
        if b is not None:
            self._confirm_delete(
                f"the budget line '{b.description}'",
                lambda: delete_budget_line(self.store, b.id),
            )

    def new_spend(self) -> None:
        lines = self.view.budget.model.records()
        if not lines:
            QMessageBox.information(
                self.parent, "New spend", "Add the year's budget lines first; spend is recorded "
                "against a budget line."
            )  # fmt: skip
            return
        selected = self.view.budget.selected()
        if (
            forms.new_spend(self.parent, self.store, self.view.current_year(), lines, selected)
            is not None
        ):
            self.view.reload_year("Spend recorded.")

    def edit_spend(self) -> None:
        s = self.view.spend.selected()
        if s is None or self.store.read_only:
            return
        lines = self.view.budget.model.records()
        self._edited(forms.edit_spend(self.parent, self.store, s, lines), "Spend")

    def delete_spend(self) -> None:
        s = self.view.spend.selected()
        if s is not None:
            self._confirm_delete(
                f"the spend of {format_money(s.amount)} on {s.line}",
                lambda: delete_spend(self.store, s.id),
            )

    # ---- reserves -------------------------------------------------------------------------

    def new_reserve(self) -> None:
        if forms.new_reserve(self.parent, self.store) is not None:
            self.view.reload_year("Reserve added.")

    def new_movement(self) -> None:
        reserves = list_reserves(self.store)
        if not reserves:
            QMessageBox.information(self.parent, "Reserves", "Add a reserve first.")
            return
        if (
            forms.new_movement(self.parent, self.store, self.view.current_year(), reserves)
            is not None
        ):
            self.view.reload_year("Reserve movement recorded.")

    def delete_movement(self) -> None:
        m = self.view.movements.selected()
        if m is not None:
            self._confirm_delete(
                f"the {format_money(abs(m.amount))} movement on {m.reserve}",
                lambda: delete_movement(self.store, m.id),
            )
