"""The rows the database deletes by itself with a record (``ON DELETE CASCADE``): read before
the record is deleted, so the audit log keeps each of them (:meth:`Store.delete`).

Which tables cascade from which is read from the schema once per store: SQLite's
``pragma_foreign_key_list``, or PostgreSQL's catalogue on a team database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lscp_desktop.models.store.database import Row, Store

#: parent table → [(child table, the child's column that refers to the parent)]
Cascades = dict[str, list[tuple[str, str]]]

_SQLITE = (
    'SELECT m.name AS child, f."table" AS parent, f."from" AS col'
    " FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
    " WHERE m.type = 'table' AND upper(f.on_delete) = 'CASCADE'"
)
_POSTGRESQL = (
    "SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,"
    " a.attname AS col FROM pg_constraint c"
    " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
    " WHERE c.contype = 'f' AND c.confdeltype = 'c'"
    " AND c.connamespace = current_schema()::regnamespace"
)


def cascades(store: Store) -> Cascades:
    """Which tables' rows go with a parent's record (read once, then kept)."""
    kept: dict[str, Cascades] = store.__dict__.setdefault("_cascades", {})
    if "all" not in kept:
        sql = _POSTGRESQL if getattr(store, "address", None) is not None else _SQLITE
        found: Cascades = {}
        for r in store.query(sql):
            found.setdefault(str(r["parent"]), []).append((str(r["child"]), str(r["col"])))
        kept["all"] = found
    return kept["all"]


def rows_removed_with(store: Store, table: str, record_id: int) -> list[tuple[str, Row]]:
    """Every row deleting *table*'s record *record_id* will take with it, children first."""
    out: list[tuple[str, Row]] = []
    for child, column in cascades(store).get(table, []):
        for row in store.rows(child, f"{column} = ?", [record_id], order_by="id"):
            out += rows_removed_with(store, child, int(row["id"]))
            out.append((child, row))
    return out
