"""The retention schedule: what it proposes to erase, and carrying out what is confirmed.

The ICO expects an organisation to know how long it keeps each kind of personal data and to
erase or anonymise it when that time is up. The schedule is three settings (declared in
:mod:`~lscp_desktop.models.core.settings`): people who left more than N years ago (unless
linked to a practice review), history detail older than N years, and practice review records
closed more than N years ago (0 keeps them, the partnership's own policy deciding). A review
past its time is anonymised rather than deleted: its reference, kind and dates stay, so the
yearly figures and clocks stay right, and its summary, notes and reviewer are cleared, here
and in its history.
:func:`proposals` lists what is due; nothing is erased until :func:`carry_out` is called with
the proposals the business manager confirmed.
"""

from __future__ import annotations

import datetime as dt
import json

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import add_months, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.privacy import queries
from lscp_desktop.models.privacy.erasure import erase_person
from lscp_desktop.models.privacy.records import Proposal
from lscp_desktop.models.store.database import Store

_OPEN_ENDED = "9999-12-31"


def cutoff(today: dt.date, years: int) -> dt.date:
    return add_months(today, -12 * years)


def proposals(store: Store, *, today: dt.date | None = None) -> list[Proposal]:
    """What the schedule says is due for erasure today, oldest first within each kind."""
    today = today or dt.date.today()
    found: list[Proposal] = []
    years = settings.get_int(store, "retention_people_years")
    before = cutoff(today, years).isoformat()
    for row in queries.people_last_seen(store):
        last = str(row["last_seen"] or "")
        if last >= before or str(row["name"]).startswith("Former member "):
            continue
        if queries.linked_to_practice_review(store, int(row["id"]), str(row["name"])):
            continue
        when = f"last on record {uk(last)}" if last else "no membership, role or meeting"
        found.append(
            Proposal("person", int(row["id"]), str(row["name"]),
                     f"Left more than {years} years ago ({when})."),
        )  # fmt: skip
    for row in queries.deleted_people(store):
        try:
            name = str(json.loads(row["old"]).get("name") or "")
        except (TypeError, ValueError, AttributeError):
            name = ""
        found.append(
            Proposal("deleted person", int(row["id"]), name or f"Person #{row['id']}",
                     f"Deleted {uk(str(row['at'])[:10])}; their details are still in the "
                     "history."),
        )  # fmt: skip
    years = settings.get_int(store, "retention_audit_years")
    day = cutoff(today, years).isoformat()
    count = store.history_detail_before(day)
    if count:
        found.append(
            Proposal("history", 0,
                     f"{count:,} history {'entry' if count == 1 else 'entries'} before {uk(day)}",
                     f"History detail older than {years} years: who changed what, and when, "
                     "is kept; the values before and after are cleared."),
        )  # fmt: skip
    years = settings.get_int(store, "retention_review_years")
    if years:
        day = cutoff(today, years).isoformat()
        for row in queries.reviews_closed_before(store, day):
            found.append(
                Proposal("review", int(row["id"]), f"{row['reference']} ({row['kind']})",
                         f"Closed {uk(row['closed_date'])}, more than {years} years ago: "
                         "its summary, notes and reviewer would be cleared."),
            )  # fmt: skip
    return found


def carry_out(
    store: Store, chosen: list[Proposal], reason: str, *, today: dt.date | None = None
) -> list[str]:
    """Erase, clear or delete what was confirmed; returns one line per thing done. A refusal
    (a record changed since) stops there with a message; what was done before stays done."""
    if not " ".join(reason.split()):
        raise ValidationError("Say why (e.g. 'Retention schedule, review of 2026').", "reason")
    done = []
    for p in chosen:
        if p.kind in ("person", "deleted person"):
            plan = erase_person(store, p.record_id, reason)
            done.append(f"{p.what}: erased; now {plan.label}.")
        elif p.kind == "history":
            years = settings.get_int(store, "retention_audit_years")
            day = cutoff(today or dt.date.today(), years).isoformat()
            n = store.history_detail_before(day, clear=True)
            store.compact()
            done.append(f"History detail before {uk(day)} cleared from {n:,} entries.")
        elif p.kind == "review":
            anonymise_review(store, p.record_id)
            store.compact()
            done.append(f"{p.what}: summary, notes and reviewer cleared.")
    return done


_REVIEW_TEXT = ("summary", "notes", "reviewer")


def anonymise_review(store: Store, review_id: int) -> None:
    """Clear a closed review's free text and reviewer, in the record and in its history."""
    with store.transaction():
        store.require("reviews", review_id, "review")
        store.update("reviews", review_id, dict.fromkeys(_REVIEW_TEXT, ""))
        store.rewrite_history(
            [(e.id, None, None) for e in store.history("reviews", review_id)
             if e.field in _REVIEW_TEXT or e.field == "*"]
        )  # fmt: skip
