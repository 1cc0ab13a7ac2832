"""A meeting's agenda: its items in order, the time each starts, the body's standing items and
the forward plan's reports on a draft agenda, and unfinished items carried forward."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.meetings.cadence import PURPOSES, clock, get_cadence, minutes_of
from lscp_desktop.models.meetings.forward_plan import forward_plan_due
from lscp_desktop.models.meetings.meetings import get_meeting, next_meeting
from lscp_desktop.models.meetings.minutes_lock import ensure_minutes_open
from lscp_desktop.models.meetings.queries import agenda as agenda_queries
from lscp_desktop.models.meetings.queries import papers as paper_queries
from lscp_desktop.models.meetings.records import AgendaItem, AgendaTiming, Meeting
from lscp_desktop.models.meetings.themes import agenda_item_for, theme_due
from lscp_desktop.models.store.database import Row, Store


def list_items(store: Store, meeting_id: int) -> list[AgendaItem]:
    return [AgendaItem.from_row(r) for r in agenda_queries.item_rows(store, meeting_id)]


def get_item(store: Store, item_id: int) -> AgendaItem:
    row = agenda_queries.item_row(store, item_id)
    if row is None:
        raise NotFoundError(f"There is no agenda item with id {item_id}.")
    return AgendaItem.from_row(row)


def item_choices(store: Store, today: dt.date | None = None) -> list[tuple[str, object]]:
    """(label, id) for every agenda item in agenda order, meetings from the next one (as
    :func:`~.meetings.meeting_choices`)."""
    day = (today or dt.date.today()).isoformat()
    rows = agenda_queries.item_label_rows(store)  # newest meeting first
    ahead = [r for r in rows if r["date"] >= day]
    ahead.sort(key=lambda r: r["date"])  # stable: each meeting's items stay in order
    return [
        (f"{uk(r['date'])} {r['code']} {r['position']}. {r['title']}", r["id"])
        for r in ahead + [r for r in rows if r["date"] < day]
    ]


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
        ensure_minutes_open(store, meeting_id, "change their agenda")
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
    """Take an item off its agenda. An item carried forward can be taken off: its copy on the
    later meeting stays (no longer marked as carried from it)."""
    with store.transaction():
        item = get_item(store, item_id)
        ensure_minutes_open(store, item.meeting_id, "take an item off the agenda")
        if paper_queries.papers_of_item(store, item_id):
            raise ValidationError(
                f"'{item.title}' has a paper; remove the paper or link it to another item first."
            )
        actions = agenda_queries.actions_of_item(store, item_id)
        if actions:
            raise ValidationError(
                f"'{item.title}' has {actions} action{'s' if actions != 1 else ''} raised from "
                "it in the action log; those stay linked to the item, so it cannot be removed."
            )
        for declaration_id in agenda_queries.declaration_ids_of_item(store, item_id):
            store.delete("declarations", declaration_id)
        for copy_id in agenda_queries.items_copied_from(store, item_id):
            store.update("agenda_items", copy_id, {"carried_from_id": None})
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
        ensure_minutes_open(store, meeting_id, "reorder their agenda")
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


def build_draft_agenda(store: Store, meeting_id: int) -> int:
    """Add the body's standing items, the quarter's theme (when the body is asked to examine
    it) and the forward plan's proposed items to an agenda.

    The standing opening items come first and the closing items last, in the body's order
    (those already on the agenda are moved there); between them, the forward plan's reports,
    then the items already on the agenda in their order. Items already on the agenda
    (same title) are not added twice. Returns how many were added.
    """
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        ensure_minutes_open(store, meeting_id, "change their agenda")
        opening, closing = get_cadence(store, meeting.body_id).standing_list()
        existing = list_items(store, meeting_id)
        by_title = {i.title.lower(): i.id for i in existing}
        added = 0

        def place(title: str, values: dict[str, Any]) -> int | None:
            nonlocal added
            known = by_title.get(title.lower())
            if known is not None:
                return known
            new_id = store.insert("agenda_items", {"meeting_id": meeting_id, "position": 0,
                                                   "title": title, **values})  # fmt: skip
            by_title[title.lower()] = new_id
            added += 1
            return new_id

        def standing(entries: list[Any]) -> list[int]:
            ids = [place(s.title, {"purpose": s.purpose, "minutes_allotted": s.minutes,
                                   "standing": 1}) for s in entries]  # fmt: skip
            return list(dict.fromkeys(i for i in ids if i is not None))

        head = standing(opening)
        tail = [i for i in standing(closing) if i not in head]
        middle = [i.id for i in existing if i.id not in head and i.id not in tail]
        themed: list[int | None] = []
        theme = theme_due(store, meeting)
        if theme is not None:
            values = agenda_item_for(theme)
            title = values.pop("title")
            if title.lower() not in by_title:
                themed.append(place(title, values))
        plan = [
            place(entry["title"], {
                "purpose": entry["purpose"], "minutes_allotted": entry["minutes_allotted"],
                "presenter_id": entry["presenter_id"], "proposed": 1,
                "forward_plan_id": entry["id"],
            })
            for entry in forward_plan_due(store, meeting)
            if entry["title"].lower() not in by_title
        ]  # fmt: skip
        order = head + [i for i in themed + plan if i is not None] + middle + tail
        _renumber(store, meeting_id, order)
        return added


def agree_item(store: Store, item_id: int) -> None:
    """Mark a proposed item (a forward plan report put on the draft) as agreed with the chair:
    from then on it is on the agenda that goes out."""
    with store.transaction():
        item = get_item(store, item_id)
        ensure_minutes_open(store, item.meeting_id, "change their agenda")
        if item.proposed:
            store.update("agenda_items", item_id, {"proposed": 0})


def agreed_agenda(store: Store, meeting_id: int) -> AgendaTiming:
    """The agenda that goes out: items proposed and not yet agreed with the chair are left
    out, the rest numbered 1, 2, 3 … in order and timed from the start of the meeting."""
    m = get_meeting(store, meeting_id)
    items = [i for i in list_items(store, meeting_id) if not i.proposed]
    for number, item in enumerate(items, start=1):
        item.position = number
    return time_items(items, m.start_time, m.duration_minutes)


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
        if agenda_queries.items_carried_from(store, following.id, item_id):
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
