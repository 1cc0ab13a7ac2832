"""The statutory clocks of a practice review, worked out from its dates alone: each milestone's
due date in working days (England and Wales) or months, its unit and its status.

==============================  ===================================================================
notification to the Panel       5 working days after the local authority became aware
safeguarding partners told      5 working days after the local authority became aware
Secretary of State and Ofsted   5 working days after it became aware, when a looked-after child died
rapid review sent               15 working days after the notification
decision recorded               with the rapid review (15 working days after notification)
decision ratified               no clock: the date the safeguarding partners ratified it
reviewer commissioned           ``review_commission_working_days`` after the decision
draft / final report            ``review_draft_months`` / ``review_final_months`` after it
final report to each recipient  at least 7 working days before publication (the Panel, the
                                Secretary of State and Ofsted: :mod:`.recipients`)
publication                     within ``review_publication_months`` of the decision
national repository             no clock: the date the report was entered
a legacy serious case review    clocked from initiation: published within 6 months, at most 12
                                months in exceptional circumstances, and by 29/09/2020 at the
                                latest (seed 000, paragraph 78)
a national review               the Panel publishes it (no clock); the partnership's response
                                ``review_national_response_months`` after that
==============================  ===================================================================

Bank holidays come from the table generated from ``holidays`` (core.bank_holiday_table); the
partnership's own targets come from :mod:`~lscp_desktop.models.core.settings` (:class:`ClockRules`).
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
from lscp_desktop.models.reviews.recipients import DEFAULT_REPORT_COPIES, report_copies
from lscp_desktop.models.reviews.records import Delay, Review
from lscp_desktop.models.store.database import Store

#: Working days: a working-day clock inside this many is "due soon" (amber).
DUE_SOON_WORKING_DAYS = 5
#: The same for any other clock, in calendar days (a week).
DUE_SOON_DAYS = 7
PANEL_NOTICE_WORKING_DAYS = 7
NOTICE_WORKING_DAYS = 5
#: A legacy serious case review: published within 6 months of initiation, at most 12 in
#: exceptional circumstances, and never after the transitional last date (seed 000, para 78).
SCR_TARGET_MONTHS = 6
SCR_MAXIMUM_MONTHS = 12
SCR_LAST_DATE = dt.date(2020, 9, 29)
#: The settings that hold the partnership's own targets (what :class:`ClockRules` reads).
CLOCK_SETTINGS = (
    "review_commission_working_days",
    "review_draft_months",
    "review_final_months",
    "review_publication_months",
    "review_national_response_months",
)


@dataclass(frozen=True)
class ClockRules:
    """The partnership's own targets (statutory ones are fixed in the code), and who receives a
    copy of the final report before publication."""

    commission_working_days: int = 20
    draft_months: int = 4
    final_months: int = 5
    publication_months: int = 6
    national_response_months: int = 3
    #: (role, name, working days before publication) of each active recipient.
    report_copies: tuple[tuple[str, str, int], ...] = DEFAULT_REPORT_COPIES

    @classmethod
    def of(cls, store: Store) -> ClockRules:
        targets = [settings.get_int(store, key) for key in CLOCK_SETTINGS]
        commission, draft, final, publication, response = targets
        return cls(commission, draft, final, publication, response, report_copies(store))


@dataclass(frozen=True)
class MilestoneStatus:
    text: str
    #: done, late, waiting, green, amber, red or none
    rag: str
    #: Days left (negative when overdue), working days on a working-day clock and calendar
    #: days on any other; None when done or not running. The text says it in the clock's unit.
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
    #: What the rule counts in (:data:`MILESTONE_UNITS`); the status says the time in it.
    unit: Unit = Unit.WORKING_DAYS

    @property
    def clocked(self) -> bool:
        """False for a step recorded when it happens, with no date it is due by."""
        return self.due is not None or bool(self.waiting_for)

    @property
    def effective_due(self) -> dt.date | None:
        return self.revised_due or self.due

    @property
    def id(self) -> str:  # the key Qt table models use for a row
        return self.key

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
            if not self.waiting_for:
                return MilestoneStatus("No clock: record the date when it happens", "waiting")
            return MilestoneStatus(f"Waiting for {self.waiting_for}", "waiting")
        # A delay's reason is on the milestone (delay_reason); the status says that it moved.
        return clock_status(due, today, self.unit, delayed=bool(self.delay_reason))


def working_day_on_or_before(day: dt.date) -> dt.date:
    """A deadline that falls on a weekend or bank holiday is met on the working day before."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


DONE_COLUMNS = {
    "notification": "notified_date",
    "partners_told": "partners_told_date",
    "lac_notice": "lac_notice_date",
    "rapid_review": "rapid_review_date",
    "decision": "decision_date",
    "ratified": "ratified_date",
    "commissioned": "commissioned_date",
    "draft": "draft_date",
    "final": "final_date",
    "sent_to_panel": "sent_to_panel_date",
    "sent_to_sos": "sos_sent_date",
    "sent_to_ofsted": "ofsted_sent_date",
    "publication": "published_date",
    "publication_maximum": "published_date",
    "publication_last_date": "published_date",
    "repository": "repository_date",
    "panel_published": "panel_published_date",
    "response": "response_date",
}
MILESTONE_LABELS = {
    "notification": "Notify the national Panel",
    "partners_told": "Tell the safeguarding partners",
    "lac_notice": "Tell the Secretary of State and Ofsted (looked-after child)",
    "rapid_review": "Rapid review to the Panel",
    "decision": "Decision recorded",
    "ratified": "Decision ratified by the partners",
    "commissioned": "Reviewer commissioned",
    "draft": "Draft report",
    "final": "Final report",
    "sent_to_panel": "Final report to the Panel",
    "sent_to_sos": "Final report to the Secretary of State",
    "sent_to_ofsted": "Final report to Ofsted",
    "publication": "Publication",
    "publication_maximum": "Publication: exceptional maximum",
    "publication_last_date": "Publication: last date for a serious case review",
    "repository": "Entered in the national repository",
    "panel_published": "Published by the Panel",
    "response": "The partnership's response",
}
#: Each milestone's unit, what "late" and "due in" are said in: months for a rule in months,
#: calendar days for a fixed date; every other milestone counts working days.
MILESTONE_UNITS = {
    "draft": Unit.MONTHS,
    "final": Unit.MONTHS,
    "publication": Unit.MONTHS,
    "publication_maximum": Unit.MONTHS,
    "publication_last_date": Unit.DAYS,
    "response": Unit.MONTHS,
}
_LABEL_KEYS = {label: key for key, label in MILESTONE_LABELS.items()}


def unit_of(label: str) -> Unit:
    """The unit of the milestone called *label* (a review keeps its next clock's label)."""
    return MILESTONE_UNITS.get(_LABEL_KEYS.get(label, ""), Unit.WORKING_DAYS)


#: Each recipient's copy of the final report, by the role its row in :mod:`.recipients` has.
COPY_KEYS = {
    "panel": "sent_to_panel",
    "secretary of state": "sent_to_sos",
    "ofsted": "sent_to_ofsted",
}
#: Steps recorded when they happen, which never hold up the next step.
OPTIONAL_STEPS = ("ratified", "repository", "publication_maximum", "publication_last_date")
_PRE_DECISION = ("notification", "partners_told", "rapid_review", "decision")
_REPORT = ("commissioned", "draft", "final")
_ORDER = {key: i for i, key in enumerate(DONE_COLUMNS)}


def applicable_milestones(review: Review, rules: ClockRules | None = None) -> set[str]:
    """The keys of the milestones that apply to *review*'s kind (and its dates so far)."""
    copies = {COPY_KEYS[role] for role, _n, _d in (rules or ClockRules()).report_copies}
    keys: set[str] = set()
    if review.kind in ("serious incident notification", "rapid review") or (
        review.aware_date or review.notified_date
    ):
        keys.update(_PRE_DECISION)
        if review.looked_after:
            keys.add("lac_notice")
    if review.decision_date:
        keys.add("ratified")
    if review.kind == "local CSPR":
        keys.update((*_REPORT, *copies, "publication", "repository"))
    elif review.kind == "legacy SCR":
        keys.update((*_REPORT, *copies, "publication", "publication_maximum",
                     "publication_last_date", "repository"))  # fmt: skip
    elif review.kind == "local learning review":
        keys.update(_REPORT)
    elif review.kind == "national review":
        keys.update(("panel_published", "response"))
    return keys


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class _Plan:
    key: str
    rule: str
    statutory: bool
    due: dt.date | None
    waiting_for: str = ""


def milestones(review: Review, rules: ClockRules, delays: Iterable[Delay] = ()) -> list[Milestone]:
    """Every milestone of *review*, in order, with its due date, done date and any delay."""
    applicable = applicable_milestones(review, rules)
    latest: dict[str, Delay] = {}
    for delay in sorted(delays, key=lambda d: d.id):
        latest[delay.milestone] = delay
    aware, notified = _d(review.aware_date), _d(review.notified_date)
    panel_published = _d(review.panel_published_date)
    legacy = review.kind == "legacy SCR"
    # A legacy serious case review runs from its initiation; a practice review from the decision.
    start = _d(review.initiated_date) if legacy else _d(review.decision_date)
    basis = "initiation" if legacy else "the decision"
    waiting = "the date the review was initiated" if legacy else "the decision"

    def months_after(n: int) -> dt.date | None:
        return working_day_on_or_before(add_months(start, n)) if start else None

    publication_months = SCR_TARGET_MONTHS if legacy else rules.publication_months
    publication_due = months_after(publication_months)
    publication_delay = latest.get("publication")
    publication_basis = (
        _d(review.published_date)
        or _d(review.planned_publication_date)
        or (_d(publication_delay.revised_date) if publication_delay else None)
        or publication_due
    )
    five = "5 working days after the local authority became aware"
    became_aware = "the date the local authority became aware"
    plans = [
        _Plan(
            "notification", five, True, add_working_days(aware, 5) if aware else None, became_aware
        ),
        _Plan(
            "partners_told",
            five,
            True,
            add_working_days(aware, NOTICE_WORKING_DAYS) if aware else None,
            became_aware,
        ),
        _Plan(
            "lac_notice",
            five + ", when a looked-after child has died",
            True,
            add_working_days(aware, NOTICE_WORKING_DAYS) if aware else None,
            became_aware,
        ),
        _Plan(
            "rapid_review",
            "15 working days after the notification",
            True,
            add_working_days(notified, 15) if notified else None,
            "the notification",
        ),
        _Plan(
            "decision",
            "with the rapid review, 15 working days after the notification",
            True,
            add_working_days(notified, 15) if notified else None,
            "the notification",
        ),
        _Plan(
            "ratified",
            "no clock: the date the safeguarding partners ratified the decision",
            False,
            None,
        ),
        _Plan(
            "commissioned",
            f"{rules.commission_working_days} working days after {basis} (local target)",
            False,
            add_working_days(start, rules.commission_working_days) if start else None,
            waiting,
        ),
        _Plan(
            "draft",
            f"{pluralise(rules.draft_months, 'month')} after {basis} (local target)",
            False,
            months_after(rules.draft_months),
            waiting,
        ),
        _Plan(
            "final",
            f"{pluralise(rules.final_months, 'month')} after {basis} (local target)",
            False,
            months_after(rules.final_months),
            waiting,
        ),
    ]
    for role, name, days in rules.report_copies:
        plans.append(
            _Plan(
                COPY_KEYS[role],
                f"{name}: at least {days} working days before publication",
                True,
                add_working_days(publication_basis, -days) if publication_basis else None,
                waiting,
            )
        )
    plans += [
        _Plan("publication",
              f"within {pluralise(publication_months, 'month')} of {basis}"
              + (" (seed 000, paragraph 78)" if legacy else ""),
              True, publication_due, waiting),
        _Plan("publication_maximum",
              f"at most {SCR_MAXIMUM_MONTHS} months after initiation, in exceptional "
              "circumstances", True, months_after(SCR_MAXIMUM_MONTHS), waiting),
        _Plan("publication_last_date",
              "no serious case review may be published after 29/09/2020 (transitional rule)",
              True, SCR_LAST_DATE),
        _Plan("repository", "no clock: the date the report went into the national case review "
              "repository", False, None),
        _Plan("panel_published", "no clock: the date the national Panel published its review",
              False, None),
        _Plan("response",
              f"{pluralise(rules.national_response_months, 'month')} after the Panel published "
              "(local target)", False,
              add_months(panel_published, rules.national_response_months)
              if panel_published else None,
              "the Panel's publication"),
    ]  # fmt: skip
    by_key = {p.key: p for p in plans}
    out = []
    for key in DONE_COLUMNS:
        plan = by_key.get(key)
        if plan is None:  # a copy whose recipient is no longer on the list
            continue
        found = latest.get(key)
        out.append(
            Milestone(
                key=key,
                label=MILESTONE_LABELS[key],
                rule=plan.rule,
                statutory=plan.statutory,
                applicable=key in applicable,
                due=plan.due,
                done=_d(getattr(review, DONE_COLUMNS[key])),
                waiting_for=plan.waiting_for,
                revised_due=_d(found.revised_date) if found else None,
                delay_reason=found.reason if found else "",
                unit=MILESTONE_UNITS.get(key, Unit.WORKING_DAYS),
            )
        )
    return out


def next_clock(review: Review, items: list[Milestone]) -> tuple[str, str | None, bool]:
    """The open milestone that falls due first (or the first one waiting), for the register:
    its label, due date and whether its clock is statutory."""
    if not review.is_open:
        return "", None, False
    running = [m for m in items if m.applicable and m.done is None and m.clocked]
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
    in 2 months": :mod:`~lscp_desktop.models.core.clocks`), and a RAG colour key: amber within
    a week (five working days on a working-day clock), or when *delayed*."""
    if due is None:
        return MilestoneStatus("No clock running", "waiting")
    day = due if isinstance(due, dt.date) else dt.date.fromisoformat(due)
    working = unit is Unit.WORKING_DAYS
    days = working_days_between(today, day) if working else (day - today).days
    text = time_left(day, today, unit).status()
    if delayed:
        text = f"Delayed: {text[:1].lower()}{text[1:]}"
    if days < 0:
        return MilestoneStatus(text, "red", days)
    if days == 0:
        return MilestoneStatus(text, "amber", 0)
    soon = DUE_SOON_WORKING_DAYS if working else DUE_SOON_DAYS
    return MilestoneStatus(text, "amber" if days <= soon or delayed else "green", days)
