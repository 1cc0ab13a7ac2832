"""Reading practice reviews: the register with each review's nearest clock, one review, and its
milestones with their delays.

Each review keeps its nearest open clock in ``next_milestone``/``next_due`` (recomputed on every
write by :mod:`.clocks`), so the register and the Home page list clocks close to expiry with one
indexed query and without loading the bank-holiday library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.milestones import (
    ClockRules,
    Milestone,
    MilestoneStatus,
    clock_status,
    milestones,
    unit_of,
)
from lscp_desktop.models.reviews.records import Delay, Review
from lscp_desktop.models.store.database import Store


def list_reviews(store: Store, *, open_only: bool = False) -> list[Review]:
    return [Review.from_row(r) for r in queries.reviews(store, open_only=open_only)]


def get_review(store: Store, review_id: int) -> Review:
    row = queries.review(store, review_id)
    if row is None:
        store.require("reviews", review_id, "review")  # raises NotFoundError
        raise AssertionError  # pragma: no cover - require raised
    return Review.from_row(row)


def list_delays(store: Store, review_id: int) -> list[Delay]:
    return [Delay.from_row(r) for r in queries.delays_of(store, review_id)]


def review_milestones(store: Store, review_id: int) -> list[Milestone]:
    return milestones(
        get_review(store, review_id), ClockRules.of(store), list_delays(store, review_id)
    )


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
            clock_status(review.next_due, today, unit_of(review.next_milestone))
            if review.is_open
            else MilestoneStatus(review.stage, "done")
        )
        lines.append(ReviewLine(review, status))
    return lines
