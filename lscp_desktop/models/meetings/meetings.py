"""Meetings of the partnership's bodies: their date, times and status, and each move kept.

Every function validates first and writes inside one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.meetings.cadence import get_cadence, minutes_of, parse_time
from lscp_desktop.models.meetings.minutes_lock import ensure_minutes_open
from lscp_desktop.models.meetings.queries import agenda as agenda_queries
from lscp_desktop.models.meetings.queries import meetings as meeting_queries
from lscp_desktop.models.meetings.records import STATUSES, Change, Meeting
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.store.database import Row, Store


def list_meetings(
    store: Store,
    *,
    body_id: int | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[Meeting]:
    """Meetings, oldest first, optionally of one body and within dates (inclusive)."""
    rows = meeting_queries.meeting_rows(store, body_id=body_id, start=start, end=end)
    return [Meeting.from_row(r) for r in rows]


def get_meeting(store: Store, meeting_id: int) -> Meeting:
    row = meeting_queries.meeting_row(store, meeting_id)
    if row is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}.")
    return Meeting.from_row(row)


def meeting_choices(store: Store, today: dt.date | None = None) -> list[tuple[str, object]]:
    """(label, id) for every meeting, from the next one: those to come soonest first, then
    those held, latest first (the Reports page's chooser, which starts on the next one)."""
    day = (today or dt.date.today()).isoformat()
    meetings = list_meetings(store)
    ahead = [m for m in meetings if m.date >= day]
    past = [m for m in reversed(meetings) if m.date < day]
    return [
        (f"{uk(m.date)} {m.body}" + (" (cancelled)" if m.status == "cancelled" else ""), m.id)
        for m in ahead + past
    ]


def next_meeting(store: Store, body_id: int, after: str) -> Meeting | None:
    """The body's next meeting after a date that is not cancelled."""
    row = meeting_queries.next_meeting_row(store, body_id, after)
    return Meeting.from_row(row) if row else None


def _check_clash(store: Store, body_id: int, date: str, meeting_id: int | None) -> None:
    if meeting_queries.clashing_meeting_ids(store, body_id, date, meeting_id):
        body = get_body(store, body_id)
        raise ValidationError(
            f"{body.name} already has a meeting on {uk(date)}. Choose another date, or cancel "
            "the other meeting first.",
            "date",
        )


def _times(values: dict[str, Any], default_duration: int) -> tuple[str, int]:
    """Start time and duration from either an end time or a duration in minutes."""
    start = parse_time(values.get("start_time") or "10:00")
    end_text = str(values.get("end_time") or "").strip()
    if end_text:
        end = parse_time(end_text, "end time")
        if minutes_of(end) <= minutes_of(start):
            raise ValidationError(
                f"The end time ({end}) is before the start time ({start}).", "end_time"
            )
        return start, minutes_of(end) - minutes_of(start)
    raw = values.get("duration_minutes", default_duration)
    try:
        duration = int(raw)
    except (TypeError, ValueError):
        raise ValidationError("Enter the length of the meeting in minutes.", "duration") from None
    if duration < 15:
        raise ValidationError("A meeting should last at least 15 minutes.", "duration")
    if minutes_of(start) + duration > 24 * 60:
        raise ValidationError("The meeting would run past midnight.", "end_time")
    return start, duration


def _check_held(status: str, day: str, today: dt.date | None = None) -> None:
    """A meeting is held on its day, not before."""
    if status == "held" and day > (today or dt.date.today()).isoformat():
        raise ValidationError(
            f"The meeting is on {uk(day)}; it can be marked held from that day, not before.",
            "status",
        )


def _status(values: dict[str, Any]) -> tuple[str, str]:
    status = str(values.get("status") or "planned").strip().lower()
    if status not in STATUSES:
        raise ValidationError(
            f"'{status}' is not a meeting status; choose one of: {', '.join(STATUSES)}.", "status"
        )
    reason = str(values.get("status_reason") or "").strip()
    if status in ("cancelled", "postponed") and not reason:
        raise ValidationError(f"Say why the meeting is {status}.", "status_reason")
    return status, reason


def save_meeting(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change a meeting. A change of date or time is kept in its history."""
    body_id = values.get("body_id")
    if not body_id:
        raise ValidationError("Choose the body that meets.", "body_id")
    body_id = int(body_id)
    day = parse_date(values.get("date"), "date")
    status, reason = _status(values)
    _check_held(status, day.isoformat())
    with store.transaction():
        body = get_body(store, body_id)
        cadence = get_cadence(store, body_id)
        start, duration = _times(values, cadence.duration_minutes)
        clean: dict[str, Any] = {
            "body_id": body_id,
            "date": day.isoformat(),
            "start_time": start,
            "duration_minutes": duration,
            "venue": str(values.get("venue") or "").strip(),
            "online_link": str(values.get("online_link") or "").strip(),
            "status": status,
            "status_reason": reason,
            "notes": str(values.get("notes") or ""),
        }
        if status != "cancelled":
            _check_clash(store, body_id, clean["date"], record_id)
        if record_id is None:
            if body.end_date and clean["date"] > body.end_date:
                raise ValidationError(
                    f"{body.name} ended on {uk(body.end_date)}; it cannot meet after that.", "date"
                )
            return store.insert("meetings", clean)
        old = get_meeting(store, record_id)
        ensure_minutes_open(store, record_id, "change the meeting's details")
        longest = agenda_queries.longest_item_minutes(store, record_id)
        if longest and longest > duration:
            raise ValidationError(
                f"An agenda item of {longest} minutes would be longer than the meeting "
                f"({duration} minutes). Shorten the item first.",
                "end_time",
            )
        if (old.date, old.start_time) != (clean["date"], start):
            _record_change(store, old, clean["date"], start, str(values.get("change_reason") or ""))
        store.update("meetings", record_id, clean)
        return record_id


def _record_change(store: Store, old: Meeting, new_date: str, new_time: str, reason: str) -> None:
    store.insert(
        "meeting_changes",
        {
            "meeting_id": old.id,
            "changed_at": dt.datetime.now().isoformat(timespec="seconds"),
            "old_date": old.date,
            "old_start_time": old.start_time,
            "new_date": new_date,
            "new_start_time": new_time,
            "reason": reason.strip(),
        },
    )


def reschedule_meeting(
    store: Store, meeting_id: int, *, date: Any, start_time: Any = None, reason: str = ""
) -> None:
    """Move a meeting to a new date (and time), keeping the old one in its history."""
    if not str(reason or "").strip():
        raise ValidationError("Say why the meeting is being moved.", "reason")
    with store.transaction():
        m = get_meeting(store, meeting_id)
        ensure_minutes_open(store, meeting_id, "move the meeting")
        if m.status == "cancelled":
            raise ValidationError("This meeting is cancelled; reinstate it before moving it.")
        if m.status == "held":
            raise ValidationError("This meeting has been held; it cannot be moved.", "date")
        day = parse_date(date, "new date").isoformat()
        start = parse_time(start_time or m.start_time)
        if (day, start) == (m.date, m.start_time):
            raise ValidationError("The new date and time are the same as the old ones.", "date")
        _check_clash(store, m.body_id, day, m.id)
        _record_change(store, m, day, start, reason)
        store.update(
            "meetings",
            meeting_id,
            {
                "date": day,
                "start_time": start,
                "status": "planned" if m.status == "postponed" else m.status,
            },
        )


def set_meeting_status(store: Store, meeting_id: int, status: str, reason: str = "") -> None:
    clean_status, clean_reason = _status({"status": status, "status_reason": reason})
    with store.transaction():
        m = get_meeting(store, meeting_id)
        ensure_minutes_open(store, meeting_id, "change the meeting's status")
        _check_held(clean_status, m.date)
        if clean_status != "cancelled" and m.status == "cancelled":
            _check_clash(store, m.body_id, m.date, m.id)
        store.update(
            "meetings", meeting_id, {"status": clean_status, "status_reason": clean_reason}
        )


def meeting_history(store: Store, meeting_id: int) -> list[Change]:
    return [Change.from_row(r) for r in meeting_queries.meeting_change_rows(store, meeting_id)]


def delete_meeting(store: Store, meeting_id: int) -> Row:
    """Delete a meeting with nothing recorded against it; otherwise say to cancel it."""
    with store.transaction():
        m = get_meeting(store, meeting_id)
        if meeting_queries.records_against_meeting(store, meeting_id):
            raise ValidationError(
                f"The meeting of {m.body} on {uk(m.date)} has attendance, papers or minutes, so "
                "it cannot be deleted. Cancel it instead, with a reason.",
                "status",
            )
        for item_id in agenda_queries.item_ids_of_meeting(store, meeting_id):
            store.delete("agenda_items", item_id)
        for change in meeting_queries.meeting_change_rows(store, meeting_id):
            store.delete("meeting_changes", change["id"])
        return store.delete("meetings", meeting_id)
