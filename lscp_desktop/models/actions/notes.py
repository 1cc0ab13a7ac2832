"""An action's dated progress notes, every note of a log (for exports), and an action's
history from the audit log. Every note keeps who recorded it (:func:`insert_note`)."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.records import ActionNote, LogNote
from lscp_desktop.models.core.dates import parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.database import Store


def recorded_by(store: Store) -> str:
    """Who records a note: the user the audit log names (the operating system's on a file,
    the signed-in user on a team database)."""
    return store.user


def insert_note(
    store: Store,
    action_id: int,
    kind: str,
    text: str,
    on: dt.date,
    author_id: int | None = None,
) -> int:
    """Write one note with the user who recorded it; the caller holds the transaction."""
    return store.insert(
        "action_notes",
        {
            "action_id": action_id,
            "note_date": on.isoformat(),
            "author_id": author_id,
            "kind": kind,
            "text": text,
            "recorded_by": recorded_by(store),
        },
    )


def add_note(
    store: Store,
    action_id: int,
    text: str,
    *,
    on: dt.date | str | None = None,
    author_id: int | None = None,
) -> int:
    """Add a dated progress note to an action."""
    body = as_text(text).strip()
    if not body:
        raise ValidationError("Write the progress note.", "text")
    day = parse_date(on or dt.date.today(), "date of the note")
    with store.transaction():
        store.require("actions", action_id, "action")
        if author_id is not None:
            store.require("people", author_id, "person")
        return insert_note(store, action_id, "progress", body, day, author_id)


def list_notes(store: Store, action_id: int) -> list[ActionNote]:
    """An action's notes, newest first."""
    return [ActionNote(**r) for r in q.notes_of_action(store, action_id)]


def list_all_notes(store: Store, *, body_id: int | None = None) -> list[LogNote]:
    """Every note of one body's log (or all logs), by action then date."""
    return [LogNote(**r) for r in q.notes_of_log(store, body_id)]


def action_history(store: Store, action_id: int) -> list[AuditEntry]:
    """Every recorded change to an action and to its notes, oldest first."""
    entries = list(store.history("actions", action_id))
    for note_id in q.note_ids(store, action_id):
        entries += store.history("action_notes", note_id)
    entries.sort(key=lambda e: e.at)
    return entries
