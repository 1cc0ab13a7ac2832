"""Many records written at once, each audited as :meth:`Store.insert` and :meth:`Store.update`
audit one (an import's thousands of new actions): one ``executemany`` a table instead of a
statement or three a record, the texts through the same door (:mod:`.text_policy`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Sequence
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

    def update_many(
        self, table: str, changes: Sequence[tuple[int, dict[str, Any], dict[str, Any]]]
    ) -> None:
        """Change many records, each (id, its values now, the changes): what differs is
        written, its texts admitted (unless a ``text_policy.AdmittedValues``), the record's
        version raised by one (refused, as :meth:`update` refuses, if it was changed meanwhile)
        and audited old → new. For records this transaction has just written, so their values
        now are known without reading."""
        from lscp_desktop.models.core import text_policy  # writes only: not to start

        check_identifier(table)
        groups: dict[tuple[str, ...], list[tuple[int, dict[str, Any], dict[str, Any]]]] = {}
        for record_id, current, wanted in changes:
            diff = {}
            admitted = isinstance(wanted, text_policy.AdmittedValues)
            for c, v in wanted.items():
                value = text_policy.admit(table, c, v) if isinstance(v, str) and not admitted else v
                if current.get(c) != value and c != ROW_VERSION:
                    diff[c] = value
            if diff:
                groups.setdefault(tuple(diff), []).append((record_id, current, diff))
        with self._write(), self._storage_errors(table):
            for columns, group in groups.items():
                for c in columns:
                    check_identifier(c)
                sets = ", ".join(f"{c} = ?" for c in columns)
                cur = self.conn.executemany(
                    f"UPDATE {table} SET {sets}, {ROW_VERSION} = {ROW_VERSION} + 1"
                    f" WHERE id = ? AND {ROW_VERSION} = ?",
                    [(*d.values(), i, now.get(ROW_VERSION, 1)) for i, now, d in group],
                )
                if cur.rowcount not in (-1, len(group)):
                    raise StoreError(f"{table}: a record changed while a batch was written")
            if not self._quiet():
                self._audit_entries(
                    ("update", table, i, c, now.get(c), v)
                    for group in groups.values()
                    for i, now, d in group
                    for c, v in d.items()
                )

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
