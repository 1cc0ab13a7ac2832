"""The review detail's Recommendations tab: the review's recommendations, adding, editing and
deleting them, and raising one into a body's action log."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lscp_desktop.models.reviews import recommendations as review_recs
from lscp_desktop.models.reviews.recommendations import LinkedAction
from lscp_desktop.models.reviews.records import RECOMMENDATION_STATUSES, Recommendation, Review
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.reviews.models import RecommendationTableModel
from lscp_desktop.ui.pages.reviews.specs import organisation_options
from lscp_desktop.ui.table import make_table_view, selected_record
from lscp_desktop.ui.undo import AddCommand, EditCommand, ModelCommand, delete_and_push


class RecommendationsTab(QWidget):
    """One review's recommendations. Buttons add, edit, delete, or raise an action."""

    #: A recommendation, or an action raised from one, was saved or removed.
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review: Review | None = None
        self.model = RecommendationTableModel()
        self.view = make_table_view(self.model, name="recommendations", alternating=False)
        self.raise_button = QPushButton("Raise action…")
        self.raise_button.setToolTip(
            "Put the selected recommendation into a body's action log, linked both ways"
        )
        self.open_action_button = QPushButton("Open action")
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete…")
        bar = QHBoxLayout()
        title = QLabel("Each recommendation has an owning agency, a target date and a status.")
        title.setObjectName("muted")
        bar.addWidget(title, 1)
        for b in (
            self.raise_button,
            self.open_action_button,
            self.add_button,
            self.edit_button,
            self.delete_button,
        ):
            bar.addWidget(b)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(bar)
        col.addWidget(self.view, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_recommendation)
        self.edit_button.clicked.connect(self.edit_recommendation)
        self.view.doubleClicked.connect(lambda _i: self.edit_recommendation())
        self.delete_button.clicked.connect(self.delete_recommendation)
        self.raise_button.clicked.connect(self.raise_action)
        self.open_action_button.clicked.connect(self.open_action)

    # ---- showing ---------------------------------------------------------------------------

    def set_writable(self, writable: bool) -> None:
        for b in (self.add_button, self.edit_button, self.delete_button, self.raise_button):
            b.setEnabled(writable)

    def clear(self) -> None:
        self.review = None
        self.model.set_records([])

    def show_recommendations(
        self,
        review: Review,
        recommendations: list[Recommendation],
        actions: list[LinkedAction],
        today: dt.date,
    ) -> None:
        self.review = review
        self.model.set_recommendations(recommendations, actions, today)
        fit_columns(self.view)
        self.view.setColumnWidth(1, 380)
        self.view.setColumnWidth(2, min(200, self.view.columnWidth(2)))

    # ---- commands ------------------------------------------------------------------------

    def _fields(self) -> list[Field]:
        store = self.ctx.store
        return [
            Field("text", "Recommendation", "multiline"),
            Field(
                "owner_organisation_id",
                "Owner",
                "ref",
                options=lambda: organisation_options(store),
            ),
            Field("target_date", "Target date", "date"),
            Field("status", "Status", "choice", choices=RECOMMENDATION_STATUSES),
            Field("notes", "Progress notes", "multiline"),
        ]

    def selected(self) -> Recommendation | None:
        record: Recommendation | None = selected_record(self.view)
        return record

    def raise_action(self) -> None:
        rec = self.selected()
        if rec is None or self.ctx.store.read_only:
            return
        from lscp_desktop.models.membership.bodies import list_bodies
        from lscp_desktop.models.membership.people import list_people

        store = self.ctx.store
        today = self.model.today
        fields = [
            Field(
                "body_id",
                "Action log of",
                "ref",
                optional=False,
                options=lambda: [(b.name, b.id) for b in list_bodies(store, active_only=True)],
            ),
            Field("due_date", "Due", "date", optional=False),
            Field(
                "owner_id",
                "Owner",
                "ref",
                options=lambda: [
                    (f"{p.name} — {p.organisation}", p.id)
                    for p in list_people(store, active_only=True)
                ],
            ),
        ]
        due = rec.target_date or (today + dt.timedelta(days=28)).isoformat()
        action_id = RecordDialog.ask(
            self,
            f"Recommendation {rec.number}: raise an action",
            fields,
            {"due_date": due},
            lambda v: review_recs.raise_action(
                store,
                rec.id,
                body_id=v["body_id"],
                due_date=v["due_date"],
                owner_id=v["owner_id"],
                today=today,
            ),
        )
        if action_id is None:
            return
        self.ctx.undo_stack.push(RaiseActionCommand(store, int(action_id), rec.status, rec.id))
        self.changed.emit()

    def open_action(self) -> None:
        rec = self.selected()
        linked = self.model.linked(rec) if rec is not None else []
        if linked:
            self.ctx.open_record("actions", linked[0].id)

    def add_recommendation(self) -> None:
        review = self.review
        if review is None:
            return
        store = self.ctx.store
        new_id = RecordDialog.ask(
            self,
            f"{review.reference}: new recommendation",
            self._fields(),
            {"status": "open"},
            lambda v: review_recs.save_recommendation(store, {**v, "review_id": review.id}),
            table="review_recommendations",
        )
        if new_id is not None:
            self.ctx.undo_stack.push(
                AddCommand(store, "review_recommendations", new_id, "Add recommendation")
            )
            self.changed.emit()

    def edit_recommendation(self) -> None:
        rec = self.selected()
        if rec is None or self.ctx.store.read_only:
            return
        store = self.ctx.store
        before = store.require("review_recommendations", rec.id)
        # Its values and version read together: saved over that version only (a colleague's
        # change since is offered back, :mod:`lscp_desktop.ui.conflict`).
        opened = OpenedRecord.open(store, "review_recommendations", rec.id, before["row_version"])
        saved = RecordDialog.ask(
            self,
            f"Recommendation {rec.number}",
            self._fields(),
            before,
            lambda v: review_recs.save_recommendation(store, v, rec.id),
            table="review_recommendations",
            opened=opened,
        )
        if saved is None:
            if opened is not None and opened.reloaded:
                self.changed.emit()  # a colleague's changes were kept: show them
            return
        after = store.require("review_recommendations", rec.id)
        old = {k: v for k, v in before.items() if after.get(k) != v}
        if old:
            self.ctx.undo_stack.push(
                EditCommand(
                    store,
                    "review_recommendations",
                    rec.id,
                    old,
                    {k: after[k] for k in old},
                    "Edit recommendation",
                )
            )
        self.changed.emit()

    def delete_recommendation(self) -> None:
        rec = self.selected()
        if rec is None:
            return
        store = self.ctx.store
        if delete_and_push(
            self,
            self.ctx.undo_stack,
            store,
            "review_recommendations",
            lambda: review_recs.delete_recommendation(store, rec.id),
            title="Delete recommendation",
            question=f"Delete recommendation {rec.number}?",
            refused="Cannot delete the recommendation",
            text="Delete recommendation",
        ):
            self.changed.emit()


class RaiseActionCommand(ModelCommand):
    """A recommendation went into the action log: undo takes the action out again and puts
    the recommendation's status back; redo restores both."""

    def __init__(self, store: Store, action_id: int, rec_before: str, rec_id: int) -> None:
        super().__init__("Raise action from recommendation")
        self.store, self.action_id, self.rec_id = store, action_id, rec_id
        self.rec_before = rec_before
        self.rec_after = str(store.require("review_recommendations", rec_id)["status"])
        self.row: Row | None = None

    def do(self) -> None:
        if self.row is not None:
            review_recs.reinstate_raised_action(
                self.store, self.row, self.rec_id, status=self.rec_after, was=self.rec_before
            )

    def undo_it(self) -> None:
        self.row = review_recs.withdraw_raised_action(
            self.store, self.action_id, self.rec_id, status=self.rec_before, was=self.rec_after
        )
