"""Reports: choose a document, what it is for, the marking, then export it in the background.
The page keeps what was chosen (the meeting, the marking) while other documents are looked at."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
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
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.ui import files
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.exporting import ask_export_path, run_export, warm_up
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.reports.preflight import PreflightDialog
from lscp_desktop.ui.pickers import Picker

if TYPE_CHECKING:
    from lscp_desktop.models.meetings.preflight import Preflight

_CHOICE_LABELS = {"meeting": "Meeting", "item": "Agenda item", "year": "Financial year",
                  "body": "Body", "register": "Risk register", "person": "Person"}  # fmt: skip
_ALL_LABELS = {"body": "All bodies", "register": "All registers", "year": "All years"}


def _choice_key(kind: ExportKind) -> str:
    """What the page asks for: the required choice, else the first optional one."""
    return kind.needs or (kind.optional[0] if kind.optional else "")


class ReportsPage(Page):
    title = "Reports"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.kinds: list[ExportKind] = list(EXPORT_KINDS)
        #: What was last chosen for each kind of choice ("meeting", "year"…), kept across kinds.
        self._chosen: dict[str, object] = {}
        self._marking_set = False
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
        self.choice = Picker()
        self.choice.setObjectName("choice")
        self.choice.setMinimumWidth(360)
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
        self.choice.currentIndexChanged.connect(self.on_choice_changed)
        self.export_button.clicked.connect(self.export_current)
        self.check_button.clicked.connect(self.on_check_clicked)
        self.template_button.clicked.connect(self.on_template_clicked)
        self.template_reset.clicked.connect(lambda: self._set_template(""))

    # ---- state -------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        if not self._marking_set:  # the partnership's default, until the user picks another
            self.marking.setCurrentText(settings.get_str(store, "default_marking"))
            self._marking_set = True
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
        # Optional choices start blank, meaning all; a needed one on what was chosen before
        # for this kind of choice, else the first (the next meeting, the current year).
        options = choices_for(key, self.ctx.store) if key else []
        if key in self._chosen:
            value = self._chosen[key]
        else:
            value = None if not kind.needs or not options else options[0][1]
        line = self.choice.lineEdit()
        assert line is not None
        line.setPlaceholderText(
            _ALL_LABELS.get(key, "All") if not kind.needs else "Type to search…"
        )
        self.choice.blockSignals(True)
        self.choice.set_options(options, value)
        self.choice.blockSignals(False)
        self.choice.setVisible(bool(key))
        self.choice_label.setVisible(bool(key))
        is_word = kind.suffix == ".docx"
        for w in (self.template_button, self.template_reset, self.template_label, self.pdf_check):
            w.setEnabled(is_word)
        self.marking.setEnabled(kind.suffix in (".docx", ".xlsx"))
        self.check_button.setVisible(kind.checked)

    def open_part(self, part: str, record_id: int | None) -> None:
        """Choose the kind *part* (e.g. "subject-access") and the record *record_id* for it,
        then export (a person's "Subject access…" button lands here)."""
        row = next((i for i, k in enumerate(self.kinds) if k.key == part), None)
        if row is None:
            return
        self.list.setCurrentRow(row)
        if record_id is not None:
            index = self.choice.findData(record_id)
            if index >= 0:
                self.choice.setCurrentIndex(index)
                self.export_current()

    def focus_search(self) -> None:
        """Ctrl+F: the list of documents (type a document's first letters there)."""
        self.list.setFocus()

    def on_choice_changed(self, _index: int) -> None:
        kind = self.current_kind()
        key = _choice_key(kind) if kind else ""
        if key:
            self._chosen[key] = (
                self.choice.currentData() if self.choice.currentIndex() >= 0 else None
            )

    def options(self) -> ExportOptions:
        """What to export, as chosen; text in the chooser that names nothing is refused."""
        kind = self.current_kind()
        value = self.choice.value() if kind and _choice_key(kind) else None
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
            person_id=value if key == "person" else None,
            pdf=bool(kind and kind.suffix == ".docx" and self.pdf_check.isChecked()),
        )

    # ---- template -------------------------------------------------------------------------

    def on_template_clicked(self) -> None:
        path = files.ask_open_path(
            self, "templates", "Council Word template", "Word documents (*.docx)"
        )
        if path is not None:
            self._set_template(str(path))

    def _set_template(self, path: str) -> None:
        try:
            settings.set_value(self.ctx.store, "word_template", path)
        except LscpError as exc:
            QMessageBox.warning(self, "Word template", str(exc))
        self.refresh()

    # ---- export ---------------------------------------------------------------------------

    @classmethod
    def ask_path(cls, parent: QWidget, suggested: str, kind: ExportKind) -> Path | None:
        """Where to save; tests replace this."""
        return ask_export_path(parent, kind, suggested)

    def export_current(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        try:
            options = self.options()
        except ValidationError as exc:
            QMessageBox.warning(self, kind.label, str(exc))
            return
        if kind.needs and self.choice.value() is None:
            QMessageBox.warning(
                self, kind.label, f"Choose the {self.choice_label.text().lower()} first."
            )
            return
        detail = self.choice.currentText() if self.choice.value() is not None else ""
        warm_up(self.ctx, kind)
        check = self._check(kind)
        if check is not None and not check.ok and not PreflightDialog.ask(self, check):
            self.ctx.status(f"Not exported: {check.headline()}")
            return
        path = self.ask_path(self, kind.default_name(detail), kind)
        if path is not None:
            self.run_export(kind, options, path)

    def _check(self, kind: ExportKind) -> Preflight | None:
        """The pre-flight check of the chosen meeting's document, or None (not a checked kind,
        or the check itself failed: the export then says why)."""
        try:
            return preflight(self.ctx.store, kind, self.options())
        except LscpError:
            return None

    def on_check_clicked(self) -> None:
        kind = self.current_kind()
        if kind is None or self.choice.value() is None:
            return
        check = self._check(kind)
        if check is not None:
            PreflightDialog.show(self, check)

    def run_export(self, kind: ExportKind, options: ExportOptions, path: Path) -> None:
        self.export_button.setEnabled(False)
        run_export(
            self, self.ctx, kind, options, path,
            ask_again=lambda name: self.ask_path(self, name, kind),
            on_done=lambda: self.export_button.setEnabled(True),
        )  # fmt: skip
