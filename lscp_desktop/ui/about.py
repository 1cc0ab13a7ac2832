"""Help > About: version, where the files are, the licences, and diagnostics for IT."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop import APP_NAME, __version__
from lscp_desktop.diagnostics import build_diagnostics, third_party_licences
from lscp_desktop.logs import log_file
from lscp_desktop.models.store.database import Store
from lscp_desktop.paths import data_dir, log_dir
from lscp_desktop.ui.style import STYLE_SHEET

LICENCE = "MIT"
LICENCE_TEXT = (
    f"{APP_NAME} is free software under the MIT licence: you may use, copy, change and share "
    "it, and it comes with no warranty. The libraries it is built on keep their own licences, "
    "listed on the Licences tab."
)


def qt_versions() -> dict[str, str]:
    import PySide6

    return {"Qt": qVersion(), "PySide6": PySide6.__version__}


class AboutDialog(QDialog):
    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(f"About {APP_NAME}")
        self.setStyleSheet(STYLE_SHEET)
        self.resize(680, 520)

        title = QLabel(f"<b>{APP_NAME}</b> {__version__}")
        title.setObjectName("pageTitle")
        intro = QLabel(
            "For the business manager of a Local Safeguarding Children Partnership: membership, "
            "meetings, actions, risks, funding and the partnership's documents in one local file."
        )
        intro.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), "Details")
        self.tabs.addTab(self._licences_tab(), "Licences")

        self.copy_button = QPushButton("Copy diagnostics")
        self.copy_button.setToolTip(
            "Copies versions, folders, the database check and recent log lines (with names "
            "and email addresses removed) for IT support."
        )
        self.copy_button.clicked.connect(self.on_copy_clicked)
        self.copied_label = QLabel("")
        self.copied_label.setObjectName("muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.copied_label)
        layout.addWidget(buttons)

    def _details_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        rows = [
            ("version", "Version", __version__),
            ("database", "Database", str(self.store.path) if self.store else "none open"),
            ("data", "Data folder", str(data_dir())),
            ("logs", "Log folder", str(log_dir())),
            ("log_file", "Log file", log_file().name),
            ("licence", "Licence", LICENCE),
        ]
        if self.store is not None:
            rows.insert(2, ("schema", "Schema version", str(self.store.pragma("user_version"))))
            rows.insert(3, ("backups", "Backups folder", str(self.store.backup_dir)))
        for key, label, value in rows:
            widget = QLabel(value)
            widget.setWordWrap(True)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = widget
            form.addRow(f"{label}:", widget)
        note = QLabel(LICENCE_TEXT)
        note.setWordWrap(True)
        note.setObjectName("muted")
        form.addRow(note)
        return tab

    def _licences_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        packages = third_party_licences()
        label = QLabel(f"{len(packages)} third-party packages, read from their installed metadata:")
        self.licences = QTableWidget(len(packages), 3)
        self.licences.setHorizontalHeaderLabels(["Package", "Version", "Licence"])
        self.licences.verticalHeader().setVisible(False)
        self.licences.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.licences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.licences.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.licences.setAlternatingRowColors(True)
        for row, package in enumerate(packages):
            for col, text in enumerate((package.name, package.version, package.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.licences.setItem(row, col, item)
        header = self.licences.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(label)
        layout.addWidget(self.licences, 1)
        return tab

    def diagnostics_text(self) -> str:
        return build_diagnostics(self.store, qt=qt_versions())

    def on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.diagnostics_text())
        self.copied_label.setText("Diagnostics copied: paste them into your message to IT support.")

    @classmethod
    def present(cls, store: Store | None, parent: QWidget | None = None) -> None:
        """Show the dialog modally (tests patch this)."""
        cls(store, parent).exec()
