"""One review: its milestones as a timeline with their clocks, its delays and recommendations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models import reviews as rv
from lscp_desktop.models.dates import uk
from lscp_desktop.models.errors import LscpError
from lscp_desktop.models.store import Row, Store
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.reviews.specs import organisation_options, rag_colour
from lscp_desktop.ui.table import Column, RecordTableModel, make_table_view, selected_record
from lscp_desktop.ui.undo import AddCommand, DeleteCommand, EditCommand, edit_and_push


class MilestoneTableModel(RecordTableModel[rv.Milestone]):
    """The milestones of one review, in the order the clocks run."""

    def __init__(self) -> None:
        self.today = dt.date.today()
        self._status: dict[str, rv.MilestoneStatus] = {}
        super().__init__(
            [
                Column("Milestone", lambda m: m.label, tooltip=self._tip),
                Column("Due", lambda m: uk(m.effective_due), tooltip=self._tip),
                Column("Done", lambda m: uk(m.done)),
                Column(
                    "Status",
                    lambda m: self.status(m).text,
                    background=lambda m: rag_colour(self.status(m).rag),
                    tooltip=lambda m: f"{self.status(m).text}. {self._tip(m)}",
                ),
                Column("Rule", lambda m: m.rule, tooltip=self._tip),
            ]
        )

    def _tip(self, m: rv.Milestone) -> str:
        kind = "Statutory" if m.statutory else "The partnership's own target"
        tip = f"{kind}: {m.rule}."
        if m.delay_reason:
            tip += f" Delayed: {m.delay_reason}."
        if m.revised_due:
            tip += f" Originally due {uk(m.due)}; revised to {uk(m.revised_due)}."
        return tip

    def status(self, m: rv.Milestone) -> rv.MilestoneStatus:
        return self._status[m.key]

    def set_milestones(self, items: list[rv.Milestone], today: dt.date) -> None:
        self.today = today
        self._status = {m.key: m.status(today) for m in items}
        self.set_records(items)


class ReviewDetail(QWidget):
    """The selected review. Buttons record the next step, a delay, or a recommendation."""

    #: The review or its recommendations changed.
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review: rv.Review | None = None
        self._actions: dict[int, list[rv.LinkedAction]] = {}
        self._today = dt.date.today()
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

        self.milestones = MilestoneTableModel()
        self.milestone_view = make_table_view(self.milestones, name="milestones", alternating=False)
        self.delays_label = QLabel()
        self.delays_label.setObjectName("muted")
        self.delays_label.setWordWrap(True)

        self.recommendations: RecordTableModel[rv.Recommendation] = RecordTableModel(
            [
                Column("No.", lambda r: str(r.number), sort_key=lambda r: r.number),
                Column("Recommendation", lambda r: r.text, tooltip=lambda r: r.text),
                Column("Owner", lambda r: r.owner),
                Column("Target", lambda r: uk(r.target_date)),
                Column(
                    "In the action log",
                    lambda r: "; ".join(
                        a.summary(self._today) for a in self._actions.get(r.id, [])
                    ),
                    tooltip=lambda r: "\n".join(
                        f"{a.reference}: {a.title} — {a.status}, due {uk(a.due_date)}"
                        + (f", {a.owner}" if a.owner else "")
                        for a in self._actions.get(r.id, [])
                    ),
                ),
                Column(
                    "Status",
                    lambda r: r.status,
                    background=lambda r: rag_colour(
                        {"completed": "done", "not accepted": "waiting", "open": "amber"}.get(
                            r.status, "green"
                        )
                    ),
                ),
            ]
        )
        self.recommendation_view = make_table_view(
            self.recommendations, name="recommendations", alternating=False
        )
        self.raise_button = QPushButton("Raise action…")
        self.raise_button.setToolTip(
            "Put the selected recommendation into a body's action log, linked both ways"
        )
        self.open_action_button = QPushButton("Open action")
        self.add_rec_button = QPushButton("Add…")
        self.edit_rec_button = QPushButton("Edit…")
        self.delete_rec_button = QPushButton("Delete…")
        rec_bar = QHBoxLayout()
        rec_title = QLabel("Each recommendation has an owning agency, a target date and a status.")
        rec_title.setObjectName("muted")
        rec_bar.addWidget(rec_title, 1)
        for b in (
            self.raise_button,
            self.open_action_button,
            self.add_rec_button,
            self.edit_rec_button,
            self.delete_rec_button,
        ):
            rec_bar.addWidget(b)

        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(self.milestone_view, 1)
        left_col.addWidget(self.delays_label)
        right = QWidget()
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(0, 0, 0, 0)
        right_col.addLayout(rec_bar)
        right_col.addWidget(self.recommendation_view, 1)
        self.parts = QTabWidget()
        self.parts.setDocumentMode(True)
        self.parts.addTab(left, "Timeline")
        self.parts.addTab(right, "Recommendations")

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
        self.add_rec_button.clicked.connect(self.add_recommendation)
        self.edit_rec_button.clicked.connect(self.edit_recommendation)
        self.recommendation_view.doubleClicked.connect(lambda _i: self.edit_recommendation())
        self.delete_rec_button.clicked.connect(self.delete_recommendation)
        self.raise_button.clicked.connect(self.raise_action)
        self.open_action_button.clicked.connect(self.open_action)

    # ---- showing ---------------------------------------------------------------------------

    def show_review(self, review_id: int | None, today: dt.date | None = None) -> None:
        store = self.ctx.store
        today = today or dt.date.today()
        self.review = rv.get_review(store, review_id) if review_id is not None else None
        review = self.review
        writable = not store.read_only and review is not None
        for b in (
            self.add_rec_button,
            self.edit_rec_button,
            self.delete_rec_button,
            self.raise_button,
        ):
            b.setEnabled(writable)
        if review is None:
            self.heading.setText("Choose a review above to see its clocks.")
            self.subheading.clear()
            self.milestones.set_milestones([], today)
            self.recommendations.set_records([])
            self.delays_label.clear()
            for b in (self.next_button, self.delay_button, self.close_button):
                b.setEnabled(False)
            return
        step = rv.next_step(review)
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
        self.milestones.set_milestones(
            [m for m in rv.review_milestones(store, review.id) if m.applicable], today
        )
        for column, width in enumerate((250, 84, 84, 230)):
            self.milestone_view.setColumnWidth(column, width)
        delays = rv.list_delays(store, review.id)
        self.delays_label.setText(
            "Delays: "
            + "; ".join(
                f"{rv.MILESTONE_LABELS[d.milestone].lower()} — {d.reason}"
                + (f" (revised to {uk(d.revised_date)})" if d.revised_date else "")
                + f", recorded {uk(d.recorded_on)}"
                for d in delays
            )
            if delays
            else ""
        )
        self._today = today
        self._actions = {}
        for action in rv.linked_actions(store, review_id=review.id):
            self._actions.setdefault(action.recommendation_id or 0, []).append(action)
        recommendations = rv.list_recommendations(store, review.id)
        self.recommendations.set_records(recommendations)
        done = sum(1 for r in recommendations if r.status in ("completed", "not accepted"))
        self.parts.setTabText(
            1,
            f"Recommendations ({done} of {len(recommendations)} done)"
            if recommendations
            else "Recommendations",
        )
        self.recommendation_view.resizeColumnsToContents()
        self.recommendation_view.setColumnWidth(1, 380)
        self.recommendation_view.setColumnWidth(
            2, min(200, self.recommendation_view.columnWidth(2))
        )

    def _reload(self) -> None:
        self.show_review(self.review.id if self.review else None)
        self.changed.emit()

    # ---- commands ------------------------------------------------------------------------

    def record_next_step(self) -> None:
        review = self.review
        step = rv.next_step(review) if review else None
        if review is None or step is None:
            return
        fields = [Field("date", f"{step.label}: date", "date", optional=False)]
        if step.needs_decision:
            fields.append(Field("decision", "Decision", "choice", choices=list(rv.DECISIONS)))
        if step.needs_reviewer:
            fields.append(Field("reviewer", "Reviewer", optional=False))
        store = self.ctx.store

        def save(values: dict[str, Any]) -> bool:
            rv.record_step(
                store,
                review.id,
                step.key,
                values["date"],
                decision=values.get("decision"),
                reviewer=values.get("reviewer"),
            )
            return True

        def run() -> None:
            if not RecordDialog.ask(
                self, f"{review.reference}: {step.label}", fields, {"date": dt.date.today()}, save
            ):
                raise _Cancelled

        self._undoable("reviews", review.id, run, f"Record {step.label.lower()}")

    def record_delay(self) -> None:
        review = self.review
        if review is None:
            return
        store = self.ctx.store
        open_items = [
            (m.label, m.key)
            for m in rv.review_milestones(store, review.id)
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
            lambda v: rv.record_delay(
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

        def save(values: dict[str, Any]) -> bool:
            rv.close_review(store, review.id, values["closed_date"])
            return True

        def run() -> None:
            if not RecordDialog.ask(
                self,
                f"Close {review.reference}",
                [Field("closed_date", "Closed on", "date", optional=False)],
                {"closed_date": dt.date.today()},
                save,
            ):
                raise _Cancelled

        self._undoable("reviews", review.id, run, "Close review")

    def _undoable(self, table: str, record_id: int, run: Any, text: str) -> None:
        try:
            edit_and_push(self.ctx.undo_stack, self.ctx.store, table, record_id, run, text)
        except _Cancelled:
            return
        self._reload()

    def _recommendation_fields(self) -> list[Field]:
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
            Field("status", "Status", "choice", choices=rv.RECOMMENDATION_STATUSES),
            Field("notes", "Progress notes", "multiline"),
        ]

    def _selected_recommendation(self) -> rv.Recommendation | None:
        record: rv.Recommendation | None = selected_record(self.recommendation_view)
        return record

    def raise_action(self) -> None:
        rec = self._selected_recommendation()
        if rec is None or self.ctx.store.read_only:
            return
        from lscp_desktop.models.membership import list_bodies, list_people

        store = self.ctx.store
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
        due = rec.target_date or (self._today + dt.timedelta(days=28)).isoformat()
        action_id = RecordDialog.ask(
            self,
            f"Recommendation {rec.number}: raise an action",
            fields,
            {"due_date": due},
            lambda v: rv.raise_action(
                store,
                rec.id,
                body_id=v["body_id"],
                due_date=v["due_date"],
                owner_id=v["owner_id"],
                today=self._today,
            ),
        )
        if action_id is None:
            return
        self.ctx.undo_stack.push(RaiseActionCommand(store, int(action_id), rec.status, rec.id))
        self._reload()

    def open_action(self) -> None:
        rec = self._selected_recommendation()
        linked = self._actions.get(rec.id, []) if rec is not None else []
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
            self._recommendation_fields(),
            {"status": "open"},
            lambda v: rv.save_recommendation(store, {**v, "review_id": review.id}),
        )
        if new_id is not None:
            self.ctx.undo_stack.push(
                AddCommand(store, "review_recommendations", new_id, "Add recommendation")
            )
            self._reload()

    def edit_recommendation(self) -> None:
        rec = self._selected_recommendation()
        if rec is None or self.ctx.store.read_only:
            return
        store = self.ctx.store
        before = store.require("review_recommendations", rec.id)
        saved = RecordDialog.ask(
            self,
            f"Recommendation {rec.number}",
            self._recommendation_fields(),
            vars(rec),
            lambda v: rv.save_recommendation(store, v, rec.id),
        )
        if saved is None:
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
        self._reload()

    def delete_recommendation(self) -> None:
        rec = self._selected_recommendation()
        if rec is None:
            return
        answer = QMessageBox.question(
            self, "Delete recommendation", f"Delete recommendation {rec.number}?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        try:
            row = rv.delete_recommendation(store, rec.id)
        except LscpError as exc:
            QMessageBox.warning(self, "Cannot delete the recommendation", str(exc))
            return
        self.ctx.undo_stack.push(
            DeleteCommand(store, "review_recommendations", row, "Delete recommendation")
        )
        self._reload()


class DelayCommand(QUndoCommand):
    """A delay was recorded: undo removes it and recomputes the review's clock; redo restores."""

    def __init__(self, store: Store, delay_id: int) -> None:
        super().__init__("Record delay")
        self.store, self.delay_id = store, delay_id
        self.row: Row | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:  # the delay was recorded before the command was pushed
            self._first = False
        elif self.row is not None:
            rv.restore_delay(self.store, self.row)

    def undo(self) -> None:
        self.row = rv.delete_delay(self.store, self.delay_id)


class RaiseActionCommand(QUndoCommand):
    """A recommendation went into the action log: undo takes the action out again and puts
    the recommendation's status back; redo restores both."""

    def __init__(self, store: Store, action_id: int, rec_before: str, rec_id: int) -> None:
        super().__init__("Raise action from recommendation")
        self.store, self.action_id, self.rec_id = store, action_id, rec_id
        self.rec_before = rec_before
        self.rec_after = str(store.require("review_recommendations", rec_id)["status"])
        self.row: Row | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        elif self.row is not None:
            with self.store.transaction():
                self.store.insert("actions", self.row)
                self.store.update("review_recommendations", self.rec_id, {"status": self.rec_after})

    def undo(self) -> None:
        with self.store.transaction():
            self.row = self.store.delete("actions", self.action_id)
            self.store.update("review_recommendations", self.rec_id, {"status": self.rec_before})


class _Cancelled(Exception):
    """The user closed a dialog without saving."""
