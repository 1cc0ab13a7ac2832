"""Money in integer pence: parsing what people type, showing it the council way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import MAX_PENCE, format_money, parse_money


@pytest.mark.parametrize(
    ("text", "pence"),
    [("34592", 3459200), ("34,592", 3459200), ("£34,592.00", 3459200), ("£0.5", 50),
     ("(1,200)", -120000), ("-50", -5000), ("£ 229,950", 22995000), ("282000.07", 28200007)],
)  # fmt: skip
def test_parse_money(text: str, pence: int) -> None:
    assert parse_money(text) == pence


@pytest.mark.parametrize("text", ["twelve", "12,34", "£1.234", "1e5", "", "£", "3,4567"])
def test_bad_money_is_explained(text: str) -> None:
    with pytest.raises(ValidationError, match=r"amount of money|Enter the"):
        parse_money(text)


def test_format_money() -> None:
    assert format_money(28200000) == "£282,000"
    assert format_money(18255050) == "£182,550.50"
    assert format_money(-120000) == "-£1,200"
    assert format_money(5) == "£0.05"


@given(st.integers(min_value=-MAX_PENCE, max_value=MAX_PENCE))
def test_format_then_parse_round_trips(pence: int) -> None:
    assert parse_money(format_money(pence)) == pence


@pytest.mark.parametrize(
    "text", ["100,000,000.01", "-£100,000,001", "99999999999999999999", "9" * 5000, "-£-1"]
)
def test_amounts_beyond_100_million_or_with_two_signs_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match=r"£100,000,000|not an amount of money"):
        parse_money(text)
    assert parse_money("£100,000,000") == MAX_PENCE
