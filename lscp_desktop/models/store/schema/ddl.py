"""Helpers for schema migrations.

``Migrations`` here records migration functions exactly like sqlite-utils' own class and hands
them to ``sqlite_utils.migrations.Migrations`` only when something is pending. Importing
sqlite-utils costs ~100 ms (it pulls in numpy when installed), so keeping it off the start
path when the schema is current keeps start-up within budget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    import sqlite_utils.migrations

MigrationFn = Callable[["sqlite_utils.Database"], None]


class Migrations:
    """A named, ordered set of migrations; same decorator API as sqlite-utils'."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.entries: list[tuple[str, MigrationFn, bool]] = []

    def __call__(
        self, *, name: str | None = None, transactional: bool = True
    ) -> Callable[[MigrationFn], MigrationFn]:
        def register(fn: MigrationFn) -> MigrationFn:
            migration_name = name or fn.__name__
            if any(n == migration_name for n, _, _ in self.entries):
                raise ValueError(f"Migration {migration_name!r} is already in set {self.name!r}")
            self.entries.append((migration_name, fn, transactional))
            return fn

        return register

    def names(self) -> list[str]:
        return [n for n, _, _ in self.entries]

    def to_sqlite_utils(self) -> sqlite_utils.migrations.Migrations:
        from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

        real = SqliteUtilsMigrations(self.name)
        for migration_name, fn, transactional in self.entries:
            real(name=migration_name, transactional=transactional)(fn)
        return real


def run(db: Any, script: str) -> None:
    """Run ``;``-separated DDL statements one by one (``executescript`` would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


#: The column every editable record carries: 1 when added, one more at every change the store
#: writes (see ``models/store/versions.py``). Not ``version``: a policy document has a
#: ``version`` of its own ("1.2").
ROW_VERSION = "row_version"


def add_row_versions(db: Any, tables: str) -> None:
    """Give each of the space-separated *tables* the :data:`ROW_VERSION` column."""
    column = f"{ROW_VERSION} INTEGER NOT NULL DEFAULT 1"
    run(db, ";".join(f"ALTER TABLE {t} ADD COLUMN {column}" for t in tables.split()))
