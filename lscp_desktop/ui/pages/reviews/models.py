"""Table models of one review: its milestones (the clocks) and its recommendations."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.reviews.milestones import Milestone, MilestoneStatus
from lscp_desktop.models.reviews.recommendations import LinkedAction
from lscp_desktop.models.reviews.records import Recommendation
from lscp_desktop.ui.pages.reviews.specs import rag_colour
from lscp_desktop.ui.table import Column, RecordTableModel

#: A recommendation's status → the RAG colour key its cell is painted with.
_RECOMMENDATION_RAG = {"completed": "done", "not accepted": "waiting", "open": "amber"}


class MilestoneTableModel(RecordTableModel[Milestone]):
    """The milestones of one review, in the order the clocks run."""

    def __init__(self) -> None:
        self.today = dt.date.today()
        self._status: dict[str, MilestoneStatus] = {}
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
                Column("Rule", lambda m: m.rule, tooltip=self._tip, stretch=True),
            ]
        )

    def _tip(self, m: Milestone) -> str:
        kind = "Statutory" if m.statutory else "The partnership's own target"
        tip = f"{kind}: {m.rule}."
        if m.delay_reason:
            tip += f" Delayed: {m.delay_reason}."
        if m.revised_due:
            tip += f" Originally due {uk(m.due)}; revised to {uk(m.revised_due)}."
        return tip

    def status(self, m: Milestone) -> MilestoneStatus:
        return self._status[m.key]

    def set_milestones(self, items: list[Milestone], today: dt.date) -> None:
        self.today = today
        self._status = {m.key: m.status(today) for m in items}
        self.set_records(items)


class RecommendationTableModel(RecordTableModel[Recommendation]):
    """The recommendations of one review, each with the actions raised from it."""

    def __init__(self) -> None:
        self.today = dt.date.today()
        #: Recommendation id → the actions raised from it (0 holds those linked to no one).
        self.actions: dict[int, list[LinkedAction]] = {}
        super().__init__(
            [
                Column("No.", lambda r: str(r.number), sort_key=lambda r: r.number),
                Column("Recommendation", lambda r: r.text, tooltip=lambda r: r.text, stretch=True),
                Column("Owner", lambda r: r.owner),
                Column("Target", lambda r: uk(r.target_date)),
                Column(
                    "In the action log",
                    lambda r: "; ".join(a.summary(self.today) for a in self.linked(r)),
                    tooltip=lambda r: "\n".join(
                        f"{a.reference}: {a.title} — {a.status}, due {uk(a.due_date)}"
                        + (f", {a.owner}" if a.owner else "")
                        for a in self.linked(r)
                    ),
                ),
                Column(
                    "Status",
                    lambda r: r.status,
                    background=lambda r: rag_colour(_RECOMMENDATION_RAG.get(r.status, "green")),
                ),
            ]
        )

    def linked(self, rec: Recommendation) -> list[LinkedAction]:
        return self.actions.get(rec.id, [])

    def set_recommendations(
        self,
        items: list[Recommendation],
        actions: list[LinkedAction],
        today: dt.date,
    ) -> None:
        self.today = today
        self.actions = {}
        for action in actions:
            self.actions.setdefault(action.recommendation_id or 0, []).append(action)
        self.set_records(items)
