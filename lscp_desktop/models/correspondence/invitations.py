"""A body's meetings as calendar invitations to its members and those in attendance.

Each meeting is one invitation, with a stable identity (the meeting's) and a sequence that
rises with every reschedule or change of status, so a second invitation for the same meeting
updates the recipients' calendars instead of adding another entry; a cancelled or postponed
meeting goes out as a cancellation. Virtual members are invited only to the meetings they are
called in to (they are then on that meeting's register); they receive every pack regardless."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core.dates import FinancialYear, long_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.correspondence.addresses import of_person, reachable, require_sender
from lscp_desktop.models.correspondence.records import (
    Addressee,
    Batch,
    Block,
    Invitation,
    Mail,
    NotSent,
)
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.attendance import list_attendance
from lscp_desktop.models.meetings.meetings import get_meeting, list_meetings
from lscp_desktop.models.meetings.queries import members as member_queries
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.records import EXPECTED_ROLES, IN_ATTENDANCE_ROLES
from lscp_desktop.models.store.database import Store

INVITED_ROLES = (*EXPECTED_ROLES, *IN_ATTENDANCE_ROLES)
CANCELLING = ("cancelled", "postponed")


def sequence(meeting: Meeting) -> int:
    """The invitation's sequence: one more for each reschedule, and for a cancellation."""
    return meeting.changes + (1 if meeting.status in CANCELLING else 0)


def invitees(store: Store, meeting: Meeting) -> list[Addressee]:
    """The members and those in attendance on the meeting's date, and the virtual members
    called in to it."""
    rows = member_queries.member_rows_on(store, meeting.body_id, meeting.date, INVITED_ROLES)
    people = [(r["person_id"], r["role"]) for r in rows]
    people += [
        (a.person_id, a.role)
        for a in list_attendance(store, meeting.id)
        if a.role == "virtual member" and a.person_id is not None
    ]
    return [of_person(get_person(store, pid), role) for pid, role in people]


def invitation_batch(
    store: Store,
    *,
    body_id: int | None = None,
    year: str | None = None,
    meeting_ids: list[int] | None = None,
    today: dt.date | None = None,
    message: str = "",
) -> Batch:
    """Invitations for a body's meetings in a financial year still to come (or for the
    meetings named), each to whoever sits on the body on its date."""
    today = today or dt.date.today()
    require_sender(store)
    if meeting_ids:
        meetings = [get_meeting(store, mid) for mid in meeting_ids]
    else:
        if body_id is None or not year:
            raise ValidationError("Choose the body and the year to send invitations for.")
        get_body(store, body_id)
        fy = FinancialYear.parse(year)
        meetings = [
            m
            for m in list_meetings(
                store, body_id=body_id, start=fy.start.isoformat(), end=fy.end.isoformat()
            )
            if m.date >= today.isoformat()
        ]
        if not meetings:
            raise ValidationError(
                f"There are no meetings still to come in {fy.label}; generate the schedule first."
            )
    batch = Batch("invitations")
    missing: dict[str, NotSent] = {}
    for m in meetings:
        ok, left = reachable(invitees(store, m), "not invited")
        for n in left:
            missing.setdefault(n.who, n)
        if not ok:
            missing.setdefault(
                f"{m.title}", NotSent(m.title, "nobody on the body has an email address")
            )
            continue
        batch.mails.append(_invitation(store, m, ok, message))
    batch.not_sent = list(missing.values())
    cancels = sum(
        1 for mail in batch.mails if mail.invitation and mail.invitation.method == "CANCEL"
    )
    batch.summary = f"{pluralise(len(batch.mails) - cancels, 'invitation')}" + (
        f" and {pluralise(cancels, 'cancellation')}" if cancels else ""
    )
    return batch


def _invitation(store: Store, m: Meeting, to: list[Addressee], message: str) -> Mail:
    cancel = m.status in CANCELLING
    seq = sequence(m)
    when = f"{long_date(m.date)}, {m.start_time} to {m.end_time}"
    if cancel:
        subject = f"{m.status.capitalize()}: {m.body}, {uk(m.date)}"
        blocks: list[Block] = [
            "Dear colleagues,",
            f"The {m.body} meeting on {when} is {m.status}"
            + (f": {m.status_reason}" if m.status_reason else "")
            + ". The entry is removed from your calendar with this message.",
        ]
    else:
        updated = seq > 0
        subject = f"{'Updated: ' if updated else ''}{m.body}, {uk(m.date)} {m.start_time}"
        blocks = ["Dear colleagues,"]
        blocks.append(
            (
                f"The {m.body} meeting has moved: it is now on {when}."
                if updated
                else f"You are invited to the {m.body} on {when}."
            )
            + (f" It is at {m.where}." if m.where else "")
            + " Accepting the invitation keeps it in your calendar, and any change to it will "
            "update the entry."
        )
        blocks.append(
            "The agenda and papers will follow before the meeting. If you cannot attend, "
            "please send your apologies and, where you can, a named deputy with delegated "
            "authority."
        )
    if message:
        blocks.append(message)
    items = list_items(store, m.id)
    agenda = "\n".join(f"{i.position}. {i.title}" for i in items)
    description = (
        f"{m.body}\n{when}"
        + (f"\n{m.where}" if m.where else "")
        + (f"\n\nAgenda\n{agenda}" if agenda else "")
        + (f"\n\nJoin online: {m.online_link}" if m.online_link else "")
    )
    return Mail(
        "invitations",
        to,
        subject,
        blocks,
        file_stem=f"{'Cancel' if cancel else 'Invitation'} - {m.body_code} {_stem_date(m.date)}",
        invitation=Invitation(
            meeting_id=m.id,
            method="CANCEL" if cancel else "REQUEST",
            sequence=seq,
            summary=m.body,
            start=f"{m.date}T{m.start_time}",
            minutes=m.duration_minutes,
            location=m.venue or ("Online" if m.online_link else ""),
            description=description,
            online_link=m.online_link,
        ),
    )


def _stem_date(iso: str) -> str:
    """'16-12-2026': a date as file names carry it."""
    return uk(iso).replace("/", "-")
