"""A practice review from first notice to closure, and the rules for what it may hold.

A case moves from a serious incident notification through a rapid review to a decision, and
perhaps a local child safeguarding practice review (CSPR), each step on the clocks of
:mod:`.milestones`. A review holds a reference code only: like every text the app keeps, each
field passes the child-identity guard at the store's door (:mod:`~lscp_desktop.models.core.
text_policy`) before it is saved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Any

from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.dates import iso, optional_date, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.child_rows import delete_with_rows, restore_with_rows
from lscp_desktop.models.reviews.clocks import sync_clock
from lscp_desktop.models.reviews.milestones import (
    DONE_COLUMNS,
    MILESTONE_LABELS,
    OPTIONAL_STEPS,
    ClockRules,
    applicable_milestones,
)
from lscp_desktop.models.reviews.records import DECISIONS, REVIEW_KINDS, Review
from lscp_desktop.models.reviews.register import get_review
from lscp_desktop.models.store.database import Row, Store

_DIGIT = re.compile(r"\d")
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /&().'-]{1,29}$")
_PSEUDONYM = re.compile(
    r"^(?:[A-Z]{2,6}\s+)?(?:child|children|baby|babies|infant|family|young\s+person|siblings?)"
    r"\s+[A-Z]{1,2}(?:\s*(?:,|and|&)\s*[A-Z]{1,2})*$",
    re.IGNORECASE,
)
_SINGLE_LETTERS = re.compile(r"^[A-Z]{1,2}$")

_TEXT_FIELDS = ("summary", "notes", "reviewer", "local_authority", "response")
_DATE_FIELDS = {
    "aware_date": "date the local authority became aware",
    "notified_date": "date of the notification to the Panel",
    "partners_told_date": "date the safeguarding partners were told",
    "lac_notice_date": "date the Secretary of State and Ofsted were told",
    "rapid_review_date": "date the rapid review was sent",
    "decision_date": "date of the decision",
    "ratified_date": "date the partners ratified the decision",
    "initiated_date": "date the serious case review was initiated",
    "commissioned_date": "date the reviewer was commissioned",
    "draft_date": "date of the draft report",
    "final_date": "date of the final report",
    "sent_to_panel_date": "date the final report went to the Panel",
    "sos_sent_date": "date the final report went to the Secretary of State",
    "ofsted_sent_date": "date the final report went to Ofsted",
    "planned_publication_date": "planned publication date",
    "published_date": "publication date",
    "closed_date": "date the review was closed",
    "repository_date": "date it went into the national repository",
    "panel_published_date": "date the Panel published the review",
    "response_date": "date of the partnership's response",
}
#: (earlier, later): the later date may not come before the earlier one.
_ORDER_RULES = (
    ("aware_date", "notified_date"),
    ("aware_date", "partners_told_date"),
    ("aware_date", "lac_notice_date"),
    ("decision_date", "ratified_date"),
    ("initiated_date", "draft_date"),
    ("initiated_date", "published_date"),
    ("final_date", "sos_sent_date"),
    ("final_date", "ofsted_sent_date"),
    ("sos_sent_date", "published_date"),
    ("ofsted_sent_date", "published_date"),
    ("published_date", "repository_date"),
    ("panel_published_date", "response_date"),
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
    text = text_policy.admit("reviews", "reference", text)  # the identity message comes first
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
    for key in _TEXT_FIELDS:
        clean[key] = str(values.get(key) or "").strip()
    decision = str(values.get("decision") or "").strip()
    if decision and decision not in DECISIONS:
        raise ValidationError(
            f"'{decision}' is not a decision; choose one of: {', '.join(DECISIONS)}.", "decision"
        )
    clean["decision"] = decision
    clean["looked_after"] = 1 if values.get("looked_after") else 0
    for key, label in _DATE_FIELDS.items():
        clean[key] = iso(optional_date(values.get(key), label))
    if clean["initiated_date"] and kind != "legacy SCR":
        raise ValidationError(
            "Only a legacy serious case review has a date of initiation; a practice review runs "
            "from its decision.",
            "initiated_date",
        )
    if clean["response_date"] and not clean["response"]:
        raise ValidationError("Say what the partnership's response was, with its date.", "response")
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
    if queries.reference_taken(store, clean["reference"], record_id):
        raise ValidationError(
            f"There is already a review with the reference {clean['reference']}.", "reference"
        )
    return clean


def save_review(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add (``record_id=None``) or change a review; its clocks are recomputed."""
    with store.transaction():
        clean = _clean_review(store, values, record_id)
        if record_id is None:
            record_id = store.insert("reviews", clean)
        else:
            store.update("reviews", record_id, clean)
        sync_clock(store, record_id)
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
    partners_told_date: str | dt.date | None = None,
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
    if partners_told_date:
        values["partners_told_date"] = partners_told_date
    return save_review(store, values)


@dataclass(frozen=True)
class Step:
    """The next thing to record on a review."""

    key: str
    label: str
    needs_decision: bool = False
    needs_reviewer: bool = False
    needs_response: bool = False


def next_step(review: Review, rules: ClockRules | None = None) -> Step | None:
    """What to record next on an open review, in the order the clocks run (steps recorded
    whenever they happen, such as ratification, are left to the review's form)."""
    if not review.is_open:
        return None
    applicable = applicable_milestones(review, rules)
    for key in DONE_COLUMNS:
        if key in OPTIONAL_STEPS:
            continue
        if key in applicable and getattr(review, DONE_COLUMNS[key]) is None:
            if key in ("notification", "partners_told", "lac_notice") and not review.aware_date:
                continue
            return Step(
                key,
                MILESTONE_LABELS[key],
                needs_decision=key == "decision",
                needs_reviewer=key == "commissioned",
                needs_response=key == "response",
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
    response: str | None = None,
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
        if key not in applicable_milestones(review, ClockRules.of(store)):
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
        if key == "response":
            values["response"] = (response or "").strip() or review.response
        if key in ("publication", "publication_maximum", "publication_last_date"):
            values["closed_date"] = day
        save_review(store, values, review_id)


def close_review(store: Store, review_id: int, closed: str | dt.date) -> None:
    review = get_review(store, review_id)
    values = review_values(review)
    values["closed_date"] = parse_date(closed, "date the review was closed")
    save_review(store, values, review_id)


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
        return delete_with_rows(  # its delays go with it, and come back with it on undo
            store, "reviews", review_id, "review", {"_delays": ("review_delays", "review_id")}
        )


def _restore_review(store: Store, row: Row) -> int:
    return restore_with_rows(store, "reviews", row, {"_delays": "review_delays"})


RESTORERS["reviews"] = _restore_review
