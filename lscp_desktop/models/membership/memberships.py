"""Who sits on which body, in what role, from when to when; deputies stand in for members."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import add_months, check_order, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import required_id, save_record
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership import queries
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.membership.body_records import Membership
from lscp_desktop.models.membership.checks import choice, dates, overlap
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.records import MEMBERSHIP_ROLES
from lscp_desktop.models.store.database import Row, Store


def list_memberships(
    store: Store, *, body_id: int | None = None, person_id: int | None = None
) -> list[Membership]:
    rows = queries.memberships(store, body_id=body_id, person_id=person_id)
    return [Membership.from_row(r) for r in rows]


def get_membership(store: Store, membership_id: int) -> Membership:
    row = queries.membership(store, membership_id)
    if row is None:
        row = store.require("memberships", membership_id, "membership")  # raises NotFoundError
    return Membership.from_row(row)


def save_membership(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change who sits on a body, in what role, from when to when."""
    clean = _clean(values)
    with store.transaction():
        _check_seat(store, clean, record_id)
        return save_record(store, "memberships", record_id, clean)


def check_membership(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> dict[str, Any]:
    """The rules :func:`save_membership` applies, without saving (undo checks a row)."""
    clean = _clean(values)
    _check_seat(store, clean, record_id)
    return clean


def term_end(start: str | dt.date, months: int) -> dt.date:
    """The last day of a term of *months* from *start*: 18 months from 01/09/2019 end on
    28/02/2021 (the day before the same date 18 months on)."""
    return add_months(parse_date(start), months) - dt.timedelta(days=1)


def _term(values: dict[str, Any]) -> int | None:
    raw = values.get("term_months")
    if raw in (None, "", 0, "0"):
        return None
    try:
        months = int(str(raw).strip())
    except ValueError:
        raise ValidationError(
            f"The term '{raw}' should be a number of months.", "term_months"
        ) from None
    if not 1 <= months <= 120:
        raise ValidationError("A term should be from 1 to 120 months.", "term_months")
    return months


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    term = _term(values)
    if term is not None:  # the end date follows from the term
        start_day = parse_date(values.get("start_date") or dt.date.today(), "start date")
        values = {**values, "start_date": start_day, "end_date": term_end(start_day, term)}
    start, end = dates(values)
    role = choice(values.get("role"), MEMBERSHIP_ROLES, "membership role", "role")
    principal = values.get("deputy_for_id")
    return {
        "term_months": term,
        "person_id": required_id(values, "person_id", "person"),
        "body_id": required_id(values, "body_id", "body"),
        "role": role,
        "deputy_for_id": int(principal) if principal else None,
        "delegated_authority": 1 if values.get("delegated_authority") else 0,
        "start_date": start,
        "end_date": end,
        "notes": str(values.get("notes") or ""),
    }


def _check_seat(store: Store, clean: dict[str, Any], record_id: int | None) -> None:
    """The person and body exist, a deputy stands in for a member of the same body, and the
    person holds no other seat on the body over the same days. Clears a non-deputy's
    ``deputy_for_id``."""
    person = get_person(store, clean["person_id"])
    body = get_body(store, clean["body_id"])
    if clean["role"] == "deputy":
        _check_deputy(store, clean, person.id, person.name, body.id, body.name)
    else:
        clean["deputy_for_id"] = None
    for other in list_memberships(store, body_id=body.id, person_id=person.id):
        if other.id == record_id:
            continue
        if overlap(clean["start_date"], clean["end_date"], other.start_date, other.end_date):
            raise ValidationError(
                f"{person.name} is already a {other.role} of {body.name} from "
                f"{uk(other.start_date)}"
                + (f" to {uk(other.end_date)}" if other.end_date else "")
                + ". End that membership first or change the dates.",
                "start_date",
            )


def _check_deputy(
    store: Store, clean: dict[str, Any], person_id: int, person: str, body_id: int, body: str
) -> None:
    if clean["deputy_for_id"] is None:
        raise ValidationError(
            f"Choose the member {person} deputises for on {body}.", "deputy_for_id"
        )
    principal = get_membership(store, clean["deputy_for_id"])
    if principal.body_id != body_id or principal.role == "deputy":
        raise ValidationError(
            "A deputy must stand in for a (non-deputy) member of the same body.",
            "deputy_for_id",
        )
    if principal.person_id == person_id:
        raise ValidationError("A member cannot be their own deputy.", "deputy_for_id")


def registered_deputy(store: Store, body_id: int, person_id: int, on: str) -> int | None:
    """The person named as *person_id*'s deputy on the body, on the day *on* (ISO), if any."""
    day = parse_date(on)
    seats = [m for m in list_memberships(store, body_id=body_id) if m.is_current(day)]
    mine = {m.id for m in seats if m.person_id == person_id and m.role != "deputy"}
    deputies = [m.person_id for m in seats if m.role == "deputy" and m.deputy_for_id in mine]
    return deputies[0] if deputies else None


def principal_choices(store: Store, body_id: int | None) -> list[tuple[str, int]]:
    """(label, id) of the members of *body_id* a deputy can stand in for: its non-deputy
    memberships, current ones first, ended ones saying so."""
    if body_id is None:
        return []
    today = dt.date.today()
    seats = [m for m in list_memberships(store, body_id=body_id) if m.role != "deputy"]
    seats.sort(key=lambda m: (not m.is_current(today), m.person.lower()))
    return [
        (
            f"{m.person} ({m.role}"
            + (f", ended {uk(m.end_date)}" if m.end_date and not m.is_current(today) else "")
            + ")",
            m.id,
        )
        for m in seats
    ]


def end_membership(store: Store, membership_id: int, end: dt.date | str) -> None:
    """End a membership early (a term, if it had one, no longer decides its end)."""
    m = get_membership(store, membership_id)
    end_d = parse_date(end, "end date")
    check_order(parse_date(m.start_date), end_d)
    store.update("memberships", membership_id, {"end_date": end_d.isoformat(), "term_months": None})


def delete_membership(store: Store, membership_id: int) -> Row:
    with store.transaction():
        if queries.count_deputies_of(store, membership_id):
            raise ValidationError(
                "This member has a named deputy; remove or reassign the deputy first.", "deputy"
            )
        return store.delete("memberships", membership_id)


register("memberships", check=check_membership, remove=delete_membership)
