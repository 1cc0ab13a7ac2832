"""The action log as an import sees it: every action's keys, read once per import.

A row's action is found by its reference or by its body and title; a row's latest note is added
as a progress note unless the action has it already (its latest note, known from the log, or
an older one, read from the database only then). The log learns a row's action only once the
row has worked, so it stays right when a later row fails and is rolled back.
"""

from __future__ import annotations

import datetime as dt
from array import array
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.listing import LogDay, get_action, get_actions
from lscp_desktop.models.actions.notes import add_note, list_notes
from lscp_desktop.models.actions.records import Action
from lscp_desktop.models.imports.values import normalise_name
from lscp_desktop.models.membership.body_records import Body
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

Keys = tuple[str, tuple[int, str]]  # an action's reference (casefolded), its body and title
Note = tuple[str, str]  # (text with its spaces tidied, ISO date)


class ActionLog:
    """Every action's keys (reference, body and title), read once per import (a large log is
    20,000 actions); the actions themselves are read when a row finds one, a window of the
    log at a time (a log checked back against itself asks for them in log order), so a file
    of 48,000 new actions holds none of them, and a log checked back holds a window's."""

    #: How many actions are read at once, at most and at least, from the one a row asks for
    #: on in log order: twice as many as rows asked for from the window before (a log checked
    #: back reads 500 at a time; a file naming one action in a hundred, a few).
    WINDOW, LEAST = 500, 16

    def __init__(self, store: Store, today: dt.date) -> None:
        self.store = store
        self.today = today
        #: The day's amber date and next meetings, read once for every action the import reads.
        self.day = LogDay.read(store, today)
        self.by_reference: dict[str, int] = {}
        self.by_title: dict[tuple[int, str], int] = {}
        self._order = array("q")  # the ids in log order
        self._place: dict[int, int] = {}  # id -> its place in that order
        self._window: dict[int, Action] = {}
        self._size, self._asked = self.WINDOW, 0  # the next window's size; asks of this one
        for action_id, body_id, reference, title in q.action_keys(store):
            self.by_reference[str(reference).casefold()] = action_id
            self.by_title[(body_id, normalise_name(str(title)))] = action_id
            self._place[action_id] = len(self._order)
            self._order.append(action_id)

    def find(self, body: Body, number: int | None, title: str) -> Action | None:
        """The action numbered *number* in *body*'s log or, without a number, titled *title*."""
        if number is not None:
            found = self.by_reference.get(f"{body.code}-{number:04d}".casefold())
        else:
            found = self.by_title.get((body.id, normalise_name(title)))
        if found is None:
            return None
        assert found, "an action held is written before a row asks for it"
        action = self._window.get(found)
        if action is None:
            place = self._place.get(found)
            if place is None:  # saved by this import: read alone
                return get_action(self.store, found, self.today, self.day)
            if self._window:
                self._size = min(self.WINDOW, max(self.LEAST, 2 * self._asked))
            ids = self._order[place : place + self._size]
            self._window = {a.id: a for a in get_actions(self.store, ids, self.day)}
            action, self._asked = self._window[found], 0
        self._asked += 1
        return action

    def knows(self, body: Body, number: int | None, title: str) -> bool:
        """Whether :meth:`find` would find an action (without reading it)."""
        if number is not None:
            return f"{body.code}-{number:04d}".casefold() in self.by_reference
        return (body.id, normalise_name(title)) in self.by_title

    def remember_held(self, reference: str, body_id: int, title: str) -> Keys:
        """Know an action held to be saved (:meth:`knows` says so; :meth:`find` must not be
        asked before :meth:`remember_id`); returns the keys it is known by."""
        keys = (reference.casefold(), (body_id, normalise_name(title)))
        self.by_reference[keys[0]] = self.by_title[keys[1]] = 0
        return keys

    def remember_id(self, keys: tuple[Any, ...], action_id: int) -> None:
        """Know the action held by *keys* as *action_id*, now saved (by id only)."""
        self.by_reference[keys[0]] = self.by_title[keys[1]] = action_id

    def remember(self, action: Action) -> None:
        """Know *action*, just saved by a row that worked (read again if asked for)."""
        self._window.pop(action.id, None)
        self.by_reference[action.reference.casefold()] = action.id
        self.by_title[(action.body_id, normalise_name(action.title))] = action.id

    def has_note(self, action: Action, text: str, day: str | None, new: bool = False) -> bool:
        """Whether *action* has a note saying *text* (on *day*, if given), spaces tidied. Its
        latest note is in the log (a log checked back against itself needs nothing more);
        older ones, and ones this import added, are read from the database (a few a row). An
        action *new* in this row has one note at most (its status change's): its latest."""
        if _same(action.latest_note, action.latest_note_date, text, day):
            return True
        return not new and any(
            _same(n.text, n.note_date, text, day) for n in list_notes(self.store, action.id)
        )


def _same(note: str, note_day: str | None, text: str, day: str | None) -> bool:
    return " ".join(note.split()) == text and (day is None or note_day == day)


def action_log(ctx: ImportContext) -> ActionLog:
    """The import's action log, loaded the first time a row asks for it."""
    log = ctx.lasting.get("action log")
    if log is None:
        log = ctx.lasting["action log"] = ActionLog(ctx.store, ctx.today)
    assert isinstance(log, ActionLog)
    return log


def add_latest_note(
    ctx: ImportContext, action: Action, values: dict[str, Any], *, new: bool = False
) -> Note | None:
    """Add the row's latest note as a progress note unless the action (*new* in this row,
    or not) has it already; returns the (text, date) added."""
    text = " ".join(str(values.get("latest_note") or "").split())
    if not text:
        return None
    day: dt.date = values.get("latest_note_date") or ctx.today
    log = action_log(ctx)
    # (a note a status change wrote just now, in this row, is in the database: found too)
    if log.has_note(action, text, day.isoformat() if "latest_note_date" in values else None, new):
        return None
    add_note(ctx.store, action.id, text, on=day)
    return text, day.isoformat()
