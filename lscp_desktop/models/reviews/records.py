"""The records of practice reviews and of the assurance work beside them, with their kinds,
statuses and fixed periods."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lscp_desktop.models.core.records import Record

REVIEW_KINDS = (
    "serious incident notification",
    "rapid review",
    "local CSPR",
    "national review",
    "local learning review",
    "legacy SCR",
)
#: The safeguarding partners' decision after a rapid review, and the kind of review it leads to.
DECISIONS: dict[str, str | None] = {
    "local CSPR": "local CSPR",
    "national review by the Panel": "national review",
    "local learning review": "local learning review",
    "no further review": None,
}
RECOMMENDATION_STATUSES = ("open", "in progress", "completed", "not accepted")

AUDIT_KINDS = ("multi-agency", "Section 11", "single-agency")
TRAINING_LEVELS = (1, 2, 3, 4)
#: Who receives the yearly report besides the national Panel and the What Works body (seed 000).
DEFAULT_RECIPIENTS = (
    "ICB Board",
    "Lead Member for Children's Services",
    "Chief Executive of the council",
    "Children and Young People's Partnership Board",
    "Health and Wellbeing Board",
    "Community Safety Partnership",
    "Safeguarding Adults Board",
)
#: The yearly report goes to the national Panel and the What Works body within 7 days of
#: publication; the partnership uses the same target for the boards that receive it.
DISPATCH_DAYS = 7


# --------------------------------------------------------------------------- practice reviews


@dataclass
class Review(Record):
    id: int
    reference: str
    kind: str
    local_authority: str = ""
    aware_date: str | None = None
    notified_date: str | None = None
    rapid_review_date: str | None = None
    decision: str = ""
    decision_date: str | None = None
    reviewer: str = ""
    commissioned_date: str | None = None
    draft_date: str | None = None
    final_date: str | None = None
    sent_to_panel_date: str | None = None
    planned_publication_date: str | None = None
    published_date: str | None = None
    closed_date: str | None = None
    summary: str = ""
    notes: str = ""
    next_milestone: str = ""
    next_due: str | None = None
    next_statutory: int = 0
    recommendations: int = 0
    recommendations_done: int = 0

    @property
    def is_open(self) -> bool:
        return self.closed_date is None

    @property
    def stage(self) -> str:
        if not self.is_open:
            return "Published" if self.published_date else "Closed"
        if self.next_milestone:
            return self.next_milestone
        if self.kind == "national review":
            return "National review led by the Panel"
        return "No clock running"


@dataclass
class Delay(Record):
    id: int
    review_id: int
    milestone: str
    reason: str
    revised_date: str | None = None
    recorded_on: str = ""


@dataclass
class Recommendation(Record):
    id: int
    review_id: int
    number: int
    text: str
    owner_organisation_id: int | None = None
    owner: str = ""
    status: str = "open"
    target_date: str | None = None
    notes: str = ""
    reference: str = ""


# --------------------------------------------------------------------------- assurance


@dataclass
class Audit(Record):
    id: int
    kind: str
    title: str
    planned_date: str
    theme: str = ""
    completed_date: str | None = None
    findings: str = ""
    notes: str = ""
    agency_ids: list[int] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)

    def status(self, today: dt.date) -> str:
        if self.completed_date:
            return "Completed"
        return "Overdue" if self.planned_date < today.isoformat() else "Planned"


@dataclass
class TrainingCourse(Record):
    id: int
    course: str
    level: int
    date: str
    trainer: str = ""
    evaluation_score: float | None = None
    impact_notes: str = ""
    attendance: dict[str, int] = field(default_factory=dict)
    attendance_ids: dict[int, int] = field(default_factory=dict)

    @property
    def attendees(self) -> int:
        return sum(self.attendance.values())


@dataclass
class Recipient(Record):
    id: int
    report_id: int
    recipient: str
    sent_date: str | None = None


@dataclass
class YearlyReport(Record):
    id: int
    year: str
    planned_publication_date: str | None = None
    signed_off_date: str | None = None
    published_date: str | None = None
    panel_sent_date: str | None = None
    what_works_sent_date: str | None = None
    notes: str = ""
    recipients: list[Recipient] = field(default_factory=list)

    @property
    def dispatch_due(self) -> str | None:
        if not self.published_date:
            return None
        due = dt.date.fromisoformat(self.published_date) + dt.timedelta(days=DISPATCH_DAYS)
        return due.isoformat()

    @property
    def boards_sent(self) -> int:
        return sum(1 for r in self.recipients if r.sent_date)
