"""The dialect seam: the app's SQL (written for SQLite) as PostgreSQL runs it.

The queries stay hand-written SQL in each area's ``queries`` module and the schema stays one
set of migrations (:mod:`.schema`). The few constructs only SQLite understands are translated
here, as text, once per distinct statement (the results are cached):

- placeholders: ``?`` becomes ``%s`` and ``:name`` becomes ``%(name)s``, but not inside a
  string literal, a quoted name or a comment; every literal ``%`` is doubled (psycopg reads
  them everywhere);
- ``max(a, b)`` and ``min(a, b)`` of several values become ``greatest``/``least``;
- ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's
  does not), ``instr(`` becomes ``strpos(`` (same arguments, same result), and
  ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING``;
- in migrations (:func:`ddl`): ``INTEGER PRIMARY KEY`` becomes an identity column, INTEGER
  ``BIGINT`` (SQLite's integers are 64-bit), REAL ``DOUBLE PRECISION``, BLOB ``BYTEA``;
  ``COLLATE NOCASE UNIQUE`` a unique index on ``lower(column)``; a foreign key declared in a
  ``CREATE TABLE`` is added once the migration's tables all exist (SQLite lets a table refer
  to one created after it); ``date('now', 'localtime')`` today's date as ISO text.

Pure text: nothing here imports a database driver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INSERT = re.compile(
    r"^\s*INSERT\s+(?P<or>OR\s+(?P<how>IGNORE|REPLACE|ABORT|FAIL|ROLLBACK)\s+)?INTO\s+"
    r"(?P<table>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<columns>[^)]*)\))?",
    re.IGNORECASE,
)


class UnportableSQL(ValueError):
    """A statement uses SQLite-only SQL the seam cannot translate (a programming error)."""


@dataclass(frozen=True)
class Statement:
    """One statement as PostgreSQL runs it, and what the connection needs to know about it."""

    sql: str
    #: The table an ``INSERT`` writes to (lower case), else None.
    insert_into: str | None = None
    #: Whether that ``INSERT`` names the ``id`` column (its identity sequence must then be
    #: moved past the ids given, as SQLite's rowid would be).
    gives_id: bool = False
    returning: bool = False


def _segments(sql: str) -> list[tuple[str, str]]:
    """*sql* cut into ("code", text) and ("quoted", text) pieces: string literals, quoted
    names and comments are "quoted" and never translated."""
    out: list[tuple[str, str]] = []
    i, n, start = 0, len(sql), 0
    while i < n:
        c = sql[i]
        end = -1
        if c in "'\"":
            end = i + 1
            while end < n:
                if sql[end] == c:
                    if end + 1 < n and sql[end + 1] == c:  # '' or "" inside
                        end += 2
                        continue
                    break
                end += 1
            end = min(end + 1, n)
        elif sql.startswith("--", i):
            nl = sql.find("\n", i)
            end = n if nl < 0 else nl
        elif sql.startswith("/*", i):
            close = sql.find("*/", i + 2)
            end = n if close < 0 else close + 2
        if end < 0:
            i += 1
            continue
        if start < i:
            out.append(("code", sql[start:i]))
        out.append(("quoted", sql[i:end]))
        i = start = end
    if start < n:
        out.append(("code", sql[start:]))
    return out


_CODE_WORDS = re.compile(r"\bLIKE\b|\binstr\s*\(", re.IGNORECASE)


def _code(text: str) -> str:
    """Placeholders, ``%`` and the SQLite-only words of one piece of code."""
    text = _CODE_WORDS.sub(lambda m: "ILIKE" if m.group(0).upper() == "LIKE" else "strpos(", text)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "?":
            out.append("%s")
        elif c == "%":
            out.append("%%")
        elif c == ":" and i + 1 < n and text[i + 1] == ":":
            out.append("::")
            i += 2
            continue
        elif c == ":" and (m := _WORD.match(text, i + 1)) and (i == 0 or text[i - 1] != ":"):
            out.append(f"%({m.group(0)})s")
            i = m.end()
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


_MIN_MAX = re.compile(r"\b(min|max)\s*\(", re.IGNORECASE)


def _scalar_min_max(sql: str) -> str:
    """SQLite's ``max(a, b, …)`` and ``min(a, b, …)`` of several values (not the aggregates
    of one) as PostgreSQL's ``greatest``/``least`` (which skip NULLs where SQLite's give NULL:
    the app's calls wrap each value in ``coalesce``)."""
    quoted = {i for kind, (a, b) in _spans(sql) if kind == "quoted" for i in range(a, b)}
    out, at = [], 0
    for m in _MIN_MAX.finditer(sql):
        if m.start() in quoted:
            continue
        close = _closing(sql, m.end() - 1)
        depth, several = 0, False
        for i in range(m.end(), close):
            if i in quoted:
                continue
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            several = several or (sql[i] == "," and depth == 0)
        if several:
            out.append(
                sql[at : m.start()] + ("greatest(" if m.group(1).lower() == "max" else "least(")
            )
            at = m.end()
    return "".join(out) + sql[at:]


@lru_cache(maxsize=4096)
def statement(sql: str) -> Statement:
    """*sql* (SQLite's dialect, ``?`` or ``:name`` placeholders) as PostgreSQL runs it."""
    if _MIN_MAX.search(sql):
        sql = _scalar_min_max(sql)
    # psycopg reads every %, even in a string literal: each literal one is doubled.
    text = "".join(
        t.replace("%", "%%") if kind == "quoted" else _code(t) for kind, t in _segments(sql)
    )
    insert = _INSERT.match(text)
    if not insert:
        return Statement(text)
    how = (insert.group("how") or "").upper()
    if how and how != "IGNORE":
        raise UnportableSQL(f"INSERT OR {how} has no PostgreSQL form here: {sql[:80]}")
    if how:
        text = text[: insert.start("or")] + text[insert.end("or") :]
        text = text.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    columns = [c.strip().lower() for c in (insert.group("columns") or "").split(",")]
    returning = re.search(r"\bRETURNING\b", text, re.IGNORECASE) is not None
    return Statement(text, insert.group("table").lower(), "id" in columns, returning)


# --------------------------------------------------------------------------- migrations


@dataclass
class Migration:
    """The statements of one migration as PostgreSQL runs them: each table's own first, the
    foreign keys and case-insensitive unique indexes once every table exists."""

    later: list[str] = field(default_factory=list)


_TYPES = [
    (re.compile(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", re.IGNORECASE),
     "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b", re.IGNORECASE), "BIGINT"),
    (re.compile(r"\bREAL\b", re.IGNORECASE), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b", re.IGNORECASE), "BYTEA"),
]  # fmt: skip
_TODAY = re.compile(r"\bdate\('now',\s*'localtime'\)", re.IGNORECASE)
_CREATE = re.compile(r"^\s*CREATE\s+TABLE\s+(?P<table>[A-Za-z_][A-Za-z0-9_]*)\s*\(", re.I)
_NOCASE_UNIQUE = re.compile(r"\s+(COLLATE\s+NOCASE\s+UNIQUE|UNIQUE\s+COLLATE\s+NOCASE)\b", re.I)
_NOCASE = re.compile(r"\s+COLLATE\s+NOCASE\b", re.IGNORECASE)
_REFERENCES = re.compile(
    r"\s+REFERENCES\s+(?P<target>[A-Za-z_][A-Za-z0-9_]*\s*\([^)]*\))"
    r"(?P<actions>(\s+ON\s+(DELETE|UPDATE)\s+(CASCADE|RESTRICT|NO\s+ACTION|SET\s+NULL|SET\s+DEFAULT))*)",
    re.IGNORECASE,
)
_ADD_COLUMN = re.compile(
    r"^\s*ALTER\s+TABLE\s+(?P<table>[A-Za-z_][A-Za-z0-9_]*)\s+ADD\s+COLUMN\s+", re.I
)
_TABLE_CONSTRAINT = re.compile(r"^\s*(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b", re.I)


def ddl(sql: str, migration: Migration) -> str:
    """One statement of a migration as PostgreSQL runs it; what must wait until the
    migration's other tables exist is added to *migration*'s ``later``."""
    sql = _TODAY.sub("to_char(LOCALTIMESTAMP, 'YYYY-MM-DD')", sql)
    for pattern, replacement in _TYPES:
        sql = "".join(t if k == "quoted" else pattern.sub(replacement, t)
                      for k, t in _segments(sql))  # fmt: skip
    add = _ADD_COLUMN.match(sql)
    if add:
        return add.group(0) + _column(add.group("table"), sql[add.end() :], migration)
    create = _CREATE.match(sql)
    if create is None:
        if _NOCASE.search(sql):
            raise UnportableSQL(f"COLLATE NOCASE outside CREATE TABLE: {sql.strip()[:80]}")
        return sql
    table = create.group("table")
    open_at = create.end() - 1
    close_at = _closing(sql, open_at)
    items = _split_top_level(sql[open_at + 1 : close_at])
    kept = [
        item if _TABLE_CONSTRAINT.match(item) else _column(table, item, migration) for item in items
    ]
    return sql[: open_at + 1] + ",".join(kept) + sql[close_at:]


def _column(table: str, item: str, migration: Migration) -> str:
    """One column's definition, its foreign key and case-insensitive uniqueness left for
    *migration*'s end."""
    column = item.split()[0]
    if _NOCASE_UNIQUE.search(item):
        item = _NOCASE_UNIQUE.sub("", item)
        migration.later.append(
            f"CREATE UNIQUE INDEX {table}_{column}_nocase ON {table} (lower({column}))"
        )
    if _NOCASE.search(item):
        raise UnportableSQL(f"COLLATE NOCASE without UNIQUE: {table}.{column}")
    reference = _REFERENCES.search(item)
    if reference:
        item = item[: reference.start()] + item[reference.end() :]
        migration.later.append(
            f"ALTER TABLE {table} ADD FOREIGN KEY ({column}) REFERENCES "
            f"{reference.group('target')}{reference.group('actions')}"
        )
    return item


def _closing(sql: str, open_at: int) -> int:
    depth = 0
    quoted = {i for kind, (a, b) in _spans(sql) if kind == "quoted" for i in range(a, b)}
    for i in range(open_at, len(sql)):
        if i in quoted:
            continue
        if sql[i] == "(":
            depth += 1
        elif sql[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    raise UnportableSQL(f"unbalanced parentheses: {sql.strip()[:80]}")


def _split_top_level(body: str) -> list[str]:
    items: list[str] = []
    depth = start = 0
    # Commas inside parentheses or quotes do not separate items.
    quoted = {i for kind, (a, b) in _spans(body) if kind == "quoted" for i in range(a, b)}
    for i, c in enumerate(body):
        if i in quoted:
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return [item for item in items if item.strip()]


def _spans(sql: str) -> list[tuple[str, tuple[int, int]]]:
    out: list[tuple[str, tuple[int, int]]] = []
    at = 0
    for kind, text in _segments(sql):
        out.append((kind, (at, at + len(text))))
        at += len(text)
    return out
