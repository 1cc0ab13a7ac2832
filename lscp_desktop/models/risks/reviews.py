"""Risk reviews: recording one (which moves the risk's residual scores and next review date
when it is the latest), a risk's reviews and score over time, and a whole register's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import add_months, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.risks import queries as q
from lscp_desktop.models.risks.records import RegisterReview, RiskReview
from lscp_desktop.models.risks.scoring import checked_score
from lscp_desktop.models.store.database import Store


def record_review(
    store: Store,
    risk_id: int,
    values: dict[str, Any],
    *,
    on: dt.date | None = None,
) -> int:
    """Record a review: date, residual likelihood and impact, note. Updates the risk's residual
    scores (if this is its latest review) and its next review date."""
    day = parse_date(values.get("review_date") or on or dt.date.today(), "review date")
    likelihood = checked_score(values, "likelihood", "likelihood")
    impact = checked_score(values, "impact", "impact")
    note = as_text(values.get("note")).strip()
    if not note:
        raise ValidationError("Write a note of what the review found.", "note")
    reviewer = optional_id(values, "reviewer_id")
    with store.transaction():
        risk = store.require("risks", risk_id, "risk")
        if risk["status"] == "closed":
            raise ValidationError(
                f"{risk['reference']} is closed; reopen it before recording a review.", "status"
            )
        if day.isoformat() < risk["raised_date"]:
            raise ValidationError(
                f"The review date ({uk(day)}) is before the risk was raised "
                f"({uk(risk['raised_date'])}).",
                "review_date",
            )
        if reviewer is not None:
            store.require("people", reviewer, "person")
        review_id = store.insert(
            "risk_reviews",
            {
                "risk_id": risk_id,
                "review_date": day.isoformat(),
                "likelihood": likelihood,
                "impact": impact,
                "reviewer_id": reviewer,
                "note": note,
            },
        )
        if q.latest_review_date(store, risk_id) == day.isoformat():
            store.update(
                "risks",
                risk_id,
                {
                    "residual_likelihood": likelihood,
                    "residual_impact": impact,
                    "next_review": add_months(day, int(risk["review_months"])).isoformat(),
                },
            )
        return review_id


def list_reviews(store: Store, risk_id: int) -> list[RiskReview]:
    """A risk's reviews, oldest first."""
    return [RiskReview(**r) for r in q.reviews_of_risk(store, risk_id)]


def list_all_reviews(
    store: Store, *, register: str | None = None, body_id: int | None = None
) -> list[RegisterReview]:
    """Every review of a register's risks (or all), by risk then date."""
    return [RegisterReview(**r) for r in q.reviews_of_register(store, register, body_id)]


def score_history(store: Store, risk_id: int) -> list[tuple[str, int]]:
    """(date, residual score) at each review, oldest first, for the score-over-time chart."""
    return [(v.review_date, v.score) for v in list_reviews(store, risk_id)]
