"""Asking presenters for their papers: one email per presenter whose paper for a meeting is
not yet received, with the deadline (in working days before the meeting), the agenda item and
the item's cover sheet to fill in; sent a number of working days before the deadline (the
``paper_request_working_days`` setting), when Home lists the meeting."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import add_working_days, long_date, uk
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.correspondence.addresses import first_name, of_person, reachable
from lscp_desktop.models.correspondence.records import (
    Addressee,
    Attach,
    Batch,
    Block,
    Mail,
    NotSent,
)
from lscp_desktop.models.meetings.cadence import paper_deadline_days
from lscp_desktop.models.meetings.meetings import get_meeting
from lscp_desktop.models.meetings.papers import list_papers, papers_due
from lscp_desktop.models.meetings.records import Meeting, Paper
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.store.database import Store

AWAITED = ("requested", "late")


def request_from(store: Store, deadline: str) -> dt.date:
    """The first day to ask for a paper due on *deadline*."""
    days = settings.get_int(store, "paper_request_working_days")
    return add_working_days(dt.date.fromisoformat(deadline), -days)


def requests_due(store: Store, today: dt.date | None = None) -> list[tuple[Meeting, list[Paper]]]:
    """Meetings with papers awaited that have not been asked for, whose request time has come
    (Home lists them), soonest deadline first."""
    today = today or dt.date.today()
    horizon = 7 * 12  # the lead time can be up to 60 working days
    by_meeting: dict[int, list[Paper]] = defaultdict(list)
    for p in papers_due(store, horizon, today):
        if p.requested_on is None and p.author_id and request_from(store, p.deadline) <= today:
            by_meeting[p.meeting_id].append(p)
    return [(get_meeting(store, mid), papers) for mid, papers in by_meeting.items()]


def papers_batch(
    store: Store, meeting_id: int, *, today: dt.date | None = None, message: str = ""
) -> Batch:
    """The paper requests for one meeting."""
    today = today or dt.date.today()
    meeting = get_meeting(store, meeting_id)
    batch = Batch("papers")
    awaited = [p for p in list_papers(store, meeting_id) if p.status in AWAITED]
    by_author: dict[int, list[Paper]] = defaultdict(list)
    for p in awaited:
        if p.author_id is None:
            batch.not_sent.append(NotSent(f"Paper '{p.title}'", "no presenter named; add one"))
        else:
            by_author[p.author_id].append(p)
    days = paper_deadline_days(store, meeting.body_id)
    for author_id, papers in by_author.items():
        person = of_person(get_person(store, author_id))
        ok, missing = reachable([person], f"{pluralise(len(papers), 'paper')} for {meeting.title}")
        batch.not_sent += missing
        if ok:
            batch.mails.append(_request(ok[0], meeting, papers, days, today, message))
    batch.summary = (
        f"Asking {pluralise(len(batch.mails), 'presenter')} for papers for {meeting.title}"
        if batch.mails
        else f"No papers to ask for: every paper for {meeting.title} is in or has no presenter"
    )
    return batch


def _request(
    to: Addressee, meeting: Meeting, papers: list[Paper], days: int, today: dt.date, message: str
) -> Mail:
    deadline = papers[0].deadline
    late = deadline < today.isoformat()
    reminder = any(p.requested_on for p in papers)
    what = "paper" if len(papers) == 1 else "papers"
    subject = f"{'Reminder: ' if reminder or late else ''}{meeting.body} {uk(meeting.date)}: "
    subject += f"your {what} due {uk(deadline)}"
    names = [
        f"'{p.title}'" + (f" (agenda item: {p.item})" if p.item and p.item != p.title else "")
        for p in papers
    ]
    listed = names[0] if len(names) == 1 else "\n".join(f"• {n}" for n in names)
    blocks: list[Block] = [f"Dear {first_name(to.name)},"]
    blocks.append(
        f"Thank you for presenting to the {meeting.body} on {long_date(meeting.date)} at "
        f"{meeting.start_time}{f' ({meeting.where})' if meeting.where else ''}. "
        f"Your {what} for the meeting {'is' if len(papers) == 1 else 'are'}:"
    )
    blocks.append(listed)
    when = (
        f"The deadline was {long_date(deadline)} ({days} working days before the meeting) and "
        "the pack is now being put together: please send it as soon as you can, or tell me "
        "today if the item should be deferred."
        if late
        else f"Please send {'it' if len(papers) == 1 else 'them'} to me by "
        f"{long_date(deadline)}, {days} working days before the meeting, so the pack can go "
        "out to members in good time."
    )
    blocks.append(when)
    attach = [
        Attach("cover-sheet", f"Cover sheet - {p.item}.docx", item_id=p.agenda_item_id)
        for p in _one_per_item(papers)
    ]
    if attach:
        blocks.append(
            "The cover sheet for the item is attached: please complete it (purpose, summary, "
            "recommendations, risks and implications, and the voice of the child) and send it "
            "with the paper as a Word document."
        )
    if message:
        blocks.append(message)
    return Mail(
        "papers",
        [to],
        subject,
        blocks,
        file_stem=f"Paper request - {meeting.body_code} {uk(meeting.date).replace('/', '-')} "
        f"- {to.name}",
        attachments=attach,
        records=("papers", tuple(p.id for p in papers)),
    )


def _one_per_item(papers: list[Paper]) -> list[Paper]:
    seen: set[int] = set()
    out = []
    for p in papers:
        if p.agenda_item_id is not None and p.agenda_item_id not in seen:
            seen.add(p.agenda_item_id)
            out.append(p)
    return out


def record_requested(store: Store, paper_ids: tuple[int, ...], day: dt.date) -> int:
    """Record that the papers were asked for on *day* (Home stops listing them)."""
    with store.transaction():
        for paper_id in paper_ids:
            store.update("papers", paper_id, {"requested_on": day.isoformat()})
    return len(paper_ids)
