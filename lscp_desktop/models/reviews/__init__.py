"""Practice reviews and their statutory clocks, recommendations, and deadlines across reviews,
audits and the yearly report's dispatch (audits, training and the yearly report: assurance.py).

A case moves from a serious incident notification through a rapid review to a decision, and
perhaps a local child safeguarding practice review (CSPR). Each step runs to a clock counted in
working days in England and Wales (bank holidays from ``holidays``) or in months from the
decision (the partnership's own targets, in :mod:`settings`):

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

A review holds a reference code only. Every free-text field goes through the child-identity
guard (:mod:`identity_guard`) before it is saved. Each review keeps its nearest open clock in
``next_milestone``/``next_due`` (recomputed on every write) so the Home page can list clocks
close to expiry with one indexed query and without loading the bank-holiday library.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import (
    add_months,
    add_working_days,
    is_working_day,
    iso,
    optional_date,
    parse_date,
    uk,
    working_days_between,
)
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.identity_guard import check_no_identity
from lscp_desktop.models.core.records import Record
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.reviews.assurance import list_audits, list_yearly_reports
from lscp_desktop.models.store.database import Row, Store

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
#: Working days: a clock inside this many is "due soon" (amber).
DUE_SOON_WORKING_DAYS = 5
PANEL_NOTICE_WORKING_DAYS = 7

_DIGIT = re.compile(r"\d")
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /&().'-]{1,29}$")
_PSEUDONYM = re.compile(
    r"^(?:[A-Z]{2,6}\s+)?(?:child|children|baby|babies|infant|family|young\s+person|siblings?)"
    r"\s+[A-Z]{1,2}(?:\s*(?:,|and|&)\s*[A-Z]{1,2})*$",
    re.IGNORECASE,
)
_SINGLE_LETTERS = re.compile(r"^[A-Z]{1,2}$")


# --------------------------------------------------------------------------- records


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


# --------------------------------------------------------------------------- clocks


@dataclass(frozen=True)
class ClockRules:
    """The partnership's own targets (statutory ones are fixed in the code)."""

    commission_working_days: int = 20
    draft_months: int = 4
    final_months: int = 5
    publication_months: int = 6

    @classmethod
    def of(cls, store: Store) -> ClockRules:
        return cls(
            settings.get_int(store, "review_commission_working_days"),
            settings.get_int(store, "review_draft_months"),
            settings.get_int(store, "review_final_months"),
            settings.get_int(store, "review_publication_months"),
        )


@dataclass(frozen=True)
class MilestoneStatus:
    text: str
    #: done, late, waiting, green, amber, red or none
    rag: str
    #: Working days left (negative when overdue); None when done or not running.
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

    def status(self, today: dt.date) -> MilestoneStatus:
        due = self.effective_due
        if not self.applicable:
            return MilestoneStatus("Not applicable to this kind of review", "none")
        if self.done is not None:
            if due is not None and self.done > due:
                late = working_days_between(due, self.done)
                return MilestoneStatus(f"Done {pluralise(late, 'working day')} late", "late")
            return MilestoneStatus("Done", "done")
        if due is None:
            return MilestoneStatus(f"Waiting for {self.waiting_for}", "waiting")
        days = working_days_between(today, due)
        # A delay's reason is on the milestone (delay_reason); the status says that it moved.
        delayed = "Delayed: " if self.delay_reason else ""
        if days < 0:
            return MilestoneStatus(f"{delayed}overdue by {pluralise(-days, 'working day')}"
                                   if delayed else f"Overdue by {pluralise(-days, 'working day')}",
                                   "red", days)  # fmt: skip
        if days == 0:
            return MilestoneStatus(f"{delayed}due today" if delayed else "Due today", "amber", 0)
        rag = "amber" if days <= DUE_SOON_WORKING_DAYS or delayed else "green"
        text = f"due in {pluralise(days, 'working day')}"
        return MilestoneStatus(delayed + text if delayed else text.capitalize(), rag, days)


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


def _applicable(review: Review) -> set[str]:
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
    applicable = _applicable(review)
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


_ORDER = {key: i for i, key in enumerate(DONE_COLUMNS)}


# --------------------------------------------------------------------------- reviews: reading


_REVIEW_SELECT = (
    "SELECT r.*, (SELECT count(*) FROM review_recommendations x WHERE x.review_id = r.id)"
    " AS recommendations, (SELECT count(*) FROM review_recommendations x WHERE x.review_id ="
    " r.id AND x.status IN ('completed', 'not accepted')) AS recommendations_done FROM reviews r"
)


def list_reviews(store: Store, *, open_only: bool = False) -> list[Review]:
    rows = store.query(
        _REVIEW_SELECT
        + (" WHERE r.closed_date IS NULL" if open_only else "")
        + " ORDER BY r.closed_date IS NOT NULL, coalesce(r.next_due, '9999'), r.reference"
    )
    return [Review.from_row(r) for r in rows]


def clock_status(due: str | dt.date | None, today: dt.date) -> MilestoneStatus:
    """Days left on a clock, in words and a RAG colour key (working days)."""
    if due is None:
        return MilestoneStatus("No clock running", "waiting")
    day = due if isinstance(due, dt.date) else dt.date.fromisoformat(due)
    days = working_days_between(today, day)
    if days < 0:
        return MilestoneStatus(f"Overdue by {pluralise(-days, 'working day')}", "red", days)
    if days == 0:
        return MilestoneStatus("Due today", "amber", 0)
    rag = "amber" if days <= DUE_SOON_WORKING_DAYS else "green"
    return MilestoneStatus(f"Due in {pluralise(days, 'working day')}", rag, days)


@dataclass
class ReviewLine:
    """A review as the register shows it: with its nearest clock in words."""

    review: Review
    status: MilestoneStatus

    @property
    def id(self) -> int:
        return self.review.id


def review_register(store: Store, today: dt.date | None = None) -> list[ReviewLine]:
    today = today or dt.date.today()
    lines = []
    for review in list_reviews(store):
        status = (
            clock_status(review.next_due, today)
            if review.is_open
            else MilestoneStatus(review.stage, "done")
        )
        lines.append(ReviewLine(review, status))
    return lines


def get_review(store: Store, review_id: int) -> Review:
    rows = store.query(_REVIEW_SELECT + " WHERE r.id = ?", [review_id])
    if not rows:
        store.require("reviews", review_id, "review")
    return Review.from_row(rows[0])


def list_delays(store: Store, review_id: int) -> list[Delay]:
    rows = store.rows("review_delays", "review_id = ?", [review_id], order_by="id")
    return [Delay.from_row(r) for r in rows]


def review_milestones(store: Store, review_id: int) -> list[Milestone]:
    return milestones(
        get_review(store, review_id), ClockRules.of(store), list_delays(store, review_id)
    )


# --------------------------------------------------------------------------- reviews: writing


_TEXT_FIELDS = {
    "summary": "The summary",
    "notes": "The notes",
    "reviewer": "The reviewer",
    "local_authority": "The local authority",
}
_DATE_FIELDS = {
    "aware_date": "date the local authority became aware",
    "notified_date": "date of the notification to the Panel",
    "rapid_review_date": "date the rapid review was sent",
    "decision_date": "date of the decision",
    "commissioned_date": "date the reviewer was commissioned",
    "draft_date": "date of the draft report",
    "final_date": "date of the final report",
    "sent_to_panel_date": "date the final report went to the Panel",
    "planned_publication_date": "planned publication date",
    "published_date": "publication date",
    "closed_date": "date the review was closed",
}
#: (earlier, later): the later date may not come before the earlier one.
_ORDER_RULES = (
    ("aware_date", "notified_date"),
    ("notified_date", "rapid_review_date"),
    ("notified_date", "decision_date"),
    ("decision_date", "commissioned_date"),
    ("decision_date", "draft_date"),
    ("commissioned_date", "draft_date"),
    ("draft_date", "final_date"),
    ("final_date", "sent_to_panel_date"),
    ("sent_to_panel_date", "published_date"),
    ("final_date", "published_date"),
    ("aware_date", "closed_date"),
)


def check_reference(value: Any) -> str:
    """A reference code ("CSPR 2025-01") or a pseudonym ("Child R"); never a child's name."""
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError("Enter the review's reference code, e.g. CSPR 2025-01.", "reference")
    check_no_identity(text, "reference", "The reference")
    ok = bool(_REFERENCE.match(text)) and (
        bool(_DIGIT.search(text)) or bool(_PSEUDONYM.match(text))
    )
    if ok and not _DIGIT.search(text):
        letters = re.split(r"\s*(?:,|and|&)\s*|\s+", text)[-1]
        ok = bool(_SINGLE_LETTERS.match(letters))
    if not ok:
        raise ValidationError(
            f"'{text}' is not a reference code. Use a code with a number, such as CSPR 2025-01 "
            "or RR 2026-03, or a pseudonym of capital letters, such as Child R or Children A "
            "and B. A review never holds a child's name.",
            "reference",
        )
    return text


def _clean_review(store: Store, values: dict[str, Any], record_id: int | None) -> dict[str, Any]:
    clean: dict[str, Any] = {"reference": check_reference(values.get("reference"))}
    kind = str(values.get("kind") or "").strip()
    if kind not in REVIEW_KINDS:
        raise ValidationError(
            f"'{kind}' is not a kind of review; choose one of: {', '.join(REVIEW_KINDS)}.", "kind"
        )
    clean["kind"] = kind
    for key, label in _TEXT_FIELDS.items():
        clean[key] = check_no_identity(str(values.get(key) or ""), key, label)
    decision = str(values.get("decision") or "").strip()
    if decision and decision not in DECISIONS:
        raise ValidationError(
            f"'{decision}' is not a decision; choose one of: {', '.join(DECISIONS)}.", "decision"
        )
    clean["decision"] = decision
    for key, label in _DATE_FIELDS.items():
        clean[key] = iso(optional_date(values.get(key), label))
    if bool(decision) != bool(clean["decision_date"]):
        raise ValidationError(
            "Record the decision and its date together.",
            "decision" if not decision else "decision_date",
        )
    for earlier, later in _ORDER_RULES:
        a, b = clean[earlier], clean[later]
        if a and b and b < a:
            raise ValidationError(
                f"The {_DATE_FIELDS[later]} ({uk(b)}) is before the {_DATE_FIELDS[earlier]} "
                f"({uk(a)}).",
                later,
            )
    clash = store.query(
        "SELECT id FROM reviews WHERE reference = ? COLLATE NOCASE AND id IS NOT ?",
        [clean["reference"], record_id],
    )
    if clash:
        raise ValidationError(
            f"There is already a review with the reference {clean['reference']}.", "reference"
        )
    return clean


def _sync_clock(store: Store, review_id: int, rules: ClockRules | None = None) -> None:
    review = get_review(store, review_id)
    label, due, statutory = next_clock(
        review, milestones(review, rules or ClockRules.of(store), list_delays(store, review_id))
    )
    store.update(
        "reviews",
        review_id,
        {"next_milestone": label, "next_due": due, "next_statutory": int(statutory)},
    )


def recompute_clocks(store: Store) -> None:
    """Recompute every review's nearest clock (after a target in the settings changed)."""
    rules = ClockRules.of(store)
    with store.transaction():
        for row in store.query("SELECT id FROM reviews"):
            _sync_clock(store, int(row["id"]), rules)


def save_review(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add (``record_id=None``) or change a review; its clocks are recomputed."""
    with store.transaction():
        clean = _clean_review(store, values, record_id)
        if record_id is None:
            record_id = store.insert("reviews", clean)
        else:
            store.update("reviews", record_id, clean)
        _sync_clock(store, record_id)
    return record_id


def review_values(review: Review) -> dict[str, Any]:
    return {f.name: getattr(review, f.name) for f in fields(review)}


def record_notification(
    store: Store,
    *,
    reference: str,
    aware_date: str | dt.date,
    local_authority: str = "",
    summary: str = "",
    notified_date: str | dt.date | None = None,
) -> int:
    """A serious incident the local authority has become aware of; its clocks start."""
    aware = parse_date(aware_date, "date the local authority became aware")
    values: dict[str, Any] = {
        "reference": reference,
        "kind": "serious incident notification",
        "local_authority": local_authority,
        "aware_date": aware,
        "summary": summary,
    }
    if notified_date:
        values["notified_date"] = notified_date
        values["kind"] = "rapid review"
    return save_review(store, values)


@dataclass(frozen=True)
class Step:
    """The next thing to record on a review."""

    key: str
    label: str
    needs_decision: bool = False
    needs_reviewer: bool = False


def next_step(review: Review) -> Step | None:
    """What to record next on an open review, in the order the clocks run."""
    if not review.is_open:
        return None
    applicable = _applicable(review)
    for key in DONE_COLUMNS:
        if key in applicable and getattr(review, DONE_COLUMNS[key]) is None:
            if key == "notification" and not review.aware_date:
                continue
            return Step(
                key,
                MILESTONE_LABELS[key],
                needs_decision=key == "decision",
                needs_reviewer=key == "commissioned",
            )
    return None


def record_step(
    store: Store,
    review_id: int,
    key: str,
    done_date: str | dt.date | None,
    *,
    decision: str | None = None,
    reviewer: str | None = None,
) -> None:
    """Record a milestone as done on *done_date*, moving the review on to its next stage.

    The notification turns a notification into a rapid review; the decision turns it into the
    kind of review decided (or closes it when no further review is needed); publication
    closes a practice review.
    """
    if key not in DONE_COLUMNS:
        raise ValidationError(f"There is no milestone called {key}.", "milestone")
    label = MILESTONE_LABELS[key].lower()
    day = parse_date(done_date, f"date of the {label}")
    with store.transaction():
        review = get_review(store, review_id)
        if key not in _applicable(review):
            raise ValidationError(
                f"A {review.kind} has no milestone '{MILESTONE_LABELS[key]}'.", "milestone"
            )
        values = review_values(review)
        values[DONE_COLUMNS[key]] = day
        if key == "notification" and review.kind == "serious incident notification":
            values["kind"] = "rapid review"
        if key == "decision":
            choice = (decision or "").strip()
            if choice not in DECISIONS:
                raise ValidationError(
                    f"Choose the decision: {', '.join(DECISIONS)}.",
                    "decision",
                )
            values["decision"] = choice
            new_kind = DECISIONS[choice]
            if new_kind is None:
                values["closed_date"] = day
            else:
                values["kind"] = new_kind
        if key == "commissioned":
            name = (reviewer or "").strip()
            if not name:
                raise ValidationError("Enter who has been commissioned as reviewer.", "reviewer")
            values["reviewer"] = name
        if key == "publication":
            values["closed_date"] = day
        save_review(store, values, review_id)


def record_delay(
    store: Store,
    review_id: int,
    milestone: str,
    reason: str,
    revised_date: str | dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> int:
    """A milestone will be missed: keep the reason (e.g. criminal proceedings) and the new date."""
    text = check_no_identity(reason, "reason", "The reason for the delay")
    if not text:
        raise ValidationError("Say why the milestone is delayed.", "reason")
    revised = optional_date(revised_date, "revised date")
    with store.transaction():
        items = {m.key: m for m in review_milestones(store, review_id)}
        item = items.get(milestone)
        if item is None or not item.applicable:
            raise ValidationError("Choose a milestone of this review.", "milestone")
        if item.done is not None:
            raise ValidationError(f"'{item.label}' is already done.", "milestone")
        if revised and item.due and revised <= item.due:
            raise ValidationError(
                f"The revised date ({uk(revised)}) must be after the date it was due "
                f"({uk(item.due)}).",
                "revised_date",
            )
        delay_id = store.insert(
            "review_delays",
            {
                "review_id": review_id,
                "milestone": milestone,
                "reason": text,
                "revised_date": iso(revised),
                "recorded_on": (today or dt.date.today()).isoformat(),
            },
        )
        _sync_clock(store, review_id)
    return delay_id


def delete_delay(store: Store, delay_id: int) -> Row:
    with store.transaction():
        row = store.delete("review_delays", delay_id)
        _sync_clock(store, int(row["review_id"]))
    return row


def restore_delay(store: Store, row: Row) -> int:
    """Put back a deleted delay (undo), with the review's clock recomputed."""
    with store.transaction():
        delay_id = store.insert("review_delays", dict(row))
        _sync_clock(store, int(row["review_id"]))
    return delay_id


def delete_review(store: Store, review_id: int) -> Row:
    """Delete a review entered by mistake; one with recommendations must be closed instead."""
    with store.transaction():
        review = get_review(store, review_id)
        if review.recommendations:
            count = pluralise(review.recommendations, "recommendation")
            raise ValidationError(
                f"{review.reference} has {count}, so it cannot be deleted. Close it instead "
                "to keep its record.",
                "recommendations",
            )
        row = dict(store.require("reviews", review_id))
        row["_delays"] = [
            dict(r) for r in store.rows("review_delays", "review_id = ?", [review_id])
        ]
        store.delete("reviews", review_id)  # delays go with it (ON DELETE CASCADE)
    return row


def _restore_review(store: Store, row: Row) -> int:
    with store.transaction():
        new_id = store.insert("reviews", {k: v for k, v in row.items() if not k.startswith("_")})
        for delay in row.get("_delays", []):
            store.insert("review_delays", delay)
    return new_id


def close_review(store: Store, review_id: int, closed: str | dt.date) -> None:
    review = get_review(store, review_id)
    values = review_values(review)
    values["closed_date"] = parse_date(closed, "date the review was closed")
    save_review(store, values, review_id)


# --------------------------------------------------------------------------- recommendations


def list_recommendations(store: Store, review_id: int | None = None) -> list[Recommendation]:
    rows = store.query(
        "SELECT x.*, coalesce(o.name, '') AS owner, r.reference FROM review_recommendations x"
        " JOIN reviews r ON r.id = x.review_id"
        " LEFT JOIN organisations o ON o.id = x.owner_organisation_id"
        + (" WHERE x.review_id = ?" if review_id is not None else "")
        + " ORDER BY r.reference, x.number",
        [review_id] if review_id is not None else [],
    )
    return [Recommendation.from_row(r) for r in rows]


def save_recommendation(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    text = check_no_identity(str(values.get("text") or ""), "text", "The recommendation")
    if not text:
        raise ValidationError("Enter the recommendation.", "text")
    status = str(values.get("status") or "open")
    if status not in RECOMMENDATION_STATUSES:
        raise ValidationError(f"Choose a status: {', '.join(RECOMMENDATION_STATUSES)}.", "status")
    owner = values.get("owner_organisation_id")
    clean: dict[str, Any] = {
        "text": text,
        "status": status,
        "owner_organisation_id": int(owner) if owner else None,
        "target_date": iso(optional_date(values.get("target_date"), "target date")),
        "notes": check_no_identity(str(values.get("notes") or ""), "notes", "The notes"),
    }
    with store.transaction():
        if record_id is None:
            review_id = int(values.get("review_id") or 0)
            get_review(store, review_id)
            clean["review_id"] = review_id
            clean["number"] = 1 + int(
                store.scalar(
                    "SELECT coalesce(max(number), 0) FROM review_recommendations"
                    " WHERE review_id = ?",
                    [review_id],
                )
            )
            return store.insert("review_recommendations", clean)
        store.update("review_recommendations", record_id, clean)
        return record_id


def delete_recommendation(store: Store, recommendation_id: int) -> Row:
    with store.transaction():
        linked = linked_actions(store, recommendation_id=recommendation_id)
        if linked:
            refs = ", ".join(a.reference for a in linked)
            raise ValidationError(
                f"This recommendation has actions in the action log ({refs}), so it cannot be "
                "deleted. Mark it 'not accepted' instead, or delete those actions first.",
                "actions",
            )
        return store.delete("review_recommendations", recommendation_id)


# --------------------------------------------------------------------------- links to actions


@dataclass(frozen=True)
class LinkedAction:
    """An action in the action log raised from a recommendation (or an audit)."""

    id: int
    reference: str
    title: str
    status: str
    due_date: str
    owner: str
    recommendation_id: int | None
    audit_id: int | None

    def rag(self, today: dt.date, amber_days: int) -> str:
        from lscp_desktop.models.actions import rag

        return rag(self, today, amber_days)

    def summary(self, today: dt.date) -> str:
        late = (
            self.status in ("open", "in progress", "on hold") and self.due_date < today.isoformat()
        )
        return f"{self.reference} {self.status}" + (
            f", overdue since {uk(self.due_date)}" if late else ""
        )


def linked_actions(
    store: Store,
    *,
    review_id: int | None = None,
    recommendation_id: int | None = None,
    audit_id: int | None = None,
) -> list[LinkedAction]:
    """Actions raised from a review's recommendations, one recommendation, or an audit."""
    where, params = ["(a.recommendation_id IS NOT NULL OR a.audit_id IS NOT NULL)"], []
    if review_id is not None:
        where.append("x.review_id = ?")
        params.append(review_id)
    if recommendation_id is not None:
        where.append("a.recommendation_id = ?")
        params.append(recommendation_id)
    if audit_id is not None:
        where.append("a.audit_id = ?")
        params.append(audit_id)
    rows = store.query(
        "SELECT a.id, a.reference, a.title, a.status, a.due_date, coalesce(p.name, '') AS owner,"
        " a.recommendation_id, a.audit_id FROM actions a"
        " LEFT JOIN review_recommendations x ON x.id = a.recommendation_id"
        " LEFT JOIN people p ON p.id = a.owner_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.due_date, a.id",
        params,
    )
    return [LinkedAction(**r) for r in rows]


def raise_action(
    store: Store,
    recommendation_id: int,
    *,
    body_id: int | None,
    due_date: str | dt.date | None,
    owner_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Put a recommendation into the action log of *body_id*, linked both ways: the action
    names the review and recommendation as its source, and the recommendation lists the action
    (and shows its progress). A recommendation still 'open' becomes 'in progress'."""
    from lscp_desktop.models import actions

    today = today or dt.date.today()
    rows = store.query(
        "SELECT x.*, r.reference FROM review_recommendations x"
        " JOIN reviews r ON r.id = x.review_id WHERE x.id = ?",
        [recommendation_id],
    )
    if not rows:
        store.require("review_recommendations", recommendation_id, "recommendation")
    rec = Recommendation.from_row(rows[0])
    text = " ".join(rec.text.split())
    title = text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "…"
    values = {
        "body_id": body_id,
        "title": title,
        "detail": text,
        "source": "practice review",
        "source_note": f"{rec.reference} recommendation {rec.number}",
        "owner_id": owner_id,
        "organisation_id": rec.owner_organisation_id,
        "raised_date": today.isoformat(),
        "due_date": due_date or rec.target_date,
        "status": "open",
    }
    with store.transaction():
        action_id = actions.save_action(store, values, allow_owner_left=True, on=today)
        store.update("actions", action_id, {"recommendation_id": recommendation_id})
        if rec.status == "open":
            store.update("review_recommendations", recommendation_id, {"status": "in progress"})
    return action_id


def source_of_action(store: Store, action_id: int) -> tuple[str, int] | None:
    """Where an action came from in this domain: ("reviews", review id) for a recommendation,
    ("reviews:audits", audit id) for an audit; None otherwise (the link back from the log)."""
    rows = store.query(
        "SELECT x.review_id, a.audit_id FROM actions a"
        " LEFT JOIN review_recommendations x ON x.id = a.recommendation_id WHERE a.id = ?",
        [action_id],
    )
    if not rows:
        return None
    if rows[0]["review_id"] is not None:
        return "reviews", int(rows[0]["review_id"])
    if rows[0]["audit_id"] is not None:
        return "reviews:audits", int(rows[0]["audit_id"])
    return None


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    """One dated thing the business manager must make happen."""

    due: str
    area: str  # "Review", "Audit" or "Yearly report"
    what: str
    reference: str
    page: str  # where it opens: "reviews", "reviews:audits" or "reviews:yearly"
    record_id: int
    status: str
    rag: str
    days_left: int
    statutory: bool


def deadlines(store: Store, today: dt.date | None = None, within: int = 30) -> list[Deadline]:
    """Everything not yet done that is overdue or falls due within *within* days of *today*:
    review milestones, planned audits, and the yearly report's publication and dispatch."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=within)
    out: list[Deadline] = []
    rules = ClockRules.of(store)
    delays: dict[int, list[Delay]] = {}
    for row in store.query(
        "SELECT d.* FROM review_delays d JOIN reviews r ON r.id = d.review_id"
        " WHERE r.closed_date IS NULL"
    ):
        delays.setdefault(row["review_id"], []).append(Delay.from_row(row))
    for review in list_reviews(store, open_only=True):
        items = milestones(review, rules, delays.get(review.id, []))
        open_items = {m.key: m for m in items if m.applicable and m.done is None}
        for m in items:
            due = m.effective_due
            if not m.applicable or m.done is not None or due is None or due > horizon:
                continue
            rapid = open_items.get("rapid_review")
            if m.key == "decision" and rapid and rapid.effective_due == due:
                continue  # the decision goes with the rapid review: one entry, not two
            status = m.status(today)
            out.append(
                Deadline(
                    due.isoformat(),
                    "Review",
                    f"{review.reference}: {m.label}",
                    review.reference,
                    "reviews",
                    review.id,
                    status.text,
                    status.rag,
                    status.days_left or 0,
                    m.statutory,
                )
            )
    for audit in list_audits(store):
        planned = dt.date.fromisoformat(audit.planned_date)
        if audit.completed_date or planned > horizon:
            continue
        out.append(
            _dated(
                "Audit",
                f"{audit.kind} audit: {audit.title}",
                audit.title,
                "reviews:audits",
                audit.id,
                planned,
                today,
                statutory=False,
            )
        )
    for report in list_yearly_reports(store):
        if not report.published_date:
            if report.planned_publication_date:
                planned = dt.date.fromisoformat(report.planned_publication_date)
                if planned <= horizon:
                    out.append(
                        _dated(
                            "Yearly report",
                            f"Yearly report {report.year}: publish",
                            report.year,
                            "reviews:yearly",
                            report.id,
                            planned,
                            today,
                            statutory=False,
                        )
                    )
            continue
        due = dt.date.fromisoformat(report.dispatch_due or report.published_date)
        if due > horizon:
            continue
        pending = [
            name
            for name, sent in (
                ("the national Panel", report.panel_sent_date),
                ("the What Works body", report.what_works_sent_date),
            )
            if not sent
        ]
        for name in pending:
            out.append(
                _dated(
                    "Yearly report",
                    f"Yearly report {report.year}: send to {name}",
                    report.year,
                    "reviews:yearly",
                    report.id,
                    due,
                    today,
                    statutory=True,
                )
            )
        boards = [r.recipient for r in report.recipients if not r.sent_date]
        if boards:
            out.append(
                _dated(
                    "Yearly report",
                    f"Yearly report {report.year}: send to {pluralise(len(boards), 'board')}",
                    report.year,
                    "reviews:yearly",
                    report.id,
                    due,
                    today,
                    statutory=False,
                )
            )
    out.sort(key=lambda d: (d.due, d.area, d.what))
    return out


def _dated(
    area: str,
    what: str,
    reference: str,
    page: str,
    record_id: int,
    due: dt.date,
    today: dt.date,
    *,
    statutory: bool,
) -> Deadline:
    status = clock_status(due, today)
    return Deadline(
        due.isoformat(),
        area,
        what,
        reference,
        page,
        record_id,
        status.text,
        status.rag,
        status.days_left or 0,
        statutory,
    )


RESTORERS.update(
    {
        "reviews": _restore_review,
        "review_delays": None,
        "review_recommendations": None,
    }
)
