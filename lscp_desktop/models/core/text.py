"""Text the domain modules share: user text made storable, and counted nouns in sentences."""

from __future__ import annotations

import re

# Patterns as text, compiled by ``re`` when first used (and cached): not on import (issue 21).
_SURROGATE = "[\ud800-\udfff]"
#: An email address as people type them (name@council.gov.uk): one @, a dotted domain.
EMAIL = r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"


def is_email(value: str) -> bool:
    """Whether *value* is an email address the mail drafts can be addressed to."""
    return bool(re.match(EMAIL, value))


def as_text(value: object) -> str:
    """A form's or a file's value as text (None is empty); the store's door cleans and checks
    it (:mod:`.text_policy`), refusing a lone surrogate rather than guessing the character."""
    return "" if value is None else str(value)


def plain_text(value: object) -> str:
    """Text as it can be written to a file: lone surrogates (which UTF-8 cannot hold) replaced."""
    return "" if value is None else re.sub(_SURROGATE, "\ufffd", str(value))


def pluralise(count: int, noun: str) -> str:
    """'1 day', '3 days': a count with its noun (nouns that take a plain -s)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
