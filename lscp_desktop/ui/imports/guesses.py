"""The import check's "New organisations" panel: each organisation the import would create,
the kind and sector its name gave it and why, each changeable before importing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.imports.report import OrganisationGuess
from lscp_desktop.models.membership.records import ORGANISATION_KINDS, SECTORS


class GuessesPanel(QGroupBox):
    #: The user changed an organisation's kind or sector (its name).
    choice_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("New organisations: check the kind and sector of each", parent)
        layout = QVBoxLayout(self)
        self.hint = QLabel(
            "The import would add these organisations. Their kind and sector come from their "
            "names (a council outside the partnership's authorities is not a partner); change "
            "any that are wrong, then Import."
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("muted")
        layout.addWidget(self.hint)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Organisation", "Kind", "Sector", "Why"])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((300, 170, 150)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self._names: list[str] = []
        self.setVisible(False)

    def show_guesses(self, guesses: list[OrganisationGuess]) -> None:
        self.table.setRowCount(0)
        self._names = []
        for row, guess in enumerate(guesses):
            self.table.insertRow(row)
            self._names.append(guess.name)
            self.table.setItem(row, 0, QTableWidgetItem(guess.name))
            for column, choices, value in ((1, ORGANISATION_KINDS, guess.kind),
                                           (2, SECTORS, guess.sector)):  # fmt: skip
                box = QComboBox()
                box.addItems(choices)
                box.setCurrentText(value)
                box.currentTextChanged.connect(lambda _t, name=guess.name: self._changed(name))
                self.table.setCellWidget(row, column, box)
            why = "as given in the file" if guess.given else guess.reason
            self.table.setItem(row, 3, QTableWidgetItem(why))
        self.setVisible(bool(guesses))

    def _changed(self, name: str) -> None:
        self.choice_changed.emit(name)

    def choice(self, name: str) -> tuple[str, str]:
        row = self._names.index(name)
        kind, sector = (self.table.cellWidget(row, c) for c in (1, 2))
        assert isinstance(kind, QComboBox) and isinstance(sector, QComboBox)
        return kind.currentText(), sector.currentText()

    def kind_box(self, name: str) -> QComboBox:
        box = self.table.cellWidget(self._names.index(name), 1)
        assert isinstance(box, QComboBox)
        return box

    def clear(self) -> None:
        self.table.setRowCount(0)
        self._names = []
        self.setVisible(False)
