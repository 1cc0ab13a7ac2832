"""In-kind contributions: help a partner gives rather than pays (accommodation, legal advice,
hosting the business unit…), with a notional value where one is known."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.records import required_id, save_record
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.fields import optional_amount, required_text
from lscp_desktop.models.finance.records import InKind
from lscp_desktop.models.finance.years import get_year_by_id
from lscp_desktop.models.membership.organisations import get_organisation
from lscp_desktop.models.store.database import Row, Store


def list_in_kind(store: Store, year_id: int) -> list[InKind]:
    return [InKind.from_row(r) for r in queries.in_kind_of_year(store, year_id)]


def save_in_kind(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """An in-kind contribution: what is given (accommodation, legal advice…), optional value."""
    clean: dict[str, Any] = {
        "year_id": required_id(values, "year_id", "financial year"),
        "organisation_id": required_id(values, "organisation_id", "organisation"),
        "description": required_text(values, "description", "description of what is given"),
        "notional_pence": optional_amount(values.get("notional"), "notional value", "notional"),
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        get_year_by_id(store, clean["year_id"])
        get_organisation(store, clean["organisation_id"])
        return save_record(store, "in_kind_contributions", record_id, clean)


def delete_in_kind(store: Store, in_kind_id: int) -> Row:
    return store.delete("in_kind_contributions", in_kind_id)
