"""Shared helpers for the store's tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.store.checks import APPLICATION_ID
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.migrations import schema_version


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_org(store: Store, name: str) -> int:
    return save_organisation(store, {"name": name, "kind": "other", "sector": "other"})


def assert_pragmas(store: Store, journal: str) -> None:
    assert store.pragma("foreign_keys") == 1
    assert store.pragma("synchronous") == 2  # FULL
    assert store.pragma("busy_timeout") >= 5000
    assert store.pragma("application_id") == APPLICATION_ID
    assert store.pragma("journal_mode") == journal
    assert store.pragma("user_version") == schema_version()


def write_around_the_door(
    store: Store, table: str, record_id: int, values: dict[str, object]
) -> None:
    """Write *values* as a database saved before the text door (or by an older version) may
    hold them: straight to SQLite, neither cleaned, checked nor audited. For tests of what
    reads old data (exports, the scan of stored text); never for what the app itself saves.
    A PostgreSQL database cannot hold a NUL character in text at all: there it is left out."""
    from lscp_desktop.models.store.server import ServerStore

    if isinstance(store, ServerStore):
        values = {c: v.replace("\x00", "") if isinstance(v, str) else v for c, v in values.items()}
    sets = ", ".join(f"{c} = ?" for c in values)
    store.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), record_id])
