"""The records of the assurance registers, with the choices their forms offer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lscp_desktop.models.core.dates import add_months, uk
from lscp_desktop.models.core.records import Record

# --------------------------------------------------------------------------- escalation log

#: The usual four stages of an LSCP escalation protocol (seed 003: "we will keep a log of the
#: main challenges raised"; the protocol itself is the partnership's).
ESCALATION_STAGES = {
    1: "Practitioner to practitioner",
    2: "Line managers",
    3: "Senior managers",
    4: "Safeguarding partners",
}
ESCALATION_REASONS = (
    "threshold or referral decision",
    "assessment or plan",
    "information sharing",
    "strategy discussion or conference",
    "case closure or step-down",
    "attendance or participation",
    "other",
)
ESCALATION_OUTCOMES = (
    "resolved: challenge upheld",
    "resolved: challenge not upheld",
    "resolved by agreement",
    "withdrawn",
    "referred to the Lead Safeguarding Partners",
)


@dataclass
class Escalation(Record):
    id: int
    reference: str
    raised_date: str
    raising_organisation_id: int
    challenged_organisation_id: int
    reason: str
    stage1_date: str
    local_authority: str = ""
    summary: str = ""
    stage2_date: str | None = None
    stage3_date: str | None = None
    stage4_date: str | None = None
    outcome: str = ""
    resolved_date: str | None = None
    learning: str = ""
    notes: str = ""
    raising_organisation: str = ""
    challenged_organisation: str = ""
    action_ids: list[int] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)

    def stage_date(self, stage: int) -> str | None:
        value: str | None = getattr(self, f"stage{stage}_date")
        return value

    @property
    def stage(self) -> int:
        """The highest stage reached."""
        return max(n for n in ESCALATION_STAGES if n == 1 or self.stage_date(n))

    @property
    def stage_label(self) -> str:
        return f"{self.stage}: {ESCALATION_STAGES[self.stage]}"

    @property
    def is_open(self) -> bool:
        return self.resolved_date is None

    def days_open(self, today: dt.date) -> int:
        end = dt.date.fromisoformat(self.resolved_date) if self.resolved_date else today
        return (end - dt.date.fromisoformat(self.raised_date)).days


@dataclass
class EscalationSummary:
    """An escalation log over a period, for the yearly and scrutineer reports."""

    raised: int = 0
    resolved: int = 0
    open_at_end: int = 0
    #: Highest stage reached by those raised in the period.
    by_stage: dict[int, int] = field(default_factory=dict)
    by_raising: dict[str, int] = field(default_factory=dict)
    by_challenged: dict[str, int] = field(default_factory=dict)
    by_reason: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    median_days_to_resolve: int | None = None


# --------------------------------------------------------------------------- published documents

DOCUMENT_KINDS = (
    "published arrangements",
    "thresholds document",
    "escalation protocol",
    "terms of reference",
    "information sharing agreement",
    "other",
)
#: Seed 003 reviews its arrangements every year and its thresholds document every two years.
DEFAULT_REVIEW_MONTHS = {"thresholds document": 24}


@dataclass
class ArrangementDocument(Record):
    id: int
    kind: str
    title: str
    body_id: int | None = None
    version: str = ""
    approved_by: str = ""
    published_date: str | None = None
    implemented_date: str | None = None
    sos_notified_date: str | None = None
    review_months: int = 12
    last_reviewed_date: str | None = None
    review_date: str | None = None
    withdrawn_date: str | None = None
    link: str = ""
    notes: str = ""
    body: str = ""

    @property
    def is_current(self) -> bool:
        return self.withdrawn_date is None

    @property
    def review_due(self) -> str | None:
        """The date set for its next review, or its review period after the last review (or
        after implementation, or publication)."""
        if self.review_date:
            return self.review_date
        since = self.last_reviewed_date or self.implemented_date or self.published_date
        if not since:
            return None
        return add_months(dt.date.fromisoformat(since), self.review_months).isoformat()

    @property
    def review_rule(self) -> str:
        every = "every year" if self.review_months == 12 else f"every {self.review_months} months"
        if self.review_date:
            return f"review set for {uk(self.review_date)}"
        basis = (
            "the last review"
            if self.last_reviewed_date
            else "implementation"
            if self.implemented_date
            else "publication"
        )
        return f"reviewed {every}, counted from {basis}"


# --------------------------------------------------------------------------- settings census

#: Education settings and residential homes counted per local authority and year (seed 003's
#: table; seed 002 counts 499 early years providers "including 225 childminders").
SETTING_KINDS = (
    "primary schools",
    "secondary schools",
    "special schools",
    "independent schools",
    "alternative provision",
    "further education colleges",
    "children's centres",
    "early years settings",
    "childminders",
    "children's homes",
    "youth custody",
)
RESIDENTIAL_KINDS = ("children's homes", "youth custody")


@dataclass
class CensusEntry(Record):
    id: int
    year: str
    local_authority: str
    kind: str
    count: int
    note: str = ""


@dataclass
class CensusTable:
    """One year's census as a grid: kinds down, local authorities across."""

    year: str
    local_authorities: list[str]
    kinds: list[str]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)

    def count(self, kind: str, local_authority: str) -> int | None:
        return self.counts.get((kind, local_authority))

    def total(self, kind: str) -> int:
        return sum(n for (k, _la), n in self.counts.items() if k == kind)

    @property
    def empty(self) -> bool:
        return not self.counts


# --------------------------------------------------------------------------- minimum rules

RULE_KINDS = ("meetings", "attendance")


@dataclass
class MinimumRule(Record):
    id: int
    kind: str
    body_id: int
    at_least: int
    role: str = ""
    notes: str = ""
    active: int = 1
    body: str = ""

    @property
    def description(self) -> str:
        times = "once" if self.at_least == 1 else "twice" if self.at_least == 2 else (
            f"{self.at_least} times"
        )  # fmt: skip
        if self.kind == "meetings":
            return f"{self.body} meets at least {times} a year"
        return f"Each {self.role} attends the {self.body} at least {times} a year"


@dataclass(frozen=True)
class RuleCheck:
    """How a minimum rule stands in a year, for one body or one holder of a role."""

    rule: MinimumRule
    #: The person holding the role (attendance rules); "" for a body's meetings.
    who: str
    count: int
    #: Meetings still to come in the year (not cancelled or postponed).
    remaining: int
    #: met, on track, at risk (too few meetings left) or not met (the year is over)
    status: str

    @property
    def text(self) -> str:
        more = f" ({self.remaining} more planned)" if self.remaining else ""
        if self.rule.kind == "meetings":
            return f"{self.rule.body}: {self.count} held of at least {self.rule.at_least}{more}"
        return (
            f"{self.who} ({self.rule.role}): attended {self.count} of at least "
            f"{self.rule.at_least} {self.rule.body} meetings{more}"
        )
