"""The first-run welcome: set up your own partnership from a template, or open the demo. Its
setup form is also File › New partnership… in the window (:meth:`WelcomeDialog.ask_plan`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop import APP_NAME
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text_policy import max_length
from lscp_desktop.models.meetings.templates import (
    TEMPLATES,
    PartnershipTemplate,
    TemplatePlan,
    prepare,
)
from lscp_desktop.paths import resources_dir
from lscp_desktop.ui import unsaved
from lscp_desktop.ui.style import STYLE_SHEET

MAX_AUTHORITIES = 3


@dataclass(frozen=True)
class WelcomeChoice:
    """What the user chose: the demo, or a checked plan for their own partnership."""

    demo: bool
    plan: TemplatePlan | None = None


class WelcomeDialog(QDialog):
    """Page 1 offers the two choices; page 2 asks for the name, authorities and partners. With
    *setup_only* (File › New partnership…) only page 2 is shown."""

    def __init__(
        self, path: Path, parent: QWidget | None = None, *, setup_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.setup_only = setup_only
        self.setWindowTitle("New partnership" if setup_only else f"Welcome to {APP_NAME}")
        self.setStyleSheet(STYLE_SHEET + _EXTRA_STYLE)
        self.resize(760, 620)
        self.choice: WelcomeChoice | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self._choose_page(path))
        self.stack.addWidget(self._setup_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.stack)
        self._connect_signals()
        self.template_buttons[0].setChecked(True)
        self.on_template_changed()
        if setup_only:
            self.back_button.setText("Cancel")
            self.show_setup()
        else:
            self.show_choices()

    # ---- construction -------------------------------------------------------------------

    def _choose_page(self, path: Path) -> QWidget:
        page = QWidget()
        title = QLabel(f"Welcome to {APP_NAME}")
        title.setObjectName("pageTitle")
        icon = QLabel()
        pixmap = QPixmap(str(resources_dir() / "lscp-desktop.png"))
        if not pixmap.isNull():
            icon.setPixmap(
                pixmap.scaled(
                    56,
                    56,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(title, 1)
        intro = QLabel(
            "Everything you record is kept in one file on this computer, with automatic "
            "backups beside it. Nothing is sent anywhere."
        )
        intro.setWordWrap(True)
        where = QLabel(f"Your database: {path}")
        where.setObjectName("muted")
        where.setWordWrap(True)
        self.setup_button = QCommandLinkButton(
            "Set up your partnership",
            "Start an empty partnership from a template modelled on a published arrangement: "
            "you give its name, local authorities and partners, and add people afterwards.",
        )
        self.demo_button = QCommandLinkButton(
            "Open the demo",
            "Explore a fictional partnership with invented people, meetings and records. "
            "You can set up your own partnership later with a new database.",
        )
        self.demo_button.setDefault(True)
        self.demo_button.setAutoDefault(True)
        self.setup_button.setAutoDefault(False)
        self.quit_button = QPushButton("Quit")
        self.quit_button.setAutoDefault(False)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.quit_button)
        column = QVBoxLayout(page)
        column.addLayout(heading)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addWidget(self.demo_button)
        column.addWidget(self.setup_button)
        column.addSpacing(12)
        column.addWidget(where)
        column.addStretch(1)
        column.addLayout(footer)
        return page

    def _setup_page(self) -> QWidget:
        page = QWidget()
        title = QLabel("Set up your partnership")
        title.setObjectName("pageTitle")
        self.name_edit = _limited("partnership", "name")
        self.name_edit.setPlaceholderText("e.g. Northbridge Safeguarding Children Partnership")

        shape = QGroupBox("Shape of the partnership")
        shape_layout = QVBoxLayout(shape)
        self.template_group = QButtonGroup(self)
        self.template_buttons: list[QRadioButton] = []
        self.template_keys: list[str] = []
        for i, template in enumerate(TEMPLATES.values()):
            button = QRadioButton(template.label)
            self.template_group.addButton(button, i)
            self.template_buttons.append(button)
            self.template_keys.append(template.key)
            shape_layout.addWidget(button)
        self.template_note = QLabel()
        self.template_note.setObjectName("muted")
        self.template_note.setWordWrap(True)
        self.template_note.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        shape_layout.addWidget(self.template_note)

        # Each authority is checked as a name, as ``init`` checks it.
        self.authority_edits = [_limited("partnership", "name") for _ in range(MAX_AUTHORITIES)]
        self.partner_form = QFormLayout()
        self.partner_edits: list[QLineEdit] = []
        self.bodies_label = QLabel()
        self.bodies_label.setObjectName("muted")
        self.bodies_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("Partnership name:", self.name_edit)
        self.authorities_row = QWidget()
        authorities = QHBoxLayout(self.authorities_row)
        authorities.setContentsMargins(0, 0, 0, 0)
        for edit in self.authority_edits:
            edit.setPlaceholderText("Local authority")
            authorities.addWidget(edit)
        authority_form = QFormLayout()
        authority_form.addRow("Local authorities:", self.authorities_row)
        partners_box = QGroupBox(
            "Partners: type your organisations' names (one left blank takes the name in grey)"
        )
        partners_box.setLayout(self.partner_form)

        self.back_button = QPushButton("Back")
        self.back_button.setAutoDefault(False)
        self.create_button = QPushButton("Create partnership")
        self.create_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        column = QVBoxLayout(page)
        column.addWidget(title)
        column.addLayout(form)
        column.addWidget(shape)
        column.addLayout(authority_form)
        column.addWidget(partners_box)
        column.addWidget(self.bodies_label)
        column.addWidget(self.error_label)
        column.addStretch(1)
        column.addLayout(buttons)
        return page

    def _connect_signals(self) -> None:
        self.demo_button.clicked.connect(self.on_demo_clicked)
        self.setup_button.clicked.connect(self.show_setup)
        self.quit_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.on_back_clicked)
        self.create_button.clicked.connect(self.on_create_clicked)
        self.template_group.idToggled.connect(self.on_template_toggled)
        for edit in self.authority_edits:
            edit.textChanged.connect(self.on_authorities_changed)

    # ---- pages ----------------------------------------------------------------------------

    def show_choices(self) -> None:
        self.stack.setCurrentIndex(0)
        self.create_button.setDefault(False)
        self.demo_button.setDefault(True)
        self.demo_button.setFocus()

    def show_setup(self) -> None:
        self.stack.setCurrentIndex(1)
        self.demo_button.setDefault(False)
        self.create_button.setDefault(True)
        self.name_edit.setFocus()

    # ---- the setup form -------------------------------------------------------------------

    def template(self) -> PartnershipTemplate:
        return TEMPLATES[self.template_keys[max(0, self.template_group.checkedId())]]

    def select_template(self, key: str) -> None:
        self.template_buttons[self.template_keys.index(key)].setChecked(True)

    def authorities(self) -> list[str]:
        n = self.template().authorities
        return [e.text() for e in self.authority_edits[:n]]

    def on_template_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.on_template_changed()

    def on_template_changed(self) -> None:
        template = self.template()
        self.template_note.setText(f"{template.description} Modelled on {template.source}.")
        n = template.authorities
        for i, edit in enumerate(self.authority_edits):
            edit.setVisible(i < n)
        self._rebuild_partners()

    def on_authorities_changed(self) -> None:
        """The suggested partner names (in grey) follow the authorities' names; what the user
        typed is never changed, so it is saved exactly as typed."""
        slots = self.template().partner_slots(self.authorities())
        for edit, slot in zip(self.partner_edits, slots, strict=False):
            label = self.partner_form.labelForField(edit)
            if isinstance(label, QLabel):
                label.setText(_label(slot.label))
            edit.setPlaceholderText(_suggestion(slot.default_name))
        self._show_bodies()

    def _rebuild_partners(self) -> None:
        while self.partner_form.rowCount():
            self.partner_form.removeRow(0)
        slots = self.template().partner_slots(self.authorities())
        self.partner_edits = [_limited("organisations", "name") for _ in slots]
        for slot, edit in zip(slots, self.partner_edits, strict=True):
            edit.setPlaceholderText(_suggestion(slot.default_name))
            self.partner_form.addRow(_label(slot.label), edit)
        self._show_bodies()

    def _show_bodies(self) -> None:
        names: list[str] = []
        for body in self.template().bodies(self.authorities()):
            name = body.name if body.name.strip() != "Local Group" else "a local group"
            name = f"{name} ({body.meets})"
            if name not in names:
                names.append(name)
        self.bodies_label.setText(
            "Bodies created for you, each with how often it meets, its standing items and the "
            "reports it owes (rename them, add members later): " + "; ".join(names) + "."
        )

    def on_create_clicked(self) -> None:
        try:
            plan = prepare(
                self.template().key,
                name=self.name_edit.text(),
                authorities=self.authorities(),
                partners=[e.text() for e in self.partner_edits],
            )
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            target = {"name": self.name_edit, "authorities": self.authority_edits[0]}.get(
                exc.field or ""
            )
            if target is not None:
                target.setFocus()
            return
        self.error_label.hide()
        self.choice = WelcomeChoice(demo=False, plan=plan)
        self.accept()

    def on_demo_clicked(self) -> None:
        self.choice = WelcomeChoice(demo=True)
        self.accept()

    def on_back_clicked(self) -> None:
        if self.setup_only:
            self.reject()
        else:
            self.show_choices()

    # ---- typing is not lost ----------------------------------------------------------------

    def unsaved_changes(self) -> str:
        if self.stack.currentIndex() != 1 or self.choice is not None:
            return ""
        typed = [self.name_edit, *self.authority_edits, *self.partner_edits]
        return "the new partnership's details" if any(e.text().strip() for e in typed) else ""

    def save_changes(self) -> bool:
        self.on_create_clicked()
        return self.choice is not None

    def discard_changes(self) -> None:
        for edit in (self.name_edit, *self.authority_edits, *self.partner_edits):
            edit.clear()

    def reject(self) -> None:
        """Escape or Quit with details typed asks first (Save creates the partnership)."""
        if unsaved.may_close(self, self, "closing"):
            super().reject()

    @classmethod
    def ask(cls, path: Path, parent: QWidget | None = None) -> WelcomeChoice | None:
        """Show the welcome; ``None`` when the user quits (tests patch this)."""
        dialog = cls(path, parent)
        dialog.exec()
        return dialog.choice

    @classmethod
    def ask_plan(cls, parent: QWidget | None) -> TemplatePlan | None:
        """File › New partnership…: the setup form alone; the checked plan, or ``None``."""
        dialog = cls(Path(), parent, setup_only=True)
        dialog.exec()
        return dialog.choice.plan if dialog.choice is not None else None


def _suggestion(name: str) -> str:
    return name or "The organisation's name"


def _label(text: str) -> str:
    """A form label; '&' would otherwise mark a keyboard shortcut (Hammersmith & Fulham)."""
    return text.replace("&", "&&") + ":"


_EXTRA_STYLE = """
QLabel#error { color: #a4262c; font-weight: 600; }
QCommandLinkButton { padding: 10px; }
"""


def _limited(table: str, column: str) -> QLineEdit:
    """A line edit that takes no more than the store takes in ``table.column``."""
    edit = QLineEdit()
    edit.setMaxLength(max_length(table, column) or 32767)
    return edit
