"""Circulating a meeting's pack to the body's circulation list: members, deputies, virtual
members and those in attendance, by the body's circulation deadline (working days before the
meeting). A paper marked "members only" goes to the members (and their named deputies) only:
everyone else is sent a pack without it, in an email of their own."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import add_working_days, long_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.correspondence.addresses import of_person, reachable
from lscp_desktop.models.correspondence.records import Addressee, Attach, Batch, Block, Mail
from lscp_desktop.models.meetings.attendance import circulation
from lscp_desktop.models.meetings.cadence import circulation_days
from lscp_desktop.models.meetings.meetings import get_meeting, list_meetings
from lscp_desktop.models.meetings.papers import list_papers
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.records import EXPECTED_ROLES
from lscp_desktop.models.store.database import Store

#: Who receives a paper marked "members only": the members and their named deputies.
MEMBER_ROLES = (*EXPECTED_ROLES, "deputy")


def circulate_by(store: Store, meeting: Meeting) -> dt.date:
    """The day the body's papers go out for *meeting*."""
    return add_working_days(meeting.day, -circulation_days(store, meeting.body_id))


def circulation_due(
    store: Store, today: dt.date | None = None, within: int = 7
) -> list[tuple[Meeting, dt.date]]:
    """Meetings still to come whose pack is due out within *within* days (or already due),
    soonest first, for Home."""
    today = today or dt.date.today()
    end = today + dt.timedelta(days=62)
    out = []
    for m in list_meetings(store, start=today.isoformat(), end=end.isoformat()):
        if m.status in ("cancelled", "postponed", "held") or m.circulated_on:
            continue
        by = circulate_by(store, m)
        if by <= today + dt.timedelta(days=within):
            out.append((m, by))
    return sorted(out, key=lambda x: x[1])


def circulation_batch(
    store: Store, meeting_id: int, *, today: dt.date | None = None, message: str = ""
) -> Batch:
    """The pack's emails: one to the members, and one without the members-only papers to
    everyone else on the list (one email when no paper is members only)."""
    today = today or dt.date.today()
    meeting = get_meeting(store, meeting_id)
    if meeting.status == "cancelled":
        raise ValidationError(f"{meeting.title} is cancelled; there is no pack to send.")
    people = [
        of_person(get_person(store, r["person_id"]), r["role"]) for r in circulation(store, meeting)
    ]
    batch = Batch("circulate")
    ok, batch.not_sent = reachable(people, "not sent the papers")
    if not ok:
        batch.summary = f"Nobody on the circulation list of {meeting.title} has an email address"
        return batch
    restricted = [
        p.title
        for p in list_papers(store, meeting_id)
        if p.members_only and p.status != "withdrawn"
    ]
    marking = settings.get_str(store, "default_marking")
    if restricted:
        members = [a for a in ok if a.role in MEMBER_ROLES]
        others = [a for a in ok if a.role not in MEMBER_ROLES]
        groups = [(members, True), (others, False)]
    else:
        groups = [(ok, True)]
    for group, full in groups:
        if group:
            batch.mails.append(_pack_mail(meeting, group, full, restricted, marking, message))
    people_count = f"{len(ok)} {'person' if len(ok) == 1 else 'people'}"
    batch.summary = f"The {meeting.body} pack to {people_count}"
    if restricted and len(groups) > 1 and groups[1][0]:
        batch.summary += (
            f"; {pluralise(len(restricted), 'members-only paper')} left out for "
            f"{len(groups[1][0])} of them"
        )
    return batch


def _pack_mail(
    meeting: Meeting,
    to: list[Addressee],
    full: bool,
    restricted: list[str],
    marking: str,
    message: str,
) -> Mail:
    when = f"{long_date(meeting.date)} at {meeting.start_time}"
    blocks: list[Block] = ["Dear colleagues,"]
    blocks.append(
        f"Please find attached the papers for the {meeting.body} on {when}"
        + (f" ({meeting.where})" if meeting.where else "")
        + ". The agenda is at the front of the pack, followed by each item's cover sheet and "
        "papers in agenda order."
    )
    if restricted and full:
        blocks.append(
            "The pack includes "
            + ("a paper" if len(restricted) == 1 else "papers")
            + " for members only: "
            + "; ".join(f"'{t}'" for t in restricted)
            + ". Please do not forward "
            + ("it." if len(restricted) == 1 else "them.")
        )
    elif restricted:
        blocks.append(
            ("One paper is" if len(restricted) == 1 else f"{len(restricted)} papers are")
            + " for the members only and not included in this pack; the agenda lists every "
            "item."
        )
    if full:
        blocks.append(
            "If you cannot attend, please send your apologies and, where you can, a named "
            "deputy with delegated authority, so the meeting knows whether it will be quorate."
        )
    if message:
        blocks.append(message)
    stem = f"Papers - {meeting.body_code} {uk(meeting.date).replace('/', '-')}"
    return Mail(
        "circulate",
        to,
        f"{meeting.body} {uk(meeting.date)}: papers",
        blocks,
        file_stem=stem if full else f"{stem} - without members-only papers",
        attachments=[
            Attach(
                "board-pack",
                f"Board pack - {meeting.body_code} {uk(meeting.date).replace('/', '-')}.docx",
                meeting_id=meeting.id,
                with_members_only=full,
            )
        ],
        marking=marking,
        records=("meetings", (meeting.id,)),
    )
