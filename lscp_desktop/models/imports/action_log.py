"""The action log as an import sees it: every action, loaded once per import.

A row's action is found by its reference or by its body and title; a row's latest note is added
as a progress note unless the action has it already (its latest note, known from the log, or
an older one, read from the database only then). The log learns a row's action only once the
row has worked, so it stays right when a later row fails and is rolled back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.actions.listing import LogDay, get_action, iter_actions
from lscp_desktop.models.actions.notes import add_note, list_notes
from lscp_desktop.models.actions.records import Action
from lscp_desktop.models.imports.values import normalise_name
from lscp_desktop.models.membership.records import Body
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

Keys = tuple[str, tuple[int, str]]  # an action's reference (casefolded), its body and title
Note = tuple[str, str]  # (text with its spaces tidied, ISO date)


class ActionLog:
    """Every action, loaded once per import (a large log is 20,000 actions); those the import
    saves are known by id only, and read again if a later row names them (rarely), so a file
    of 48,000 new actions does not hold them all."""

    def __init__(self, store: Store, today: dt.date) -> None:
        self.store = store
        self.today = today
        #: The day's amber date and next meetings, read once for every action the import saves.
        self.day = LogDay.read(store, today)
        self.by_reference: dict[str, Action | int] = {}
        self.by_title: dict[tuple[int, str], Action | int] = {}
        for a in iter_actions(store, today=today, search=False):
            self._know(a, a)

    def find(self, body: Body, number: int | None, title: str) -> Action | None:
        """The action numbered *number* in *body*'s log or, without a number, titled *title*."""
        if number is not None:
            found = self.by_reference.get(f"{body.code}-{number:04d}".casefold())
        else:
            found = self.by_title.get((body.id, normalise_name(title)))
        if isinstance(found, int):
            assert found, "an action held is written before a row asks for it"
            return get_action(self.store, found, self.today, self.day)
        return found

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
        """Know *action*, just saved by a row that worked."""
        self._know(action, action.id)

    def _know(self, action: Action, known: Action | int) -> None:
        self.by_reference[action.reference.casefold()] = known
        self.by_title[(action.body_id, normalise_name(action.title))] = known

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
