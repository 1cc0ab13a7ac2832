"""The Tools menu: text that looks like a child's identity, and the review of old records."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from lscp_desktop.ui.context import AppContext


class _Shown(Protocol):
    def refresh(self) -> None: ...


class ToolsWindow(Protocol):
    """What the Tools menu needs of the main window."""

    ctx: AppContext

    def current_page(self) -> _Shown: ...


class ToolsCommands(QObject):
    def __init__(self, window: ToolsWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.identities_action = QAction("Text that looks like a &child's identity…", parent)
        self.old_records_action = QAction("&Review old records…", parent)
        self.email_settings_action = QAction("&Email settings…", parent)
        self.email_settings_action.triggered.connect(self.on_email_settings_triggered)
        self.identities_action.triggered.connect(self.on_identities_triggered)
        self.old_records_action.triggered.connect(self.on_old_records_triggered)

    def add_to(self, menu: QMenu) -> None:
        menu.addActions([self.identities_action, self.old_records_action])
        menu.addSeparator()
        menu.addAction(self.email_settings_action)

    def on_identities_triggered(self) -> None:
        from lscp_desktop.ui.privacy.identities import IdentityDialog

        IdentityDialog.present(self.window.ctx, self.parent_widget)

    def on_email_settings_triggered(self) -> None:
        from lscp_desktop.ui.mail import edit_email_settings

        edit_email_settings(self.parent_widget, self.window.ctx)

    def on_old_records_triggered(self) -> None:
        from lscp_desktop.ui.privacy.retention import RetentionDialog

        RetentionDialog.present(self.window.ctx, self.parent_widget)
        self.window.current_page().refresh()
