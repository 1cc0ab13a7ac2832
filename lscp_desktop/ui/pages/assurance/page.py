"""Assurance: the professional challenge and escalation log, the published arrangements and
their reviews, the settings census, the quarterly themes and the minimum rules."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.lazy_tab import LazyTab
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
        # Each tab's widgets are made when it is first shown (or first asked for): opening
        # the page builds only the tab on screen.
        self._escalations = LazyTab(lambda: EscalationsTab(ctx), self._made)
        self._documents = LazyTab(lambda: DocumentsTab(ctx), self._made)
        self._census = LazyTab(lambda: CensusTab(ctx), self._made)
        self._themes: LazyTab[RegisterView[Any]] = LazyTab(self._themes_register, self._made)
        self._rules = LazyTab(lambda: RulesTab(ctx), self._made)
        for holder, label in (
            (self._escalations, "Escalation log"),
            (self._documents, "Published arrangements"),
            (self._census, "Settings census"),
            (self._themes, "Quarterly themes"),
            (self._rules, "Minimum rules"),
        ):
            self.tabs.addTab(holder, label)
        layout.addWidget(self.tabs, 1)
        self.escalations  # noqa: B018 (the first tab, shown on opening)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    def _themes_register(self) -> RegisterView[Any]:
        themes: RegisterView[Any] = RegisterView(self.ctx, specs.themes_spec())
        themes.show_inactive.hide()  # a theme is never inactive
        return themes

    def _made(self, tab: QWidget) -> None:
        cast(Any, tab).changed.connect(self.data_changed.emit)  # every tab has ``changed``

    # ---- the tabs (each made on first need) ---------------------------------------------

    @property
    def escalations(self) -> EscalationsTab:
        return self._escalations.content

    @property
    def documents(self) -> DocumentsTab:
        return self._documents.content

    @property
    def census(self) -> CensusTab:
        return self._census.content

    @property
    def themes(self) -> RegisterView[Any]:
        return self._themes.content

    @property
    def rules(self) -> RulesTab:
        return self._rules.content

    # ---- Page interface ------------------------------------------------------------------

    def refresh(self) -> None:
        {
            "escalations": lambda: self.escalations.refresh(),
            "arrangements": lambda: self.documents.refresh(),
            "census": lambda: self.census.refresh(),
            "themes": lambda: self.themes.refresh(),
            "rules": lambda: self.rules.refresh(),
        }[self.current_key()]()

    def current_register(self) -> RegisterView[Any] | None:
        key = self.current_key()
        if key == "escalations":
            return self.escalations.register
        if key == "arrangements":
            return self.documents.register
        if key == "themes":
            return self.themes
        if key == "rules":
            return self.rules.register
        return None

    def open_record(self, record_id: int) -> None:
        self.open_part("escalations", record_id)
