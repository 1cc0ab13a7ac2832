"""The partnership itself: its name, the local authorities it covers, how it is chaired."""

from __future__ import annotations

import json
from typing import Any

from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership.checks import choice, required
from lscp_desktop.models.membership.records import CHAIR_ARRANGEMENTS, Partnership
from lscp_desktop.models.store.database import Row, Store


def get_partnership(store: Store) -> Partnership | None:
    row = store.get("partnership", 1)
    if row is None:
        return None
    row["local_authorities"] = json.loads(row["local_authorities"] or "[]")
    return Partnership.from_row(row)


def save_partnership(
    store: Store,
    *,
    name: str,
    local_authorities: list[str] | None = None,
    chair_arrangement: str = "independent chair",
    notes: str = "",
) -> None:
    values = _clean(name, local_authorities or [], chair_arrangement, notes)
    with store.transaction():
        if store.get("partnership", 1) is None:
            store.insert("partnership", {"id": 1, **values})
        else:
            store.update("partnership", 1, values)


def check_partnership(store: Store, row: Row, record_id: int = 1) -> dict[str, Any]:
    """The rules :func:`save_partnership` applies, on a stored row (undo checks one)."""
    return _clean(
        str(row.get("name") or ""),
        json.loads(row.get("local_authorities") or "[]"),
        str(row.get("chair_arrangement") or ""),
        str(row.get("notes") or ""),
    )


def _clean(
    name: str, local_authorities: list[str], chair_arrangement: str, notes: str
) -> dict[str, Any]:
    return {
        "name": required({"name": name}, "name", "partnership's name"),
        "local_authorities": json.dumps(
            [a.strip() for a in local_authorities if a.strip()], ensure_ascii=False
        ),
        "chair_arrangement": choice(
            chair_arrangement, CHAIR_ARRANGEMENTS, "chair arrangement", "chair_arrangement"
        ),
        "notes": notes,
    }


register("partnership", check=check_partnership)
