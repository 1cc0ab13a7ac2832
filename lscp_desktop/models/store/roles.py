"""Who may do what on a team database (issue 22): ``lscp-desktop server init`` and
``server add-user``.

Three group roles per database, named after it (``<database>_manager`` …; roles belong to the
whole PostgreSQL server, so two partnerships on one server never share them):

- **manager**: reads and changes everything;
- **officer**: reads everything, changes everything but the finance tables
  (:data:`FINANCE_TABLES`) and the partnership's settings (:data:`SETTINGS_TABLES`);
- **reader** (chairs, the scrutineer): reads only, and not the personal data it does not
  need. Its users read through views in the schema :data:`READER_SCHEMA`, first on their
  ``search_path``, that stand in for the tables holding that data (:data:`HIDDEN`) with those
  columns blank; the tables themselves grant the reader only their other columns. The app's
  queries run unchanged and show the fields empty.

A user is a login role in one group (:func:`add_user`); a member of none of our groups who can
log in still cannot connect (``CONNECT`` on the database is granted to the groups only).
Everything here runs as an account allowed to create roles (IT's administrator account).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import psycopg
from psycopg import sql

from lscp_desktop.models.core.errors import StoreError, ValidationError
from lscp_desktop.models.store.database import Store

ROLES = ("manager", "officer", "reader")
ROLE_HELP = {
    "manager": "reads and changes everything",
    "officer": "changes everything but finance and the partnership's settings",
    "reader": "reads only; private phone numbers and notes are hidden (chairs, the scrutineer)",
}
#: The finance tables: only a manager changes them (tests hold this equal to the finance
#: schema's tables).
FINANCE_TABLES = (
    "finance_years", "contributions", "contribution_payments", "in_kind_contributions",
    "budget_lines", "spend_entries", "reserves", "reserve_movements",
)  # fmt: skip
SETTINGS_TABLES = ("settings", "partnership")
READER_SCHEMA = "lscp_reader"
#: Columns a reader never sees: private phone numbers, notes on people and reviews, and the
#: names of people erased. The audit log's old and new values of these fields are hidden too.
HIDDEN = {
    "people": ("phone", "notes"),
    "reviews": ("notes",),
    "review_recommendations": ("notes",),
    "erasures": ("label",),
}
MIGRATIONS_TABLE = "lscp_migrations"
_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,62}$")


@dataclass(frozen=True)
class Setup:
    """What :func:`init_server` did, to tell IT."""

    database: str
    roles: dict[str, str]  # ours ("manager") -> the server's name ("lscp_manager")
    tables: int


def group_role(database: str, role: str) -> str:
    """The server's name of *role*'s group role for *database*."""
    base = re.sub(r"[^a-z0-9_]", "_", database.lower())[: 63 - len(role) - 1]
    return f"{base}_{role}"


def _conn(store: Store) -> psycopg.Connection[Any]:
    conn: Any = store.conn
    raw = getattr(conn, "raw", None)
    if raw is None:
        raise StoreError(
            f"{store.path} is a database file: roles belong to a team database on a server "
            "(a postgresql:// address)."
        )
    return cast("psycopg.Connection[Any]", raw)


def _database(raw: psycopg.Connection[Any]) -> str:
    row = raw.execute("SELECT current_database()").fetchone()
    return str(row[0]) if row else ""


def _columns(raw: psycopg.Connection[Any], table: str) -> list[str]:
    rows = raw.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
        " AND table_name = %s ORDER BY ordinal_position",
        (table,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def _tables(raw: psycopg.Connection[Any]) -> list[str]:
    rows = raw.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        " AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def init_server(store: Store) -> Setup:
    """Create (or bring up to date) the three group roles of the open team database *store*
    and grant them what they may do; safe to run again (after an upgrade, it grants the new
    tables). The schema itself is created by opening *store*."""
    raw = _conn(store)
    database = _database(raw)
    names = {role: group_role(database, role) for role in ROLES}
    with store.transaction(), _privilege_errors():
        for name in names.values():
            exists = raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
            if not exists:
                raw.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        tables = _tables(raw)
        _grant(raw, database, names, tables)
        _reader_views(raw, names["reader"])
    return Setup(database, names, len(tables))


def refresh_after_upgrade(store: Store) -> str:
    """After the schema of *store*, a team database, was brought up to date: grant its group
    roles (if :func:`init_server` made them) the new tables and columns, and rebuild the
    reader's views to match, as ``server init`` run again would. Returns a warning for the
    user when this account may not (the upgrade itself stands), else ""."""
    raw = _conn(store)
    database = _database(raw)
    names = {role: group_role(database, role) for role in ROLES}
    found = raw.execute(
        "SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)", (list(names.values()),)
    ).fetchone()
    if not found or found[0] != len(names):
        return ""  # no roles yet: server init grants everything when it is run
    try:
        with store.transaction(), _privilege_errors():
            _grant(raw, database, names, _tables(raw))
            _reader_views(raw, names["reader"])
    except StoreError:
        return (
            "The database was brought up to date, but this account may not grant the "
            "colleagues' roles the new parts of it: ask IT to run `lscp-desktop server init` "
            "on it once (until then readers may miss some details)."
        )
    return ""


def _grant(
    raw: psycopg.Connection[Any], database: str, names: dict[str, str], tables: list[str]
) -> None:
    ident = {role: sql.Identifier(name) for role, name in names.items()}
    every = sql.SQL(", ").join(ident.values())
    db = sql.Identifier(database)
    for statement in (
        "REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        "GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {every}",
        "GRANT USAGE ON SCHEMA public TO {every}",
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {every}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {manager}, {officer}",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {manager}, {officer}",
    ):
        raw.execute(sql.SQL(statement).format(db=db, every=every, **ident))
    for table in tables:
        if table == MIGRATIONS_TABLE:
            continue
        writers = [ident["manager"]]
        if table not in FINANCE_TABLES + SETTINGS_TABLES:
            writers.append(ident["officer"])
        raw.execute(
            sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(
                sql.Identifier(table), sql.SQL(", ").join(writers)
            )
        )
        # The reader: every column but the hidden ones (column privileges), and no audit
        # log of its own (it reads the view, whose old/new values hide them too).
        if table == "audit_log":
            continue
        hidden = HIDDEN.get(table, ())
        shown = [c for c in _columns(raw, table) if c not in hidden]
        raw.execute(
            sql.SQL("GRANT SELECT ({}) ON {} TO {}").format(
                sql.SQL(", ").join(map(sql.Identifier, shown)),
                sql.Identifier(table),
                ident["reader"],
            )
        )
    raw.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier(MIGRATIONS_TABLE), every))


def _reader_views(raw: psycopg.Connection[Any], reader: str) -> None:
    """The reader's stand-ins for the tables with hidden columns (same names, same columns in
    the same order, those columns empty) and for the audit log."""
    schema = sql.Identifier(READER_SCHEMA)
    raw.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
    raw.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, sql.Identifier(reader)))
    for table, hidden in {**HIDDEN, "audit_log": ()}.items():
        parts: list[sql.Composable] = []
        for column in _columns(raw, table):
            if column in hidden:
                parts.append(sql.SQL("''::text AS {}").format(sql.Identifier(column)))
            elif table == "audit_log" and column in ("old", "new"):
                fields = sql.SQL(", ").join(
                    sql.Literal(f"{t}.{c}") for t, cs in HIDDEN.items() for c in cs
                )
                case = "CASE WHEN table_name || '.' || field IN ({}) THEN NULL ELSE {} END AS {}"
                name = sql.Identifier(column)
                parts.append(sql.SQL(case).format(fields, name, name))
            else:
                parts.append(sql.Identifier(column))
        view = sql.Identifier(READER_SCHEMA, table)
        raw.execute(sql.SQL("DROP VIEW IF EXISTS {}").format(view))
        raw.execute(
            sql.SQL("CREATE VIEW {} AS SELECT {} FROM {}").format(
                view, sql.SQL(", ").join(parts), sql.Identifier("public", table)
            )
        )
        raw.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(view, sql.Identifier(reader)))


def add_user(store: Store, name: str, role: str, password: str) -> str:
    """Let *name* sign in to the team database *store* with *password*, as a member of
    *role*'s group only (a user already there changes group and password). Returns the
    group's name. ``server init`` must have run first."""
    if role not in ROLES:
        raise ValidationError(f"The role must be one of {', '.join(ROLES)}, not {role!r}.")
    if not _NAME.match(name):
        raise ValidationError(
            f"{name!r} cannot be a user name here: use lower-case letters, digits, '.', '-' or "
            "'_', starting with a letter (at most 63)."
        )
    if not password:
        raise ValidationError("The new user needs a password (it is never stored by the app).")
    raw = _conn(store)
    database = _database(raw)
    group = group_role(database, role)
    user = sql.Identifier(name)
    with store.transaction(), _privilege_errors():
        if not raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone():
            raise StoreError(
                f"The database {database} has no roles yet: run 'lscp-desktop server init' on "
                "it first."
            )
        exists = raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        # The password is sent as a literal: a role's password cannot be a bound parameter.
        verb = "ALTER" if exists else "CREATE"
        raw.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(user, sql.Literal(password))
        )
        for other in ROLES:
            if other != role:
                raw.execute(
                    sql.SQL("REVOKE {} FROM {}").format(
                        sql.Identifier(group_role(database, other)), user
                    )
                )
        raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), user))
        db = sql.Identifier(database)
        if role == "reader":
            raw.execute(
                sql.SQL("ALTER ROLE {} IN DATABASE {} SET search_path = {}, public").format(
                    user, db, sql.Identifier(READER_SCHEMA)
                )
            )
        else:
            raw.execute(sql.SQL("ALTER ROLE {} IN DATABASE {} RESET search_path").format(user, db))
    return group


def may_write(store: Store) -> bool:
    """Whether the signed-in user of a team database may change anything (a reader may not)."""
    raw = _conn(store)
    row = raw.execute("SELECT has_table_privilege('public.audit_log', 'INSERT')").fetchone()
    return bool(row and row[0])


@contextlib.contextmanager
def _privilege_errors() -> Iterator[None]:
    """An account not allowed to create roles or grant: a plain message for IT."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError(
            "This account may not create roles or grant rights on the database "
            f"({str(exc).strip().splitlines()[0]}). Run it with the server's "
            "administrator account (IT's), as the runbook says. Nothing was changed."
        ) from exc
    except psycopg.Error as exc:
        raise StoreError(f"Database error: {str(exc).strip().splitlines()[0]}") from exc
