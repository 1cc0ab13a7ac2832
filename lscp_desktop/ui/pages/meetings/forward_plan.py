"""The forward plan: reports due to a body on a cycle (e.g. each subgroup to the executive every
four months), which are proposed on the right meeting's draft agenda."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.meetings.cadence import PURPOSES
from lscp_desktop.models.meetings.forward_plan import (
    delete_forward_plan,
    list_forward_plan,
    save_forward_plan,
    set_forward_plan_active,
)
from lscp_desktop.models.meetings.records import ForwardPlanEntry
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field
from lscp_desktop.ui.register_view import RegisterSpec, RegisterView
from lscp_desktop.ui.table import Column


def _bodies(store: Store) -> list[tuple[str, object]]:
    return [(b.name, b.id) for b in list_bodies(store, active_only=True)]


def forward_plan_spec(body_id: int | None = None) -> RegisterSpec[ForwardPlanEntry]:
    return RegisterSpec(
        noun="forward plan report",
        plural="forward plan reports",
        table="forward_plan",
        columns=[
            Column("Report", lambda f: f.title, stretch=True),
            Column("To", lambda f: f.body),
            Column("From", lambda f: f.from_body),
            Column("How often", lambda f: f.cycle, sort_key=lambda f: f.every_months),
            Column("First due", lambda f: uk(f.first_due), sort_key=lambda f: f.first_due),
            Column("Purpose", lambda f: f.purpose),
            Column("Presenter", lambda f: f.presenter),
        ],
        load=lambda store: list_forward_plan(store, body_id),
        fields=lambda store: [
            Field("title", "Report", optional=False, placeholder="e.g. Case Review report"),
            Field("body_id", "Reported to", "ref", optional=False, options=lambda: _bodies(store)),
            Field("from_body_id", "From", "ref", options=lambda: _bodies(store)),
            Field("every_months", "Every (months)", optional=False, placeholder="e.g. 4"),
            Field("first_due", "First due", "date", optional=False),
            Field("purpose", "Purpose", "choice", choices=PURPOSES),
            Field(
                "presenter_id",
                "Presenter",
                "ref",
                options=lambda: [(p.name, p.id) for p in list_people(store, active_only=True)],
            ),
            Field("minutes_allotted", "Minutes on the agenda", placeholder="15"),
        ],
        values_of=lambda f: vars(f),
        save=save_forward_plan,
        delete=delete_forward_plan,
        title_of=lambda f: f"{f.title} to the {f.body}",
        is_inactive=lambda f: not f.active,
        set_active=set_forward_plan_active,
        new_values=lambda: {"body_id": body_id, "every_months": 4, "purpose": "assurance",
                            "minutes_allotted": 15},
        default_sort=None,
    )  # fmt: skip


class ForwardPlanDialog(QDialog):
    """The forward plan as a register: add, edit, deactivate, delete (undoable), history."""

    def __init__(self, parent: QWidget | None, ctx: AppContext, body_id: int | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Forward plan")
        self.resize(1120, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Reports due to a body on a cycle. Each is proposed on the draft agenda of the first "
            "meeting on or after its due date when standing items are added."
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        self.view: RegisterView[Any] = RegisterView(ctx, forward_plan_spec(body_id))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.refresh()
