"""The minutes' life cycle: a draft, sent to the chair, approved as an accurate record at a
later meeting of the body — on that meeting's "minutes of the last meeting" item, with a
decision saying so — and from then on locked (:mod:`.minutes_lock`). A correction agreed after
approval is recorded as an amendment with its date; the minutes print it at their end.

Also whether items with nothing minuted print "Noted" or are left out of the minutes.
"""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.agenda import get_item, list_items
from lscp_desktop.models.meetings.coversheets import (
    cover_sheets_for_meeting,
    guess_standard_report,
)
from lscp_desktop.models.meetings.meetings import get_meeting, list_meetings
from lscp_desktop.models.meetings.minutes_lock import ensure_minutes_open
from lscp_desktop.models.meetings.queries import minutes as minutes_queries
from lscp_desktop.models.meetings.records import (
    UNMINUTED_CHOICES,
    AgendaItem,
    Amendment,
    Meeting,
    MinutesRecord,
)
from lscp_desktop.models.store.database import Store


def get_minutes(store: Store, meeting_id: int) -> MinutesRecord:
    """The meeting's minutes record; a draft (not yet saved) when nothing has been recorded."""
    row = minutes_queries.minutes_row(store, meeting_id)
    return MinutesRecord.from_row(row) if row else MinutesRecord(meeting_id=meeting_id)


def _save(store: Store, meeting_id: int, changes: dict[str, object]) -> None:
    row = minutes_queries.minutes_row(store, meeting_id)
    if row is None:
        store.insert("meeting_minutes", {"meeting_id": meeting_id, **changes})
    else:
        store.update("meeting_minutes", row["id"], changes)


def _taken_place(meeting: Meeting, today: dt.date, doing: str) -> None:
    if meeting.status == "cancelled":
        raise ValidationError(
            f"The meeting of {meeting.body} on {uk(meeting.date)} was cancelled; it has no "
            "minutes.",
            "meeting",
        )
    if meeting.day > today:
        raise ValidationError(
            f"The meeting of {meeting.body} on {uk(meeting.date)} has not taken place yet, so "
            f"its minutes cannot be {doing}.",
            "meeting",
        )


def set_unminuted_items(store: Store, meeting_id: int, choice: str) -> None:
    """Whether items with nothing minuted print "Noted" (``noted``) or are left out (``omit``)."""
    if choice not in UNMINUTED_CHOICES:
        raise ValidationError(
            f"'{choice}' is not a choice for items with nothing minuted; use noted or omit.",
            "unminuted_items",
        )
    with store.transaction():
        get_meeting(store, meeting_id)
        ensure_minutes_open(store, meeting_id, "change how they show items")
        _save(store, meeting_id, {"unminuted_items": choice})


def send_to_chair(store: Store, meeting_id: int, *, on: dt.date | str | None = None) -> None:
    """Record that the draft minutes went to the chair to check (on *on*, default today)."""
    today = dt.date.today()
    day = parse_date(on or today, "date sent")
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        _taken_place(meeting, today, "sent to the chair")
        ensure_minutes_open(store, meeting_id, "send them again")
        if day < meeting.day:
            raise ValidationError(
                f"The minutes cannot be sent ({uk(day)}) before the meeting ({uk(meeting.date)}).",
                "sent_on",
            )
        _save(store, meeting_id, {"status": "sent", "sent_on": day.isoformat()})


def approval_meetings(store: Store, meeting_id: int) -> list[Meeting]:
    """The body's later meetings that could have approved the minutes: held or past, not
    cancelled or postponed, soonest first (the next meeting is the usual one)."""
    meeting = get_meeting(store, meeting_id)
    today = dt.date.today().isoformat()
    return [
        m for m in list_meetings(store, body_id=meeting.body_id, start=meeting.date, end=today)
        if m.date > meeting.date and m.status not in ("cancelled", "postponed")
    ]  # fmt: skip


def minutes_item(store: Store, meeting_id: int) -> AgendaItem | None:
    """The meeting's item for the minutes of the last meeting (chosen on its cover sheet, or
    named so), where earlier minutes are approved."""
    items = list_items(store, meeting_id)
    sheets = cover_sheets_for_meeting(store, meeting_id)
    for item in items:
        sheet = sheets.get(item.id)
        if sheet is not None and sheet.standard_report == "previous-minutes":
            return item
    for item in items:
        if guess_standard_report(item.title) == "previous-minutes":
            return item
    return None


def approval_decision(meeting: Meeting) -> str:
    return f"The minutes of the meeting on {uk(meeting.date)} were agreed as an accurate record."


def approve_minutes(
    store: Store, meeting_id: int, at_meeting_id: int, *, item_id: int | None = None
) -> int:
    """Record the minutes as approved at a later meeting of the body, on its "minutes of the
    last meeting" item (or *item_id*), whose decisions then say so. Returns the item's id."""
    today = dt.date.today()
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        _taken_place(meeting, today, "approved")
        ensure_minutes_open(store, meeting_id, "approve them again")
        at = get_meeting(store, at_meeting_id)
        if at.body_id != meeting.body_id or at.date <= meeting.date:
            raise ValidationError(
                f"Minutes are approved at a later meeting of the {meeting.body}; the meeting on "
                f"{uk(at.date)} ({at.body}) is not one.",
                "approved_at_meeting_id",
            )
        if at.status in ("cancelled", "postponed"):
            raise ValidationError(
                f"The meeting on {uk(at.date)} was {at.status}; choose the meeting that "
                "approved the minutes.",
                "approved_at_meeting_id",
            )
        if at.day > today:
            raise ValidationError(
                f"The meeting on {uk(at.date)} has not taken place yet; record the approval "
                "once it has.",
                "approved_at_meeting_id",
            )
        item = get_item(store, item_id) if item_id is not None else minutes_item(store, at.id)
        if item is None or item.meeting_id != at.id:
            raise ValidationError(
                f"The agenda of the meeting on {uk(at.date)} has no item for the minutes of the "
                "last meeting. Add one (\u201cMinutes of the last meeting\u201d) to it first.",
                "approved_item_id",
            )
        ensure_minutes_open(store, at.id, "record the approval on them")
        decision = approval_decision(meeting)
        if decision not in item.decisions:
            decisions = f"{item.decisions}\n{decision}".strip()
            store.update("agenda_items", item.id, {"decisions": decisions})
        _save(store, meeting_id, {
            "status": "approved", "approved_on": at.date, "approved_at_meeting_id": at.id,
            "approved_item_id": item.id,
        })  # fmt: skip
        return item.id


def record_amendment(
    store: Store,
    meeting_id: int,
    text: str,
    *,
    agreed_on: dt.date | str,
    at_meeting_id: int | None = None,
    item_id: int | None = None,
) -> int:
    """A correction to approved minutes, agreed on a date (at a later meeting, if given)."""
    clean = " ".join(str(text or "").split())  # the store's text door checks it
    if not clean:
        raise ValidationError("Write the correction that was agreed.", "text")
    day = parse_date(agreed_on, "date agreed")
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        record = get_minutes(store, meeting_id)
        if not record.locked:
            raise ValidationError(
                "These minutes are not approved yet: correct the minute itself instead.",
                "text",
            )
        if day.isoformat() < (record.approved_on or meeting.date):
            raise ValidationError(
                f"An amendment is agreed after the minutes were approved "
                f"({uk(record.approved_on)}), not on {uk(day)}.",
                "agreed_on",
            )
        if day > dt.date.today():
            raise ValidationError(f"{uk(day)} is still to come.", "agreed_on")
        if at_meeting_id is not None:
            at = get_meeting(store, at_meeting_id)
            if at.body_id != meeting.body_id:
                raise ValidationError("Choose a meeting of the same body.", "agreed_at_meeting_id")
        if item_id is not None and get_item(store, item_id).meeting_id != meeting_id:
            raise ValidationError("That agenda item is on another meeting.", "agenda_item_id")
        return store.insert("minute_amendments", {
            "meeting_id": meeting_id, "agreed_on": day.isoformat(),
            "agreed_at_meeting_id": at_meeting_id, "agenda_item_id": item_id, "text": clean,
        })  # fmt: skip


def list_amendments(store: Store, meeting_id: int) -> list[Amendment]:
    return [Amendment.from_row(r) for r in minutes_queries.amendment_rows(store, meeting_id)]
