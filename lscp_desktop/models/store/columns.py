"""What the schema says about its columns: which hold text (for the door's scan and its tests);
names checked before they go into SQL text; a row as the audit log keeps it."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def text_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every user table's columns declared TEXT, in table and column order."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    out: dict[str, list[str]] = {}
    for table in tables:
        columns = [
            r[0]
            for r in conn.execute("SELECT name, type FROM pragma_table_info(?)", (table,))
            if "TEXT" in str(r[1]).upper()
        ]
        if columns:
            out[table] = columns
    return out


def as_json(row: dict[str, Any]) -> str:
    return json.dumps(row, default=str, ensure_ascii=False)


def check_identifier(name: str) -> None:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not an identifier: {name!r}")


def check_select(sql: str, method: str) -> None:
    head = sql.lstrip().split(None, 1)[0].upper()
    if head not in {"SELECT", "WITH"}:
        raise ValueError(f"Store.{method} is for SELECT statements only")
