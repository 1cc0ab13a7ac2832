"""A register as it stood on a past day, rebuilt from the risk reviews: for the yearly report,
whose risk profile, heat map and top risks are those of 31 March, not of the day it is drafted.

A risk counts when it had been raised by the day and was not yet closed. Its residual score is
that of its latest review on or before the day, its trend compares that review with the one
before, its next review follows from the last one, and it was overdue for review when that date
had passed. Inherent scores are not reviewed, so they are as recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from lscp_desktop.models.core.dates import add_months
from lscp_desktop.models.risks import queries as q
from lscp_desktop.models.risks.records import Risk
from lscp_desktop.models.risks.scoring import trend
from lscp_desktop.models.store.database import Store


def risks_as_at(
    store: Store, day: dt.date, *, register: str | None = None, body_id: int | None = None
) -> list[Risk]:
    """The register's live risks as they stood on *day*, by register then reference.

    A risk with no review by *day* is shown at the score it was raised with: its score now
    when it has never been reviewed, else its first review's (the nearest on record).
    """
    iso = day.isoformat()
    reviews: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for r in q.review_scores(store, register, body_id):
        reviews[r["risk_id"]].append((r["review_date"], r["likelihood"], r["impact"]))
    out = []
    for row in q.risks(store, register=register, body_id=body_id, include_closed=True):
        risk = Risk(**row)
        if risk.raised_date > iso or (risk.closed_date is not None and risk.closed_date <= iso):
            continue
        history = reviews.get(risk.id, [])
        before = [h for h in history if h[0] <= iso]
        if before:
            last_day, likelihood, impact = before[-1]
            risk.residual_likelihood, risk.residual_impact = likelihood, impact
            risk.last_review = last_day
            risk.trend = trend([likely * hits for _, likely, hits in before])
            risk.next_review = add_months(dt.date.fromisoformat(last_day),
                                          risk.review_months).isoformat()  # fmt: skip
        else:
            if history:
                risk.residual_likelihood, risk.residual_impact = history[0][1], history[0][2]
            risk.last_review, risk.trend = None, "level"
            risk.next_review = add_months(dt.date.fromisoformat(risk.raised_date),
                                          risk.review_months).isoformat()  # fmt: skip
        risk.review_count = len(before)
        if risk.status == "closed":  # closed since: it was live on the day
            risk = dataclasses.replace(risk, status="open", closed_date=None, closure_note="")
        risk.review_overdue = bool(risk.next_review) and str(risk.next_review) < iso
        out.append(risk)
    return out
