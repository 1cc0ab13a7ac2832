"""The import dialog's "Columns" panel: which spreadsheet column feeds each field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.imports.kinds import ImportKind
from lscp_desktop.models.imports.layout import Layout

NOT_IMPORTED = "(not imported)"


class MappingPanel(QGroupBox):
    """One combo box per field of the kind, listing the headings found in the file."""

    #: Emitted when the user picks another column for a field, with the field's key.
    mapping_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Columns", parent)
        self._field_boxes: dict[str, QComboBox] = {}
        outer = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.form = QFormLayout()
        # Kinds with many fields (actions, risks) scroll rather than squash their rows.
        self.form.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        form_holder = QWidget()
        form_holder.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_holder)
        outer.addWidget(scroll)

    def show_fields(self, kind: ImportKind, layout: Layout | None) -> None:
        """Rebuild the rows for ``kind``; with no layout (no file yet) the boxes are disabled."""
        while self.form.rowCount():
            # takeRow, not removeRow: this can run inside one of these combo boxes' own signal
            taken = self.form.takeRow(0)
            for item in (taken.labelItem, taken.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._field_boxes = {}
        if layout is None:
            self.hint.setText("Choose a file to see which column feeds each field.")
        for f in kind.fields:
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
            box.currentIndexChanged.connect(lambda _i, key=f.key: self.mapping_changed.emit(key))
            self.form.addRow(label, box)
            self._field_boxes[f.key] = box
        if layout is not None:
            csv = layout.table.path.suffix.lower() == ".csv"
            where = "" if csv else f" of '{layout.table.sheet}'"
            self.hint.setText(
                f"Headings found in row {layout.header_row}{where}. Change any field's column "
                "if it is wrong; fields in italics were matched by a similar heading."
            )

    def field_box(self, key: str) -> QComboBox:
        return self._field_boxes[key]

    def chosen_header(self, key: str) -> str:
        """The heading now chosen for a field; "" when it is not imported."""
        header = self._field_boxes[key].currentData()
        return header if isinstance(header, str) else ""
