"""The import dialog's "Check" panel: a summary and one line per row checked or imported."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from lscp_desktop.models.imports.report import ImportReport
from lscp_desktop.ui.imports.models import report_model


class ReportPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Check", parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel("Choose a file, check the columns, then press Check.")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.view = QTableView()
        self.view.verticalHeader().setVisible(False)
        self.model = report_model()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((50, 80, 320, 120, 150)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.view)

    def clear(self) -> None:
        self.model.set_records([])
        self.summary.setText("Press Check to see what the import would do; nothing is saved.")

    def show_report(self, result: ImportReport) -> None:
        # problems first, so the one bad row in a thousand is the first thing seen
        self.model.set_records(
            sorted(result.lines, key=lambda line: (line.status != "error", line.row))
        )
        self.summary.setText(f"{result.summary()} {result.created_summary()}".strip())
        self.summary.setStyleSheet("color: #8a1c12;" if result.errors else "")
