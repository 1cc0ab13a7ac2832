"""What the store accepts from its callers: table and column names that are identifiers, and
SELECT statements where it reads."""

from __future__ import annotations

import re

# Patterns as text, compiled by ``re`` when first used (and cached): not on import (issue 21).
_IDENTIFIER = r"^[A-Za-z_][A-Za-z0-9_]*$"


def check_identifier(name: str) -> None:
    if not re.match(_IDENTIFIER, name):
        raise ValueError(f"not an identifier: {name!r}")


def check_select(sql: str, method: str) -> None:
    head = sql.lstrip().split(None, 1)[0].upper()
    if head not in {"SELECT", "WITH"}:
        raise ValueError(f"Store.{method} is for SELECT statements only")
