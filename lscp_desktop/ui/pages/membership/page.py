"""Membership: organisations, people, bodies and who sits on which."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout

from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.membership import specs
from lscp_desktop.ui.register_view import RegisterView

_PARTS = ("organisations", "people", "bodies", "memberships", "roles")


class MembershipPage(Page):
    title = "Membership"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        heading = QLabel("Membership")
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.tabs = QTabWidget()
        self.organisations: RegisterView[Any] = RegisterView(ctx, specs.organisations_spec())
        self.people: RegisterView[Any] = RegisterView(ctx, specs.people_spec())
        self.bodies: RegisterView[Any] = RegisterView(ctx, specs.bodies_spec())
        self.memberships: RegisterView[Any] = RegisterView(ctx, specs.memberships_spec())
        self.roles: RegisterView[Any] = RegisterView(ctx, specs.roles_spec())
        self.tabs.addTab(self.organisations, "Organisations")
        self.tabs.addTab(self.people, "People")
        self.tabs.addTab(self.bodies, "Bodies")
        self.tabs.addTab(self.memberships, "Who sits where")
        self.tabs.addTab(self.roles, "Partnership roles")
        layout.addWidget(self.tabs)
        self.people.add_button("Subject access…", self.on_subject_access_clicked, writes=False)
        self.people.add_button("Erase this person…", self.on_erase_clicked, writes=True)
        for view in self.views():
            view.changed.connect(self.on_view_changed)
        self.tabs.currentChanged.connect(lambda _i: self.current().refresh())

    def views(self) -> list[RegisterView[Any]]:
        return [self.organisations, self.people, self.bodies, self.memberships, self.roles]

    def current(self) -> RegisterView[Any]:
        return self.views()[self.tabs.currentIndex()]

    def on_view_changed(self) -> None:
        self.data_changed.emit()

    def refresh(self) -> None:
        self.current().refresh()

    def new_record(self) -> None:
        self.current().new_record()

    def focus_search(self) -> None:
        self.current().search.setFocus()
        self.current().search.selectAll()

    def delete_selected(self) -> None:
        self.current().delete_selected()

    def open_record(self, record_id: int) -> None:
        """Open a membership record (the Home page links here)."""
        self.open_part("memberships", record_id)

    def open_part(self, part: str, record_id: int | None) -> None:
        """Show a tab ("organisations", "people", "bodies", "memberships", "roles") and one
        of its records."""
        tabs = dict(zip(_PARTS, self.views(), strict=True))
        view = tabs.get(part)
        if view is None:
            return
        self.tabs.setCurrentWidget(view)
        view.refresh()
        if record_id is not None:
            view.select_id(record_id, reveal=True)

    # ---- a person's data (UK GDPR) -----------------------------------------------------------

    def on_subject_access_clicked(self, person: Any) -> None:
        """Everything held about the person, as a Word document (the Reports page's export)."""
        self.ctx.open_record("reports:subject-access", int(person.id))

    def on_erase_clicked(self, person: Any) -> None:
        from lscp_desktop.ui.privacy.erase import erase_person_flow

        erase_person_flow(self.ctx, self, int(person.id), self.on_erased)

    def on_erased(self) -> None:
        for view in self.views():
            view.refresh()
        self.data_changed.emit()
