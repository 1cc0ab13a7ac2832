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
Each step is given the version the record was at after the step before it (the window keeps
it): a record a colleague has changed since is left alone ("Cannot undo: … changed by …").
"""

from __future__ import annotations

from collections.abc import Callable

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.models.store.schema.ddl import ROW_VERSION

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
    store: Store,
    table: str,
    record_id: int,
    values: Row,
    *,
    expected: Row | None = None,
    version: int | None = None,
    verb: str = "undo",
) -> Row:
    """Write earlier *values* back into a record (undo or redo an edit); returns the values
    replaced. With *expected*, the record must still hold those values; with *version*, be at
    that version still (no colleague has changed it since): else "Cannot *verb*: …"."""
    with store.transaction():
        current = _current(store, table, record_id, expected, version, verb)
        check = CHECKS.get(table)
        if check is not None:
            check(store, {**current, **_own(values)}, record_id)
        return store.update(table, record_id, _own(values))


def remove_record(
    store: Store,
    table: str,
    record_id: int,
    *,
    expected: Row | None = None,
    version: int | None = None,
    verb: str = "undo",
) -> Row:
    """Take a record out again (undo an add, redo a delete) under its area's delete rules;
    returns the deleted row. With *expected* and *version*, as :func:`revert_record`."""
    with store.transaction():
        _current(store, table, record_id, expected, version, verb)
        remover = REMOVERS.get(table)
        return remover(store, record_id) if remover is not None else store.delete(table, record_id)


def version_now(store: Store, table: str, record_id: int) -> int | None:
    """The record's version (None when it is gone): what an undo step expects to find."""
    from lscp_desktop.models.store.versions import version_of  # an edit's, not to start

    return version_of(store, table, record_id)


def _plain(row: Row) -> Row:
    """The row's own columns, without the child rows kept under ``_`` keys."""
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _own(values: Row) -> Row:
    """The values a step writes: the record's version is the store's to keep."""
    return {k: v for k, v in values.items() if k != ROW_VERSION}


def _current(
    store: Store,
    table: str,
    record_id: int,
    expected: Row | None,
    version: int | None = None,
    verb: str = "undo",
) -> Row:
    current = store.get(table, record_id)
    if current is None:
        raise UndoConflict("The record has been deleted since. Nothing was changed.")
    now = current.get(ROW_VERSION)
    if version is not None and now is not None and now != version:
        from lscp_desktop.models.store.versions import changed_since

        raise UndoConflict(
            f"Cannot {verb}: {changed_since(store, table, current)}since. It was left as it is now."
        )
    if expected is not None and any(current.get(k) != v for k, v in _own(_plain(expected)).items()):
        raise UndoConflict("The record has been changed since. It was left as it is now.")
    return current
