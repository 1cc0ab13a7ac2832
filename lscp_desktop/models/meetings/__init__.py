"""Meetings of the partnership's bodies: dates and status, agendas, papers, minutes, decisions.

Cadences and schedule generation are in :mod:`cadence`; attendance and quorum in
:mod:`attendance`. Every function validates first and writes inside one transaction.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.dates import add_months, add_working_days, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import Record
from lscp_desktop.models.meetings.cadence import (
    PURPOSES,
    clock,
    get_cadence,
    minutes_of,
    paper_deadline_days,
    parse_time,
)
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.store.database import Row, Store

STATUSES = ("planned", "confirmed", "held", "cancelled", "postponed")
PAPER_STATUSES = ("requested", "received", "late", "withdrawn")
#: Papers larger than this are refused (board packs are emailed; keep them small).
MAX_PAPER_BYTES = 25 * 1024 * 1024


@dataclass
class Meeting(Record):
    id: int
    body_id: int
    date: str
    start_time: str = "10:00"
    duration_minutes: int = 120
    venue: str = ""
    online_link: str = ""
    status: str = "planned"
    status_reason: str = ""
    notes: str = ""
    rule_date: str | None = None
    body: str = ""
    body_code: str = ""
    item_count: int = 0
    paper_count: int = 0
    changes: int = 0

    @property
    def end_time(self) -> str:
        return clock(minutes_of(self.start_time) + self.duration_minutes)

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date)

    @property
    def uk_date(self) -> str:
        """dd/mm/yyyy without parsing (the list shows hundreds of these)."""
        return f"{self.date[8:10]}/{self.date[5:7]}/{self.date[:4]}"

    @property
    def where(self) -> str:
        if self.venue and self.online_link:
            return f"{self.venue} and online"
        return self.venue or ("Online" if self.online_link else "")

    @property
    def title(self) -> str:
        return f"{self.body} — {uk(self.date)}"


@dataclass
class AgendaItem(Record):
    id: int
    meeting_id: int
    position: int
    title: str
    purpose: str = "information"
    presenter_id: int | None = None
    presenter: str = ""
    minutes_allotted: int = 10
    minute_text: str = ""
    decisions: str = ""
    standing: int = 0
    proposed: int = 0
    carried_from_id: int | None = None
    forward_plan_id: int | None = None
    paper_count: int = 0
    #: Filled by :func:`timed_agenda`.
    starts: str = ""


@dataclass
class AgendaTiming:
    items: list[AgendaItem]
    meeting_start: str
    meeting_end: str
    agenda_end: str
    overrun_minutes: int

    @property
    def warning(self) -> str:
        if self.overrun_minutes <= 0:
            return ""
        return (
            f"The agenda runs to {self.agenda_end} but the meeting ends at {self.meeting_end}: "
            f"{self.overrun_minutes} minute{'s' if self.overrun_minutes != 1 else ''} too "
            "long. Shorten or move items."
        )


@dataclass
class Paper(Record):
    id: int
    meeting_id: int
    title: str
    agenda_item_id: int | None = None
    item: str = ""
    author_id: int | None = None
    author: str = ""
    status: str = "requested"
    received_date: str | None = None
    file_name: str = ""
    stored_name: str = ""
    file_size: int = 0
    notes: str = ""
    meeting_date: str = ""
    body: str = ""
    body_id: int = 0
    deadline: str = ""

    @property
    def overdue(self) -> bool:
        return self.status == "requested" and self.deadline < dt.date.today().isoformat()


@dataclass
class Decision:
    item_id: int
    meeting_id: int
    date: str
    body: str
    body_id: int
    item: str
    decision: str


@dataclass
class Change(Record):
    id: int
    meeting_id: int
    changed_at: str
    old_date: str
    old_start_time: str
    new_date: str
    new_start_time: str
    reason: str = ""


# --------------------------------------------------------------------------- meetings

_MEETING_SQL = (
    "SELECT m.*, b.name AS body, b.code AS body_code,"
    " (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS item_count,"
    " (SELECT count(*) FROM papers p WHERE p.meeting_id = m.id) AS paper_count,"
    " (SELECT count(*) FROM meeting_changes c WHERE c.meeting_id = m.id) AS changes"
    " FROM meetings m JOIN bodies b ON b.id = m.body_id"
)


def list_meetings(
    store: Store,
    *,
    body_id: int | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[Meeting]:
    """Meetings, oldest first, optionally of one body and within dates (inclusive)."""
    where: list[str] = []
    params: list[Any] = []
    if body_id is not None:
        where.append("m.body_id = ?")
        params.append(body_id)
    if start:
        where.append("m.date >= ?")
        params.append(start)
    if end:
        where.append("m.date <= ?")
        params.append(end)
    sql = _MEETING_SQL + (" WHERE " + " AND ".join(where) if where else "")
    rows = store.query(sql + " ORDER BY m.date, m.start_time, b.id", params)
    return [Meeting.from_row(r) for r in rows]


def get_meeting(store: Store, meeting_id: int) -> Meeting:
    rows = store.query(_MEETING_SQL + " WHERE m.id = ?", [meeting_id])
    if not rows:
        store.require("meetings", meeting_id, "meeting")
    return Meeting.from_row(rows[0])


def meeting_choices(store: Store) -> list[tuple[str, object]]:
    """(label, id) for every meeting, newest first (the Reports page's chooser)."""
    return [
        (f"{uk(m.date)} {m.body}" + (" (cancelled)" if m.status == "cancelled" else ""), m.id)
        for m in reversed(list_meetings(store))
    ]


def item_choices(store: Store) -> list[tuple[str, object]]:
    """(label, id) for every agenda item, newest meeting first, in agenda order."""
    rows = store.query(
        "SELECT a.id, a.position, a.title, m.date, b.code FROM agenda_items a"
        " JOIN meetings m ON m.id = a.meeting_id JOIN bodies b ON b.id = m.body_id"
        " ORDER BY m.date DESC, m.id DESC, a.position"
    )
    return [(f"{uk(r['date'])} {r['code']} {r['position']}. {r['title']}", r["id"]) for r in rows]


def _check_clash(store: Store, body_id: int, date: str, meeting_id: int | None) -> None:
    clash = store.query(
        "SELECT id FROM meetings WHERE body_id = ? AND date = ? AND status != 'cancelled'"
        " AND id != ?",
        [body_id, date, meeting_id or 0],
    )
    if clash:
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
        longest = store.scalar(
            "SELECT max(minutes_allotted) FROM agenda_items WHERE meeting_id = ?", [record_id]
        )
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
        if clean_status != "cancelled" and m.status == "cancelled":
            _check_clash(store, m.body_id, m.date, m.id)
        store.update(
            "meetings", meeting_id, {"status": clean_status, "status_reason": clean_reason}
        )


def meeting_history(store: Store, meeting_id: int) -> list[Change]:
    rows = store.rows("meeting_changes", "meeting_id = ?", [meeting_id], order_by="id")
    return [Change.from_row(r) for r in rows]


def delete_meeting(store: Store, meeting_id: int) -> Row:
    """Delete a meeting with nothing recorded against it; otherwise say to cancel it."""
    with store.transaction():
        m = get_meeting(store, meeting_id)
        recorded = (
            store.count("attendance", "meeting_id = ?", [meeting_id])
            + store.count("papers", "meeting_id = ?", [meeting_id])
            + store.count(
                "agenda_items",
                "meeting_id = ? AND (minute_text != '' OR decisions != '')",
                [meeting_id],
            )
        )
        if recorded:
            raise ValidationError(
                f"The meeting of {m.body} on {uk(m.date)} has attendance, papers or minutes, so "
                "it cannot be deleted. Cancel it instead, with a reason.",
                "status",
            )
        for item in store.rows("agenda_items", "meeting_id = ?", [meeting_id]):
            store.delete("agenda_items", item["id"])
        for change in store.rows("meeting_changes", "meeting_id = ?", [meeting_id]):
            store.delete("meeting_changes", change["id"])
        return store.delete("meetings", meeting_id)


def next_meeting(store: Store, body_id: int, after: str) -> Meeting | None:
    """The body's next meeting after a date that is not cancelled."""
    rows = store.query(
        _MEETING_SQL + " WHERE m.body_id = ? AND m.date > ? AND m.status != 'cancelled'"
        " ORDER BY m.date LIMIT 1",
        [body_id, after],
    )
    return Meeting.from_row(rows[0]) if rows else None


# --------------------------------------------------------------------------- agenda

_ITEM_SQL = (
    "SELECT a.*, coalesce(p.name, '') AS presenter,"
    " (SELECT count(*) FROM papers x WHERE x.agenda_item_id = a.id) AS paper_count"
    " FROM agenda_items a LEFT JOIN people p ON p.id = a.presenter_id"
)


def list_items(store: Store, meeting_id: int) -> list[AgendaItem]:
    rows = store.query(_ITEM_SQL + " WHERE a.meeting_id = ? ORDER BY a.position", [meeting_id])
    return [AgendaItem.from_row(r) for r in rows]


def get_item(store: Store, item_id: int) -> AgendaItem:
    rows = store.query(_ITEM_SQL + " WHERE a.id = ?", [item_id])
    if not rows:
        store.require("agenda_items", item_id, "agenda item")
    return AgendaItem.from_row(rows[0])


def timed_agenda(store: Store, meeting_id: int) -> AgendaTiming:
    """The agenda with each item's start time, and how far it overruns the meeting."""
    m = get_meeting(store, meeting_id)
    return time_items(list_items(store, meeting_id), m.start_time, m.duration_minutes)


def time_items(items: list[AgendaItem], start: str, duration: int) -> AgendaTiming:
    at = minutes_of(start)
    for item in items:
        item.starts = clock(at)
        at += item.minutes_allotted
    end = minutes_of(start) + duration
    return AgendaTiming(items, start, clock(end), clock(at), at - end)


def _item_values(store: Store, values: dict[str, Any], meeting: Meeting) -> dict[str, Any]:
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        raise ValidationError("Enter the item's title.", "title")
    purpose = str(values.get("purpose") or "information").strip().lower()
    if purpose not in PURPOSES:
        raise ValidationError(
            f"'{purpose}' is not a purpose; choose one of: {', '.join(PURPOSES)}.", "purpose"
        )
    try:
        minutes = int(str(values.get("minutes_allotted") or "10").strip())
    except ValueError:
        raise ValidationError("Enter the minutes allotted as a whole number.", "minutes") from None
    if minutes < 1:
        raise ValidationError("Give the item at least one minute.", "minutes_allotted")
    if minutes > meeting.duration_minutes:
        raise ValidationError(
            f"An item of {minutes} minutes is longer than the whole meeting "
            f"({meeting.duration_minutes} minutes).",
            "minutes_allotted",
        )
    presenter = values.get("presenter_id")
    if presenter:
        store.require("people", int(presenter), "person")
    return {
        "title": title,
        "purpose": purpose,
        "presenter_id": int(presenter) if presenter else None,
        "minutes_allotted": minutes,
    }


def save_item(
    store: Store, meeting_id: int, values: dict[str, Any], record_id: int | None = None
) -> int:
    """Add an item at the end of the agenda, or change one."""
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        clean = _item_values(store, values, meeting)
        if "proposed" in values:
            clean["proposed"] = 1 if values["proposed"] else 0
        if record_id is not None:
            store.update("agenda_items", record_id, clean)
            return record_id
        # A new item goes before the closing standing items (e.g. any other business).
        items = list_items(store, meeting_id)
        _, closing = get_cadence(store, meeting.body_id).standing_list()
        closing_titles = {c.title.lower() for c in closing}
        at = len(items)
        while at > 0 and items[at - 1].standing and items[at - 1].title.lower() in closing_titles:
            at -= 1
        new_id = store.insert(
            "agenda_items", {"meeting_id": meeting_id, "position": len(items) + 1, **clean}
        )
        order = [i.id for i in items]
        order.insert(at, new_id)
        _renumber(store, meeting_id, order)
        return new_id


def delete_item(store: Store, item_id: int) -> Row:
    with store.transaction():
        item = get_item(store, item_id)
        if store.count("papers", "agenda_item_id = ?", [item_id]):
            raise ValidationError(
                f"'{item.title}' has a paper; remove the paper or link it to another item first."
            )
        for d in store.rows("declarations", "agenda_item_id = ?", [item_id]):
            store.delete("declarations", d["id"])
        row = store.delete("agenda_items", item_id)
        _renumber(store, item.meeting_id, [i.id for i in list_items(store, item.meeting_id)])
        return row


def _renumber(store: Store, meeting_id: int, order: list[int]) -> None:
    current = {i.id: i.position for i in list_items(store, meeting_id)}
    if sorted(order) != sorted(current):
        raise ValidationError("The agenda changed meanwhile; reload it and try again.")
    for position, item_id in enumerate(order, start=1):
        if current[item_id] != position:
            store.update("agenda_items", item_id, {"position": position})


def reorder_items(store: Store, meeting_id: int, order: list[int]) -> None:
    """Put the agenda in the order of *order* (every item id of the meeting, once)."""
    with store.transaction():
        _renumber(store, meeting_id, order)


def move_item(store: Store, item_id: int, offset: int) -> list[int]:
    """Move an item up (negative) or down the agenda; returns the new order."""
    item = get_item(store, item_id)
    order = [i.id for i in list_items(store, item.meeting_id)]
    index = order.index(item_id)
    target = max(0, min(len(order) - 1, index + offset))
    order.insert(target, order.pop(index))
    reorder_items(store, item.meeting_id, order)
    return order


def forward_plan_due(store: Store, meeting: Meeting) -> list[Row]:
    """Forward plan entries due at this meeting: an occurrence falls after the body's
    previous (not cancelled) meeting and on or before this one."""
    previous = store.scalar(
        "SELECT max(date) FROM meetings WHERE body_id = ? AND date < ? AND status != 'cancelled'",
        [meeting.body_id, meeting.date],
    )
    low = previous or (meeting.day - dt.timedelta(days=120)).isoformat()
    due = []
    for entry in store.rows("forward_plan", "body_id = ? AND active = 1", [meeting.body_id]):
        occurrence = dt.date.fromisoformat(entry["first_due"])
        step = int(entry["every_months"])
        k = 0
        while occurrence.isoformat() <= meeting.date:
            if occurrence.isoformat() > low:
                due.append(entry)
                break
            k += step
            occurrence = add_months(dt.date.fromisoformat(entry["first_due"]), k)
    return due


def build_draft_agenda(store: Store, meeting_id: int) -> int:
    """Add the body's standing items and the forward plan's proposed items to an agenda.

    Items already on the agenda (same title) are not added twice. Returns how many were added.
    """
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        opening, closing = get_cadence(store, meeting.body_id).standing_list()
        existing = list_items(store, meeting_id)
        titles = {i.title.lower() for i in existing}
        planned: list[dict[str, Any]] = []
        for s in opening:
            planned.append(
                {
                    "title": s.title,
                    "purpose": s.purpose,
                    "minutes_allotted": s.minutes,
                    "standing": 1,
                }
            )
        for entry in forward_plan_due(store, meeting):
            planned.append(
                {
                    "title": entry["title"],
                    "purpose": entry["purpose"],
                    "minutes_allotted": entry["minutes_allotted"],
                    "presenter_id": entry["presenter_id"],
                    "proposed": 1,
                    "forward_plan_id": entry["id"],
                }
            )
        tail: list[dict[str, Any]] = [
            {"title": s.title, "purpose": s.purpose, "minutes_allotted": s.minutes, "standing": 1}
            for s in closing
        ]
        head = [p for p in planned if p["title"].lower() not in titles]
        tail = [p for p in tail if p["title"].lower() not in titles]
        # Opening items go first, existing items keep their order, closing items go last.
        new_ids_head = [
            store.insert("agenda_items", {"meeting_id": meeting_id, "position": 0, **p})
            for p in head
        ]
        new_ids_tail = [
            store.insert("agenda_items", {"meeting_id": meeting_id, "position": 0, **p})
            for p in tail
        ]
        order = new_ids_head + [i.id for i in existing] + new_ids_tail
        _renumber(store, meeting_id, order)
        return len(head) + len(tail)


def carry_forward(store: Store, item_id: int) -> int:
    """Copy an unfinished item to the body's next meeting; returns the new item's id."""
    with store.transaction():
        item = get_item(store, item_id)
        meeting = get_meeting(store, item.meeting_id)
        following = next_meeting(store, meeting.body_id, meeting.date)
        if following is None:
            raise ValidationError(
                f"{meeting.body} has no meeting after {uk(meeting.date)} to carry the item to. "
                "Add or generate the next meeting first."
            )
        already = store.count(
            "agenda_items", "meeting_id = ? AND carried_from_id = ?", [following.id, item_id]
        )
        if already:
            raise ValidationError(
                f"'{item.title}' is already carried forward to {uk(following.date)}."
            )
        new_id = save_item(
            store,
            following.id,
            {
                "title": item.title,
                "purpose": item.purpose,
                "presenter_id": item.presenter_id,
                "minutes_allotted": min(item.minutes_allotted, following.duration_minutes),
            },
        )
        store.update("agenda_items", new_id, {"carried_from_id": item_id})
        return new_id


def save_minutes(store: Store, item_id: int, minute_text: str, decisions: str) -> None:
    with store.transaction():
        item = get_item(store, item_id)
        m = get_meeting(store, item.meeting_id)
        if m.status == "cancelled" and (minute_text.strip() or decisions.strip()):
            raise ValidationError("This meeting was cancelled; it has no minutes.")
        store.update(
            "agenda_items",
            item_id,
            {"minute_text": minute_text.strip(), "decisions": decisions.strip()},
        )


def list_decisions(store: Store, *, body_id: int | None = None, search: str = "") -> list[Decision]:
    """Every decision, one per line of an item's decisions, newest first."""
    params: list[Any] = []
    sql = (
        "SELECT a.id AS item_id, a.meeting_id, a.title, a.decisions, m.date, m.body_id,"
        " b.name AS body FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
        " JOIN bodies b ON b.id = m.body_id WHERE a.decisions != ''"
    )
    if body_id is not None:
        sql += " AND m.body_id = ?"
        params.append(body_id)
    rows = store.query(sql + " ORDER BY m.date DESC, a.position", params)
    words = search.lower().split()
    out = []
    for r in rows:
        for line in r["decisions"].splitlines():
            text = line.strip().lstrip("•-* ").strip()
            if not text:
                continue
            hay = f"{text} {r['title']} {r['body']}".lower()
            if all(w in hay for w in words):
                out.append(
                    Decision(
                        r["item_id"],
                        r["meeting_id"],
                        r["date"],
                        r["body"],
                        r["body_id"],
                        r["title"],
                        text,
                    )
                )
    return out


# --------------------------------------------------------------------------- forward plan


@dataclass
class ForwardPlanEntry(Record):
    """A report due to a body on a cycle, proposed on the right meeting's draft agenda."""

    id: int
    body_id: int
    title: str
    every_months: int
    first_due: str
    purpose: str = "assurance"
    from_body_id: int | None = None
    presenter_id: int | None = None
    minutes_allotted: int = 15
    active: int = 1
    body: str = ""
    from_body: str = ""
    presenter: str = ""

    @property
    def cycle(self) -> str:
        return "every month" if self.every_months == 1 else f"every {self.every_months} months"


def list_forward_plan(store: Store, body_id: int | None = None) -> list[ForwardPlanEntry]:
    rows = store.query(
        "SELECT f.*, b.name AS body, coalesce(fb.name, '') AS from_body,"
        " coalesce(p.name, '') AS presenter FROM forward_plan f"
        " JOIN bodies b ON b.id = f.body_id LEFT JOIN bodies fb ON fb.id = f.from_body_id"
        " LEFT JOIN people p ON p.id = f.presenter_id"
        + (" WHERE f.body_id = ?" if body_id is not None else "")
        + " ORDER BY b.id, f.first_due, f.title",
        [body_id] if body_id is not None else [],
    )
    return [ForwardPlanEntry.from_row(r) for r in rows]


def delete_forward_plan(store: Store, entry_id: int) -> Row:
    """Delete an entry never yet put on an agenda (otherwise deactivate it)."""
    with store.transaction():
        used = store.count("agenda_items", "forward_plan_id = ?", [entry_id])
        if used:
            raise ValidationError(
                f"This report has been on {used} agenda(s), so it cannot be deleted. Deactivate "
                "it instead: it stops being proposed and its history is kept.",
                "active",
            )
        return store.delete("forward_plan", entry_id)


def set_forward_plan_active(store: Store, entry_id: int, active: bool) -> None:
    store.update("forward_plan", entry_id, {"active": int(active)})


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
        "body_id": int(values["body_id"]),
        "title": title,
        "purpose": purpose,
        "from_body_id": int(values["from_body_id"]) if values.get("from_body_id") else None,
        "presenter_id": int(values["presenter_id"]) if values.get("presenter_id") else None,
        "every_months": every,
        "first_due": first.isoformat(),
        "minutes_allotted": int(values.get("minutes_allotted") or 15),
        "active": 1 if values.get("active", 1) else 0,
    }
    with store.transaction():
        get_body(store, clean["body_id"])
        if record_id is None:
            return store.insert("forward_plan", clean)
        store.update("forward_plan", record_id, clean)
        return record_id


# --------------------------------------------------------------------------- papers

_PAPER_SQL = (
    "SELECT x.*, coalesce(p.name, '') AS author, coalesce(a.title, '') AS item,"
    " m.date AS meeting_date, m.body_id, b.name AS body FROM papers x"
    " JOIN meetings m ON m.id = x.meeting_id JOIN bodies b ON b.id = m.body_id"
    " LEFT JOIN people p ON p.id = x.author_id LEFT JOIN agenda_items a ON a.id = x.agenda_item_id"
)


def _with_deadlines(store: Store, rows: list[Row]) -> list[Paper]:
    days: dict[int, int] = {}
    out = []
    for r in rows:
        body_id = r["body_id"]
        if body_id not in days:
            days[body_id] = paper_deadline_days(store, body_id)
        paper = Paper.from_row(r)
        paper.deadline = paper_deadline(dt.date.fromisoformat(r["meeting_date"]), days[body_id])
        out.append(paper)
    return out


def paper_deadline(meeting_day: dt.date, working_days: int) -> str:
    return add_working_days(meeting_day, -working_days).isoformat()


def list_papers(store: Store, meeting_id: int) -> list[Paper]:
    rows = store.query(_PAPER_SQL + " WHERE x.meeting_id = ? ORDER BY x.id", [meeting_id])
    return _with_deadlines(store, rows)


def papers_due(store: Store, days: int, today: dt.date | None = None) -> list[Paper]:
    """Papers still requested whose deadline falls within the next *days* days (or has
    passed for a meeting still to come), across all bodies, soonest first."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    rows = store.query(
        _PAPER_SQL + " WHERE x.status IN ('requested', 'late') AND m.date >= ?"
        " AND m.date <= ? AND m.status NOT IN ('cancelled', 'postponed')",
        [today.isoformat(), (horizon + dt.timedelta(days=60)).isoformat()],
    )
    papers = [p for p in _with_deadlines(store, rows) if p.deadline <= horizon.isoformat()]
    return sorted(papers, key=lambda p: (p.deadline, p.meeting_date, p.title))


def papers_folder(store: Store) -> Path:
    """Where copies of papers are kept: beside the database, like its backups."""
    return store.path.with_name(store.path.stem + "-papers")


def save_paper(
    store: Store, meeting_id: int, values: dict[str, Any], record_id: int | None = None
) -> int:
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        raise ValidationError("Enter the paper's title.", "title")
    status = str(values.get("status") or "requested").lower()
    if status not in PAPER_STATUSES:
        raise ValidationError(
            f"'{status}' is not a paper status; choose one of: {', '.join(PAPER_STATUSES)}.",
            "status",
        )
    received = values.get("received_date")
    received_iso = parse_date(received, "date received").isoformat() if received else None
    if status == "received" and not received_iso:
        received_iso = dt.date.today().isoformat()
    item_id = values.get("agenda_item_id")
    author_id = values.get("author_id")
    clean: dict[str, Any] = {
        "meeting_id": meeting_id,
        "title": title,
        "agenda_item_id": int(item_id) if item_id else None,
        "author_id": int(author_id) if author_id else None,
        "status": status,
        "received_date": received_iso,
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        get_meeting(store, meeting_id)
        if clean["agenda_item_id"] is not None:
            item = get_item(store, clean["agenda_item_id"])
            if item.meeting_id != meeting_id:
                raise ValidationError("That agenda item is on another meeting.", "agenda_item_id")
        if record_id is None:
            return store.insert("papers", clean)
        store.update("papers", record_id, clean)
        return record_id


def attach_paper_file(store: Store, paper_id: int, source: str | Path) -> Path:
    """Copy the paper's file into the papers folder; the paper is marked received."""
    path = Path(source)
    if not path.exists():
        raise ValidationError(f"There is no file at {path}.", "file")
    if not path.is_file():
        raise ValidationError(f"{path} is a folder; choose the paper's file.", "file")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise ValidationError(
            f"{path.name} cannot be read ({exc.strerror}). Close it in other programs or copy it "
            "somewhere you can open it, then try again.",
            "file",
        ) from exc
    if size > MAX_PAPER_BYTES:
        raise ValidationError(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; papers can be at most "
            f"{MAX_PAPER_BYTES // 1024 // 1024} MB. Compress it or split it.",
            "file",
        )
    paper = store.require("papers", paper_id, "paper")
    folder = papers_folder(store)
    stored_name = f"{paper_id}-{path.name}"
    target = folder / stored_name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{stored_name}.tmp"
        shutil.copyfile(path, tmp)
        tmp.replace(target)
    except OSError as exc:
        raise ValidationError(
            f"The paper could not be copied to {folder} ({exc.strerror}). Nothing was changed.",
            "file",
        ) from exc
    try:
        store.update(
            "papers",
            paper_id,
            {
                "file_name": path.name,
                "stored_name": stored_name,
                "file_size": size,
                "status": "received"
                if paper["status"] in ("requested", "late")
                else paper["status"],
                "received_date": paper["received_date"] or dt.date.today().isoformat(),
            },
        )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    old = paper["stored_name"]
    if old and old != stored_name:
        (folder / old).unlink(missing_ok=True)
    return target


def paper_file(store: Store, paper_id: int) -> Path | None:
    paper = store.require("papers", paper_id, "paper")
    if not paper["stored_name"]:
        return None
    return papers_folder(store) / paper["stored_name"]


def delete_paper(store: Store, paper_id: int) -> Row:
    row = store.delete("papers", paper_id)
    if row.get("stored_name"):
        (papers_folder(store) / row["stored_name"]).unlink(missing_ok=True)
    return row
