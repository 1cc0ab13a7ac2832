"""Finance dialogs: the payments of one contribution, and rolling a year forward."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.contributions import get_contribution, list_contributions
from lscp_desktop.models.finance.payments import delete_payment, list_payments
from lscp_desktop.models.finance.records import FinanceYear, Payment, RollForwardResult
from lscp_desktop.models.finance.rollover import roll_forward, uplifted_total
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.pages.finance.columns import payment_columns
from lscp_desktop.ui.table import RecordTableModel


class PaymentsDialog(QDialog):
    """Every payment received against one contribution; a mistaken one can be deleted."""

    def __init__(self, parent: QWidget | None, store: Store, contribution_id: int) -> None:
        super().__init__(parent)
        self.store = store
        self.contribution_id = contribution_id
        self.changed = False
        self.resize(640, 360)
        self.model: RecordTableModel[Payment] = RecordTableModel(payment_columns())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.delete_button = QPushButton("Delete payment…")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.delete_button.clicked.connect(self.on_delete_clicked)
        self.delete_button.setEnabled(not store.read_only)
        self.reload()

    def reload(self) -> None:
        c = get_contribution(self.store, self.contribution_id)
        self.setWindowTitle(f"Payments: {c.organisation}")
        self.heading.setText(
            f"{c.organisation} agreed {format_money(c.agreed)} and has paid "
            f"{format_money(c.received)}; {format_money(c.outstanding)} outstanding ({c.status})."
        )
        self.model.set_records(list_payments(self.store, self.contribution_id))
        self.view.resizeColumnsToContents()

    def on_delete_clicked(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        payment = self.model.record(rows[0].row())
        answer = QMessageBox.question(
            self, "Delete payment", f"Delete the payment of {format_money(payment.amount)}?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_payment(self.store, payment.id)
        except LscpError as exc:
            QMessageBox.warning(self, "Delete payment", str(exc))
            return
        self.changed = True
        self.reload()


class RollForwardDialog(QDialog):
    """Start next year from this one: contributions (and budget) copied with an uplift."""

    def __init__(
        self, parent: QWidget | None, store: Store, year: FinanceYear, today: Any = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.year = year
        self.today = today
        self.result_value: RollForwardResult | None = None
        self._contributions = list_contributions(store, year.id)
        target = year.fy.next().label
        self.setWindowTitle(f"Roll {year.label} forward to {target}")
        self.setMinimumWidth(480)
        intro = QLabel(
            f"Copies the {len(self._contributions)} agreed contributions of {year.label} into "
            f"{target} (skipping organisations that already have one there or are no longer "
            "active), and the in-kind contributions. Invoices and payments are not copied."
        )
        intro.setWordWrap(True)
        self.uplift = QLineEdit()
        self.uplift.setObjectName("uplift")
        self.uplift.setPlaceholderText("0 (no change); e.g. 2.5")
        self.round_to = QComboBox()
        self.round_to.addItem("the nearest pound (halves up)", "pound")
        self.round_to.addItem("the nearest penny (halves up)", "penny")
        self.copy_budget = QCheckBox("Copy the budget lines with the same uplift")
        self.copy_budget.setChecked(True)
        self.carry_reserve = QCheckBox("Carry the forecast reserve forward as the opening reserve")
        self.carry_reserve.setChecked(True)
        self.preview = QLabel()
        self.preview.setObjectName("muted")
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #a4262c; font-weight: 600;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Uplift (%)", self.uplift)
        form.addRow("Round to", self.round_to)
        form.addRow("", self.copy_budget)
        form.addRow("", self.carry_reserve)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Roll forward")
        buttons.accepted.connect(self.on_ok_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.uplift.textChanged.connect(lambda _t: self.on_inputs_changed())
        self.round_to.currentIndexChanged.connect(lambda _i: self.on_inputs_changed())
        self.on_inputs_changed()

    def on_inputs_changed(self) -> None:
        try:
            after = uplifted_total(
                self._contributions, self.uplift.text(), self.round_to.currentData()
            )
        except ValidationError as exc:
            self.preview.setText(str(exc))
            return
        before = sum(c.agreed for c in self._contributions)
        self.preview.setText(
            f"Agreed total {format_money(before)} in {self.year.label} → {format_money(after)} "
            f"in {self.year.fy.next().label} (before any skipped)."
        )

    def on_ok_clicked(self) -> None:
        try:
            self.result_value = roll_forward(
                self.store,
                self.year.label,
                uplift=self.uplift.text(),
                round_to=self.round_to.currentData(),
                copy_budget=self.copy_budget.isChecked(),
                carry_reserve=self.carry_reserve.isChecked(),
                today=self.today,
            )
        except LscpError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.uplift.setFocus()
            return
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, year: FinanceYear
    ) -> RollForwardResult | None:
        dialog = cls(parent, store, year)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        return None
