"""The audit log: who changed which field of which record, from what to what, when, and from
which computer.

Every write the store makes through its CRUD methods adds rows here in the same transaction.
An erasure (``models/privacy``) may rewrite the text of entries that name the person erased,
and the retention schedule may clear the detail of old entries; nothing else changes them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.core.computer import computer_name, os_user


@dataclass
class AuditEntry:
    """One field's change in the audit log: when, by whom, on which record, from what to what."""

    at: str
    user: str
    action: str
    table: str
    record_id: int
    field: str
    old: str | None
    new: str | None
    machine: str = ""
    id: int = 0

    @property
    def who(self) -> str:
        """'jbloggs on LAPTOP-42', or the user alone for entries made before machines were kept."""
        return f"{self.user} on {self.machine}" if self.machine else self.user


def record(
    conn: sqlite3.Connection,
    action: str,
    table: str,
    record_id: int,
    changes: list[tuple[str, Any, Any]],
    user: str | None = None,
) -> None:
    """Log *changes* (field, old, new) to one record as *user* (by default the operating
    system's: a team database gives its signed-in user); the caller holds the transaction."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    user, host = user or os_user(), computer_name()
    conn.executemany(
        "INSERT INTO audit_log"
        " (at, os_user, machine, action, table_name, record_id, field, old, new)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (now, user, host, action, table, record_id, f, _text(old), _text(new))
            for f, old, new in changes
        ],
    )


def record_entries(
    conn: sqlite3.Connection,
    at: str,
    user: str,
    entries: Iterable[tuple[str, str, int, str, Any, Any]],
) -> None:
    """Log many changes at once, each (action, table, record id, field, old, new), as *user*
    at *at*: the entries :func:`record` would write for each; the caller holds the transaction."""
    host = computer_name()
    conn.executemany(
        "INSERT INTO audit_log"
        " (at, os_user, machine, action, table_name, record_id, field, old, new)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (at, user, host, action, table, record_id, f, _text(old), _text(new))
            for action, table, record_id, f, old, new in entries
        ],
    )


_COLUMNS = "at, os_user, action, table_name, record_id, field, old, new, machine, id"


def history(conn: sqlite3.Connection, table: str, record_id: int) -> list[AuditEntry]:
    """Every recorded change to one record, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM audit_log WHERE table_name = ? AND record_id = ? ORDER BY id",
        (table, record_id),
    )
    return [AuditEntry(*r) for r in rows]


def entries_mentioning(conn: sqlite3.Connection, texts: Sequence[str]) -> list[AuditEntry]:
    """Every entry whose old or new value holds one of *texts* (ignoring case), oldest first."""
    wanted = [t for t in texts if t]
    if not wanted:
        return []
    # lower() on both sides: SQLite's own, so a name with accents matches itself at least.
    where = " OR ".join(
        "instr(lower(old), lower(?)) > 0 OR instr(lower(new), lower(?)) > 0" for _ in wanted
    )
    params = [p for t in wanted for p in (t, t)]
    rows = conn.execute(f"SELECT {_COLUMNS} FROM audit_log WHERE {where} ORDER BY id", params)
    return [AuditEntry(*r) for r in rows]


def rewrite(
    conn: sqlite3.Connection, changes: Sequence[tuple[int, str | None, str | None]]
) -> None:
    """Put new text in entries' old and new values: (entry id, old, new). The caller holds the
    transaction; this is how an erasure takes a person's details out of the history."""
    conn.executemany("UPDATE audit_log SET old = ?, new = ? WHERE id = ?",
                     [(old, new, i) for i, old, new in changes])  # fmt: skip


def clear_detail_before(conn: sqlite3.Connection, before: str) -> int:
    """Clear the old and new values of entries made before the ISO date *before* (the retention
    schedule): who changed which field of which record, and when, stays. Returns how many."""
    cur = conn.execute(
        "UPDATE audit_log SET old = NULL, new = NULL"
        " WHERE at < ? AND (old IS NOT NULL OR new IS NOT NULL)",
        (before,),
    )
    return cur.rowcount


def count_detail_before(conn: sqlite3.Connection, before: str) -> int:
    row = conn.execute(
        "SELECT count(*) FROM audit_log WHERE at < ? AND (old IS NOT NULL OR new IS NOT NULL)",
        (before,),
    ).fetchone()
    return int(row[0])


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
