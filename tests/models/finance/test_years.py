"""Financial years: labels, uniqueness, deleting an empty one."""

from __future__ import annotations

import pytest

from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.finance.years import get_year, save_year
from lscp_desktop.models.store.database import Store


@pytest.mark.parametrize("label", ["2025/27", "25/26", "twenty", "2025-2027", ""])
def test_a_year_label_that_does_not_parse_is_refused(store: Store, label: str) -> None:
    with pytest.raises(ValidationError) as err:
        save_year(store, {"label": label})
    assert err.value.field == "label"
    assert store.count("finance_years") == 0


def test_years_are_unique_and_accept_other_spellings(store: Store) -> None:
    save_year(store, {"label": "2025-26", "opening_reserve": "£12,500.50"})
    assert get_year(store, "2025/26").opening_reserve == 12_500_50
    with pytest.raises(ValidationError, match="already set up"):
        save_year(store, {"label": "2025/2026"})
    with pytest.raises(NotFoundError, match="2026/27 has not been set up"):
        get_year(store, "2026/27")
