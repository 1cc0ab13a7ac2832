"""Import kind: meetings (a schedule of dates kept in a spreadsheet).

A meeting is matched by its body (found by name or code; never created) and date. Times may be
time cells, fractions of a day or text (10:00, 9.30, 2pm); the length is an end time or a
number of minutes (blank: the body's usual length). A venue of "Online", "Teams" and the like
means an online meeting. Saving goes through
:func:`lscp_desktop.models.meetings.meetings.save_meeting`, so its rules apply (no two meetings
of a body on one day, a reason to cancel or postpone…).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.headings import BODY_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.meetings.cadence import minutes_of
from lscp_desktop.models.meetings.meetings import list_meetings, save_meeting
from lscp_desktop.models.meetings.records import STATUSES, Meeting
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField(
        "body",
        "Body",
        (*(n for n in BODY_NAMES if "log" not in n), "meeting", "meeting of"),
        required=True,
        help="the body's name or short code",
    ),
    ImportField(
        "date",
        "Date",
        ("meeting date", "date of meeting", "day", "when"),
        required=True,
        type="date",
    ),
    ImportField(
        "start_time",
        "Start",
        ("start time", "time", "starts", "from", "begins"),
        type="time",
        help="blank: 10:00",
    ),
    ImportField("end_time", "End", ("end time", "finish", "finishes", "until", "to"), type="time"),
    ImportField(
        "duration_minutes",
        "Duration (minutes)",
        ("duration", "length", "minutes", "mins", "length in minutes", "duration mins"),
        type="int",
        help="used when there is no end time; blank: the body's usual length",
    ),
    ImportField("venue", "Venue", ("location", "where", "place", "room", "venue or online")),
    ImportField(
        "online_link",
        "Online",
        (
            "online link",
            "meeting link",
            "teams link",
            "zoom link",
            "video link",
            "link",
            "joining link",
            "dial in",
        ),
    ),
    ImportField(
        "status",
        "Status",
        ("meeting status", "state"),
        help="planned, confirmed, held, cancelled or postponed (blank: planned)",
    ),
    ImportField(
        "status_reason",
        "Reason",
        (
            "status reason",
            "reason cancelled",
            "reason postponed",
            "why cancelled",
            "cancellation reason",
        ),
        help="needed for a cancelled or postponed meeting",
    ),
    ImportField("notes", "Notes", ("comments", "remarks")),
)

_ONLINE_WORDS = {
    "online", "virtual", "remote", "teams", "ms teams", "microsoft teams", "via teams", "zoom",
    "video call", "skype", "webex", "google meet",
}  # fmt: skip
_STATUS_WORDS = {
    "planned": ("planned", "scheduled", "provisional", "tbc", "to be confirmed", "booked"),
    "confirmed": ("confirmed", "agreed", "fixed"),
    "held": ("held", "took place", "happened", "went ahead", "done", "met", "complete",
             "completed"),
    "cancelled": ("cancelled", "canceled", "called off", "stood down"),
    "postponed": ("postponed", "moved", "deferred", "rearranged", "to be rearranged"),
}  # fmt: skip


def meeting_status(value: Any) -> str:
    text = " ".join(re.sub(r"[^a-z ]+", " ", str(value or "").lower()).split())
    if not text:
        return "planned"
    for status, words in _STATUS_WORDS.items():
        if text in words:
            return status
    raise ValidationError(
        f"'{value}' is not a meeting status; use one of: {', '.join(STATUSES)}.", "status"
    )


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    notes: list[str] = []
    body = ctx.body(values["body"])
    day: dt.date = values["date"]
    venue = values.get("venue", "")
    online = values.get("online_link", "")
    if venue and " ".join(venue.lower().split()) in _ONLINE_WORDS:
        venue, online = "", online or venue
    status = meeting_status(values.get("status"))
    same_day = list_meetings(ctx.store, body_id=body.id, start=day.isoformat(), end=day.isoformat())
    same_day.sort(key=lambda m: m.status == "cancelled")  # a live meeting first
    current = same_day[0] if same_day else None
    if current is not None and status != "cancelled" and current.status == "cancelled":
        current = None  # a new meeting on the day of a cancelled one

    wanted: dict[str, Any] = {
        "body_id": body.id,
        "date": day,
        "start_time": values.get("start_time") or (current.start_time if current else "10:00"),
        "venue": venue if ("venue" in values or current is None) else current.venue,
        "online_link": online
        if ("venue" in values or "online_link" in values or current is None)
        else current.online_link,
        "status": status if "status" in values or current is None else current.status,
        "status_reason": values.get("status_reason", current.status_reason if current else ""),
        "notes": values.get("notes", current.notes if current else ""),
        "change_reason": "imported from a spreadsheet",
    }
    if "end_time" in values:
        wanted["end_time"] = values["end_time"]
    elif "duration_minutes" in values:
        wanted["duration_minutes"] = values["duration_minutes"]
    elif current is not None:
        wanted["duration_minutes"] = current.duration_minutes
    what = f"{body.name}, {day:%d/%m/%Y}"
    if current is None:
        new_id = save_meeting(ctx.store, wanted)
        return Outcome("imported", new_id, what, notes)
    changed = _changes(current, wanted)
    if not changed:
        return Outcome("unchanged", current.id, what, notes)
    save_meeting(ctx.store, wanted, current.id)
    return Outcome("updated", current.id, what, [*notes, f"changed {', '.join(changed)}"])


def _changes(current: Meeting, wanted: dict[str, Any]) -> list[str]:
    after = dict(wanted)
    if "end_time" in after:
        after["duration_minutes"] = minutes_of(after["end_time"]) - minutes_of(after["start_time"])
    out = []
    for key in ("start_time", "duration_minutes", "venue", "online_link", "status",
                "status_reason", "notes"):  # fmt: skip
        if key in after and str(after[key] or "") != str(getattr(current, key) or ""):
            out.append(key.replace("_", " ").replace(" minutes", ""))
    return out


def export_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "body": m.body,
            "date": m.day,
            "start_time": m.start_time,
            "end_time": m.end_time,
            "duration_minutes": m.duration_minutes,
            "venue": m.venue,
            "online_link": m.online_link,
            "status": m.status,
            "status_reason": m.status_reason,
            "notes": m.notes,
        }
        for m in list_meetings(store)
    ]


KIND = ImportKind(
    key="meetings",
    label="Meetings",
    description="A schedule of meetings: body, date, times, venue or online, status, matched "
    "by body and date; bodies must exist already.",
    fields=FIELDS,
    import_row=import_row,
    identity=("body", "date"),
    export_rows=export_rows,
)
