"""The rows that hang off a record (an audit's agencies, a course's attendance, a yearly
report's recipients, a review's delays): made to match a form, and kept with their record when
it is deleted so that undo puts them back together."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.reviews import queries
from lscp_desktop.models.store.database import Row, Store


def replace_rows(
    store: Store, table: str, key: str, record_id: int, wanted: list[dict[str, Any]]
) -> None:
    """Make the child rows of a record exactly *wanted*, touching only those that differ."""
    with store.transaction():
        existing = queries.child_rows(store, table, key, record_id)
        strip = {"id", key}
        have = [{k: v for k, v in r.items() if k not in strip} for r in existing]
        for row, values in zip(existing, have, strict=True):
            if values not in wanted:
                store.delete(table, int(row["id"]))
        for values in wanted:
            if values not in have:
                store.insert(table, {key: record_id, **values})


def delete_with_rows(
    store: Store, table: str, record_id: int, what: str, children: dict[str, tuple[str, str]]
) -> Row:
    """Delete a record (its child rows go with it: ON DELETE CASCADE) and return it with them,
    each list under its ``_`` key of *children* ({"_agencies": ("audit_agencies", "audit_id")})."""
    with store.transaction():
        row = dict(store.require(table, record_id, what))
        for name, (child_table, key) in children.items():
            row[name] = queries.child_rows(store, child_table, key, record_id)
        store.delete(table, record_id)
    return row


def restore_with_rows(store: Store, table: str, row: Row, children: dict[str, str]) -> int:
    """Put back a record deleted by :func:`delete_with_rows` and its child rows (undo);
    *children* maps each ``_`` key to its table."""
    with store.transaction():
        new_id = store.insert(table, {k: v for k, v in row.items() if not k.startswith("_")})
        for name, child_table in children.items():
            for child in row.get(name, []):
                store.insert(child_table, child)
    return new_id
