"""Assurance: the professional challenge and escalation log, the published arrangements and
their reviews, the settings census, the quarterly themes and the minimum rules."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout

from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.assurance import specs
from lscp_desktop.ui.pages.assurance.census import CensusTab
from lscp_desktop.ui.pages.assurance.tabs import DocumentsTab, EscalationsTab, RulesTab
from lscp_desktop.ui.pages.base import RegisterTabsPage
from lscp_desktop.ui.register_view import RegisterView

TABS = ("escalations", "arrangements", "census", "themes", "rules")


class AssurancePage(RegisterTabsPage):
    title = "Assurance"
    tab_keys = TABS

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        heading = QLabel("Assurance: challenge, arrangements, settings, themes and rules")
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.tabs = QTabWidget()
        self.escalations = EscalationsTab(ctx)
        self.documents = DocumentsTab(ctx)
        self.census = CensusTab(ctx)
        self.themes: RegisterView[Any] = RegisterView(ctx, specs.themes_spec())
        self.themes.show_inactive.hide()  # a theme is never inactive
        self.rules = RulesTab(ctx)
        for widget, label in (
            (self.escalations, "Escalation log"),
            (self.documents, "Published arrangements"),
            (self.census, "Settings census"),
            (self.themes, "Quarterly themes"),
            (self.rules, "Minimum rules"),
        ):
            self.tabs.addTab(widget, label)
        layout.addWidget(self.tabs, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        for tab in (self.escalations, self.documents, self.census, self.themes, self.rules):
            tab.changed.connect(self.data_changed.emit)

    # ---- Page interface ------------------------------------------------------------------

    def refresh(self) -> None:
        {
            "escalations": self.escalations.refresh,
            "arrangements": self.documents.refresh,
            "census": self.census.refresh,
            "themes": self.themes.refresh,
            "rules": self.rules.refresh,
        }[self.current_key()]()

    def current_register(self) -> RegisterView[Any] | None:
        return {
            "escalations": self.escalations.register,
            "arrangements": self.documents.register,
            "themes": self.themes,
            "rules": self.rules.register,
        }.get(self.current_key())

    def open_record(self, record_id: int) -> None:
        self.open_part("escalations", record_id)
