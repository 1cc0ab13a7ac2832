"""Adding, changing and deleting actions: references per body, the source an action came
from, owners who have left, and status changes through :mod:`.status`. Every write validates
first and happens inside one transaction, so nothing is half-saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.owners import owner_problem
from lscp_desktop.models.actions.records import (
    OPEN_STATUSES,
    SOURCE_LINKS,
    SOURCES,
    STATUSES,
    OwnerHasLeftError,
)
from lscp_desktop.models.actions.status import change_status, checked_choice
from lscp_desktop.models.core.dates import optional_date, parse_date, uk
from lscp_desktop.models.core.errors import BusyError, DuplicateError, ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.meetings.minutes_lock import ensure_minutes_open
from lscp_desktop.models.store.database import Row, Store

#: How long a new action is given by default.
DEFAULT_DAYS_TO_DUE = 28


def next_number(store: Store, body_id: int) -> int:
    return q.next_action_number(store, body_id)


def new_action_values(
    *,
    body_id: int | None,
    raised: dt.date | str | None = None,
    source: str = "meeting",
    **links: Any,
) -> dict[str, Any]:
    """The starting values of a new action: open, raised today (or *raised*), due four weeks on."""
    day = parse_date(raised) if raised else dt.date.today()
    return {
        "body_id": body_id,
        "raised_date": day.isoformat(),
        "due_date": (day + dt.timedelta(days=DEFAULT_DAYS_TO_DUE)).isoformat(),
        "source": source,
        "status": "open",
        **links,
    }


def checked_values(
    values: dict[str, Any], on: dt.date
) -> tuple[dict[str, Any], str, dt.date | None]:
    """An action's values as :func:`save_action` writes them (before it looks anything up),
    its status and completion date; a :class:`ValidationError` for the first wrong one."""
    title = " ".join(as_text(values.get("title")).split())
    if not title:
        raise ValidationError("Enter the action: what is to be done.", "title")
    body_id = optional_id(values, "body_id")
    if body_id is None:
        raise ValidationError("Choose the body whose action log this action belongs to.", "body_id")
    raised = parse_date(values.get("raised_date") or on, "date raised")
    due_value = values.get("due_date")
    if not due_value:
        raise ValidationError("Enter the due date (dd/mm/yyyy).", "due_date")
    due = parse_date(due_value, "due date")
    if due < raised:
        raise ValidationError(
            f"The due date ({uk(due)}) is before the date the action was raised ({uk(raised)}).",
            "due_date",
        )
    source = checked_choice(values.get("source") or "other", SOURCES, "a source", "source")
    clean: dict[str, Any] = {
        "body_id": body_id,
        "title": title,
        "detail": as_text(values.get("detail")).strip(),
        "source": source,
        "source_note": as_text(values.get("source_note")).strip(),
        "owner_id": optional_id(values, "owner_id"),
        "organisation_id": optional_id(values, "organisation_id"),
        "priority_id": optional_id(values, "priority_id"),
        "raised_date": raised.isoformat(),
        "due_date": due.isoformat(),
    }
    for kind, column in SOURCE_LINKS.items():
        clean[column] = optional_id(values, column) if kind == source else None
    if source == "risk" and clean["risk_id"] is None:
        raise ValidationError("Choose the risk this action comes from.", "risk_id")
    status = checked_choice(values.get("status") or "open", STATUSES, "an action status", "status")
    completed_on = optional_date(values.get("completed_date"), "completion date")
    return clean, status, completed_on


def save_action(
    store: Store,
    values: dict[str, Any],
    record_id: int | None = None,
    *,
    allow_owner_left: bool = False,
    on: dt.date | None = None,
    author_id: int | None = None,
    number: int | None = None,
) -> int:
    """Add (``record_id=None``) or change an action; returns its id.

    Status changes follow the rules of :func:`~.status.set_status`. An owner who is inactive
    or whose memberships have all ended raises :class:`OwnerHasLeftError` unless
    *allow_owner_left*. A new action takes the body's next number unless *number* is given (an
    imported log keeping its own references); a number already used is refused.
    """
    on = on or dt.date.today()
    clean, status, completed_on = checked_values(values, on)
    body_id = clean["body_id"]
    with store.transaction():
        code = store.require("bodies", body_id, "body")["code"]
        if clean["risk_id"] is not None:
            store.require("risks", clean["risk_id"], "risk")
        if clean["priority_id"] is not None:
            store.require("priorities", clean["priority_id"], "priority")
        current = store.require("actions", record_id, "action") if record_id is not None else None
        item_id = clean["agenda_item_id"]
        if item_id is not None and (current is None or current["agenda_item_id"] != item_id):
            # Approved minutes list the actions agreed: none is added to them afterwards.
            meeting_id = store.require("agenda_items", item_id, "agenda item")["meeting_id"]
            ensure_minutes_open(store, meeting_id, "raise a new action from their items")
        owner_changed = current is None or current["owner_id"] != clean["owner_id"]
        if clean["owner_id"] is not None:
            owner = store.require("people", clean["owner_id"], "person")
            if clean["organisation_id"] is None:
                clean["organisation_id"] = owner["organisation_id"]
            problem = None  # asked only when it would stop the save
            if owner_changed and status in OPEN_STATUSES and not allow_owner_left:
                problem = owner_problem(store, clean["owner_id"], on)
            if problem:
                raise OwnerHasLeftError(
                    f"{problem} Choose another owner, or confirm that they still own this action.",
                    "owner_id",
                )
        if clean["organisation_id"] is not None:
            store.require("organisations", clean["organisation_id"], "organisation")
        if current is not None and current["body_id"] != body_id:
            raise ValidationError(
                f"An action cannot move to another body's log; its reference "
                f"{current['reference']} belongs to the first. Cancel it and raise a new one.",
                "body_id",
            )
        if current is None:
            if number is not None and (number < 1 or q.action_number_used(store, body_id, number)):
                raise ValidationError(
                    f"The reference {code}-{number:04d} is already used by another action.",
                    "reference",
                )
            clean.update(status="open", completion_note="")
            record_id = _insert_numbered(store, clean, code, number)
            if status != "open" or values.get("completion_note"):
                change_status(
                    store, record_id, status, as_text(values.get("completion_note")), on,
                    author_id, as_text(values.get("reopen_reason")), completed_on,
                )  # fmt: skip
            return record_id
        action_id = int(current["id"])
        store.update("actions", action_id, clean)
        note = values.get("completion_note")
        change_status(
            store, action_id, status,
            current["completion_note"] if note is None else str(note), on, author_id,
            as_text(values.get("reopen_reason")), completed_on,
        )  # fmt: skip
        return action_id


#: How many times a new action's reference is tried before giving up (each attempt takes the
#: body's next number again, after a colleague's action took the one before).
NUMBER_ATTEMPTS = 5


def _insert_numbered(store: Store, clean: dict[str, Any], code: str, number: int | None) -> int:
    """Insert a new action as the body's next number (or as *number*, an import's own). The
    body's numbering is held meanwhile; should a colleague's action take the number all the
    same (the unique rule on body and number refuses the second), the next one is taken."""
    body_id = int(clean["body_id"])
    for _attempt in range(1 if number is not None else NUMBER_ATTEMPTS):
        store.lock_numbering("actions", body_id)
        chosen = number if number is not None else next_number(store, body_id)
        try:
            return store.insert(
                "actions", {**clean, "number": chosen, "reference": f"{code}-{chosen:04d}"}
            )
        except DuplicateError:
            if number is not None:
                raise
    raise BusyError(
        f"Colleagues are raising actions in the {code} log at this moment, so no reference "
        "was free. Nothing was saved; try again."
    )


def delete_action(store: Store, action_id: int) -> Row:
    """Delete an action raised by mistake, with its notes; the audit log keeps both."""
    with store.transaction():
        for note_id in q.note_ids(store, action_id):
            store.delete("action_notes", note_id)
        return store.delete("actions", action_id)
