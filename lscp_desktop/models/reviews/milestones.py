"""The statutory clocks of a practice review, worked out from its dates alone: each milestone's
due date in working days (England and Wales) or months from the decision, and its status.

=========================  ==========================================================
notification to the Panel  5 working days after the local authority became aware
rapid review sent          15 working days after the notification
decision recorded          with the rapid review (15 working days after notification)
reviewer commissioned      ``review_commission_working_days`` after the decision
draft / final report       ``review_draft_months`` / ``review_final_months`` after it
final report to the Panel  at least 7 working days before publication
and Secretary of State
publication                within ``review_publication_months`` of the decision
=========================  ==========================================================

Bank holidays come from ``holidays``, loaded on first use; the partnership's own targets come
from :mod:`~lscp_desktop.models.core.settings` (:class:`ClockRules`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.clocks import Unit, time_left
from lscp_desktop.models.core.dates import (
    add_months,
    add_working_days,
    is_working_day,
    iso,
    working_days_between,
)
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.reviews.records import Delay, Review
from lscp_desktop.models.store.database import Store

#: Working days: a clock inside this many is "due soon" (amber).
DUE_SOON_WORKING_DAYS = 5
PANEL_NOTICE_WORKING_DAYS = 7
#: The settings that hold the partnership's own targets (what :class:`ClockRules` reads).
CLOCK_SETTINGS = (
    "review_commission_working_days",
    "review_draft_months",
    "review_final_months",
    "review_publication_months",
)


@dataclass(frozen=True)
class ClockRules:
    """The partnership's own targets (statutory ones are fixed in the code)."""

    commission_working_days: int = 20
    draft_months: int = 4
    final_months: int = 5
    publication_months: int = 6

    @classmethod
    def of(cls, store: Store) -> ClockRules:
        return cls(*(settings.get_int(store, key) for key in CLOCK_SETTINGS))


@dataclass(frozen=True)
class MilestoneStatus:
    text: str
    #: done, late, waiting, green, amber, red or none
    rag: str
    #: Working days left (negative when overdue); None when done or not running. The text
    #: says it in the clock's own unit.
    days_left: int | None = None


@dataclass(frozen=True)
class Milestone:
    key: str
    label: str
    rule: str
    statutory: bool
    applicable: bool
    due: dt.date | None
    done: dt.date | None
    waiting_for: str = ""
    revised_due: dt.date | None = None
    delay_reason: str = ""

    @property
    def effective_due(self) -> dt.date | None:
        return self.revised_due or self.due

    @property
    def id(self) -> str:  # the key Qt table models use for a row
        return self.key

    @property
    def unit(self) -> Unit:
        """What the milestone's rule counts in: working days, or months after the decision."""
        return MILESTONE_UNITS.get(self.key, Unit.WORKING_DAYS)

    def status(self, today: dt.date) -> MilestoneStatus:
        due = self.effective_due
        if not self.applicable:
            return MilestoneStatus("Not applicable to this kind of review", "none")
        if self.done is not None:
            if due is not None and self.done > due:
                late = time_left(self.done, due, self.unit)
                return MilestoneStatus(f"Done {late.words()} late", "late")
            return MilestoneStatus("Done", "done")
        if due is None:
            return MilestoneStatus(f"Waiting for {self.waiting_for}", "waiting")
        # A delay's reason is on the milestone (delay_reason); the status says that it moved.
        return clock_status(due, today, self.unit, delayed=bool(self.delay_reason))


def working_day_on_or_before(day: dt.date) -> dt.date:
    """A deadline that falls on a weekend or bank holiday is met on the working day before."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


_PRE_DECISION = ("notification", "rapid_review", "decision")
_AFTER_DECISION = ("commissioned", "draft", "final", "sent_to_panel", "publication")
DONE_COLUMNS = {
    "notification": "notified_date",
    "rapid_review": "rapid_review_date",
    "decision": "decision_date",
    "commissioned": "commissioned_date",
    "draft": "draft_date",
    "final": "final_date",
    "sent_to_panel": "sent_to_panel_date",
    "publication": "published_date",
}
MILESTONE_LABELS = {
    "notification": "Notify the national Panel",
    "rapid_review": "Rapid review to the Panel",
    "decision": "Decision recorded",
    "commissioned": "Reviewer commissioned",
    "draft": "Draft report",
    "final": "Final report",
    "sent_to_panel": "Report to Panel and Secretary of State",
    "publication": "Publication",
}
_ORDER = {key: i for i, key in enumerate(DONE_COLUMNS)}
#: The unit each milestone's rule counts in (what "late" and "due in" are said in).
MILESTONE_UNITS = {
    "notification": Unit.WORKING_DAYS,
    "rapid_review": Unit.WORKING_DAYS,
    "decision": Unit.WORKING_DAYS,
    "commissioned": Unit.WORKING_DAYS,
    "draft": Unit.MONTHS,
    "final": Unit.MONTHS,
    "sent_to_panel": Unit.WORKING_DAYS,
    "publication": Unit.MONTHS,
}


def unit_of(label: str) -> Unit:
    """The unit of the milestone called *label* (working days for one not known here)."""
    for key, name in MILESTONE_LABELS.items():
        if name == label:
            return MILESTONE_UNITS[key]
    return Unit.WORKING_DAYS


def applicable_milestones(review: Review) -> set[str]:
    """The keys of the milestones that apply to *review*'s kind (and its dates so far)."""
    keys: set[str] = set()
    if (
        review.kind in ("serious incident notification", "rapid review", "national review")
        or review.aware_date
        or review.notified_date
    ):
        keys.update(_PRE_DECISION)
    if review.kind in ("local CSPR", "legacy SCR"):
        keys.update(_AFTER_DECISION)
    elif review.kind == "local learning review":
        keys.update(("commissioned", "draft", "final"))
    return keys


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def milestones(review: Review, rules: ClockRules, delays: Iterable[Delay] = ()) -> list[Milestone]:
    """Every milestone of *review*, in order, with its due date, done date and any delay."""
    applicable = applicable_milestones(review)
    latest: dict[str, Delay] = {}
    for delay in sorted(delays, key=lambda d: d.id):
        latest[delay.milestone] = delay
    aware, notified, decided = (
        _d(review.aware_date),
        _d(review.notified_date),
        _d(review.decision_date),
    )

    def months_after(n: int) -> dt.date | None:
        return working_day_on_or_before(add_months(decided, n)) if decided else None

    publication_due = months_after(rules.publication_months)
    publication_delay = latest.get("publication")
    publication_basis = (
        _d(review.published_date)
        or _d(review.planned_publication_date)
        or (_d(publication_delay.revised_date) if publication_delay else None)
        or publication_due
    )
    plan: list[tuple[str, str, bool, dt.date | None, str]] = [
        (
            "notification",
            "5 working days after the local authority became aware",
            True,
            add_working_days(aware, 5) if aware else None,
            "the date the local authority became aware",
        ),
        (
            "rapid_review",
            "15 working days after the notification",
            True,
            add_working_days(notified, 15) if notified else None,
            "the notification",
        ),
        (
            "decision",
            "with the rapid review, 15 working days after the notification",
            True,
            add_working_days(notified, 15) if notified else None,
            "the notification",
        ),
        (
            "commissioned",
            f"{rules.commission_working_days} working days after the decision (local target)",
            False,
            add_working_days(decided, rules.commission_working_days) if decided else None,
            "the decision",
        ),
        (
            "draft",
            f"{pluralise(rules.draft_months, 'month')} after the decision (local target)",
            False,
            months_after(rules.draft_months),
            "the decision",
        ),
        (
            "final",
            f"{pluralise(rules.final_months, 'month')} after the decision (local target)",
            False,
            months_after(rules.final_months),
            "the decision",
        ),
        (
            "sent_to_panel",
            f"at least {PANEL_NOTICE_WORKING_DAYS} working days before publication",
            True,
            add_working_days(publication_basis, -PANEL_NOTICE_WORKING_DAYS)
            if publication_basis
            else None,
            "the decision",
        ),
        (
            "publication",
            f"within {pluralise(rules.publication_months, 'month')} of the decision",
            True,
            publication_due,
            "the decision",
        ),
    ]
    out = []
    for key, rule, statutory, due, waiting in plan:
        found = latest.get(key)
        out.append(
            Milestone(
                key=key,
                label=MILESTONE_LABELS[key],
                rule=rule,
                statutory=statutory,
                applicable=key in applicable,
                due=due,
                done=_d(getattr(review, DONE_COLUMNS[key])),
                waiting_for=waiting,
                revised_due=_d(found.revised_date) if found else None,
                delay_reason=found.reason if found else "",
            )
        )
    return out


def next_clock(review: Review, items: list[Milestone]) -> tuple[str, str | None, bool]:
    """The open milestone that falls due first (or the first one waiting), for the register:
    its label, due date and whether its clock is statutory."""
    if not review.is_open:
        return "", None, False
    running = [m for m in items if m.applicable and m.done is None]
    timed = [m for m in running if m.effective_due is not None]
    if timed:
        first = min(timed, key=lambda m: (m.effective_due, _ORDER[m.key]))
        return first.label, iso(first.effective_due), first.statutory
    if running:
        return running[0].label, None, running[0].statutory
    return "", None, False


def clock_status(
    due: str | dt.date | None,
    today: dt.date,
    unit: Unit = Unit.WORKING_DAYS,
    *,
    delayed: bool = False,
) -> MilestoneStatus:
    """Time left on a clock in words, in the clock's own *unit* ("3 working days late", "Due
    in 2 months"), and a RAG colour key judged in working days."""
    if due is None:
        return MilestoneStatus("No clock running", "waiting")
    day = due if isinstance(due, dt.date) else dt.date.fromisoformat(due)
    days = working_days_between(today, day)
    text = time_left(day, today, unit).status()
    if delayed:
        text = f"Delayed: {text[:1].lower()}{text[1:]}"
    if days < 0:
        return MilestoneStatus(text, "red", days)
    if days == 0:
        return MilestoneStatus(text, "amber", 0)
    rag = "amber" if days <= DUE_SOON_WORKING_DAYS or delayed else "green"
    return MilestoneStatus(text, rag, days)
