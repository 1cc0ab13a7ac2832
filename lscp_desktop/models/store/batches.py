"""Many records written at once, each audited as :meth:`Store.insert` and :meth:`Store.update`
audit one (an import's thousands of new actions): one ``executemany`` a table instead of a
statement or three a record, the texts through the same door (:mod:`.text_policy`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from lscp_desktop.models.core.errors import StoreError
from lscp_desktop.models.store.schema.ddl import ROW_VERSION
from lscp_desktop.models.store.statements import check_identifier

#: One audit entry: (action, table, record id, field, old, new).
Entry = tuple[str, str, int, str, Any, Any]


class Batches:
    """The batch writing methods of :class:`~lscp_desktop.models.store.database.Store`."""

    _rehearsing: set[int]

    @property
    def conn(self) -> Any:
        raise NotImplementedError

    @property
    def user(self) -> str:
        raise NotImplementedError

    def _write(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def _storage_errors(self, table: str | None = None) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def insert_many(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> list[int]:
        """Insert *rows* (values in *columns*' order) in one go; returns their ids, in order.
        Each row's texts are admitted as :meth:`insert` admits them (a refusal writes none;
        rows admitted already by a :class:`text_policy.RowDoor` of this table's are written as
        they are),
        and each row is audited field by field as :meth:`insert` audits it."""
        check_identifier(table)
        for c in columns:
            check_identifier(c)
        if not rows:
            return []
        from lscp_desktop.models.core import text_policy  # writes only: not to start

        door = text_policy.RowDoor(table, columns)
        admitted = [r if isinstance(r, text_policy.Admitted) else door.admit(r) for r in rows]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        with self._write(), self._storage_errors(table):
            ids = self._insert_ids(sql, admitted)
            if not self._quiet():
                fields = [(i, c) for i, c in enumerate(columns) if c != "id"]
                self._audit_entries(
                    ("insert", table, new_id, c, None, row[i])
                    for new_id, row in zip(ids, admitted, strict=True)
                    for i, c in fields
                )
        return ids

    def insert_changed(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        changes: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
    ) -> list[int]:
        """What :meth:`insert_many` of *rows* and then :meth:`Store.update` of each row's
        *changes* (its values once inserted, the changes wanted) write, and audit, with one
        statement a row: each row is inserted with what differs in (texts admitted unless a
        ``text_policy.AdmittedValues``; its version one higher where anything differs), and
        audited as inserted, then changed old → new. A column changed in some rows and not in
        *columns* is written in every row, from its values once inserted in the rows not
        changing it (so those must hold it)."""
        from lscp_desktop.models.core import text_policy  # writes only: not to start

        check_identifier(table)
        for c in columns:
            check_identifier(c)
        if len(changes) != len(rows) or ROW_VERSION in columns:
            raise ValueError("insert_changed: a change for each row, and no version given")
        if not rows:
            return []
        door = text_policy.RowDoor(table, columns)
        admitted = [r if isinstance(r, text_policy.Admitted) else door.admit(r) for r in rows]
        diffs = [_differences(table, now, wanted) for now, wanted in changes]
        place = {c: i for i, c in enumerate(columns)}
        extra = tuple(dict.fromkeys(c for d in diffs for c in d if c not in place))
        for c in extra:
            check_identifier(c)
        written = list(columns)
        if any(diffs):
            written += [*extra, ROW_VERSION]
        final: list[list[Any]] = []
        for row, (now, _), diff in zip(admitted, changes, diffs, strict=True):
            values = list(row)
            if len(written) > len(columns):
                for c, v in diff.items():
                    if c in place:
                        values[place[c]] = v
                missing = [c for c in extra if c not in diff and c not in now]
                if missing:
                    raise ValueError(f"insert_changed: no value now for {', '.join(missing)}")
                values += [diff[c] if c in diff else now[c] for c in extra]
                values.append(int(now.get(ROW_VERSION, 1)) + (1 if diff else 0))
            final.append(values)
        sql = f"INSERT INTO {table} ({', '.join(written)}) VALUES ({', '.join('?' * len(written))})"
        with self._write(), self._storage_errors(table):
            ids = self._insert_ids(sql, final)
            if not self._quiet():
                fields = [(i, c) for i, c in enumerate(columns) if c != "id"]
                self._audit_entries(
                    [
                        ("insert", table, new_id, c, None, row[i])
                        for new_id, row in zip(ids, admitted, strict=True)
                        for i, c in fields
                    ]
                    + [
                        ("update", table, new_id, c, now.get(c), v)
                        for new_id, (now, _), diff in zip(ids, changes, diffs, strict=True)
                        for c, v in diff.items()
                    ]
                )
        return ids

    def _insert_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Run *sql* for each row; the new ids. (A file: the write lock is held, so the rows
        are numbered one after another, ending at the last one inserted.)"""
        conn = self.conn
        before = conn.total_changes
        conn.executemany(sql, rows)
        if conn.total_changes - before != len(rows):
            raise StoreError("a batch insert wrote another number of rows")
        last = int(conn.execute("SELECT last_insert_rowid()").fetchone()[0])
        return list(range(last - len(rows) + 1, last + 1))

    def _quiet(self) -> bool:
        """Whether this thread's writes go unaudited (a rehearsal: nothing of it is kept)."""
        return threading.get_ident() in self._rehearsing

    def _audit_entries(self, entries: Any) -> None:
        from lscp_desktop.models.store import audit  # the first write, not to open the file

        now = dt.datetime.now().isoformat(timespec="seconds")
        audit.record_entries(self.conn, now, self.user, entries)


def _differences(table: str, now: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    """What of *wanted* differs from *now* (the version aside), its texts admitted (unless
    a ``text_policy.AdmittedValues``)."""
    from lscp_desktop.models.core import text_policy  # writes only: not to start

    diff = {}
    admitted = isinstance(wanted, text_policy.AdmittedValues)
    for c, v in wanted.items():
        value = text_policy.admit(table, c, v) if isinstance(v, str) and not admitted else v
        if now.get(c) != value and c != ROW_VERSION:
            diff[c] = value
    return diff
