"""Status changes and their rules: completing or closing needs a completion note, reopening a
finished action is recorded as a note and counted, and a bulk change is all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from lscp_desktop.models.actions.records import (
    DONE_STATUSES,
    FINISHED_STATUSES,
    OPEN_STATUSES,
    STATUSES,
)
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def checked_choice(value: Any, choices: tuple[str, ...], label: str, key: str) -> str:
    """*value* as one of *choices* (case and spaces ignored), or a :class:`ValidationError`."""
    text = str(value or "").strip().lower()
    for choice in choices:
        if text == choice:
            return choice
    raise ValidationError(f"'{value}' is not {label}; choose one of: {', '.join(choices)}.", key)


def change_status(
    store: Store,
    action_id: int,
    status: str,
    completion_note: str,
    on: dt.date,
    author_id: int | None,
    reopen_reason: str = "",
) -> bool:
    """Apply a status change with its rules; returns whether anything changed. The caller
    holds the transaction."""
    current = store.require("actions", action_id, "action")
    old = current["status"]
    note = completion_note.strip()
    changes: dict[str, Any] = {"status": status}
    note_row: tuple[str, str] | None = None
    if status in DONE_STATUSES:
        if not note:
            raise ValidationError(
                f"{current['reference']}: say what was done. A completion note is needed to "
                f"mark an action {status}.",
                "completion_note",
            )
        changes["completion_note"] = note
        if old not in DONE_STATUSES:
            changes["completed_date"] = on.isoformat()
            note_row = ("completed", f"Marked {status}: {note}")
        elif note != current["completion_note"]:
            note_row = ("completed", f"Completion note changed: {note}")
    elif old in FINISHED_STATUSES and status in OPEN_STATUSES:
        changes.update(completed_date=None, completion_note="")
        changes["reopened_count"] = int(current["reopened_count"]) + 1
        text = f"Reopened (was {old})"
        if current["completion_note"]:
            text += f"; the completion note was: {current['completion_note']}"
        if reopen_reason.strip():
            text += f". Reason: {reopen_reason.strip()}"
        note_row = ("reopened", text)
    elif status == "cancelled":
        changes["completed_date"] = None
        if old != "cancelled":
            note_row = ("status", f"Cancelled{': ' + note if note else ''}")
    if any(current[k] != v for k, v in changes.items()):
        store.update("actions", action_id, changes)
    if note_row is not None:
        store.insert(
            "action_notes",
            {
                "action_id": action_id,
                "note_date": on.isoformat(),
                "author_id": author_id,
                "kind": note_row[0],
                "text": note_row[1],
            },
        )
    return old != status or note_row is not None


def set_status(
    store: Store,
    action_id: int,
    status: str,
    *,
    note: str = "",
    on: dt.date | None = None,
    author_id: int | None = None,
) -> bool:
    """Change one action's status. Completing or closing needs a note (the completion note;
    an existing one is kept if *note* is empty); reopening a finished action is recorded as a
    note (with *note* as the reason) and counted."""
    return bulk_set_status(store, [action_id], status, note=note, on=on, author_id=author_id) > 0


def bulk_set_status(
    store: Store,
    action_ids: Iterable[int],
    status: str,
    *,
    note: str = "",
    on: dt.date | None = None,
    author_id: int | None = None,
) -> int:
    """Change many actions' status in one transaction: all or none. Returns how many changed."""
    status = checked_choice(status, STATUSES, "an action status", "status")
    on = on or dt.date.today()
    ids = list(dict.fromkeys(int(i) for i in action_ids))
    if not ids:
        raise ValidationError("Choose at least one action.", "actions")
    changed = 0
    with store.transaction():
        for action_id in ids:
            current = store.require("actions", action_id, "action")
            if current["status"] == status and not (status in DONE_STATUSES and note.strip()):
                continue
            reason = ""
            completion = note
            if status in DONE_STATUSES and not note.strip():
                completion = current["completion_note"]
            if status in OPEN_STATUSES:
                reason, completion = note, ""
            changed += change_status(store, action_id, status, completion, on, author_id, reason)
    return changed
