"""Loading action logs: every action with what a log shows, its RAG rating worked out for a
day, and each body's next meeting (which the log's "due before the next meeting" needs)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.rag import amber_days
from lscp_desktop.models.actions.records import (
    DONE_STATUSES,
    RAG_AMBER,
    RAG_CANCELLED,
    RAG_COMPLETE,
    RAG_GREEN,
    RAG_RED,
    RAGS,
    STATUSES,
    Action,
)
from lscp_desktop.models.core.errors import StoreError
from lscp_desktop.models.store.database import Store


@dataclass(frozen=True)
class LogDay:
    """What working out a log's RAG ratings and next meetings needs for one day: read once
    for a list, or once for a whole import of thousands of actions."""

    today: str
    amber_day: str
    meetings: dict[int, str]

    @classmethod
    def read(cls, store: Store, today: dt.date) -> LogDay:
        return cls(
            today.isoformat(),
            (today + dt.timedelta(days=amber_days(store))).isoformat(),
            {body: date for body, (_id, date) in next_meetings(store, today).items()},
        )


def _finish(
    store: Store, rows: Iterable[Sequence[Any]], today: dt.date, log_day: LogDay | None = None
) -> list[Action]:
    return list(_actions(rows, log_day or LogDay.read(store, today)))


#: The columns many actions repeat (names, labels, dates): each value is held once, not once an
#: action (a log of 20,000 actions is 40 MB otherwise).
_SHARED = (2, 3, 8, 12, 14, 15, 17, 19, 20, 21, 22, 23, 27)


def _actions(
    rows: Iterable[Sequence[Any]], log_day: LogDay, search: bool = True
) -> Iterator[Action]:
    """Actions from *rows*, with RAG (the rule of :func:`~.rag.rag`, inlined: a log can be
    20,000 actions), next meeting and (with *search*) the text a search looks in."""
    meetings = log_day.meetings
    rag_of = _rag_rule(log_day)
    shared: dict[Any, Any] = {}
    keep = shared.setdefault
    for row in rows:
        values = list(row)
        for i in _SHARED:
            values[i] = keep(values[i], values[i])
        a = Action(*values, meetings.get(row[1]))  # type: ignore[call-arg]  # the fields in order
        a.rag = rag_of(a.status, a.due_date)
        if search:
            a.search_text = "\x1f".join(
                (a.reference, a.title, a.owner, a.organisation, a.body, a.priority, a.status,
                 a.source_label, a.latest_note)
            ).lower()  # fmt: skip
        yield a


def _rag_rule(log_day: LogDay) -> Callable[[str, str], str]:
    """The RAG rating of an action by its status and due date on *log_day* (the rule of
    :func:`~.rag.rag`, without reading the settings again for each action)."""
    day, amber_day = log_day.today, log_day.amber_day

    def rag_of(status: str, due_date: str) -> str:
        if status in DONE_STATUSES:
            return RAG_COMPLETE
        if status == "cancelled":
            return RAG_CANCELLED
        if due_date < day:
            return RAG_RED
        if due_date <= amber_day:
            return RAG_AMBER
        return RAG_GREEN

    return rag_of


#: The fields of :class:`Action` that :func:`iter_action_values` gives, in order: every one but
#: the search text (the RAG rating last).
VALUE_FIELDS = (
    *(f.name for f in fields(Action) if f.name not in ("rag", "search_text")),
    "rag",
)
_STATUS, _DUE = VALUE_FIELDS.index("status"), VALUE_FIELDS.index("due_date")


def iter_action_values(
    store: Store,
    *,
    body_id: int | None = None,
    statuses: Collection[str] | None = None,
    today: dt.date | None = None,
) -> Iterator[tuple[Any, ...]]:
    """What :func:`iter_actions` gives, as plain tuples of :data:`VALUE_FIELDS` (no record or
    search text made per action): for listings of any length written straight out, as
    ``list actions --json`` does."""
    log_day = LogDay.read(store, today or dt.date.today())
    meetings, rag_of = log_day.meetings, _rag_rule(log_day)
    wanted = None if statuses is None else [s for s in STATUSES if s in set(statuses)]
    for row in q.iter_actions(store, body_id=body_id, statuses=wanted):
        yield (*row, meetings.get(row[1]), rag_of(row[_STATUS], row[_DUE]))


def iter_actions(
    store: Store,
    *,
    body_id: int | None = None,
    owner_id: int | None = None,
    statuses: Collection[str] | None = None,
    risk_id: int | None = None,
    agenda_item_id: int | None = None,
    today: dt.date | None = None,
    search: bool = True,
    first: int | None = None,
) -> Iterator[Action]:
    """Actions with everything a log shows, streamed from one query; RAG computed for *today*
    (a log of any length is never held at once: ``list --json`` writes each as it comes).

    Further filters (RAG, overdue, due before the next meeting, text…) are applied with
    :class:`~.filters.ActionFilter` so the window can change them without reloading. With
    *first*, only the first so many in log order (what a log shows before it is all read).
    """
    today = today or dt.date.today()
    wanted = None if statuses is None else [s for s in STATUSES if s in set(statuses)]
    rows = q.iter_actions(
        store,
        body_id=body_id,
        owner_id=owner_id,
        risk_id=risk_id,
        agenda_item_id=agenda_item_id,
        statuses=wanted,
        first=first,
    )
    return _actions(rows, LogDay.read(store, today), search)


def list_actions(
    store: Store,
    *,
    body_id: int | None = None,
    owner_id: int | None = None,
    statuses: Collection[str] | None = None,
    risk_id: int | None = None,
    agenda_item_id: int | None = None,
    today: dt.date | None = None,
    first: int | None = None,
) -> list[Action]:
    """Actions with everything a log shows, in one query; RAG computed for *today*.

    Further filters (RAG, overdue, due before the next meeting, text…) are applied with
    :class:`~.filters.ActionFilter` so the window can change them without reloading. With
    *first*, only the first so many in log order.
    """
    return list(
        iter_actions(
            store,
            body_id=body_id,
            owner_id=owner_id,
            statuses=statuses,
            risk_id=risk_id,
            agenda_item_id=agenda_item_id,
            today=today,
            first=first,
        )
    )


#: What the action log's workbook shows of an action, in its columns' order (the RAG rating is
#: worked out, the latest note found among the log's notes; the rest are read).
LOG_FIELDS = (
    "reference", "body", "title", "owner", "due_date", "status", "rag", "latest_note",
    "latest_note_date", "detail", "source", "source_label", "organisation", "priority",
    "raised_date", "completed_date", "completion_note", "reopened_count",
)  # fmt: skip
_READ = tuple(f for f in LOG_FIELDS if f not in ("rag", "latest_note", "latest_note_date"))


def log_rows(
    store: Store, *, body_id: int | None = None, today: dt.date | None = None
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """A whole action log (one body's, or every body's) as its workbook shows it: each action's
    :data:`LOG_FIELDS` in log order (what :func:`list_actions` gives, without a record or search
    text per action), and every note (reference, date, by, kind, text) by action then date.

    Two queries: the notes, read once, give each action its latest note too."""
    rag_of = _rag_rule(LogDay.read(store, today or dt.date.today()))
    latest: dict[int, tuple[str, str]] = {}
    notes = []
    for action_id, reference, note_date, by, kind, text in q.iter_notes_of_log(store, body_id):
        latest[action_id] = (text, note_date)  # by date then id: the last is the latest
        notes.append((reference, note_date, by, kind, text))
    no_note = ("", None)
    rows = []
    for action_id, *v in q.iter_action_columns(store, ("id", *_READ), body_id=body_id):
        note = latest.get(action_id, no_note)
        rows.append([*v[:6], rag_of(v[5], v[4]), *note, *v[6:]])
    return rows, notes


def iter_action_json(
    store: Store,
    *,
    body_id: int | None = None,
    statuses: Collection[str] | None = None,
    today: dt.date | None = None,
    labels: dict[str, str] | None = None,
) -> Iterator[str]:
    """Each action :func:`iter_action_values` gives as one JSON object: its fields by name (the
    RAG rating as *labels* names it), as ``json`` writes a dict of them with no indent.

    Where SQLite's ``json_quote`` writes text exactly as ``json`` does (checked on this
    connection: it is SQLite's, and may be any version), the stored fields are written by
    SQLite as it reads them, and no value becomes a Python object; elsewhere, by ``json``."""
    encode = json.JSONEncoder(default=str, ensure_ascii=False).encode
    labels = labels or {}
    if not _json_quote_matches(store, encode):
        for v in iter_action_values(store, body_id=body_id, statuses=statuses, today=today):
            yield encode(dict(zip(VALUE_FIELDS, (*v[:-1], labels.get(v[-1], v[-1])), strict=True)))
        return
    log_day = LogDay.read(store, today or dt.date.today())
    rag_of = _rag_rule(log_day)
    meeting = {body: f', "next_meeting": {encode(day)}' for body, day in log_day.meetings.items()}
    no_meeting = ', "next_meeting": null'
    rag = {key: f', "rag": {encode(labels.get(key, key))}}}' for key in RAGS}
    wanted = None if statuses is None else [s for s in STATUSES if s in set(statuses)]
    rows = q.iter_actions_json(store, VALUE_FIELDS[:-2], body_id=body_id, statuses=wanted)
    for head, body, status, due_date in rows:
        yield head + meeting.get(body, no_meeting) + rag[rag_of(status, due_date)]


#: Text that tells whether SQLite's ``json_quote`` writes strings as ``json`` does: every
#: character ``json`` escapes, and others it leaves as they are.
_JSON_PROBE = "".join(map(chr, range(0x80))) + "\u00a0é\u2028\u2029\ufeff\U0001f600"


def _json_quote_matches(store: Store, encode: Callable[[object], str]) -> bool:
    """Whether this connection's ``json_quote`` writes text, whole numbers and null as
    *encode* does."""
    try:
        return all(
            q.json_quoted(store, v) == encode(v)
            for v in (_JSON_PROBE, "", 0, -(2**63), 2**63 - 1, None)
        )
    except StoreError:  # no JSON functions in this SQLite: ``json`` writes it all
        return False


def get_action(
    store: Store, action_id: int, today: dt.date | None = None, log_day: LogDay | None = None
) -> Action:
    """One action; *log_day* (for *today*) saves reading the settings and next meetings again
    when many are asked for."""
    today = today or dt.date.today()
    rows = q.action_by_id(store, action_id)
    if not rows:
        store.require("actions", action_id, "action")
    return _finish(store, rows, today, log_day)[0]


def get_actions(store: Store, ids: Sequence[int], log_day: LogDay) -> list[Action]:
    """The actions with *ids* (those there are, in no set order), without search text."""
    return list(_actions(q.actions_by_ids(store, ids), log_day, search=False))


def find_action(store: Store, reference: str) -> Action | None:
    action_id = q.action_id_by_reference(store, reference.strip())
    return get_action(store, action_id) if action_id is not None else None


def next_meetings(store: Store, today: dt.date | None = None) -> dict[int, tuple[int, str]]:
    """Each body's next meeting (id, date) on or after *today*, cancelled ones left out."""
    day = (today or dt.date.today()).isoformat()
    return {r["body_id"]: (r["id"], r["date"]) for r in q.meetings_from(store, day)}
