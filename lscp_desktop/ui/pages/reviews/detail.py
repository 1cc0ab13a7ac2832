"""One review: its milestones as a timeline with their clocks, its delays and recommendations.

ReviewDetail is the controller: the heading and the buttons that move the review on, over two
tabs, TimelineTab (timeline.py) and RecommendationsTab (recommendations.py); their table models
are in models.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from lscp_desktop.models.reviews import clocks, lifecycle
from lscp_desktop.models.reviews.recommendations import (
    LinkedAction,
    linked_actions,
    list_recommendations,
)
from lscp_desktop.models.reviews.records import DECISIONS, Review
from lscp_desktop.models.reviews.register import get_review, list_delays, review_milestones
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.models.store.versions import OpenedRecord, version_of
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.reviews.models import MilestoneTableModel, RecommendationTableModel
from lscp_desktop.ui.pages.reviews.recommendations import RaiseActionCommand, RecommendationsTab
from lscp_desktop.ui.pages.reviews.timeline import TimelineTab
from lscp_desktop.ui.undo import ModelCommand, edit_and_push

__all__ = [
    "DelayCommand",
    "MilestoneTableModel",
    "RaiseActionCommand",
    "RecommendationTableModel",
    "ReviewDetail",
]


class ReviewDetail(QWidget):
    """The selected review. Buttons record the next step, a delay, or a recommendation."""

    #: The review or its recommendations changed.
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review: Review | None = None
        #: The version of the review shown, read before it (see :meth:`show_review`).
        self.version: int | None = None
        self.heading = QLabel("Choose a review above to see its clocks.")
        self.heading.setObjectName("sectionTitle")
        self.subheading = QLabel()
        self.subheading.setObjectName("muted")
        self.subheading.setWordWrap(True)
        self.next_button = QPushButton("Record next step…")
        self.delay_button = QPushButton("Record a delay…")
        self.close_button = QPushButton("Close review…")
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        for b in (self.next_button, self.delay_button, self.close_button):
            top.addWidget(b)

        self.timeline = TimelineTab()
        self.recs = RecommendationsTab(ctx)
        # The tabs' parts, under the names the page and its tests reach them by.
        self.milestones = self.timeline.model
        self.milestone_view = self.timeline.view
        self.delays_label = self.timeline.delays_label
        self.recommendations = self.recs.model
        self.recommendation_view = self.recs.view
        self.raise_button = self.recs.raise_button
        self.open_action_button = self.recs.open_action_button
        self.add_rec_button = self.recs.add_button
        self.edit_rec_button = self.recs.edit_button
        self.delete_rec_button = self.recs.delete_button
        self.parts = QTabWidget()
        self.parts.setDocumentMode(True)
        self.parts.addTab(self.timeline, "Timeline")
        self.parts.addTab(self.recs, "Recommendations")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.parts, 1)
        self._connect_signals()
        self.show_review(None)

    def _connect_signals(self) -> None:
        self.next_button.clicked.connect(self.record_next_step)
        self.delay_button.clicked.connect(self.record_delay)
        self.close_button.clicked.connect(self.close_review)
        self.recs.changed.connect(self._reload)

    @property
    def _actions(self) -> dict[int, list[LinkedAction]]:
        """Recommendation id → the actions raised from it, as the recommendations tab shows."""
        return self.recommendations.actions

    # ---- showing ---------------------------------------------------------------------------

    def show_review(self, review_id: int | None, today: dt.date | None = None) -> None:
        store = self.ctx.store
        today = today or dt.date.today()
        # The version first: the steps offered are those of this version or a later one, and a
        # step recorded over any later one is refused (a colleague recorded something since).
        self.version = version_of(store, "reviews", review_id) if review_id is not None else None
        self.review = get_review(store, review_id) if review_id is not None else None
        review = self.review
        writable = not store.read_only and review is not None
        self.recs.set_writable(writable)
        if review is None:
            self.heading.setText("Choose a review above to see its clocks.")
            self.subheading.clear()
            self.timeline.clear(today)
            self.recs.clear()
            for b in (self.next_button, self.delay_button, self.close_button):
                b.setEnabled(False)
            return
        step = lifecycle.next_step(review)
        self.next_button.setText(f"Record: {step.label}…" if step else "Record next step…")
        self.next_button.setEnabled(writable and step is not None)
        self.delay_button.setEnabled(writable and review.is_open)
        self.close_button.setEnabled(writable and review.is_open)
        area = f", {review.local_authority}" if review.local_authority else ""
        self.heading.setText(f"{review.reference} — {review.kind}{area}")
        facts = [f"Next: {review.stage}." if review.is_open else f"{review.stage}."]
        if review.decision:
            facts.append(f"Decision: {review.decision}.")
        if review.reviewer:
            facts.append(f"Reviewer: {review.reviewer}.")
        self.subheading.setText(" ".join(facts))
        self.timeline.show_timeline(
            [m for m in review_milestones(store, review.id) if m.applicable],
            list_delays(store, review.id),
            today,
        )
        recommendations = list_recommendations(store, review.id)
        self.recs.show_recommendations(
            review, recommendations, linked_actions(store, review_id=review.id), today
        )
        done = sum(1 for r in recommendations if r.status in ("completed", "not accepted"))
        self.parts.setTabText(
            1,
            f"Recommendations ({done} of {len(recommendations)} done)"
            if recommendations
            else "Recommendations",
        )

    def _reload(self) -> None:
        self.show_review(self.review.id if self.review else None)
        self.changed.emit()

    # ---- commands ------------------------------------------------------------------------

    def record_next_step(self) -> None:
        review = self.review
        step = lifecycle.next_step(review) if review else None
        if review is None or step is None:
            return
        fields = [Field("date", f"{step.label}: date", "date", optional=False)]
        if step.needs_decision:
            fields.append(Field("decision", "Decision", "choice", choices=list(DECISIONS)))
        if step.needs_reviewer:
            fields.append(Field("reviewer", "Reviewer", optional=False))
        if step.needs_response:
            fields.append(Field("response", "The partnership's response", "multiline",
                                optional=False))  # fmt: skip
        store = self.ctx.store
        opened = self._opened()

        def save(values: dict[str, Any]) -> bool:
            lifecycle.record_step(
                store,
                review.id,
                step.key,
                values["date"],
                decision=values.get("decision"),
                reviewer=values.get("reviewer"),
                response=values.get("response"),
            )
            return True

        def run() -> None:
            if not RecordDialog.ask(
                self,
                f"{review.reference}: {step.label}",
                fields,
                {"date": dt.date.today()},
                save,
                table="reviews",
                opened=opened,
            ):
                raise _Cancelled

        self._undoable("reviews", review.id, run, f"Record {step.label.lower()}", opened)

    def record_delay(self) -> None:
        review = self.review
        if review is None:
            return
        store = self.ctx.store
        open_items = [
            (m.label, m.key)
            for m in review_milestones(store, review.id)
            if m.applicable and m.done is None
        ]
        if not open_items:
            return
        fields = [
            Field("milestone", "Milestone", "ref", optional=False, options=lambda: open_items),
            Field("reason", "Reason", "multiline", placeholder="e.g. criminal proceedings"),
            Field("revised_date", "Revised date", "date"),
        ]
        delay_id = RecordDialog.ask(
            self,
            f"{review.reference}: record a delay",
            fields,
            {},
            lambda v: clocks.record_delay(
                store, review.id, str(v["milestone"]), str(v["reason"]), v["revised_date"]
            ),
        )
        if delay_id is not None:
            self.ctx.undo_stack.push(DelayCommand(store, delay_id))
            self._reload()

    def close_review(self) -> None:
        review = self.review
        if review is None:
            return
        store = self.ctx.store
        opened = self._opened()

        def save(values: dict[str, Any]) -> bool:
            lifecycle.close_review(store, review.id, values["closed_date"])
            return True

        def run() -> None:
            if not RecordDialog.ask(
                self,
                f"Close {review.reference}",
                [Field("closed_date", "Closed on", "date", optional=False)],
                {"closed_date": dt.date.today()},
                save,
                table="reviews",
                opened=opened,
            ):
                raise _Cancelled

        self._undoable("reviews", review.id, run, "Close review", opened)

    def _opened(self) -> OpenedRecord | None:
        """The review shown, at the version it was shown at: a step recorded over a
        colleague's change since is refused, and they choose (:mod:`lscp_desktop.ui.conflict`)."""
        assert self.review is not None
        return OpenedRecord.open(self.ctx.store, "reviews", self.review.id, self.version)

    def _undoable(
        self, table: str, record_id: int, run: Any, text: str, opened: OpenedRecord | None
    ) -> None:
        try:
            edit_and_push(self.ctx.undo_stack, self.ctx.store, table, record_id, run, text)
        except _Cancelled:
            if opened is not None and opened.reloaded:
                self._reload()  # a colleague's changes were kept: show them
            return
        self._reload()


class DelayCommand(ModelCommand):
    """A delay was recorded: undo removes it and recomputes the review's clock; redo restores."""

    def __init__(self, store: Store, delay_id: int) -> None:
        super().__init__("Record delay")
        self.store, self.delay_id = store, delay_id
        self.row: Row | None = None

    def redo(self) -> None:
        if self._first:  # the delay was recorded before the command was pushed
            self._first = False
        elif self.row is not None:
            clocks.restore_delay(self.store, self.row)

    def undo(self) -> None:
        self.row = clocks.delete_delay(self.store, self.delay_id)


class _Cancelled(Exception):
    """The user closed a dialog without saving."""
