"""What the meetings area's query modules share.

Every query function takes the store and plain values and returns rows, one row, a number or
ids. Writes do not come here: they go through the store's audited insert, update and delete.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lscp_desktop.models.store.database import Row


def placeholders(values: Sequence[Any]) -> str:
    """One ``?`` per value, comma-separated, for an ``IN (…)`` list."""
    return ", ".join("?" * len(values))


def first_row(rows: list[Row]) -> Row | None:
    return rows[0] if rows else None
