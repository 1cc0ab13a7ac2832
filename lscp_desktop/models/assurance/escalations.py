"""The professional challenge and escalation log (seed 003: "we will keep a log of the main
challenges raised"): who raised a challenge with whom, why, each stage of the escalation
protocol it reached and when, how it ended, what was learnt, and the actions raised from it.

No child is named: like every text the app keeps, each field passes the child-identity guard at
the store's door (:mod:`~lscp_desktop.models.core.text_policy`), and the log identifies a case by
the escalation's own reference only.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.actions.records import Action
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.assurance import queries
from lscp_desktop.models.assurance.records import (
    ESCALATION_OUTCOMES,
    ESCALATION_REASONS,
    ESCALATION_STAGES,
    Escalation,
    EscalationSummary,
)
from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.dates import FinancialYear, iso, optional_date, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.store.database import Row, Store

_TEXT_FIELDS = ("summary", "learning", "notes", "local_authority")
MAX_REFERENCE = 30


def list_escalations(
    store: Store,
    *,
    year: FinancialYear | None = None,
    open_only: bool = False,
) -> list[Escalation]:
    """The log (one financial year's, or all of it), newest first, with linked actions."""
    rows = queries.escalations(
        store,
        start=year.start.isoformat() if year else None,
        end=year.end.isoformat() if year else None,
        open_only=open_only,
    )
    links: dict[int, list[Row]] = {}
    for link in queries.escalation_links(store):
        links.setdefault(int(link["escalation_id"]), []).append(link)
    out = []
    for row in rows:
        e = Escalation.from_row(row)
        e.action_ids = [int(x["action_id"]) for x in links.get(e.id, [])]
        e.actions = [str(x["reference"]) for x in links.get(e.id, [])]
        out.append(e)
    return out


def get_escalation(store: Store, escalation_id: int) -> Escalation:
    row = queries.escalation(store, escalation_id)
    if row is None:
        store.require("escalations", escalation_id, "escalation")
        raise AssertionError  # pragma: no cover - require raised
    e = Escalation.from_row(row)
    links = queries.escalation_links(store, escalation_id)
    e.action_ids = [int(x["action_id"]) for x in links]
    e.actions = [str(x["reference"]) for x in links]
    return e


def next_reference(store: Store, raised: dt.date | str | None = None) -> str:
    """The next reference of the financial year the challenge was raised in: ESC 2025-04."""
    day = parse_date(raised, "date raised") if raised else dt.date.today()
    prefix = f"ESC {FinancialYear.containing(day).start_year}-"
    numbers = [
        int(ref[len(prefix) :])
        for ref in queries.references_like(store, prefix)
        if ref[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def _clean(store: Store, values: dict[str, Any], record_id: int | None) -> dict[str, Any]:
    raised = parse_date(values.get("raised_date"), "date raised")
    reference = " ".join(as_text(values.get("reference")).split())
    if not reference:
        reference = next_reference(store, raised)
    reference = text_policy.admit("escalations", "reference", reference)  # identity message first
    if len(reference) > MAX_REFERENCE:
        raise ValidationError(
            f"Keep the reference to {MAX_REFERENCE} characters, e.g. ESC 2025-04.", "reference"
        )
    raising = optional_id(values, "raising_organisation_id")
    challenged = optional_id(values, "challenged_organisation_id")
    if raising is None:
        raise ValidationError(
            "Choose the agency that raised the challenge.", "raising_organisation_id"
        )
    if challenged is None:
        raise ValidationError(
            "Choose the agency whose decision or practice was challenged.",
            "challenged_organisation_id",
        )
    if raising == challenged:
        raise ValidationError(
            "An agency cannot escalate to itself: choose the agency challenged.",
            "challenged_organisation_id",
        )
    store.require("organisations", raising, "organisation")
    store.require("organisations", challenged, "organisation")
    reason = str(values.get("reason") or "").strip()
    if reason not in ESCALATION_REASONS:
        raise ValidationError(f"Choose the reason: {', '.join(ESCALATION_REASONS)}.", "reason")
    clean: dict[str, Any] = {
        "reference": reference,
        "raised_date": raised.isoformat(),
        "raising_organisation_id": raising,
        "challenged_organisation_id": challenged,
        "reason": reason,
    }
    for key in _TEXT_FIELDS:
        clean[key] = as_text(values.get(key)).strip()
    stages: dict[int, dt.date | None] = {
        n: optional_date(values.get(f"stage{n}_date"), f"date of stage {n}")
        for n in ESCALATION_STAGES
    }
    stages[1] = stages[1] or raised
    previous, previous_n = raised, 0
    for n, day in stages.items():
        if day is None:
            continue
        if previous_n < n - 1:
            raise ValidationError(
                f"Stage {n} was reached, so give the date of stage {n - 1} too.",
                f"stage{n - 1}_date",
            )
        if day < previous:
            what = "it was raised" if previous_n == 0 else f"stage {previous_n}"
            raise ValidationError(
                f"Stage {n} ({uk(day)}) is before {what} ({uk(previous)}).", f"stage{n}_date"
            )
        clean[f"stage{n}_date"] = day.isoformat()
        previous, previous_n = day, n
    for n in ESCALATION_STAGES:
        clean.setdefault(f"stage{n}_date", None)
    resolved = optional_date(values.get("resolved_date"), "date resolved")
    outcome = str(values.get("outcome") or "").strip()
    if outcome and outcome not in ESCALATION_OUTCOMES:
        raise ValidationError(f"Choose the outcome: {', '.join(ESCALATION_OUTCOMES)}.", "outcome")
    if resolved and not outcome:
        raise ValidationError("Record how the challenge ended along with its date.", "outcome")
    if outcome and not resolved:
        raise ValidationError("Record the date the challenge was resolved.", "resolved_date")
    if resolved and resolved < previous:
        raise ValidationError(
            f"It was resolved ({uk(resolved)}) before its last stage ({uk(previous)}).",
            "resolved_date",
        )
    clean["outcome"] = outcome
    clean["resolved_date"] = iso(resolved)
    if queries.reference_taken(store, reference, record_id):
        raise ValidationError(f"There is already an escalation {reference}.", "reference")
    return clean


def save_escalation(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add (``record_id=None``) or change an escalation; a new one without a reference gets the
    next of its financial year."""
    with store.transaction():
        clean = _clean(store, values, record_id)
        if record_id is None:
            return store.insert("escalations", clean)
        store.update("escalations", record_id, clean)
        return record_id


def delete_escalation(store: Store, escalation_id: int) -> Row:
    """Delete an escalation entered by mistake; one with actions in the log is kept."""
    with store.transaction():
        links = queries.escalation_links(store, escalation_id)
        if links:
            refs = ", ".join(str(x["reference"]) for x in links)
            raise ValidationError(
                f"This escalation has actions in the action log ({refs}), so it cannot be "
                "deleted. Record its outcome instead, or delete those actions first.",
                "actions",
            )
        return store.delete("escalations", escalation_id)


def raise_action(
    store: Store,
    escalation_id: int,
    *,
    body_id: int | None,
    title: str,
    due_date: str | dt.date | None,
    owner_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Put an action arising from an escalation into a body's action log, linked both ways:
    the action names the escalation as its source, the escalation lists the action."""
    today = today or dt.date.today()
    with store.transaction():
        e = get_escalation(store, escalation_id)
        action_id = save_action(
            store,
            {
                "body_id": body_id,
                "title": title,
                "source": "other",
                "source_note": f"Escalation {e.reference} ({e.raising_organisation} to "
                f"{e.challenged_organisation})",
                "owner_id": owner_id,
                "organisation_id": e.challenged_organisation_id,
                "raised_date": today.isoformat(),
                "due_date": due_date,
                "status": "open",
            },
            allow_owner_left=True,
            on=today,
        )
        store.insert("escalation_actions", {"escalation_id": escalation_id, "action_id": action_id})
    return action_id


def link_action(store: Store, escalation_id: int, action_id: int) -> int:
    """Link an action already in a log to an escalation."""
    with store.transaction():
        store.require("escalations", escalation_id, "escalation")
        store.require("actions", action_id, "action")
        found = queries.escalation_link(store, escalation_id, action_id)
        if found is not None:
            return int(found["id"])
        return store.insert(
            "escalation_actions", {"escalation_id": escalation_id, "action_id": action_id}
        )


#: An action that answers an escalation is raised from about its time on: the window offers
#: actions raised from this many days before the escalation was raised.
LINK_WINDOW_DAYS = 90


def linkable_actions(store: Store, escalation_id: int) -> list[Action]:
    """The actions an escalation could be linked to, newest first: raised from a quarter
    before it was raised, and not linked to it already."""
    e = get_escalation(store, escalation_id)
    since = (dt.date.fromisoformat(e.raised_date) - dt.timedelta(days=LINK_WINDOW_DAYS)).isoformat()
    linked = set(e.actions)
    found = [a for a in list_actions(store) if a.raised_date >= since and a.reference not in linked]
    return sorted(found, key=lambda a: (a.raised_date, a.id), reverse=True)


def escalation_of_action(store: Store, action_id: int) -> int | None:
    """The escalation an action came from (the link back from the action log)."""
    return queries.escalation_of_action(store, action_id)


def summarise(
    store: Store, year: FinancialYear | None = None, *, log: list[Escalation] | None = None
) -> EscalationSummary:
    """A year's escalations (or the whole log's, to today): how many were raised and resolved,
    how far they went, who raised them with whom, why, how they ended, and how long resolution
    took. *log* is the whole log, where the caller has read it already (it is read once)."""
    start = year.start.isoformat() if year else "0001-01-01"
    end = year.end.isoformat() if year else dt.date.today().isoformat()
    everything = list_escalations(store) if log is None else log
    raised = [e for e in everything if start <= e.raised_date <= end] if year else everything
    summary = EscalationSummary(raised=len(raised))
    for n in ESCALATION_STAGES:
        summary.by_stage[n] = 0
    days = []
    for e in raised:
        summary.by_stage[e.stage] += 1
        for counter, key in (
            (summary.by_raising, e.raising_organisation),
            (summary.by_challenged, e.challenged_organisation),
            (summary.by_reason, e.reason),
        ):
            counter[key] = counter.get(key, 0) + 1
    for e in everything:
        if e.resolved_date and start <= e.resolved_date <= end:
            summary.resolved += 1
            summary.by_outcome[e.outcome] = summary.by_outcome.get(e.outcome, 0) + 1
            days.append(e.days_open(dt.date.fromisoformat(end)))
        if e.raised_date <= end and not (e.resolved_date and e.resolved_date <= end):
            summary.open_at_end += 1
    if days:
        summary.median_days_to_resolve = round(statistics.median(days))
    for counter in (summary.by_raising, summary.by_challenged, summary.by_reason):
        ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        counter.clear()
        counter.update(ordered)
    return summary


def _check(store: Store, row: Row, record_id: int) -> object:
    return _clean(store, row, record_id)


register("escalations", check=_check, remove=delete_escalation)
