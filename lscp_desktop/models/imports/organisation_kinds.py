"""An organisation's kind and sector: the words spreadsheets use for them, and a first guess.

The organisations and contributions kinds read a Kind (and Sector) column with these words; an
organisation that an import creates along the way gets its kind and sector from its name
(:mod:`lscp_desktop.models.membership.public_bodies`), shown in the check for the user to change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lscp_desktop.models.membership.public_bodies import classify

KIND_WORDS: dict[str, tuple[str, ...]] = {
    "statutory partner": (
        "statutory",
        "safeguarding partner",
        "statutory partners",
        "lead partner",
    ),
    "relevant agency": ("relevant", "relevant agencies", "agency"),
    "education": ("school", "schools", "academy", "college", "early years", "education setting"),
    "voluntary & community": (
        "voluntary",
        "voluntary and community",
        "voluntary sector",
        "vcs",
        "vcse",
        "charity",
        "community",
        "third sector",
    ),
    "other": ("others",),
}
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "local authority": ("la", "council", "children s services", "childrens services"),
    "health/ICB": ("health", "icb", "ccg", "nhs icb", "health icb", "integrated care board"),
    "NHS trust": ("nhs", "trust", "hospital", "nhs trust", "health trust"),
    "police": ("constabulary", "police force"),
    "education": ("school", "schools"),
    "probation": ("probation service",),
    "Cafcass": (),
    "fire": ("fire and rescue", "fire service"),
    "housing": ("housing association",),
    "other": (),
}


def canonical_word(value: Any, words: dict[str, tuple[str, ...]]) -> str:
    """The canonical word for *value*, or *value* unchanged (so the model's check explains)."""
    text = " ".join(re.sub(r"[^a-z0-9&]+", " ", str(value).lower()).split())
    for canonical, synonyms in words.items():
        if text in {canonical.lower(), canonical.lower().replace("&", "and"), *synonyms}:
            return canonical
    return str(value)


def guess_kind_and_sector(name: str, authorities: Sequence[str] = ()) -> tuple[str, str]:
    """A first guess from an organisation's name, for organisations created by an import
    (:func:`public_bodies.classify` decides, knowing the partnership's authorities)."""
    guess = classify(name, tuple(authorities))
    return guess.kind, guess.sector
