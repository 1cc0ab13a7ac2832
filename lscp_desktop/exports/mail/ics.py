"""A meeting as a calendar invitation (iTIP ``METHOD:REQUEST`` or ``CANCEL``, RFC 5546).

The UID is the meeting's own (the same as the calendar export's), and SEQUENCE rises with each
reschedule and with a cancellation, so Outlook updates the entry it already has. The times are
Europe/London's, described by a VTIMEZONE with the UK's rule (summer time from the last Sunday
of March at 01:00 UTC to the last Sunday of October), which holds for every year, not only the
years a table of transitions would list."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from lscp_desktop.exports.calendar_ics import TIMEZONE, uid_for
from lscp_desktop.exports.safe import clean_text, one_line
from lscp_desktop.models.correspondence.records import Addressee, Invitation


def london_timezone() -> Any:
    """Europe/London as a VTIMEZONE with yearly rules (GMT in winter, BST in summer)."""
    import icalendar

    tz = icalendar.Timezone()
    tz.add("tzid", TIMEZONE)
    for component, start, offset_from, offset_to, name, month in (
        (icalendar.TimezoneStandard(), dt.datetime(1996, 10, 27, 2), 1, 0, "GMT", 10),
        (icalendar.TimezoneDaylight(), dt.datetime(1996, 3, 31, 1), 0, 1, "BST", 3),
    ):
        component.add("dtstart", start)
        component.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        component.add("tzoffsetto", dt.timedelta(hours=offset_to))
        component.add("tzname", name)
        component.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(component)
    return tz


def invitation_ics(
    invitation: Invitation,
    organiser: Addressee,
    attendees: list[Addressee],
    stamp: dt.datetime | None = None,
) -> bytes:
    """The invitation as an iCalendar file's bytes."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//LSCP Desktop//Invitations//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", invitation.method)
    cal.add_component(london_timezone())
    start = dt.datetime.fromisoformat(invitation.start).replace(tzinfo=ZoneInfo(TIMEZONE))
    event = icalendar.Event()
    event.add("uid", uid_for(invitation.meeting_id))
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", stamp or dt.datetime.now(dt.UTC).replace(microsecond=0))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=invitation.minutes))
    event.add("summary", one_line(invitation.summary, 255))
    if invitation.location:
        event.add("location", one_line(invitation.location, 500))
    event.add("description", clean_text(invitation.description))
    if invitation.online_link:
        event.add("url", one_line(invitation.online_link))
    organizer = icalendar.vCalAddress(f"mailto:{organiser.email}")
    if organiser.name:
        organizer.params["cn"] = icalendar.vText(one_line(organiser.name))
    event.add("organizer", organizer)
    cancel = invitation.method == "CANCEL"
    for person in attendees:
        attendee = icalendar.vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = icalendar.vText(one_line(person.name))
        attendee.params["role"] = icalendar.vText(
            "OPT-PARTICIPANT" if person.role in ("observer", "adviser") else "REQ-PARTICIPANT"
        )
        if not cancel:
            attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
            attendee.params["rsvp"] = icalendar.vText("TRUE")
        event.add("attendee", attendee, encode=False)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancel else "OPAQUE")
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
