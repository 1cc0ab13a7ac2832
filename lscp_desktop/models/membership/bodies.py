"""Bodies: the executive, boards, forums and subgroups, and which reports to which."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from lscp_desktop.models.core.dates import check_order, parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import save_record
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership import queries
from lscp_desktop.models.membership.body_records import Body
from lscp_desktop.models.membership.checks import choice, dates, required
from lscp_desktop.models.membership.records import BODY_KINDS
from lscp_desktop.models.store.database import Row, Store

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


def list_bodies(store: Store, *, active_only: bool = False) -> list[Body]:
    today = dt.date.today().isoformat()
    return [Body.from_row(r) for r in queries.bodies(store, on=today, active_only=active_only)]


def get_body(store: Store, body_id: int) -> Body:
    return Body.from_row(store.require("bodies", body_id, "body"))


def save_body(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    clean = _clean(values)
    with store.transaction():
        _check_place(store, clean, record_id)
        return save_record(store, "bodies", record_id, clean)


def check_body(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> dict[str, Any]:
    """The rules :func:`save_body` applies, without saving (undo checks a row)."""
    clean = _clean(values)
    _check_place(store, clean, record_id)
    return clean


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    start, end = dates(values)
    code = required(values, "code", "short code (used in action references, e.g. EXEC)").upper()
    if not _CODE.match(code):
        raise ValidationError(
            f"The short code '{code}' should be 2–10 letters or digits, starting with a letter.",
            "code",
        )
    parent = values.get("reports_to_id")
    return {
        "name": " ".join(required(values, "name", "body's name").split()),
        "code": code,
        "kind": choice(values.get("kind"), BODY_KINDS, "kind of body", "kind"),
        "purpose": str(values.get("purpose") or "").strip(),
        "reports_to_id": int(parent) if parent else None,
        "local_authority": str(values.get("local_authority") or "").strip(),
        "start_date": start,
        "end_date": end,
        "active": 1 if values.get("active", 1) else 0,
        "hosted_by": " ".join(str(values.get("hosted_by") or "").split()),
    }


def _check_place(store: Store, clean: dict[str, Any], record_id: int | None) -> None:
    """Reports to no body of its own tree; name and code used by no other body."""
    if clean["reports_to_id"] is not None:
        _check_no_cycle(store, record_id, clean["reports_to_id"])
    for other in list_bodies(store):
        if other.id == record_id:
            continue
        if other.name.lower() == clean["name"].lower():
            raise ValidationError(f"There is already a body called {other.name}.", "name")
        if other.code.upper() == clean["code"]:
            raise ValidationError(
                f"The code {clean['code']} is already used by {other.name}.", "code"
            )


def _check_no_cycle(store: Store, record_id: int | None, parent_id: int) -> None:
    seen = set()
    current: int | None = parent_id
    while current is not None:
        if current == record_id:
            raise ValidationError("A body cannot report to itself or to one of its own subgroups.")
        if current in seen:
            break
        seen.add(current)
        current = get_body(store, current).reports_to_id


def end_body(store: Store, body_id: int, end: dt.date | str) -> None:
    """Close a body on a day: it keeps its history; memberships still open end with it."""
    with store.transaction():
        body = get_body(store, body_id)
        day = parse_date(end, "end date")
        check_order(parse_date(body.start_date), day)
        store.update("bodies", body_id, {"end_date": day.isoformat()})
        for membership_id in queries.memberships_open_after(store, body_id, day.isoformat()):
            store.update("memberships", membership_id, {"end_date": day.isoformat()})


def delete_body(store: Store, body_id: int) -> Row:
    with store.transaction():
        body = get_body(store, body_id)
        n = queries.count_memberships_of_body(store, body_id)
        children = queries.count_bodies_reporting_to(store, body_id)
        if n or children:
            raise ValidationError(
                f"{body.name} has {n} membership record(s) and {children} group(s) reporting to "
                "it, so it cannot be deleted. Give it an end date instead.",
                "memberships",
            )
        return store.delete("bodies", body_id)


register("bodies", check=check_body, remove=delete_body)
