"""A record form built from field descriptions.

The dialog hands the values to a save function (a model call). A broken rule comes back as a
``ValidationError``: the dialog stays open, says what to fix and puts the cursor on that field.
Records are picked by typing part of their name (:class:`~lscp_desktop.ui.pickers.Picker`),
dates typed or chosen from a calendar; a form escaped with changes in it asks first
(:mod:`lscp_desktop.ui.unsaved`).
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
from lscp_desktop.models.core.errors import ConflictError, LscpError, ValidationError
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui import unsaved
from lscp_desktop.ui.pickers import DateField, Picker

Options = list[tuple[str, Any]]

#: A form with more fields than this scrolls (its buttons stay on screen).
SCROLL_AFTER = 14


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    #: text, multiline, choice, ref (a record picked from labelled options), multi (ids ticked
    #: from labelled options), date, check
    kind: str = "text"
    choices: Sequence[str] = ()
    options: Callable[[], Options] | None = None
    placeholder: str = ""
    optional: bool = True
    #: A ref whose options follow another field's value (a deputy from that body's members):
    #: the key of that field, and the options for one of its values.
    depends: str = ""
    options_for: Callable[[Any], Options] | None = None
    #: The column of the dialog's table the field is saved to, when it is not *key* (a
    #: guest's "name" is ``guest_name``): the field takes that column's length limit.
    column: str = ""


class RecordDialog(QDialog):
    #: Long forms (an action, a risk) scroll rather than grow past the screen.
    scrolling = False

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fields: Sequence[Field],
        values: dict[str, Any],
        save: Callable[[dict[str, Any]], Any],
        *,
        table: str = "",
        intro: str = "",
        opened: OpenedRecord | None = None,
    ) -> None:
        super().__init__(parent)
        #: The record edited, at the version it was opened at: saved over that version only.
        self.opened = opened
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._fields = list(fields)
        self._table = table
        self._save = save
        self.result_value: Any = None
        self.widgets: dict[str, QWidget] = {}

        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setObjectName("formIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setStyleSheet("font-weight: 600; padding-bottom: 4px;")
        self.intro.setVisible(bool(intro))
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for f in self._fields:
            widget = self._make(f, values)
            widget.setObjectName(f.key)
            self.widgets[f.key] = widget
            form.addRow(f.label + ("" if f.optional or f.kind == "check" else " *"), widget)
        if self.scrolling or len(self._fields) > SCROLL_AFTER:
            area = self._scrolling(form)
            layout.addWidget(area, 1)
            # The dialog's own minimum width would otherwise hide the scroll area's.
            self.setMinimumWidth(max(480, area.minimumWidth() + 24))
        else:
            layout.addLayout(form)
        self._follow_dependencies(values)
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
        self._opened_with = self._state()

    # ---- widgets ----------------------------------------------------------------------------

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

    def _make(self, f: Field, values: dict[str, Any]) -> QWidget:
        value = values.get(f.key)
        if f.kind == "multiline":
            edit = QPlainTextEdit(str(value or ""))
            edit.setFixedHeight(70)
            edit.setPlaceholderText(f.placeholder)
            edit.setTabChangesFocus(True)
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
        if f.kind == "ref":
            options = [] if f.depends else (f.options or list)()
            return Picker(options, value, label=f.label, placeholder=f.placeholder or _hint(f))
        if f.kind == "choice":
            combo = QComboBox()
            for choice in f.choices:
                combo.addItem(choice, choice)
            index = combo.findData(value) if value is not None else -1
            combo.setCurrentIndex(index if index >= 0 else 0)
            return combo
        if f.kind == "date":
            return DateField(value, placeholder=f.placeholder)
        line = QLineEdit(str(value or ""))
        line.setPlaceholderText(f.placeholder)
        limit = text_policy.max_length(self._table, f.column or f.key) if self._table else None
        if limit is not None:
            line.setMaxLength(limit)  # the model refuses longer text with the same limit
        return line

    def _follow_dependencies(self, values: dict[str, Any]) -> None:
        """Fill each dependent picker for its field's value now, and again when it changes."""
        for f in self._fields:
            if not f.depends or f.options_for is None:
                continue
            picker, source = self.widgets[f.key], self.widgets[f.depends]
            assert isinstance(picker, Picker)
            options_for = f.options_for

            def refill(
                *_args: object,
                picker: Picker = picker,
                source: QWidget = source,
                options_for: Callable[[Any], Options] = options_for,
            ) -> None:
                keep = _quiet_value(picker)
                picker.set_options(options_for(_quiet_value(source)), keep)

            refill()
            picker.set_value(values.get(f.key))
            if isinstance(source, QComboBox):
                source.currentIndexChanged.connect(refill)

    # ---- values -----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the form holds; a picker whose text names nothing in its list is refused."""
        out: dict[str, Any] = {}
        for f in self._fields:
            w = self.widgets[f.key]
            if isinstance(w, Picker):
                out[f.key] = w.value()
            elif isinstance(w, QPlainTextEdit):
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
            elif isinstance(w, QLineEdit | DateField):
                out[f.key] = w.text().strip()
        return out

    def _state(self) -> list[object]:
        """What the user can see in each field, to tell whether anything was changed."""
        state: list[object] = []
        for w in self.widgets.values():
            if isinstance(w, QPlainTextEdit):
                state.append(w.toPlainText())
            elif isinstance(w, QCheckBox):
                state.append(w.isChecked())
            elif isinstance(w, QComboBox):
                state.append(w.currentText())
            elif isinstance(w, QListWidget):
                state.append([w.item(i).checkState() for i in range(w.count())])
            elif isinstance(w, QLineEdit | DateField):
                state.append(w.text())
        return state

    # ---- saving, or leaving without saving ---------------------------------------------------

    def on_save_clicked(self) -> None:
        try:
            if self.opened is None:
                self.result_value = self._save(self.values())
            else:
                with self.opened.saving():
                    self.result_value = self._save(self.values())
        except ConflictError as exc:
            self._on_conflict(exc)
            return
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except LscpError as exc:
            self.show_error(str(exc), None)
            return
        self.accept()

    def _on_conflict(self, refused: ConflictError) -> None:
        """A colleague changed the record since: keep theirs (shown here), overwrite with
        mine (saved again over theirs), or back to the form as it is."""
        from lscp_desktop.ui.conflict import KEEP_THEIRS, OVERWRITE, ConflictDialog

        opened = self.opened
        assert opened is not None
        choice = ConflictDialog.ask(self, refused)
        if choice == OVERWRITE:
            opened.overwrite(refused)
            self.on_save_clicked()
        elif choice == KEEP_THEIRS:
            self.load(opened.take_theirs())
            self.show_error("Their version is shown; nothing of yours was saved.", None)
        else:
            self.show_error(str(refused).partition("\n")[0], None)

    def load(self, values: dict[str, Any]) -> None:
        """Show *values* (the record as it is now) in the fields they name."""
        for f in self._fields:
            if f.key not in values:
                continue
            w, value = self.widgets[f.key], values[f.key]
            if isinstance(w, Picker):
                w.set_value(value)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(str(value or ""))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(max(w.findData(value), 0))
            elif isinstance(w, QLineEdit | DateField):
                w.setText(str(value or ""))
        self._opened_with = self._state()

    def show_error(self, text: str, field: str | None) -> None:
        self.error.setText(text)
        self.error.show()
        # Make room for the message below the fields instead of squeezing them.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        needed = self.sizeHint().height()
        if self.height() < needed:
            self.resize(self.width(), needed)
        widget = self.widgets.get(field or "")
        if widget is not None:
            widget.setFocus()

    def unsaved_changes(self) -> str:
        if self.result() == QDialog.DialogCode.Accepted or self._state() == self._opened_with:
            return ""
        return f"the changes in '{self.windowTitle()}'"

    def save_changes(self) -> bool:
        self.on_save_clicked()
        return self.result() == QDialog.DialogCode.Accepted

    def discard_changes(self) -> None:
        self._opened_with = self._state()

    def reject(self) -> None:
        """Escape, Cancel or the window's close button: ask first when something was typed."""
        if unsaved.may_close(self, self, "closing the form"):
            super().reject()

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
        intro: str = "",
        opened: OpenedRecord | None = None,
    ) -> Any:
        """Show the form; returns what *save* returned, or None if cancelled. With *table*,
        single-line fields take the length limits of that table's columns; with *opened*, a
        save over a colleague's change since is refused and the user chooses (see
        :mod:`lscp_desktop.ui.conflict`)."""
        dialog = cls(parent, title, fields, values, save, table=table, intro=intro, opened=opened)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        return None


class ScrollingRecordDialog(RecordDialog):
    """A :class:`RecordDialog` whose form scrolls, for records with many fields."""

    scrolling = True


def _hint(f: Field) -> str:
    return "Type to search, or leave blank" if f.optional else "Type to search…"


def _quiet_value(widget: QWidget) -> Any:
    """A picker's or list's value without refusing half-typed text (None instead)."""
    if isinstance(widget, Picker):
        try:
            return widget.value()
        except ValidationError:
            return None
    if isinstance(widget, QComboBox):
        return widget.currentData()
    return None
