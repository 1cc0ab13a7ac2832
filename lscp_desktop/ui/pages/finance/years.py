"""The Finance page's year commands: a new year, its details, deleting an empty one, rolling
forward into the next, and exporting the year's funding workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.years import check_deletable, get_year_by_id
from lscp_desktop.models.finance.years import delete_year as delete_finance_year
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.exporting import ask_export_path, run_export, warm_up
from lscp_desktop.ui.pages.finance import forms
from lscp_desktop.ui.pages.finance.dialogs import RollForwardDialog


class YearPage(Protocol):
    """What the year commands act on: the year shown, and showing another. The Finance page
    is one."""

    ctx: AppContext
    year: FinanceYear | None
    export_button: QPushButton

    def current_year(self) -> FinanceYear: ...

    def show_year(self, year: FinanceYear | None, status: str = "") -> None: ...


class YearCommands:
    """New, details, delete, roll forward and export of the financial year *page* shows; their
    dialogs and messages open over *parent*."""

    def __init__(self, parent: QWidget, page: YearPage) -> None:
        self.parent = parent
        self.page = page

    def new_year(self) -> None:
        store = self.page.ctx.store
        year_id = forms.new_year(self.parent, store)
        if year_id is not None:
            self.page.show_year(get_year_by_id(store, year_id))

    def edit_year(self) -> None:
        store, year = self.page.ctx.store, self.page.current_year()
        result = forms.edit_year(self.parent, store, year)
        if result == forms.GONE:
            self.page.show_year(None, f"The financial year {year.label} was deleted meanwhile.")
        elif result is not None:
            self.page.show_year(get_year_by_id(store, year.id))

    def delete_year(self) -> None:
        """Delete the year shown, once confirmed; refused, saying why, unless it holds nothing."""
        store, year = self.page.ctx.store, self.page.current_year()
        try:
            check_deletable(store, year.id)
        except LscpError as exc:
            QMessageBox.warning(self.parent, "Cannot delete", str(exc))
            return
        question = f"Delete the financial year {year.label}? Nothing is recorded in it yet"
        if year.opening_reserve:
            question += f"; its opening reserve of {format_money(year.opening_reserve)} goes too"
        answer = QMessageBox.question(self.parent, "Delete year", question + ".")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_finance_year(store, year.id)
        except LscpError as exc:
            QMessageBox.warning(self.parent, "Cannot delete", str(exc))
            return
        self.page.show_year(None, f"Deleted the financial year {year.label}.")

    def roll_forward(self) -> None:
        result = RollForwardDialog.ask(self.parent, self.page.ctx.store, self.page.current_year())
        if result is None:
            return
        self.page.show_year(result.year)
        text = (
            f"{result.year.label}: {result.contributions} contributions copied "
            f"({format_money(result.total_after)}), {result.budget_lines} budget lines, "
            f"{result.in_kind} in-kind contributions; opening reserve "
            f"{format_money(result.year.opening_reserve)}."
        )
        if result.assumptions:
            text += "\n\n" + "\n".join(result.assumptions)
        if result.skipped:
            text += "\n\nSkipped:\n" + "\n".join(f"• {s}" for s in result.skipped)
        QMessageBox.information(self.parent, "Rolled forward", text)

    @classmethod
    def ask_path(cls, parent: QWidget, suggested: str) -> Path | None:
        """Where to save the workbook; tests replace this."""
        return ask_export_path(parent, find_kind("funding"), suggested)

    def export_workbook(self) -> None:
        year = self.page.current_year()
        kind = find_kind("funding")
        warm_up(self.page.ctx, kind)
        path = self.ask_path(self.parent, kind.default_name(year.label))
        if path is None:
            return
        button = self.page.export_button
        button.setEnabled(False)
        run_export(
            self.parent, self.page.ctx, kind, ExportOptions(year=year.label), path,
            ask_again=lambda name: self.ask_path(self.parent, name),
            on_done=lambda: button.setEnabled(True),
        )  # fmt: skip
