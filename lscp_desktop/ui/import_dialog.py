"""File > Import…: choose what and which file, check the columns, see a dry run, then import.

All reading and importing runs through ``ctx.runner`` (off the GUI thread); the dialog only
shows what the model layer (``models.imports``) found. Nothing is saved until Import, and an
import saves every row or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.errors import LscpError
from lscp_desktop.models.imports import (
    ImportKind,
    ImportOptions,
    ImportReport,
    Layout,
    ReportLine,
    all_kinds,
    inspect_file,
    run_import,
)
from lscp_desktop.ui.background import Cancelled, Progress
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.table import Column, RecordTableModel

NOT_IMPORTED = "(not imported)"
PreviewRow = tuple[int, list[str]]

_STATUS_COLOURS = {
    "error": QColor("#fde2e1"),
    "skipped": QColor("#eef0f3"),
    "imported": QColor("#e3f4e6"),
    "updated": QColor("#e4eefb"),
}


def preview_model(layout: Layout, kind: ImportKind) -> RecordTableModel[PreviewRow]:
    """The first rows under the header; each heading says which field it feeds."""
    feeds = {index: kind.field(key).label for key, index in layout.mapping.items()}
    columns: list[Column[PreviewRow]] = [Column("Row", lambda r: str(r[0]), lambda r: r[0])]
    mapped = QColor("#f2f7fd")

    def cell(i: int) -> Any:
        return lambda r: r[1][i] if i < len(r[1]) else ""

    def shaded(_row: PreviewRow) -> QColor | None:
        return mapped

    for i, header in enumerate(layout.headers):
        title = header or f"(column {i + 1})"
        if i in feeds:
            title = f"{title}\n→ {feeds[i]}"
        columns.append(Column(title, cell(i), background=shaded if i in feeds else None))
    model: RecordTableModel[PreviewRow] = RecordTableModel(columns, key=lambda r: r[0])
    model.set_records(layout.preview)
    return model


def report_model() -> RecordTableModel[ReportLine]:
    def colour(line: ReportLine) -> QColor | None:
        return _STATUS_COLOURS.get(line.status)

    columns: list[Column[ReportLine]] = [
        Column("Row", lambda r: str(r.row), lambda r: r.row, background=colour),
        Column("Result", lambda r: r.status, background=colour),
        Column("Record", lambda r: r.record, background=colour, tooltip=lambda r: r.record),
        Column("Column", lambda r: r.column, background=colour),
        Column("Value", lambda r: r.value, background=colour, tooltip=lambda r: r.value),
        Column("Reason", lambda r: r.reason, background=colour, tooltip=lambda r: r.reason),
    ]
    return RecordTableModel(columns, key=id)


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
        self.report: ImportReport | None = None
        self._job: Progress | None = None
        self._field_boxes: dict[str, QComboBox] = {}
        self._preview_model: RecordTableModel[PreviewRow] | None = None
        self._build_ui()
        self._connect_signals()
        self.on_kind_changed(0)
        self.resize(1100, 720)

    # ---- construction -------------------------------------------------------------------

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        top = QFormLayout()
        self.kind_box = QComboBox()
        for kind in self.kinds:
            self.kind_box.addItem(kind.label, kind.key)
        self.kind_help = QLabel()
        self.kind_help.setObjectName("muted")
        self.kind_help.setWordWrap(True)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_box)
        kind_row.addWidget(self.kind_help, 1)
        top.addRow("What to import", kind_row)
        self.file_label = QLabel("No file chosen")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_button = QPushButton("Choose file…")
        self.template_button = QPushButton("Save a blank template…")
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.file_button)
        file_row.addWidget(self.template_button)
        top.addRow("Spreadsheet", file_row)
        self.sheet_box = QComboBox()
        self.sheet_box.setMinimumWidth(220)
        self.year_box = QComboBox()
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_box)
        self.year_label = QLabel("Financial year")
        sheet_row.addWidget(self.year_label)
        sheet_row.addWidget(self.year_box)
        sheet_row.addStretch(1)
        top.addRow("Sheet", sheet_row)
        outer.addLayout(top)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("importMessage")
        outer.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        mapping_group = QGroupBox("Columns")
        mapping_outer = QVBoxLayout(mapping_group)
        self.mapping_hint = QLabel()
        self.mapping_hint.setObjectName("muted")
        self.mapping_hint.setWordWrap(True)
        mapping_outer.addWidget(self.mapping_hint)
        self.mapping_form = QFormLayout()
        # Kinds with many fields (actions, risks) scroll rather than squash their rows.
        self.mapping_form.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        form_holder = QWidget()
        form_holder.setLayout(self.mapping_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_holder)
        mapping_outer.addWidget(scroll)
        splitter.addWidget(mapping_group)

        preview_group = QGroupBox("Preview")
        preview_layout = QVBoxLayout(preview_group)
        self.preview = QTableView()
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.preview.setWordWrap(False)
        preview_layout.addWidget(self.preview)
        splitter.addWidget(preview_group)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 740])

        report_group = QGroupBox("Check")
        report_layout = QVBoxLayout(report_group)
        self.summary = QLabel("Choose a file, check the columns, then press Check.")
        self.summary.setWordWrap(True)
        report_layout.addWidget(self.summary)
        self.report_view = QTableView()
        self.report_view.verticalHeader().setVisible(False)
        self.report_model = report_model()
        self.report_view.setModel(self.report_model)
        header = self.report_view.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((50, 80, 320, 120, 150)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.report_view.setWordWrap(False)
        self.report_view.verticalHeader().setDefaultSectionSize(24)
        report_layout.addWidget(self.report_view)

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(splitter)
        body.addWidget(report_group)
        body.setSizes([360, 260])
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
            sheet=sheet or None, columns=dict(self.columns), year=year, dry_run=dry_run
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
        self.report_model.set_records([])
        self.summary.setText("Press Check to see what the import would do; nothing is saved.")

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
        name, _ = QFileDialog.getOpenFileName(
            parent, "Import a spreadsheet", "", "Spreadsheets (*.xlsx *.csv);;All files (*)"
        )
        return Path(name) if name else None

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> Path | None:
        """Where to save a template; tests replace this."""
        name, _ = QFileDialog.getSaveFileName(
            parent, "Save a template", suggested, "Excel workbooks (*.xlsx)"
        )
        if not name:
            return None
        return Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")

    def on_template_clicked(self) -> None:
        kind = self.kind
        path = self.ask_save_path(self, f"{kind.key}-import-template.xlsx")
        if path is None:
            return
        store = self.ctx.store

        def work(_progress: Progress) -> Path:
            from lscp_desktop.exports.import_template import write_template

            return write_template(store, kind, path)

        def saved(result: object) -> None:
            self._show_message(f"Template saved as {result}. Fill it in, then choose it here.")

        self._run("Saving…", work, saved)

    def on_file_clicked(self) -> None:
        path = self.ask_file(self)
        if path is not None:
            self.set_file(path)

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.columns = {}
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
        box = self._field_boxes[key]
        header = box.currentData()
        self.columns[key] = header if isinstance(header, str) else ""
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
        self._set_preview(None)
        self._build_mapping(None)

    def _set_preview(self, model: RecordTableModel[PreviewRow] | None) -> None:
        self.preview.setModel(model)
        self._preview_model = model  # the view does not own its model: keep it alive

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
        model = preview_model(layout, self.kind)
        self._set_preview(model)
        self.preview.resizeColumnsToContents()
        for col in range(model.columnCount()):
            self.preview.setColumnWidth(col, min(self.preview.columnWidth(col), 260))
        self._build_mapping(layout)
        where = "" if layout.table.path.suffix.lower() == ".csv" else f" of '{layout.table.sheet}'"
        self.mapping_hint.setText(
            f"Headings found in row {layout.header_row}{where}. Change any field's column "
            "if it is wrong; fields in italics were matched by a similar heading."
        )
        self._update_buttons()

    def _build_mapping(self, layout: Layout | None) -> None:
        while self.mapping_form.rowCount():
            # takeRow, not removeRow: this can run inside one of these combo boxes' own signal
            taken = self.mapping_form.takeRow(0)
            for item in (taken.labelItem, taken.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._field_boxes = {}
        if layout is None:
            self.mapping_hint.setText("Choose a file to see which column feeds each field.")
        for f in self.kind.fields:
            box = QComboBox()
            box.addItem(NOT_IMPORTED, None)
            if layout is not None:
                for header in layout.headers:
                    if header:
                        box.addItem(header, header)
                chosen = layout.header_for(f.key)
                if chosen:
                    box.setCurrentIndex(max(0, box.findData(chosen)))
            box.setEnabled(layout is not None)
            label = QLabel(f.label + (" *" if f.required else ""))
            if f.key in (layout.guessed if layout else set()):
                font = label.font()
                font.setItalic(True)
                label.setFont(font)
            tips = ", ".join(f.synonyms)
            label.setToolTip(f"Also recognised: {tips}" if tips else "")
            box.currentIndexChanged.connect(lambda _i, key=f.key: self.on_mapping_changed(key))
            self.mapping_form.addRow(label, box)
            self._field_boxes[f.key] = box

    def field_box(self, key: str) -> QComboBox:
        return self._field_boxes[key]

    # ---- importing ------------------------------------------------------------------------------

    def on_import_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            "Import",
            f"Import {self.path.name if self.path else 'the file'} into "
            f"{self.kind.label.lower()}? A backup is taken first; every row is saved or none.",
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
            if not dry_run:
                store.backup(reason="pre-import")
            return run_import(store, kind, path, options, progress.report)

        self._show_message("")
        self._run("Checking…" if dry_run else "Importing…", work, self.on_report)

    def on_report(self, result: object) -> None:
        assert isinstance(result, ImportReport)
        self.report = result
        # problems first, so the one bad row in a thousand is the first thing seen
        self.report_model.set_records(
            sorted(result.lines, key=lambda line: (line.status != "error", line.row))
        )
        self.summary.setText(f"{result.summary()} {result.created_summary()}".strip())
        self.summary.setStyleSheet("color: #8a1c12;" if result.errors else "")
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
