"""Undo and redo through the model layer, checked and audited like any other write.

Three steps cover every undoable edit: :func:`restore_record` puts a deleted record back with
its id, :func:`revert_record` writes a record's earlier values back, and :func:`remove_record`
takes an added record out again. Each runs in one transaction, refuses with
:class:`UndoConflict` when the record went or changed since the step was recorded, and applies
what the record's area registered for its table (:func:`register`, when the area's module is
imported):

- :data:`CHECKS`: the rules a normal save applies, run on the whole row before it is written;
- :data:`RESTORERS`: a function that also puts back the child rows a deletion took with it
  (kept in the deleted row under ``_`` keys); None, or no entry, puts back the row alone;
- :data:`REMOVERS`: the area's delete function, with its own refusals.

A table with nothing registered is written back as a plain row. The store audits every write.
"""

from __future__ import annotations

from collections.abc import Callable

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Row, Store

#: The rules a save applies, given the whole row and its id; raises ValidationError.
Check = Callable[[Store, Row, int], object]
#: Puts back a deleted row and the child rows kept in it; returns the id.
Restorer = Callable[[Store, Row], int]
#: Deletes a record by id under its area's rules; returns the deleted row.
Remover = Callable[[Store, int], Row]

CHECKS: dict[str, Check] = {}
RESTORERS: dict[str, Restorer | None] = {}
REMOVERS: dict[str, Remover] = {}


class UndoConflict(LscpError):
    """The record went or changed since the step was recorded; nothing was written."""


def register(
    table: str,
    *,
    check: Check | None = None,
    restore: Restorer | None = None,
    remove: Remover | None = None,
) -> None:
    """Say how undo treats *table*'s records (an area calls this for each of its tables)."""
    if check is not None:
        CHECKS[table] = check
    if restore is not None:
        RESTORERS[table] = restore
    if remove is not None:
        REMOVERS[table] = remove


def restore_record(store: Store, table: str, row: Row) -> int:
    """Put back a deleted record exactly as it was, with its id (undo a delete, redo an add)."""
    record_id = int(row["id"])
    plain = _plain(row)
    restorer = RESTORERS.get(table)
    if restorer is None and len(plain) != len(row):
        kept = ", ".join(sorted(set(row) - set(plain)))
        raise ValueError(f"{table} has no restorer for the child rows kept in {kept}")
    with store.transaction():
        if store.get(table, record_id) is not None:
            raise UndoConflict(
                "A record with the same number is there now (put back or added since). "
                "Nothing was changed."
            )
        check = CHECKS.get(table)
        if check is not None:
            check(store, plain, record_id)
        return restorer(store, row) if restorer is not None else store.insert(table, plain)


def revert_record(
    store: Store, table: str, record_id: int, values: Row, *, expected: Row | None = None
) -> Row:
    """Write earlier *values* back into a record (undo or redo an edit); returns the values
    replaced. With *expected*, the record must still hold those values."""
    with store.transaction():
        current = _current(store, table, record_id, expected)
        check = CHECKS.get(table)
        if check is not None:
            check(store, {**current, **values}, record_id)
        return store.update(table, record_id, values)


def remove_record(store: Store, table: str, record_id: int, *, expected: Row | None = None) -> Row:
    """Take a record out again (undo an add, redo a delete) under its area's delete rules;
    returns the deleted row. With *expected*, the record must still hold those values."""
    with store.transaction():
        _current(store, table, record_id, expected)
        remover = REMOVERS.get(table)
        return remover(store, record_id) if remover is not None else store.delete(table, record_id)


def _plain(row: Row) -> Row:
    """The row's own columns, without the child rows kept under ``_`` keys."""
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _current(store: Store, table: str, record_id: int, expected: Row | None) -> Row:
    current = store.get(table, record_id)
    if current is None:
        raise UndoConflict("The record has been deleted since. Nothing was changed.")
    if expected is not None and any(current.get(k) != v for k, v in _plain(expected).items()):
        raise UndoConflict("The record has been changed since. It was left as it is now.")
    return current
