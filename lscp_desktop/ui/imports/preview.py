"""The import dialog's "Preview" panel: the file's first rows as they will be read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QTableView, QVBoxLayout, QWidget

from lscp_desktop.models.imports.kinds import ImportKind
from lscp_desktop.models.imports.layout import Layout
from lscp_desktop.ui.imports.models import PreviewRow, preview_model
from lscp_desktop.ui.table import RecordTableModel


class PreviewPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Preview", parent)
        self._model: RecordTableModel[PreviewRow] | None = None
        layout = QVBoxLayout(self)
        self.view = QTableView()
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.view.setWordWrap(False)
        layout.addWidget(self.view)

    def show_layout(self, layout: Layout, kind: ImportKind) -> None:
        model = preview_model(layout, kind)
        self._set_model(model)
        self.view.resizeColumnsToContents()
        for col in range(model.columnCount()):
            self.view.setColumnWidth(col, min(self.view.columnWidth(col), 260))

    def clear(self) -> None:
        self._set_model(None)

    def _set_model(self, model: RecordTableModel[PreviewRow] | None) -> None:
        self.view.setModel(model)
        self._model = model  # the view does not own its model: keep it alive
