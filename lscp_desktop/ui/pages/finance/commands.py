"""The Finance page's record commands: the slots of each tab's buttons.

Each checks the selection, asks through the dialog in ``forms`` or ``dialogs``, saves through
``models/finance.py`` and then has the page reload the year and say what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.budget import delete_budget_line, delete_spend
from lscp_desktop.models.finance.contributions import delete_contribution
from lscp_desktop.models.finance.in_kind import delete_in_kind
from lscp_desktop.models.finance.reserves import delete_movement, list_reserves
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.pages.finance import forms
from lscp_desktop.ui.pages.finance.dialogs import PaymentsDialog

if TYPE_CHECKING:
    from lscp_desktop.ui.pages.finance.page import FinancePage


class FinanceCommands:
    """New, edit and delete for contributions, payments, in-kind help, budget, spend and
    reserves on *page*'s tables (the page owns the year, the tables and the reloading)."""

    def __init__(self, page: FinancePage) -> None:
        self.page = page

    @property
    def store(self) -> Store:
        return self.page.ctx.store

    def _confirm_delete(self, what: str, delete: Callable[[], Any]) -> None:
        answer = QMessageBox.question(self.page, "Delete", f"Delete {what}? This cannot be undone.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete()
        except LscpError as exc:
            QMessageBox.warning(self.page, "Cannot delete", str(exc))
            return
        self.page.reload_year(f"Deleted {what}.")

    # ---- contributions ------------------------------------------------------------------

    def new_contribution(self) -> None:
        new_id = forms.new_contribution(self.page, self.store, self.page.current_year())
        if new_id is not None:
            self.page.reload_year("Contribution added.")
            self.page.contributions.select_key(new_id)

    def edit_contribution(self) -> None:
        c = self.page.contributions.selected()
        if c is None or self.store.read_only:
            return
        if (
            forms.edit_contribution(self.page, self.store, c, self.page.current_year().label)
            is not None
        ):
            self.page.reload_year("Contribution saved.")

    def record_payment(self) -> None:
        c = self.page.contributions.selected()
        if c is not None and forms.record_payment(self.page, self.store, c) is not None:
            self.page.reload_year("Payment recorded.")

    def show_payments(self) -> None:
        c = self.page.contributions.selected()
        if c is None:
            return
        dialog = PaymentsDialog(self.page, self.store, c.id)
        dialog.exec()
        if dialog.changed:
            self.page.reload_year("Payment deleted.")

    def delete_contribution(self) -> None:
        c = self.page.contributions.selected()
        if c is not None:
            self._confirm_delete(
                f"{c.organisation}'s contribution for {self.page.current_year().label}",
                lambda: delete_contribution(self.store, c.id),
            )

    # ---- in kind ------------------------------------------------------------------------

    def new_in_kind(self) -> None:
        if forms.new_in_kind(self.page, self.store, self.page.current_year()) is not None:
            self.page.reload_year("In-kind contribution added.")

    def edit_in_kind(self) -> None:
        k = self.page.in_kind.selected()
        if k is None or self.store.read_only:
            return
        if forms.edit_in_kind(self.page, self.store, k) is not None:
            self.page.reload_year("In-kind contribution saved.")

    def delete_in_kind(self) -> None:
        k = self.page.in_kind.selected()
        if k is not None:
            self._confirm_delete(
                f"the in-kind contribution '{k.description}'",
                lambda: delete_in_kind(self.store, k.id),
            )

    # ---- budget and spend -----------------------------------------------------------------

    def new_budget_line(self) -> None:
        if forms.new_budget_line(self.page, self.store, self.page.current_year()) is not None:
            self.page.reload_year("Budget line added.")

    def edit_budget_line(self) -> None:
        b = self.page.budget.selected()
        if b is None or self.store.read_only:
            return
        if forms.edit_budget_line(self.page, self.store, b) is not None:
            self.page.reload_year("Budget line saved.")

    def delete_budget_line(self) -> None:
        b = self.page.budget.selected()
        if b is not None:
            self._confirm_delete(
                f"the budget line '{b.description}'",
                lambda: delete_budget_line(self.store, b.id),
            )

    def new_spend(self) -> None:
        lines = self.page.budget.model.records()
        if not lines:
            QMessageBox.information(
                self.page, "New spend", "Add the year's budget lines first; spend is recorded "
                "against a budget line."
            )  # fmt: skip
            return
        selected = self.page.budget.selected()
        if (
            forms.new_spend(self.page, self.store, self.page.current_year(), lines, selected)
            is not None
        ):
            self.page.reload_year("Spend recorded.")

    def edit_spend(self) -> None:
        s = self.page.spend.selected()
        if s is None or self.store.read_only:
            return
        if forms.edit_spend(self.page, self.store, s, self.page.budget.model.records()) is not None:
            self.page.reload_year("Spend saved.")

    def delete_spend(self) -> None:
        s = self.page.spend.selected()
        if s is not None:
            self._confirm_delete(
                f"the spend of {format_money(s.amount)} on {s.line}",
                lambda: delete_spend(self.store, s.id),
            )

    # ---- reserves -------------------------------------------------------------------------

    def new_reserve(self) -> None:
        if forms.new_reserve(self.page, self.store) is not None:
            self.page.reload_year("Reserve added.")

    def new_movement(self) -> None:
        reserves = list_reserves(self.store)
        if not reserves:
            QMessageBox.information(self.page, "Reserves", "Add a reserve first.")
            return
        if (
            forms.new_movement(self.page, self.store, self.page.current_year(), reserves)
            is not None
        ):
            self.page.reload_year("Reserve movement recorded.")

    def delete_movement(self) -> None:
        m = self.page.movements.selected()
        if m is not None:
            self._confirm_delete(
                f"the {format_money(abs(m.amount))} movement on {m.reserve}",
                lambda: delete_movement(self.store, m.id),
            )
