"""The bank-holiday table the app reads instead of importing ``holidays`` at run time."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import holidays
import pytest

from lscp_desktop.models.core import bank_holiday_table as table
from lscp_desktop.models.core.dates import _bank_holidays, bank_holiday
from lscp_desktop.models.core.errors import ValidationError


def test_the_table_equals_holidays_for_england_and_wales_in_every_year_it_covers() -> None:
    """From 1900, the first year a date can have, to the last year ``holidays`` knows."""
    england = holidays.country_holidays("GB", subdiv="ENG")
    assert table.FIRST_YEAR == 1900
    assert min(2200, england.end_year) == table.LAST_YEAR  # a new release: run the script
    for year in range(table.FIRST_YEAR, table.LAST_YEAR + 1):
        wanted = dict(holidays.country_holidays("GB", subdiv="ENG", years=year))
        assert _bank_holidays(year) == wanted, (
            f"{year} differs from holidays {holidays.__version__}: run "
            "python scripts/make_bank_holidays.py"
        )


@pytest.mark.parametrize("year", [table.FIRST_YEAR - 1, table.LAST_YEAR + 1, 2199])
def test_a_year_beyond_the_table_is_refused_not_taken_to_have_none(year: int) -> None:
    with pytest.raises(ValidationError, match=f"known from 1900 to {table.LAST_YEAR} only"):
        bank_holiday(dt.date(year, 6, 1))


def test_looking_up_a_bank_holiday_does_not_import_holidays() -> None:
    code = (
        "import sys, datetime as dt\n"
        "from lscp_desktop.models.core.dates import bank_holiday\n"
        "assert bank_holiday(dt.date(2026, 12, 25)) == 'Christmas Day'\n"
        "print('holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_royal_occasions_are_in_the_table() -> None:
    assert bank_holiday(dt.date(2022, 9, 19)) == "State Funeral of Queen Elizabeth II"
    assert bank_holiday(dt.date(2023, 5, 8)) == "Coronation of Charles III"
