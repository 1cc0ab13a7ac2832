"""Status changes and their rules: completing or closing needs a completion note, reopening a
finished action is recorded as a note and counted, and a bulk change is all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from lscp_desktop.models.actions.notes import insert_note
from lscp_desktop.models.actions.records import (
    DONE_STATUSES,
    FINISHED_STATUSES,
    OPEN_STATUSES,
    STATUSES,
)
from lscp_desktop.models.core.dates import optional_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def checked_choice(value: Any, choices: tuple[str, ...], label: str, key: str) -> str:
    """*value* as one of *choices* (case and spaces ignored), or a :class:`ValidationError`."""
    text = str(value or "").strip().lower()
    for choice in choices:
        if text == choice:
            return choice
    raise ValidationError(f"'{value}' is not {label}; choose one of: {', '.join(choices)}.", key)


def check_completed_on(
    reference: str, completed: dt.date, raised: str, today: dt.date | None = None
) -> None:
    """An action is completed on a day from when it was raised up to today, not later."""
    today = today or dt.date.today()
    if completed > today:
        raise ValidationError(
            f"{reference}: the completion date {uk(completed)} is after today; enter the day "
            "it was done.",
            "completed_date",
        )
    if completed.isoformat() < raised:
        raise ValidationError(
            f"{reference}: the completion date {uk(completed)} is before the action was raised "
            f"({uk(raised)}).",
            "completed_date",
        )


def planned_change(
    current: Mapping[str, Any],
    status: str,
    completion_note: str,
    on: dt.date,
    reopen_reason: str = "",
    completed_on: dt.date | None = None,
) -> tuple[dict[str, Any], tuple[str, str] | None]:
    """What :func:`change_status` changes in the action whose values are *current*, and the
    note (kind, text) it adds (None: none); a :class:`ValidationError` if the change breaks a
    rule."""
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
        done_on = completed_on or on
        dated = completed_on is not None
        if old not in DONE_STATUSES or dated:
            check_completed_on(current["reference"], done_on, current["raised_date"], on)
            changes["completed_date"] = done_on.isoformat()
        if old not in DONE_STATUSES:
            # The date does not run into the note: "14/10/2026: Born…" would read as a birth.
            note_row = ("completed", f"Marked {status} on {uk(done_on)}. Completion note: {note}")
        elif note != current["completion_note"]:
            note_row = ("completed", f"Completion note changed: {note}")
        elif dated and changes["completed_date"] != current["completed_date"]:
            note_row = ("completed", f"Completion date changed to {uk(done_on)}")
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
    return changes, note_row


def change_status(
    store: Store,
    action_id: int,
    status: str,
    completion_note: str,
    on: dt.date,
    author_id: int | None,
    reopen_reason: str = "",
    completed_on: dt.date | None = None,
) -> bool:
    """Apply a status change with its rules; returns whether anything changed. *on* is the day
    the change is made (today); a finished action's completion date is *completed_on* (not
    after *on*), else *on*. The caller holds the transaction."""
    current = store.require("actions", action_id, "action")
    old = current["status"]
    changes, note_row = planned_change(current, status, completion_note, on, reopen_reason,
                                       completed_on)  # fmt: skip
    if any(current[k] != v for k, v in changes.items()):
        store.update("actions", action_id, changes)
    if note_row is not None:
        insert_note(store, action_id, note_row[0], note_row[1], on, author_id)
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
    completed_on: dt.date | str | None = None,
) -> int:
    """Change many actions' status in one transaction: all or none. Returns how many changed.
    Completing or closing records *completed_on* (not after today; today if not given)."""
    done_on = optional_date(completed_on, "completion date") if completed_on else None
    status = checked_choice(status, STATUSES, "an action status", "status")
    on = on or dt.date.today()
    ids = list(dict.fromkeys(int(i) for i in action_ids))
    if not ids:
        raise ValidationError("Choose at least one action.", "actions")
    changed = 0
    with store.transaction():
        for action_id in ids:
            current = store.require("actions", action_id, "action")
            again = status in DONE_STATUSES and (note.strip() or done_on)
            if current["status"] == status and not again:
                continue
            reason = ""
            completion = note
            if status in DONE_STATUSES and not note.strip():
                completion = current["completion_note"]
            if status in OPEN_STATUSES:
                reason, completion = note, ""
            changed += change_status(
                store, action_id, status, completion, on, author_id, reason, done_on
            )
    return changed
