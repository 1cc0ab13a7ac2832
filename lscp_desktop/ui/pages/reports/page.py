"""Reports: choose a document, what it is for, the marking, then export it in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.exports.registry import (
    EXPORT_KINDS,
    ExportKind,
    ExportOptions,
    choices_for,
    preflight,
)
from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.ui.background import Cancelled
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.export_done import export_finished
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.reports.preflight import PreflightDialog

if TYPE_CHECKING:
    from lscp_desktop.models.meetings.preflight import Preflight

_CHOICE_LABELS = {"meeting": "Meeting", "item": "Agenda item", "year": "Financial year",
                  "body": "Body", "register": "Risk register"}  # fmt: skip
_ALL_LABELS = {"body": "All bodies", "register": "All registers"}


def _choice_key(kind: ExportKind) -> str:
    """What the page asks for: the required choice, else the first optional one."""
    return kind.needs or (kind.optional[0] if kind.optional else "")


class ReportsPage(Page):
    title = "Reports"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.kinds: list[ExportKind] = list(EXPORT_KINDS)
        self._build_ui()
        self._connect_signals()
        self.list.setCurrentRow(0)

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        heading = QLabel("Reports and board papers")
        heading.setObjectName("pageTitle")
        outer.addWidget(heading)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setMaximumWidth(320)
        for kind in self.kinds:
            item = QListWidgetItem(kind.label)
            item.setToolTip(kind.description)
            self.list.addItem(item)
        row.addWidget(self.list)

        panel = QWidget()
        form_col = QVBoxLayout(panel)
        self.kind_title = QLabel()
        self.kind_title.setObjectName("sectionTitle")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("muted")
        form_col.addWidget(self.kind_title)
        form_col.addWidget(self.description)
        form = QFormLayout()
        self.choice_label = QLabel()
        self.choice = QComboBox()
        self.choice.setMinimumWidth(320)
        form.addRow(self.choice_label, self.choice)
        self.marking = QComboBox()
        self.marking.addItems(list(settings.SETTINGS["default_marking"].choices))
        form.addRow("Protective marking", self.marking)
        self.template_label = QLabel()
        self.template_label.setWordWrap(True)
        self.template_button = QPushButton("Choose council template…")
        self.template_reset = QPushButton("Use the standard template")
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_label, 1)
        template_row.addWidget(self.template_button)
        template_row.addWidget(self.template_reset)
        form.addRow("Word template", template_row)
        self.pdf_check = QCheckBox("Also save a PDF (tagged, for publishing)")
        self.pdf_check.setToolTip("Made through Microsoft Word, or LibreOffice where Word is "
                                  "not installed; saved beside the Word document.")  # fmt: skip
        form.addRow("", self.pdf_check)
        form_col.addLayout(form)
        self.check_button = QPushButton("Check before sending")
        self.check_button.setToolTip("What is missing: cover sheets, papers, presenters, "
                                     "minutes, an overrunning agenda")  # fmt: skip
        self.export_button = QPushButton("Export…")
        self.export_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.export_button)
        form_col.addLayout(buttons)
        form_col.addStretch(1)
        row.addWidget(panel, 1)
        outer.addLayout(row, 1)

    def _connect_signals(self) -> None:
        self.list.currentRowChanged.connect(self.on_kind_changed)
        self.export_button.clicked.connect(self.export_current)
        self.check_button.clicked.connect(self.on_check_clicked)
        self.template_button.clicked.connect(self.on_template_clicked)
        self.template_reset.clicked.connect(lambda: self._set_template(""))

    # ---- state -------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        self.marking.setCurrentText(settings.get_str(store, "default_marking"))
        template = settings.get_str(store, "word_template")
        self.template_label.setText(Path(template).name if template else "LSCP Desktop standard")
        self.on_kind_changed(self.list.currentRow())

    def current_kind(self) -> ExportKind | None:
        row = self.list.currentRow()
        return self.kinds[row] if 0 <= row < len(self.kinds) else None

    def on_kind_changed(self, _row: int) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        self.kind_title.setText(kind.label)
        self.description.setText(kind.description)
        key = _choice_key(kind)
        self.choice_label.setText(_CHOICE_LABELS.get(key, ""))
        self.choice.clear()
        if key and not kind.needs:
            self.choice.addItem(_ALL_LABELS.get(key, "All"), None)
        for label, value in choices_for(key, self.ctx.store) if key else []:
            self.choice.addItem(label, value)
        self.choice.setVisible(bool(key))
        self.choice_label.setVisible(bool(key))
        is_word = kind.suffix == ".docx"
        for w in (self.template_button, self.template_reset, self.template_label, self.pdf_check):
            w.setEnabled(is_word)
        self.marking.setEnabled(kind.suffix in (".docx", ".xlsx"))
        self.check_button.setVisible(kind.checked)

    def options(self) -> ExportOptions:
        kind = self.current_kind()
        value = self.choice.currentData()
        template = settings.get_str(self.ctx.store, "word_template") or None
        key = _choice_key(kind) if kind else ""
        return ExportOptions(
            marking=self.marking.currentText(),
            template=template,
            meeting_id=value if key == "meeting" else None,
            item_id=value if key == "item" else None,
            year=value if key == "year" else None,
            body_id=value if key == "body" else None,
            register=value if key == "register" else None,
            pdf=bool(kind and kind.suffix == ".docx" and self.pdf_check.isChecked()),
        )

    # ---- template -------------------------------------------------------------------------

    def on_template_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Council Word template", "", "Word documents (*.docx)"
        )
        if path:
            self._set_template(path)

    def _set_template(self, path: str) -> None:
        try:
            settings.set_value(self.ctx.store, "word_template", path)
        except LscpError as exc:
            QMessageBox.warning(self, "Word template", str(exc))
        self.refresh()

    # ---- export ---------------------------------------------------------------------------

    @classmethod
    def ask_path(cls, parent: QWidget, suggested: str, suffix: str) -> Path | None:
        """Where to save; tests replace this."""
        filters = {".docx": "Word documents (*.docx)", ".xlsx": "Excel workbooks (*.xlsx)",
                   ".ics": "Calendar files (*.ics)"}  # fmt: skip
        path, _ = QFileDialog.getSaveFileName(parent, "Export", suggested, filters.get(suffix, ""))
        if not path:
            return None
        return Path(path if path.lower().endswith(suffix) else path + suffix)

    def export_current(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        if kind.needs and self.choice.currentData() is None:
            QMessageBox.warning(
                self, kind.label, f"Choose the {self.choice_label.text().lower()} first."
            )
            return
        detail = (
            self.choice.currentText().replace("/", "-").replace(" ", "-")
            if self.choice.currentData() is not None
            else ""
        )
        check = self._check(kind)
        if check is not None and not check.ok and not PreflightDialog.ask(self, check):
            self.ctx.status(f"Not exported: {check.headline()}")
            return
        path = self.ask_path(self, kind.default_name(detail), kind.suffix)
        if path is not None:
            self.run_export(kind, self.options(), path)

    def _check(self, kind: ExportKind) -> Preflight | None:
        """The pre-flight check of the chosen meeting's document, or None (not a checked kind,
        or the check itself failed: the export then says why)."""
        try:
            return preflight(self.ctx.store, kind, self.options())
        except LscpError:
            return None

    def on_check_clicked(self) -> None:
        kind = self.current_kind()
        if kind is None or self.choice.currentData() is None:
            return
        check = self._check(kind)
        if check is not None:
            PreflightDialog.show(self, check)

    def run_export(self, kind: ExportKind, options: ExportOptions, path: Path) -> None:
        store = self.ctx.store
        dialog = QProgressDialog(f"Exporting {kind.label}…", "Cancel", 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self.export_button.setEnabled(False)

        def on_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)
            dialog.setLabelText(f"Exporting {kind.label}…\n{text}")

        def finished() -> None:
            dialog.reset()
            dialog.deleteLater()
            self.export_button.setEnabled(True)

        def on_success(result: object) -> None:
            finished()
            saved = Path(str(result))
            paths = [saved] + ([saved.with_suffix(".pdf")] if options.pdf else [])
            self.ctx.status(f"Saved {' and '.join(str(p) for p in paths)}")
            export_finished(self, kind.label, paths)

        def on_failure(exc: BaseException) -> None:
            finished()
            if isinstance(exc, Cancelled):
                self.ctx.status("Export cancelled; nothing was saved.")
            elif isinstance(exc, TargetLockedError):
                again = QMessageBox.question(self, kind.label, f"{exc}\n\nSave under another name?")
                if again == QMessageBox.StandardButton.Yes:
                    new_path = self.ask_path(self, f"{path.stem}-copy{path.suffix}", kind.suffix)
                    if new_path is not None:
                        self.run_export(kind, options, new_path)
            elif isinstance(exc, LscpError):
                QMessageBox.warning(self, kind.label, str(exc))
            else:
                QMessageBox.critical(self, kind.label, f"The export failed: {exc}")

        job = self.ctx.runner.run(
            lambda progress: kind.run(store, options, path, progress.report),
            on_success=on_success,
            on_failure=on_failure,
            on_progress=on_progress,
        )
        dialog.canceled.connect(job.cancel)
