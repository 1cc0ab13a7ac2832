"""A record form built from field descriptions.

The dialog hands the values to a save function (a model call). A broken rule comes back as a
``ValidationError``: the dialog stays open, says what to fix and puts the cursor on that field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError, ValidationError

#: A form with more fields than this scrolls (its buttons stay on screen).
SCROLL_AFTER = 14


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    #: text, multiline, choice, ref (id chosen from labelled options), multi (ids ticked from
    #: labelled options), date, check
    kind: str = "text"
    choices: Sequence[str] = ()
    options: Callable[[], list[tuple[str, Any]]] | None = None
    placeholder: str = ""
    optional: bool = True


class RecordDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fields: Sequence[Field],
        values: dict[str, Any],
        save: Callable[[dict[str, Any]], Any],
        *,
        table: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._fields = list(fields)
        self._table = table
        self._save = save
        self.result_value: Any = None
        self.widgets: dict[str, QWidget] = {}

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for f in self._fields:
            widget = self._make(f, values.get(f.key))
            widget.setObjectName(f.key)
            self.widgets[f.key] = widget
            form.addRow(f.label + ("" if f.optional or f.kind == "check" else " *"), widget)
        if len(self._fields) > SCROLL_AFTER:
            area = self._scrolling(form)
            layout.addWidget(area)
            # The dialog's own minimum width would otherwise hide the scroll area's.
            self.setMinimumWidth(max(480, area.minimumWidth() + 24))
        else:
            layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #a4262c; font-weight: 600;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _scrolling(self, form: QFormLayout) -> QScrollArea:
        """A long form (a practice review's two dozen dates) in a scroll area no taller than
        the screen allows, so Save stays in reach at 1280×720."""
        inner = QWidget()
        inner.setLayout(form)
        area = QScrollArea()
        area.setObjectName("formScroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        screen = self.screen().availableGeometry().height() if self.screen() else 720
        area.setMinimumHeight(min(inner.sizeHint().height(), max(300, screen - 220)))
        area.setMinimumWidth(inner.sizeHint().width() + 24)
        return area

    def _make(self, f: Field, value: Any) -> QWidget:
        if f.kind == "multiline":
            edit = QPlainTextEdit(str(value or ""))
            edit.setFixedHeight(70)
            return edit
        if f.kind == "check":
            box = QCheckBox()
            box.setChecked(bool(value) if value is not None else True)
            return box
        if f.kind == "multi":
            ticked = set(value or [])
            checklist = QListWidget()
            checklist.setFixedHeight(140)
            for label, data in (f.options or list)():
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, data)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if data in ticked else Qt.CheckState.Unchecked
                )
                checklist.addItem(item)
            return checklist
        if f.kind in ("choice", "ref"):
            combo = QComboBox()
            options = [(c, c) for c in f.choices] if f.kind == "choice" else (f.options or list)()
            if f.kind == "ref" and f.optional:
                options = [("—", None), *options]
            for label, data in options:
                combo.addItem(label, data)
            index = combo.findData(value) if value is not None else -1
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.setEditable(False)
            return combo
        line = QLineEdit(uk(value) if f.kind == "date" else str(value or ""))
        line.setPlaceholderText(f.placeholder or ("dd/mm/yyyy" if f.kind == "date" else ""))
        limit = text_policy.max_length(self._table, f.key) if self._table else None
        if limit is not None and f.kind == "text":
            line.setMaxLength(limit)  # the model refuses longer text with the same limit
        return line

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self._fields:
            w = self.widgets[f.key]
            if isinstance(w, QPlainTextEdit):
                out[f.key] = w.toPlainText()
            elif isinstance(w, QCheckBox):
                out[f.key] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[f.key] = w.currentData()
            elif isinstance(w, QListWidget):
                out[f.key] = [
                    w.item(i).data(Qt.ItemDataRole.UserRole)
                    for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked
                ]
            elif isinstance(w, QLineEdit):
                out[f.key] = w.text().strip()
        return out

    def on_save_clicked(self) -> None:
        try:
            self.result_value = self._save(self.values())
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except LscpError as exc:
            self.show_error(str(exc), None)
            return
        self.accept()

    def show_error(self, text: str, field: str | None) -> None:
        self.error.setText(text)
        self.error.show()
        widget = self.widgets.get(field or "")
        if widget is not None:
            widget.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        fields: Sequence[Field],
        values: dict[str, Any],
        save: Callable[[dict[str, Any]], Any],
        *,
        table: str = "",
    ) -> Any:
        """Show the form; returns what *save* returned, or None if cancelled. With *table*,
        single-line fields take the length limits of that table's columns."""
        dialog = cls(parent, title, fields, values, save, table=table)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        return None
