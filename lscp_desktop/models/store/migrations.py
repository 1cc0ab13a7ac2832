"""The schema version and migrations: which migrations a file has, and bringing it up to date
with sqlite-utils (imported only when a migration is pending, to keep start-up fast)."""

from __future__ import annotations

import sqlite3

from lscp_desktop.models.store import schema


def schema_version() -> int:
    """The schema version this build writes: the number of migrations it knows."""
    return sum(len(m.names()) for m in schema.MIGRATION_SETS)


def known_migrations() -> set[tuple[str, str]]:
    return {(s.name, n) for s in schema.MIGRATION_SETS for n in s.names()}


def applied_migrations(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """The migrations recorded in the file (none in a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return set()
    rows = conn.execute("SELECT migration_set, name FROM _sqlite_migrations")
    return {(r[0], r[1]) for r in rows}


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the schema needs no migration (False if that cannot even be read)."""
    try:
        return known_migrations() <= applied_migrations(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return False


def has_user_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name != '_sqlite_migrations'"
    ).fetchone()
    return bool(row[0])


def apply_pending(conn: sqlite3.Connection) -> None:
    """Apply every migration the file lacks and record the schema version; the caller holds
    the transaction (and has taken the pre-migration backup)."""
    import sqlite_utils

    db = sqlite_utils.Database(conn, execute_plugins=False)
    for migration_set in schema.MIGRATION_SETS:
        migration_set.to_sqlite_utils().apply(db)
    conn.execute(f"PRAGMA user_version = {schema_version()}")
