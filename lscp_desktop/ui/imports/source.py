"""The top of the import dialog: what to import, the spreadsheet (or a blank template for it),
and which sheet and financial year to read."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from lscp_desktop.models.imports.kinds import ImportKind


class SourceForm(QWidget):
    """The kind, file, sheet and year choosers; the dialog wires them."""

    def __init__(self, kinds: Sequence[ImportKind], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        top = QFormLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        self.kind_box = QComboBox()
        for kind in kinds:
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
