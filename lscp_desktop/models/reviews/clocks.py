"""Keeping each review's nearest clock up to date: after a write to the review, after a delay
is recorded or taken back, and after one of the partnership's clock targets changes in the
settings (the recomputation this module registers with :mod:`~lscp_desktop.models.core.settings`).
"""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import iso, optional_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.milestones import (
    CLOCK_SETTINGS,
    ClockRules,
    milestones,
    next_clock,
)
from lscp_desktop.models.reviews.register import get_review, list_delays, review_milestones
from lscp_desktop.models.store.database import Row, Store


def sync_clock(store: Store, review_id: int, rules: ClockRules | None = None) -> None:
    """Store the review's nearest open clock (label, due date, statutory) for the register."""
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
        for review_id in queries.review_ids(store):
            sync_clock(store, review_id, rules)


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
    text = reason.strip()
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
        sync_clock(store, review_id)
    return delay_id


def delete_delay(store: Store, delay_id: int) -> Row:
    with store.transaction():
        row = store.delete("review_delays", delay_id)
        sync_clock(store, int(row["review_id"]))
    return row


def restore_delay(store: Store, row: Row) -> int:
    """Put back a deleted delay (undo), with the review's clock recomputed."""
    with store.transaction():
        delay_id = store.insert("review_delays", dict(row))
        sync_clock(store, int(row["review_id"]))
    return delay_id


settings.register_recompute(settings.REVIEW_CLOCKS, CLOCK_SETTINGS, recompute_clocks)
RESTORERS["review_delays"] = None
