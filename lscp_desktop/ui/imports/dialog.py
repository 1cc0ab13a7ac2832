"""File > Import…: choose what and which file, check the columns, see a dry run, then import.

All reading and importing runs through ``ctx.runner`` (off the GUI thread); the dialog only
shows what the model layer (``models.imports``) found. Nothing is saved until Import, and an
import saves every row or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.kinds import ImportKind
from lscp_desktop.models.imports.layout import ImportOptions, Layout, inspect_file
from lscp_desktop.models.imports.registry import all_kinds
from lscp_desktop.models.imports.report import ImportReport
from lscp_desktop.ui import files
from lscp_desktop.ui.background import Cancelled, Progress
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.imports.guesses import GuessesPanel
from lscp_desktop.ui.imports.mapping import MappingPanel
from lscp_desktop.ui.imports.preview import PreviewPanel
from lscp_desktop.ui.imports.report import ReportPanel
from lscp_desktop.ui.imports.source import SourceForm


class ImportDialog(QDialog):
    #: Emitted after an import has been saved, with its report.
    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Import a spreadsheet")
        self.kinds = all_kinds()
        self.path: Path | None = None
        self.layout_found: Layout | None = None
        self.columns: dict[str, str] = {}
        #: The user's kind and sector for organisations the import creates, by name.
        self.organisation_choices: dict[str, tuple[str, str]] = {}
        self.report: ImportReport | None = None
        self._job: Progress | None = None
        self._build_ui()
        self._connect_signals()
        self.on_kind_changed(0)
        self.resize(1100, 720)

    # ---- construction -------------------------------------------------------------------

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        source = SourceForm(self.kinds)
        self.kind_box, self.kind_help = source.kind_box, source.kind_help
        self.file_label, self.file_button = source.file_label, source.file_button
        self.template_button = source.template_button
        self.sheet_box, self.year_box, self.year_label = (
            source.sheet_box, source.year_box, source.year_label,
        )  # fmt: skip
        outer.addWidget(source)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("importMessage")
        outer.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.mapping = MappingPanel()
        self.mapping_hint = self.mapping.hint
        splitter.addWidget(self.mapping)
        self.preview_panel = PreviewPanel()
        self.preview = self.preview_panel.view
        splitter.addWidget(self.preview_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 740])

        self.report_panel = ReportPanel()
        self.guesses = GuessesPanel()
        self.summary = self.report_panel.summary
        self.report_view = self.report_panel.view
        self.report_model = self.report_panel.model

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(splitter)
        body.addWidget(self.report_panel)
        body.addWidget(self.guesses)
        body.setSizes([340, 220, 160])
        outer.addWidget(body, 1)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(360)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.check_button = QPushButton("Check (dry run)")
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        self.close_button = QPushButton("Close")
        for button in (self.cancel_button, self.check_button, self.import_button):
            buttons.addWidget(button)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.kind_box.currentIndexChanged.connect(self.on_kind_changed)
        self.file_button.clicked.connect(self.on_file_clicked)
        self.template_button.clicked.connect(self.on_template_clicked)
        self.sheet_box.currentIndexChanged.connect(self.on_sheet_changed)
        self.mapping.mapping_changed.connect(self.on_mapping_changed)
        self.guesses.choice_changed.connect(self.on_guess_changed)
        self.check_button.clicked.connect(lambda: self.start_import(dry_run=True))
        self.import_button.clicked.connect(self.on_import_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        self.close_button.clicked.connect(self.reject)

    # ---- state ----------------------------------------------------------------------------

    @property
    def kind(self) -> ImportKind:
        return self.kinds[max(0, self.kind_box.currentIndex())]

    def options(self, *, dry_run: bool = False) -> ImportOptions:
        sheet = self.sheet_box.currentText() if self.sheet_box.count() > 1 else None
        year = self.year_box.currentText() if self.kind.needs_year else None
        return ImportOptions(
            sheet=sheet or None,
            columns=dict(self.columns),
            year=year,
            dry_run=dry_run,
            organisations=dict(self.organisation_choices),
        )

    def _busy(self) -> bool:
        return self._job is not None

    def _update_buttons(self) -> None:
        ready = self.layout_found is not None and not self._busy()
        checked = self.report is not None and self.report.dry_run and not self.report.errors
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready and checked)
        self.import_button.setToolTip(
            "" if checked else "Check the file first; Import is possible once nothing is wrong."
        )
        for w in (self.kind_box, self.file_button, self.sheet_box, self.year_box):
            w.setEnabled(not self._busy())

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(
            "color: #8a1c12; background: #fde2e1; padding: 6px; border-radius: 4px;"
            if error
            else ""
        )
        self.message.setVisible(bool(text))

    def _clear_report(self) -> None:
        self.report = None
        self.report_panel.clear()
        self.guesses.clear()

    def on_guess_changed(self, name: str) -> None:
        """A new organisation's kind or sector was changed: the import will use it."""
        self.organisation_choices[name] = self.guesses.choice(name)

    # ---- choosing ----------------------------------------------------------------------------

    def on_kind_changed(self, _index: int) -> None:
        kind = self.kind
        self.kind_help.setText(kind.description)
        self.year_label.setVisible(kind.needs_year)
        self.year_box.setVisible(kind.needs_year)
        if kind.needs_year and not self.year_box.count():
            from lscp_desktop.exports.registry import choices_for

            for label, _value in choices_for("year", self.ctx.store):
                self.year_box.addItem(label)
        self.columns = {}
        self._clear_report()
        if self.path is not None:
            self.inspect()
        else:
            self._build_mapping(None)

    @classmethod
    def ask_file(cls, parent: QWidget) -> Path | None:
        """Which spreadsheet to import; tests replace this."""
        return files.ask_open_path(
            parent, "import", "Import a spreadsheet", "Spreadsheets (*.xlsx *.csv);;All files (*)"
        )

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> Path | None:
        """Where to save a template; tests replace this."""
        return files.ask_save_path(parent, "import", "Save a template", suggested, ".xlsx")

    def on_template_clicked(self) -> None:
        kind = self.kind
        path = self.ask_save_path(self, f"{kind.label} import template")
        if path is None:
            return
        store = self.ctx.store

        def work(_progress: Progress) -> Path:
            from lscp_desktop.exports.import_template import write_template

            return write_template(store, kind, path)

        def saved(result: object) -> None:
            self._show_message(f"Template saved as {result}. Fill it in, then choose it here.")
            files.SavedFile.offer(self, "Import template", Path(str(result)))

        self._run("Saving…", work, saved)

    def on_file_clicked(self) -> None:
        path = self.ask_file(self)
        if path is not None:
            self.set_file(path)

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.columns = {}
        self.organisation_choices = {}
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        self.sheet_box.blockSignals(False)
        self._clear_report()
        self.inspect()

    def on_sheet_changed(self, _index: int) -> None:
        if self.path is not None and not self._busy():
            self.columns = {}
            self._clear_report()
            self.inspect()

    def on_mapping_changed(self, key: str) -> None:
        self.columns[key] = self.mapping.chosen_header(key)
        self._clear_report()
        self.inspect()

    # ---- background work ------------------------------------------------------------------------

    def _run(self, label: str, work: Any, on_success: Any, on_error: Any = None) -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.progress.setFormat(label)
        self.cancel_button.setVisible(True)

        def finished() -> None:
            self._job = None
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self._update_buttons()

        def succeeded(result: object) -> None:
            finished()
            on_success(result)

        def failed(exc: BaseException) -> None:
            finished()
            if on_error is not None:
                on_error()
            if isinstance(exc, Cancelled):
                self._show_message("Cancelled; nothing was saved.")
            elif isinstance(exc, LscpError):
                self._show_message(str(exc), error=True)
            else:
                self._show_message(
                    f"Something went wrong, and nothing was saved: {exc}", error=True
                )

        def progressed(done: int, total: int, text: str) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, max(total, 1)))
            self.progress.setFormat(f"{label} {text}")

        self._job = None
        self._update_buttons()
        job = self.ctx.runner.run(
            work, on_success=succeeded, on_failure=failed, on_progress=progressed
        )
        if self.progress.isVisible():  # still running (not a synchronous runner)
            self._job = job
            self._update_buttons()

    def inspect(self) -> None:
        if self.path is None:
            return
        kind, path, options = self.kind, self.path, self.options()
        self._show_message("")
        self.layout_found = None
        self._run(
            "Reading…",
            lambda _progress: inspect_file(kind, path, options),
            self.on_inspected,
            self.on_inspect_failed,
        )

    def on_inspect_failed(self) -> None:
        self.preview_panel.clear()
        self._build_mapping(None)

    def on_inspected(self, layout: object) -> None:
        assert isinstance(layout, Layout)
        self.layout_found = layout
        self.sheet_box.blockSignals(True)
        if self.sheet_box.count() != len(layout.table.sheet_names):
            self.sheet_box.clear()
            self.sheet_box.addItems(layout.table.sheet_names)
        self.sheet_box.setCurrentText(layout.table.sheet)
        self.sheet_box.setEnabled(len(layout.table.sheet_names) > 1)
        self.sheet_box.blockSignals(False)
        self.preview_panel.show_layout(layout, self.kind)
        self._build_mapping(layout)
        self._update_buttons()

    def _build_mapping(self, layout: Layout | None) -> None:
        self.mapping.show_fields(self.kind, layout)

    def field_box(self, key: str) -> QComboBox:
        return self.mapping.field_box(key)

    # ---- importing ------------------------------------------------------------------------------

    def on_import_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            "Import",
            f"Import {self.path.name if self.path else 'the file'} into "
            f"{self.kind.label.lower()}? Every row is saved or none. An import cannot be undone "
            "with Edit › Undo: a backup is taken first, which File › Restore a backup… can put "
            "back.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.start_import(dry_run=False)

    def start_import(self, *, dry_run: bool) -> None:
        if self.path is None or self.layout_found is None:
            return
        store, kind, path, options = (
            self.ctx.store,
            self.kind,
            self.path,
            self.options(dry_run=dry_run),
        )

        def work(progress: Progress) -> ImportReport:
            if not dry_run and store.keeps_own_backups:  # a server's are IT's
                store.backup(reason="pre-import")
            return run_import(store, kind, path, options, progress.report)

        self._show_message("")
        self._run("Checking…" if dry_run else "Importing…", work, self.on_report)

    def on_report(self, result: object) -> None:
        assert isinstance(result, ImportReport)
        self.report = result
        self.report_panel.show_report(result)
        self.guesses.show_guesses(result.guesses if result.dry_run else [])
        if result.committed:
            self.ctx.status(result.summary())
            self.imported.emit(result)
        self._update_buttons()

    def on_cancel_clicked(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
        super().reject()
