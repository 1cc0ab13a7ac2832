"""Tools > Review old records: the retention schedule (three settings) and what it proposes to
erase, ticked by the business manager and carried out only after a confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.privacy.records import Proposal
from lscp_desktop.models.privacy.retention import carry_out, proposals
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.privacy.erase import after_erasure

SCHEDULE = ("retention_people_years", "retention_audit_years", "retention_review_years")
_KINDS = {
    "person": "Person who left",
    "deleted person": "Deleted person",
    "history": "History detail",
    "review": "Practice review",
}


class RetentionDialog(QDialog):
    """The schedule at the top, the proposals below, each with a tick box."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Review old records")
        self.resize(980, 600)
        self._proposals: list[Proposal] = []
        heading = QLabel("Retention schedule")
        heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for key in SCHEDULE:
            setting = settings.SETTINGS[key]
            spin = QSpinBox()
            spin.setObjectName(key)
            spin.setRange(setting.minimum or 0, setting.maximum or 99)
            spin.setValue(settings.get_int(ctx.store, key))
            spin.setToolTip(setting.help)
            spin.setMaximumWidth(110)
            self.spins[key] = spin
            form.addRow(setting.label, spin)
        self.save_button = QPushButton("Save the schedule")
        intro = QLabel(
            "The retention schedule says how long the partnership keeps each kind of record; "
            "the list below is what it says is due. Nothing is erased until you tick it and "
            "confirm. Approved minutes, decisions and published reports are kept as written."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("proposals")
        self.table.setHorizontalHeaderLabels(["What", "Kind", "Why it is proposed"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.erase_button = QPushButton("Erase the ticked…")
        close = QPushButton("Close")
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.erase_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.erase_button.clicked.connect(self.on_erase_clicked)
        close.clicked.connect(self.reject)
        writable = not ctx.store.read_only
        self.save_button.setEnabled(writable)
        self.erase_button.setEnabled(writable)
        self.reload()

    def reload(self) -> None:
        self._proposals = proposals(self.ctx.store)
        self.table.setRowCount(len(self._proposals))
        for row, p in enumerate(self._proposals):
            what = QTableWidgetItem(p.what)
            what.setFlags(what.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            what.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, what)
            self.table.setItem(row, 1, QTableWidgetItem(_KINDS.get(p.kind, p.kind)))
            self.table.setItem(row, 2, QTableWidgetItem(p.why))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0) + 24, 320))
        n = len(self._proposals)
        self.count.setText(f"{n} due for erasure" if n else "Nothing is due for erasure.")

    def ticked(self) -> list[Proposal]:
        return [
            p
            for row, p in enumerate(self._proposals)
            if (item := self.table.item(row, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]

    def tick_all(self) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked)

    def on_save_clicked(self) -> None:
        try:
            for key, spin in self.spins.items():
                settings.set_value(self.ctx.store, key, spin.value())
        except LscpError as exc:
            QMessageBox.warning(self, "Retention schedule", str(exc))
            return
        self.ctx.status("Retention schedule saved.")
        self.reload()

    @classmethod
    def ask_reason(cls, parent: QWidget, chosen: list[Proposal]) -> str | None:
        """The confirmation: what will be erased, and why (tests replace this)."""
        lines = "\n".join(f"• {_KINDS.get(p.kind, p.kind)}: {p.what}" for p in chosen[:12])
        more = f"\n… and {len(chosen) - 12} more" if len(chosen) > 12 else ""
        reason, ok = QInputDialog.getText(
            parent,
            "Erase the ticked records",
            f"{lines}{more}\n\nPeople's records will read 'Former member N'; history detail "
            "is cleared. Approved minutes, decisions and published reports are kept as "
            "written (UK GDPR Art 17(3)(b)). This cannot be undone.\n\nReason (recorded):",
            QLineEdit.EchoMode.Normal,
            "Retention schedule",
        )
        return reason.strip() if ok and reason.strip() else None

    def on_erase_clicked(self) -> None:
        chosen = self.ticked()
        if not chosen:
            QMessageBox.information(self, "Review old records", "Tick what is to be erased.")
            return
        reason = self.ask_reason(self, chosen)
        if reason is None:
            return
        store = self.ctx.store
        backups = store.list_backups()
        self.ctx.runner.wait()
        self.erase_button.setEnabled(False)

        def succeeded(done: object) -> None:
            self.erase_button.setEnabled(True)
            assert isinstance(done, list)
            after_erasure(self.ctx, self, backups, " ".join(done))
            self.reload()

        def failed(exc: BaseException) -> None:
            self.erase_button.setEnabled(True)
            QMessageBox.warning(self, "Review old records", str(exc))
            self.reload()

        self.ctx.runner.run(
            lambda _p: carry_out(store, chosen, reason), on_success=succeeded, on_failure=failed
        )

    @classmethod
    def present(cls, ctx: AppContext, parent: QWidget | None) -> None:
        dialog = cls(ctx, parent)
        dialog.exec()
        dialog.deleteLater()
