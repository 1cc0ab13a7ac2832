"""The audit log: who changed which field of which record, from what to what, and when.

Every write the store makes through its CRUD methods adds rows here in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.store.lock import os_user


@dataclass
class AuditEntry:
    at: str
    user: str
    action: str
    table: str
    record_id: int
    field: str
    old: str | None
    new: str | None


def record(
    conn: sqlite3.Connection,
    action: str,
    table: str,
    record_id: int,
    changes: list[tuple[str, Any, Any]],
) -> None:
    """Log *changes* (field, old, new) to one record; the caller holds the transaction."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    user = os_user()
    conn.executemany(
        "INSERT INTO audit_log (at, os_user, action, table_name, record_id, field, old, new)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (now, user, action, table, record_id, f, _text(old), _text(new))
            for f, old, new in changes
        ],
    )


def history(conn: sqlite3.Connection, table: str, record_id: int) -> list[AuditEntry]:
    """Every recorded change to one record, oldest first."""
    rows = conn.execute(
        "SELECT at, os_user, action, table_name, record_id, field, old, new FROM audit_log"
        " WHERE table_name = ? AND record_id = ? ORDER BY id",
        (table, record_id),
    )
    return [AuditEntry(*r) for r in rows]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
