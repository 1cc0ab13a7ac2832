"""Tools > Text that looks like a child's identity: every stored text the guard would refuse
today, each with a link to open its record (or, for the history, a button to clear it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.privacy.records import StoredIdentity
from lscp_desktop.models.privacy.scan import clear_history_entries, stored_identities
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages import PAGES
from lscp_desktop.ui.table import (
    Column,
    RecordFilterProxy,
    RecordTableModel,
    make_table_view,
    selected_record,
)


def where(found: StoredIdentity) -> str:
    """Where the record opens, in the window's words: "Membership › people"."""
    if found.audit_id is not None:
        return "History: clear it here"
    if found.page is None:
        return "—"
    key, _, part = found.page.partition(":")
    title = next((spec.title for spec in PAGES if spec.key == key), key)
    return f"{title} › {part}" if part else title


COLUMNS: list[Column[StoredIdentity]] = [
    Column("Record", lambda f: f.record, tooltip=lambda f: f.record),
    Column("Field", lambda f: f.field),
    Column("Opens on", where),
    Column("What was found", lambda f: f.found, tooltip=lambda f: f.found),
]


class IdentityTableModel(RecordTableModel[StoredIdentity]):
    def __init__(self) -> None:
        super().__init__(COLUMNS, key=lambda f: (f.table, f.record_id, f.field, f.audit_id))


class IdentityDialog(QDialog):
    """The list, read off the GUI thread each time it is shown or checked again."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Text that looks like a child's identity")
        self.resize(980, 560)
        self.model = IdentityTableModel()
        self.proxy = RecordFilterProxy(self.model)
        self.view = make_table_view(self.proxy)
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        intro = QLabel(
            "Every stored text that the guard would refuse today: what came in before it, "
            "or from an old file. Open each record and take the identifying detail out (refer "
            "to the child by the review's reference code). Text left only in the history of "
            "changes can be cleared here."
        )
        intro.setWordWrap(True)
        self.open_button = QPushButton("Open the record")
        self.clear_button = QPushButton("Clear from the history")
        self.again_button = QPushButton("Check again")
        close = QPushButton("Close")
        bar = QHBoxLayout()
        for b in (self.open_button, self.clear_button, self.again_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(bar)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.clear_button.clicked.connect(self.on_clear_clicked)
        self.again_button.clicked.connect(self.check)
        close.clicked.connect(self.reject)
        self.view.doubleClicked.connect(lambda _i: self.on_open_clicked())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def selected(self) -> StoredIdentity | None:
        found: StoredIdentity | None = selected_record(self.view)
        return found

    def _update_buttons(self) -> None:
        found = self.selected()
        self.open_button.setEnabled(found is not None and found.page is not None)
        self.clear_button.setEnabled(
            found is not None and found.audit_id is not None and not self.ctx.store.read_only
        )

    def check(self) -> None:
        """Read every record again (off the GUI thread) and show what is found."""
        store = self.ctx.store
        self.again_button.setEnabled(False)
        self.status.setText("Reading every record and the history…")

        def progress(done: int, total: int, text: str) -> None:
            self.status.setText(f"{text}… ({done} of {total})")

        self.ctx.runner.run(
            lambda p: stored_identities(store, p.report),
            on_success=self.on_checked,
            on_failure=self.on_failed,
            on_progress=progress,
        )

    def on_checked(self, found: object) -> None:
        assert isinstance(found, list)
        self.model.set_records(found)
        fit_columns(self.view, pad=16, widest=300)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.again_button.setEnabled(True)
        self.status.setText(
            f"{len(found)} stored text(s) look like a child's identity."
            if found
            else "Nothing stored looks like a child's identity."
        )
        self._update_buttons()

    def on_failed(self, exc: BaseException) -> None:
        self.again_button.setEnabled(True)
        self.status.setText(f"The check could not finish: {exc}")

    def on_open_clicked(self) -> None:
        found = self.selected()
        if found is None or found.page is None:
            return
        self.accept()
        self.ctx.open_record(found.page, found.open_id)

    def on_clear_clicked(self) -> None:
        found = self.selected()
        if found is None or found.audit_id is None:
            return
        self.ctx.runner.wait()
        try:
            clear_history_entries(self.ctx.store, [found.audit_id])
            self.ctx.store.compact()  # nothing of the old value left in the file or its WAL
        except LscpError as exc:
            QMessageBox.warning(self, "Clear from the history", str(exc))
            return
        self.ctx.undo_stack.clear()
        self.ctx.cannot_undo("clearing text from the history")  # every page's steps held it
        self.check()

    @classmethod
    def present(cls, ctx: AppContext, parent: QWidget | None) -> None:
        dialog = cls(ctx, parent)
        dialog.check()
        dialog.exec()
        dialog.deleteLater()
