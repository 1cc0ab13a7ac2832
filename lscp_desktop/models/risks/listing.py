"""Loading risk registers: risks with their category's appetite, review dates, trend and open
actions, and the risks overdue for review."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.risks import queries as q
from lscp_desktop.models.risks.records import LIVE_STATUSES, REGISTERS, Risk
from lscp_desktop.models.risks.scoring import trend
from lscp_desktop.models.store.database import Row, Store


def _finish(rows: list[Row], today: dt.date) -> list[Risk]:
    day = today.isoformat()
    out = []
    for row in rows:
        r = Risk(**row)
        if r.previous_score is not None:
            r.trend = trend([r.previous_score, r.residual_score])
        r.review_overdue = (
            r.status in LIVE_STATUSES and bool(r.next_review) and (str(r.next_review) < day)
        )
        r.search_text = "\x1f".join(
            (r.reference, r.title, r.description, r.category, r.owner, r.status, r.body,
             r.priority, r.register)
        ).lower()  # fmt: skip
        out.append(r)
    return out


def list_risks(
    store: Store,
    *,
    register: str | None = None,
    body_id: int | None = None,
    include_closed: bool = True,
    today: dt.date | None = None,
) -> list[Risk]:
    """Risks of one register (or all), with category appetite, review dates and trend."""
    today = today or dt.date.today()
    if register is not None and register not in REGISTERS:
        raise ValidationError(
            f"'{register}' is not a register; use one of: {', '.join(REGISTERS)}.",
            "register",
        )
    rows = q.risks(store, register=register, body_id=body_id, include_closed=include_closed)
    return _finish(rows, today)


def get_risk(store: Store, risk_id: int, today: dt.date | None = None) -> Risk:
    rows = q.risk_by_id(store, risk_id)
    if not rows:
        store.require("risks", risk_id, "risk")
    return _finish(rows, today or dt.date.today())[0]


def overdue_for_review(
    store: Store, *, register: str | None = None, today: dt.date | None = None
) -> list[Risk]:
    """Live risks whose next review date has passed, most overdue first."""
    risks = [r for r in list_risks(store, register=register, today=today) if r.review_overdue]
    risks.sort(key=lambda r: (r.next_review or "", r.reference))
    return risks
