"""The form's pickers: a record chosen from a list by typing part of its name, and a date typed
as dd/mm/yyyy or chosen from a calendar.

A :class:`Picker` starts blank unless it is given a value (a sensible default is the caller's
to give: the member's registered deputy, the body's chair), and its value is None while blank.
Text that matches no entry is not silently taken as the nearest one: :meth:`Picker.value` raises
a :class:`ValidationError` naming the field, as a model function would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError

Options = Sequence[tuple[str, Any]]


class Picker(QComboBox):
    """One record out of *options* ``(label, value)``: the list drops down from the arrow, and
    typing any part of a label filters it (case ignored)."""

    def __init__(
        self,
        options: Options = (),
        value: Any = None,
        *,
        label: str = "",
        placeholder: str = "Type to search…",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.setMaxVisibleItems(15)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        self.set_options(options, value)

    def set_options(self, options: Options, value: Any = None) -> None:
        """List *options*, showing *value* (blank when None or not among them)."""
        self.blockSignals(True)
        self.clear()
        for text, data in options:
            self.addItem(text, data)
        self.blockSignals(False)
        self.set_value(value)

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def is_blank(self) -> bool:
        return not self.currentText().strip()

    def value(self) -> Any:
        """The chosen entry's value; None while blank. Text that names no entry is refused."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == text:
            return self.itemData(index)
        for flags in (Qt.MatchFlag.MatchExactly, Qt.MatchFlag.MatchFixedString):
            found = self.findText(text, flags)
            if found >= 0:
                return self.itemData(found)
        what = self.label.lower() or "an entry"
        raise ValidationError(
            f"'{text}' is not in the list for {what}: type part of a name and choose it from the "
            "list, or clear the box.",
            self.objectName() or None,
        )


def calendar_icon(ratio: float = 1.0) -> QIcon:
    """A small calendar page (the platform's styles have none): a coloured top and a grid."""
    size = 16
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#44546a"), 1))
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(QRectF(1.5, 2.5, 13, 12), 1.5, 1.5)
    painter.fillRect(QRectF(2, 3, 12, 3), QColor("#1d4f91"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#44546a"))
    for row in range(2):
        for col in range(3):
            painter.drawRect(QRectF(4 + col * 3.2, 8 + row * 3, 1.8, 1.8))
    painter.end()
    return QIcon(pixmap)


class DateField(QWidget):
    """A date typed as dd/mm/yyyy, or chosen from the calendar behind the button (Alt+Down).

    The text is handed to the model as typed (the model says what is wrong with it); blank is
    allowed, for dates that are optional.
    """

    #: The text changed (typed or chosen).
    text_changed = Signal(str)

    def __init__(
        self,
        value: str | dt.date | None = None,
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(uk(value))
        self.edit.setPlaceholderText("dd/mm/yyyy")
        self.edit.installEventFilter(self)
        # What the field is for beyond the date ("blank if continuing") goes beside it: a
        # placeholder that long would not fit in a date's width.
        hint = placeholder.removeprefix("dd/mm/yyyy").strip(" ,")
        self.hint = QLabel(hint)
        self.hint.setObjectName("muted")
        self.hint.setVisible(bool(hint))
        self.button = QToolButton()
        self.button.setObjectName("calendarButton")
        self.button.setIcon(calendar_icon(self.devicePixelRatioF()))
        self.button.setToolTip("Choose from a calendar (Alt+Down)")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.menu = QMenu(self.button)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.menu.aboutToShow.connect(self.on_menu_about_to_show)
        self.button.setMenu(self.menu)
        self.calendar.clicked.connect(self.on_calendar_clicked)
        self.calendar.activated.connect(self.on_calendar_clicked)
        self.edit.textChanged.connect(self.text_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addSpacing(6)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.button.setFixedHeight(self.edit.sizeHint().height())

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(uk(text) if text else "")

    def date(self) -> dt.date | None:
        """The date typed, if it reads as one (the calendar opens on it)."""
        from lscp_desktop.models.core.dates import optional_date

        try:
            return optional_date(self.text())
        except ValidationError:
            return None

    def set_date(self, day: dt.date) -> None:
        self.edit.setText(uk(day))

    def open_calendar(self) -> None:
        self.button.showMenu()

    def on_menu_about_to_show(self) -> None:
        day = self.date() or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def on_calendar_clicked(self, chosen: QDate) -> None:
        self.set_date(dt.date(chosen.year(), chosen.month(), chosen.day()))
        self.menu.hide()
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)
