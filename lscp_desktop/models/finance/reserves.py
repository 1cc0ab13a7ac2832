"""Earmarked reserves (e.g. for practice reviews): their balances year by year, and the money
transferred in or drawn down."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.core.records import required_id, save_record
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.fields import (
    check_in_year,
    parse_amount,
    required_date,
    required_text,
    text,
)
from lscp_desktop.models.finance.records import (
    MOVEMENT_DIRECTIONS,
    Reserve,
    ReserveBalance,
    ReserveMovement,
)
from lscp_desktop.models.finance.years import get_year_by_id
from lscp_desktop.models.store.database import Row, Store


def list_reserves(store: Store) -> list[Reserve]:
    return [
        Reserve(r["id"], r["name"], r["purpose"], bool(r["active"]))
        for r in queries.all_reserves(store)
    ]


def save_reserve(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """An earmarked reserve, e.g. a practice-review reserve."""
    clean: dict[str, Any] = {
        "name": required_text(values, "name", "reserve's name"),
        "purpose": str(values.get("purpose") or "").strip(),
        "active": 1 if values.get("active", True) else 0,
    }
    with store.transaction():
        for other in list_reserves(store):
            if other.id != record_id and other.name.lower() == clean["name"].lower():
                raise ValidationError(f"There is already a reserve called {other.name}.", "name")
        return save_record(store, "reserves", record_id, clean)


def reserve_balances(store: Store, year_id: int) -> list[ReserveBalance]:
    """Each reserve's balance brought forward, movements in the year and balance carried
    forward."""
    year = get_year_by_id(store, year_id)
    return [
        ReserveBalance(r["id"], r["name"], r["purpose"], r["opening"], r["movements"])
        for r in queries.reserve_balances_in(store, year.start_year)
        if r["active"] or r["opening"] or r["movements"]
    ]


def list_movements(store: Store, year_id: int) -> list[ReserveMovement]:
    return [ReserveMovement.from_row(r) for r in queries.movements_of_year(store, year_id)]


def save_movement(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Money put into (transfer in) or taken out of (drawdown) an earmarked reserve.

    *values*: reserve_id, year_id, moved_on, direction, amount (positive), description.
    """
    direction = str(values.get("direction") or "transfer in")
    if direction not in MOVEMENT_DIRECTIONS:
        raise ValidationError("Choose 'transfer in' or 'drawdown'.", "direction")
    amount = parse_amount(values.get("amount"), "amount", "amount")
    if amount == 0:
        raise ValidationError("Enter an amount other than £0.", "amount")
    clean: dict[str, Any] = {
        "reserve_id": required_id(values, "reserve_id", "reserve"),
        "year_id": required_id(values, "year_id", "financial year"),
        "moved_on": required_date(values, "moved_on", "date"),
        "amount_pence": amount if direction == "transfer in" else -amount,
        "description": text(values, "description"),
    }
    with store.transaction():
        year = get_year_by_id(store, clean["year_id"])
        check_in_year(clean["moved_on"], year, "date", "moved_on")
        store.require("reserves", clean["reserve_id"], "reserve")
        if direction == "drawdown":
            balance = queries.reserve_held_by_end_of(
                store, clean["reserve_id"], year.start_year, leaving_out=record_id
            )
            if amount > balance:
                raise ValidationError(
                    f"The reserve holds {format_money(balance)} by the end of {year.label}, "
                    f"so {format_money(amount)} cannot be drawn from it.",
                    "amount",
                )
        return save_record(store, "reserve_movements", record_id, clean)


def delete_movement(store: Store, movement_id: int) -> Row:
    return store.delete("reserve_movements", movement_id)
