"""The action log's filter row: search, status, RAG, owner, organisation, priority, overdue and
due-by-next-meeting. The page connects to its widgets and reads the filter from it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from lscp_desktop.models.actions.filters import ActionFilter
from lscp_desktop.models.actions.records import OPEN_STATUSES, RAG_LABELS, RAGS, STATUSES, Action
from lscp_desktop.ui.page_parts import search_box

#: Status choices: label → statuses loaded (None: every status).
STATUS_CHOICES: list[tuple[str, frozenset[str] | None]] = [
    ("Not finished", OPEN_STATUSES),
    ("All statuses", None),
    *[(s.capitalize(), frozenset({s})) for s in STATUSES],
]


class ActionFilterBar(QWidget):
    """The filters above the log. Status decides what is loaded; the rest filter what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        filters = QHBoxLayout(self)
        filters.setContentsMargins(0, 0, 0, 0)
        self.search = search_box("Search actions…")
        filters.addWidget(self.search, 2)
        self.status_combo = QComboBox()
        for label, _ in STATUS_CHOICES:
            self.status_combo.addItem(label)
        self.rag_combo = QComboBox()
        self.rag_combo.addItem("Any RAG", None)
        for key in RAGS:
            self.rag_combo.addItem(RAG_LABELS[key], key)
        self.owner_combo = QComboBox()
        self.organisation_combo = QComboBox()
        self.priority_combo = QComboBox()
        for combo in self.choice_combos():
            combo.setMaximumWidth(210)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        for w in (
            self.status_combo,
            self.rag_combo,
            self.owner_combo,
            self.organisation_combo,
            self.priority_combo,
        ):
            filters.addWidget(w)
        self.overdue_check = QCheckBox("Overdue")
        self.next_meeting_check = QCheckBox("Due by next meeting")
        self.next_meeting_check.setToolTip(
            "Open actions due on or before their body's next meeting"
        )
        filters.addWidget(self.overdue_check)
        filters.addWidget(self.next_meeting_check)

    def choice_combos(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        """The combos filled from the loaded actions: owner, organisation, priority."""
        return (self.owner_combo, self.organisation_combo, self.priority_combo)

    def statuses(self) -> frozenset[str] | None:
        return STATUS_CHOICES[max(self.status_combo.currentIndex(), 0)][1]

    def current_filter(self) -> ActionFilter:
        return ActionFilter(
            owner_id=self.owner_combo.currentData(),
            organisation_id=self.organisation_combo.currentData(),
            rag=self.rag_combo.currentData(),
            overdue=self.overdue_check.isChecked(),
            before_next_meeting=self.next_meeting_check.isChecked(),
            priority_id=self.priority_combo.currentData(),
            text=self.search.text(),
        )

    def fill_choices(self, actions: list[Action]) -> None:
        """Offer the owners, organisations and priorities of *actions*, keeping each choice."""
        self._fill_choice(self.owner_combo, "Any owner", {a.owner_id: a.owner for a in actions})
        self._fill_choice(
            self.organisation_combo,
            "Any organisation",
            {a.organisation_id: a.organisation for a in actions},
        )
        self._fill_choice(
            self.priority_combo, "Any priority", {a.priority_id: a.priority for a in actions}
        )

    def describe(self) -> list[str]:
        """The filters set, in words ("Not finished", "Red", "owner Ann Able", "'policy'")."""
        parts = [self.status_combo.currentText()]
        parts += [c.currentText() for c in (self.rag_combo, *self.choice_combos())
                  if c.currentData() is not None]  # fmt: skip
        parts += [c.text().lower() for c in (self.overdue_check, self.next_meeting_check)
                  if c.isChecked()]  # fmt: skip
        if self.search.text().strip():
            parts.append(f"'{self.search.text().strip()}'")
        return parts

    def clear_shown_filters(self) -> None:
        """Back to every RAG, owner, organisation and priority; overdue and next meeting off."""
        for combo in (self.rag_combo, *self.choice_combos()):
            combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        self.next_meeting_check.setChecked(False)

    @staticmethod
    def _fill_choice(combo: QComboBox, any_label: str, options: dict[Any, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_label, None)
        for value, label in sorted(options.items(), key=lambda kv: kv[1].lower()):
            if value is not None:
                combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
