"""What the schema says about its columns: which hold text (for the door's scan and its tests);
a row as the audit log keeps it. (Names checked before they go into SQL text: statements.)"""

from __future__ import annotations

import json
import sqlite3
from typing import Any


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
