"""The forward plan: reports due to a body on a cycle (which subgroup reports to which
meeting), and which of them fall due at a given meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import required_id
from lscp_desktop.models.meetings.cadence import MAX_MINUTES, PURPOSES
from lscp_desktop.models.meetings.queries import agenda as agenda_queries
from lscp_desktop.models.meetings.queries import meetings as meeting_queries
from lscp_desktop.models.meetings.records import ForwardPlanEntry, Meeting
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.store.database import Row, Store


def list_forward_plan(store: Store, body_id: int | None = None) -> list[ForwardPlanEntry]:
    return [ForwardPlanEntry.from_row(r) for r in agenda_queries.forward_plan_rows(store, body_id)]


def _month(day: dt.date | str) -> int:
    """A month as a number that counts on across years (so cycles never drift by days)."""
    d = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
    return d.year * 12 + d.month - 1


def falls_due(first_due: str, every_months: int, after_month: int, by_month: int) -> bool:
    """Whether a cycle starting in *first_due*'s month has a month after *after_month* and on
    or before *by_month*."""
    first = _month(first_due)
    k = max(0, -(-(after_month + 1 - first) // every_months))
    return first + k * every_months <= by_month


def forward_plan_due(store: Store, meeting: Meeting) -> list[Row]:
    """Forward plan entries due at this meeting.

    Cycles count in months, not days: an entry due every N months falls due in a month, and
    goes to the body's first (not cancelled) meeting in that month, or the nearest one after
    when there is none. So a report every 4 months to a body meeting every 2 lands on every
    other meeting however the meeting days move, and never drifts.
    """
    previous = meeting_queries.previous_meeting_date(store, meeting.body_id, meeting.date)
    after = _month(previous) if previous else _month(meeting.day - dt.timedelta(days=120))
    this = _month(meeting.day)
    return [
        entry
        for entry in agenda_queries.active_forward_plan_rows(store, meeting.body_id)
        if falls_due(entry["first_due"], int(entry["every_months"]), after, this)
    ]


def _minutes(value: Any) -> int:
    try:
        minutes = int(str(value or 15).strip())
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError(
            f"Give the report from 1 to {MAX_MINUTES} minutes on the agenda.", "minutes_allotted"
        )
    return minutes


def save_forward_plan(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        raise ValidationError("Enter what is reported (e.g. 'Case Review Subgroup report').")
    purpose = str(values.get("purpose") or "assurance").lower()
    if purpose not in PURPOSES:
        raise ValidationError(f"Choose a purpose: {', '.join(PURPOSES)}.", "purpose")
    try:
        every = int(str(values.get("every_months") or "").strip())
    except ValueError:
        raise ValidationError("Enter how many months apart the reports come.", "every") from None
    if not 1 <= every <= 24:
        raise ValidationError("Reports should come every 1 to 24 months.", "every_months")
    first = parse_date(values.get("first_due"), "first due date")
    clean: dict[str, Any] = {
        "body_id": required_id(values, "body_id", "body the report goes to"),
        "title": title,
        "purpose": purpose,
        "from_body_id": int(values["from_body_id"]) if values.get("from_body_id") else None,
        "presenter_id": int(values["presenter_id"]) if values.get("presenter_id") else None,
        "every_months": every,
        "first_due": first.isoformat(),
        "minutes_allotted": _minutes(values.get("minutes_allotted")),
        "active": 1 if values.get("active", 1) else 0,
    }
    with store.transaction():
        get_body(store, clean["body_id"])
        if record_id is None:
            return store.insert("forward_plan", clean)
        store.update("forward_plan", record_id, clean)
        return record_id


def set_forward_plan_active(store: Store, entry_id: int, active: bool) -> None:
    store.update("forward_plan", entry_id, {"active": int(active)})


def delete_forward_plan(store: Store, entry_id: int) -> Row:
    """Delete an entry never yet put on an agenda (otherwise deactivate it)."""
    with store.transaction():
        used = agenda_queries.forward_plan_uses(store, entry_id)
        if used:
            raise ValidationError(
                f"This report has been on {used} agenda(s), so it cannot be deleted. Deactivate "
                "it instead: it stops being proposed and its history is kept.",
                "active",
            )
        return store.delete("forward_plan", entry_id)
