"""The records of practice reviews and of the assurance work beside them, with their kinds,
statuses and fixed periods."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lscp_desktop.models.core.records import Record

#: A "national review" is one the national Panel leads and publishes: a local case it took on,
#: or a review of national importance the partnership responds to with its own actions.
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
    partners_told_date: str | None = None
    looked_after: int = 0
    lac_notice_date: str | None = None
    ratified_date: str | None = None
    initiated_date: str | None = None
    sos_sent_date: str | None = None
    ofsted_sent_date: str | None = None
    repository_date: str | None = None
    panel_published_date: str | None = None
    response: str = ""
    response_date: str | None = None
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
            return "Response recorded" if self.response_date else "National review led by the Panel"
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
class DispatchRecipient(Record):
    """Who receives a review report or the yearly report, and when: the statutory ones (the
    Panel, the Secretary of State, Ofsted, the What Works centre) with their fixed rule, and the
    partnership's own (the boards that receive the yearly report) with its target."""

    id: int
    document: str  # "review report" or "yearly report"
    name: str
    days: int
    unit: str  # "days" or "working days"
    timing: str  # "before publication" or "after publication"
    role: str = ""
    statutory: int = 0
    basis: str = ""
    position: int = 0
    active: int = 1
    #: Where the report is emailed ("" until the business manager enters it).
    email: str = ""

    @property
    def rule(self) -> str:
        when = "before" if self.timing == "before publication" else "after"
        within = "at least" if when == "before" else "within"
        return f"{within} {self.days} {self.unit} {when} publication"


@dataclass
class Recipient(Record):
    id: int
    report_id: int
    recipient: str
    sent_date: str | None = None
    #: Days after publication it is sent by (None: the partnership's usual seven).
    send_by_days: int | None = None

    def send_by(self, published: str | None) -> str | None:
        """The date it should be sent by, once the report is published."""
        if not published:
            return None
        days = DISPATCH_DAYS if self.send_by_days is None else self.send_by_days
        return (dt.date.fromisoformat(published) + dt.timedelta(days=days)).isoformat()

    def is_late(self, published: str | None) -> bool:
        due = self.send_by(published)
        return bool(due and self.sent_date and self.sent_date > due)


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
        """The send-by date for the national Panel and the What Works body (calendar days)."""
        if not self.published_date:
            return None
        due = dt.date.fromisoformat(self.published_date) + dt.timedelta(days=DISPATCH_DAYS)
        return due.isoformat()

    def sent_late(self, sent: str | None) -> bool:
        """Whether *sent* (a statutory copy's date) came after the send-by date."""
        due = self.dispatch_due
        return bool(sent and due and sent > due)

    @property
    def panel_late(self) -> bool:
        return self.sent_late(self.panel_sent_date)

    @property
    def what_works_late(self) -> bool:
        return self.sent_late(self.what_works_sent_date)

    @property
    def boards_sent(self) -> int:
        return sum(1 for r in self.recipients if r.sent_date)
