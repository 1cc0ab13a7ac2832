"""Meetings as an iCalendar (.ics) file that Outlook imports.

Each meeting keeps one UID for ever, so importing a newer export updates the entries instead of
duplicating them; SEQUENCE rises with every reschedule and status change. Times are in
Europe/London with a VTIMEZONE; cancelled meetings go out as ``STATUS:CANCELLED``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lscp_desktop.exports.safe import clean_text, one_line, write_atomically
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Store

TIMEZONE = "Europe/London"
_STATUS = {
    "planned": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "held": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def uid_for(meeting_id: int) -> str:
    """The meeting's permanent UID."""
    return f"lscp-meeting-{meeting_id}@lscp-desktop"


def _description(store: Store, meeting: Meeting) -> str:
    lines = []
    if meeting.status in ("cancelled", "postponed"):
        lines.append(f"This meeting is {meeting.status}: {meeting.status_reason}")
        lines.append("")
    items = list_items(store, meeting.id)
    if items:
        lines.append("Agenda")
        lines += [f"{i.position}. {i.title} ({i.purpose}, {i.minutes_allotted} min)" for i in items]
    if meeting.online_link:
        lines += ["", f"Join online: {meeting.online_link}"]
    return clean_text("\n".join(lines))


def build_calendar(store: Store, *, body_id: int | None = None) -> Any:
    """An ``icalendar.Calendar`` of one body's meetings, or every body's."""
    from zoneinfo import ZoneInfo

    import icalendar

    if body_id is not None:
        get_body(store, body_id)
    meetings = list_meetings(store, body_id=body_id)
    if not meetings:
        raise ValidationError("There are no meetings to export; generate a schedule first.")
    tz = ZoneInfo(TIMEZONE)
    partnership = get_partnership(store)
    name = partnership.name if partnership else "LSCP"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//LSCP Desktop//Meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name if body_id is None else meetings[0].body, 255))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for m in meetings:
        start = dt.datetime.combine(m.day, dt.time.fromisoformat(m.start_time), tzinfo=tz)
        event = icalendar.Event()
        event.add("uid", uid_for(m.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=m.duration_minutes))
        summary = m.body + (" (CANCELLED)" if m.status == "cancelled" else "")
        event.add("summary", one_line(summary))
        if m.where:
            event.add("location", one_line(m.venue or m.online_link))
        event.add("description", _description(store, m))
        event.add("status", _STATUS.get(m.status, "TENTATIVE"))
        event.add("sequence", m.changes + (1 if m.status in ("cancelled", "postponed") else 0))
        event.add("categories", [one_line(m.body_code)])
        if m.online_link:
            event.add("url", one_line(m.online_link))
        cal.add_component(event)
    first = min(m.day for m in meetings) - dt.timedelta(days=366)
    last = max(m.day for m in meetings) + dt.timedelta(days=366)
    cal.add_missing_timezones(first_date=first, last_date=last)
    return cal


def build(store: Store, options: Any, path: Path, progress: Any) -> Path:
    """Export entry point for the registry and ``lscp-desktop export calendar``."""
    progress(0, 2, "Reading meetings")
    cal = build_calendar(store, body_id=getattr(options, "body_id", None))
    progress(1, 2, "Writing the calendar")
    data = cal.to_ical()

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    result = write_atomically(path, write)
    progress(2, 2, f"{len(cal.events)} meetings up to {uk(max(e.start for e in cal.events))}")
    return result
