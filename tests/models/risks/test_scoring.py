"""The trend rule: the latest score against the one before."""

from __future__ import annotations

import pytest

from lscp_desktop.models.risks.scoring import trend


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([], "level"), ([12], "level"), ([12, 12], "level"), ([8, 12], "up"), ([12, 9], "down"),
     ([4, 20, 20], "level"), ([20, 4, 6], "up")],
)  # fmt: skip
def test_trend_rule(scores: list[int], expected: str) -> None:
    assert trend(scores) == expected
