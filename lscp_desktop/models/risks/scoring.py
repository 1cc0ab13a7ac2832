"""The 5 × 5 scoring rules: a score's band, a score's trend between reviews, and checking a
likelihood or impact entered on a form. (Appetite: :attr:`~.records.Risk.above_appetite`.)"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.risks.records import TREND_DOWN, TREND_LEVEL, TREND_UP


def score_band(score: int) -> str:
    """The usual 5 × 5 bands: low 1–4, medium 5–9, high 10–15, very high 16–25."""
    if score >= 16:
        return "very high"
    if score >= 10:
        return "high"
    if score >= 5:
        return "medium"
    return "low"


def trend(scores: list[int]) -> str:
    """Direction of the latest score against the one before it (oldest first in *scores*).

    Fewer than two scores, or the same score: level. A higher score (worse): up. Lower: down.
    """
    if len(scores) < 2 or scores[-1] == scores[-2]:
        return TREND_LEVEL
    return TREND_UP if scores[-1] > scores[-2] else TREND_DOWN


def checked_score(values: dict[str, Any], key: str, label: str) -> int:
    """``values[key]`` as a likelihood or impact from 1 to 5, or a :class:`ValidationError`."""
    value = values.get(key)
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"The {label} should be a whole number from 1 to 5.", key) from None
    if not 1 <= number <= 5:
        raise ValidationError(f"The {label} should be from 1 to 5, not {number}.", key)
    return number
