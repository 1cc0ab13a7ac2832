"""The partnership's priorities, which actions and risks can be tagged with: listing, saving
(names unique, ignoring case), deactivating, and deleting only when unused.

A priority may hold from one date to another (``valid_from``/``valid_to``), so that each year's
report lists the priorities of that year (seed 000 set its priorities "until March 2021"); an
undated priority holds while it is active, as before."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.records import Priority
from lscp_desktop.models.core.dates import check_order, iso, optional_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.store.database import Row, Store


def list_priorities(store: Store, *, active_only: bool = False) -> list[Priority]:
    return [Priority(**r) for r in q.priorities(store, active_only=active_only)]


def priorities_during(store: Store, start: str, end: str) -> list[Priority]:
    """The priorities that held at some time from *start* to *end* (ISO dates), in order."""
    return [p for p in list_priorities(store) if p.holds_during(start, end)]


def save_priority(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    name = " ".join(as_text(values.get("name")).split())
    if not name:
        raise ValidationError("Enter the priority's name.", "name")
    try:
        position = int(values.get("position") or 0)
    except (TypeError, ValueError):
        raise ValidationError("The order should be a whole number.", "position") from None
    valid_from = optional_date(values.get("valid_from"), "date the priority starts")
    valid_to = optional_date(values.get("valid_to"), "date the priority ends")
    try:
        check_order(valid_from, valid_to, "date the priority ends")
    except ValidationError as exc:
        raise ValidationError(str(exc), "valid_to") from None
    clean = {
        "name": name,
        "description": as_text(values.get("description")).strip(),
        "position": position,
        "active": 1 if values.get("active", 1) else 0,
        "valid_from": iso(valid_from),
        "valid_to": iso(valid_to),
    }
    with store.transaction():
        for other in list_priorities(store):
            if other.id != record_id and other.name.lower() == name.lower():
                raise ValidationError(f"There is already a priority called {other.name}.", "name")
        if record_id is None:
            return store.insert("priorities", clean)
        store.update("priorities", record_id, clean)
        return record_id


def delete_priority(store: Store, priority_id: int) -> Row:
    with store.transaction():
        used = q.priority_use_count(store, priority_id)
        if used:
            raise ValidationError(
                f"This priority is linked to {used} action(s) or risk(s), so it cannot be "
                "deleted. Deactivate it instead.",
                "priority",
            )
        return store.delete("priorities", priority_id)


def set_priority_active(store: Store, priority_id: int, active: bool) -> None:
    store.update("priorities", priority_id, {"active": int(active)})
