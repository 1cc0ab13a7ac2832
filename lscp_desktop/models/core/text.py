"""Text the domain modules share: user text made storable, and counted nouns in sentences."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def plain_text(value: object) -> str:
    """User text as it can be stored: lone surrogates (which SQLite cannot hold) replaced."""
    return "" if value is None else _SURROGATE.sub("\ufffd", str(value))


def pluralise(count: int, noun: str) -> str:
    """'1 day', '3 days': a count with its noun (nouns that take a plain -s)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
