"""The records of meetings, agendas, papers, decisions and the forward plan, and their statuses.

A body's cadence, attendance and cover sheets keep their records in their own modules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lscp_desktop.models.core.dates import FinancialYear, add_months, uk
from lscp_desktop.models.core.records import Record
from lscp_desktop.models.meetings.cadence import clock, minutes_of

STATUSES = ("planned", "confirmed", "held", "cancelled", "postponed")
PAPER_STATUSES = ("requested", "received", "late", "withdrawn")


@dataclass
class Meeting(Record):
    id: int
    body_id: int
    date: str
    start_time: str = "10:00"
    duration_minutes: int = 120
    venue: str = ""
    online_link: str = ""
    status: str = "planned"
    status_reason: str = ""
    notes: str = ""
    rule_date: str | None = None
    body: str = ""
    body_code: str = ""
    item_count: int = 0
    paper_count: int = 0
    changes: int = 0
    #: When the pack's emails were drafted (None: not yet circulated).
    circulated_on: str | None = None
    #: The version the values were read at: a form saves over that version only (issue 22).
    row_version: int = 1

    @property
    def end_time(self) -> str:
        return clock(minutes_of(self.start_time) + self.duration_minutes)

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date)

    @property
    def uk_date(self) -> str:
        """dd/mm/yyyy without parsing (the list shows hundreds of these)."""
        return f"{self.date[8:10]}/{self.date[5:7]}/{self.date[:4]}"

    @property
    def where(self) -> str:
        if self.venue and self.online_link:
            return f"{self.venue} and online"
        return self.venue or ("Online" if self.online_link else "")

    @property
    def title(self) -> str:
        return f"{self.body} — {uk(self.date)}"


@dataclass
class Change(Record):
    """One move of a meeting to another date or time, with the reason given."""

    id: int
    meeting_id: int
    changed_at: str
    old_date: str
    old_start_time: str
    new_date: str
    new_start_time: str
    reason: str = ""


@dataclass
class AgendaItem(Record):
    id: int
    meeting_id: int
    position: int
    title: str
    purpose: str = "information"
    presenter_id: int | None = None
    presenter: str = ""
    minutes_allotted: int = 10
    minute_text: str = ""
    decisions: str = ""
    standing: int = 0
    proposed: int = 0
    carried_from_id: int | None = None
    forward_plan_id: int | None = None
    theme_id: int | None = None
    paper_count: int = 0
    #: Filled by :func:`lscp_desktop.models.meetings.agenda.timed_agenda`.
    starts: str = ""
    #: The version the values were read at: a form saves over that version only (issue 22).
    row_version: int = 1


@dataclass
class AgendaTiming:
    items: list[AgendaItem]
    meeting_start: str
    meeting_end: str
    agenda_end: str
    overrun_minutes: int

    @property
    def warning(self) -> str:
        if self.overrun_minutes <= 0:
            return ""
        return (
            f"The agenda runs to {self.agenda_end} but the meeting ends at {self.meeting_end}: "
            f"{self.overrun_minutes} minute{'s' if self.overrun_minutes != 1 else ''} too "
            "long. Shorten or move items."
        )


@dataclass
class Paper(Record):
    id: int
    meeting_id: int
    title: str
    agenda_item_id: int | None = None
    item: str = ""
    author_id: int | None = None
    author: str = ""
    status: str = "requested"
    received_date: str | None = None
    file_name: str = ""
    stored_name: str = ""
    file_size: int = 0
    notes: str = ""
    #: For the body's members only: left out of the pack sent to virtual members, observers
    #: and advisers.
    members_only: int = 0
    #: When the paper was last asked for (a request drafted).
    requested_on: str | None = None
    meeting_date: str = ""
    body: str = ""
    #: The version the values were read at: a form saves over that version only (issue 22).
    row_version: int = 1
    body_id: int = 0
    deadline: str = ""

    @property
    def overdue(self) -> bool:
        return self.status == "requested" and self.deadline < dt.date.today().isoformat()


@dataclass
class Decision:
    item_id: int
    meeting_id: int
    date: str
    body: str
    body_id: int
    item: str
    decision: str


@dataclass
class ForwardPlanEntry(Record):
    """A report due to a body on a cycle, proposed on the right meeting's draft agenda."""

    id: int
    body_id: int
    title: str
    every_months: int
    first_due: str
    purpose: str = "assurance"
    from_body_id: int | None = None
    presenter_id: int | None = None
    minutes_allotted: int = 15
    active: int = 1
    body: str = ""
    from_body: str = ""
    presenter: str = ""

    @property
    def cycle(self) -> str:
        return "every month" if self.every_months == 1 else f"every {self.every_months} months"


@dataclass
class QuarterlyTheme(Record):
    """A quarter's theme (seed 003: set by the Strategic Planning Group, scrutinised by each
    subgroup and local group, then discussed by the partnership), the bodies asked to examine
    it, and the meetings whose agendas took it up."""

    id: int
    quarter_start: str
    title: str
    priority_id: int | None = None
    priority: str = ""
    description: str = ""
    notes: str = ""
    body_ids: list[int] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    #: Body name -> the date of the meeting that examined the theme.
    examined: dict[str, str] = field(default_factory=dict)

    @property
    def quarter(self) -> Quarter:
        return Quarter.of(dt.date.fromisoformat(self.quarter_start))

    @property
    def not_yet_examined(self) -> list[str]:
        return [b for b in self.bodies if b not in self.examined]


@dataclass(frozen=True)
class Quarter:
    """A quarter of the financial year: Q1 is April to June, Q4 January to March."""

    year: FinancialYear
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        year = FinancialYear.containing(day)
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @property
    def start(self) -> dt.date:
        month = 4 + 3 * (self.number - 1)
        return dt.date(self.year.start_year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        following = add_months(self.start, 3)
        return following - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year.label} Q{self.number}"

    @property
    def months(self) -> str:
        """'April to June 2025', 'January to March 2026'."""
        return f"{self.start:%B} to {self.end:%B %Y}"


MINUTES_STATUSES = ("draft", "sent", "approved")
MINUTES_STATUS_LABELS = {"draft": "Draft", "sent": "Sent to the chair", "approved": "Approved"}
#: What the minutes say of an item with nothing minuted: "Noted", or nothing (left out).
UNMINUTED_CHOICES = {"noted": "Marked \u201cNoted\u201d", "omit": "Left out"}


@dataclass
class MinutesRecord(Record):
    """Where a meeting's minutes are in their life cycle: a draft, sent to the chair, or
    approved as an accurate record at a later meeting (and from then on locked)."""

    meeting_id: int
    id: int | None = None
    status: str = "draft"
    sent_on: str | None = None
    approved_on: str | None = None
    approved_at_meeting_id: int | None = None
    approved_item_id: int | None = None
    unminuted_items: str = "noted"
    #: The version the values were read at: a form saves over that version only (issue 22).
    row_version: int = 1

    @property
    def locked(self) -> bool:
        return self.status == "approved"

    def describe(self) -> str:
        if self.status == "approved":
            return f"Approved on {uk(self.approved_on)} as an accurate record; locked"
        if self.status == "sent":
            return f"Draft, sent to the chair on {uk(self.sent_on)}"
        return "Draft"


@dataclass
class Amendment(Record):
    """A correction to approved minutes, agreed later (at a meeting, or by the chair)."""

    id: int
    meeting_id: int
    agreed_on: str
    text: str
    agreed_at_meeting_id: int | None = None
    agenda_item_id: int | None = None
    item: str = ""
