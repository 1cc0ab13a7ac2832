"""Financial years: labels, uniqueness, and deleting one set up by mistake (only when empty)."""

from __future__ import annotations

import pytest
from helpers.funding import add_contribution, add_organisation

from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.finance.budget import save_budget_line, save_spend
from lscp_desktop.models.finance.in_kind import save_in_kind
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.reserves import save_movement, save_reserve
from lscp_desktop.models.finance.years import (
    check_deletable,
    delete_year,
    get_year,
    get_year_by_id,
    list_years,
    save_year,
    what_year_holds,
)
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


def test_an_empty_year_set_up_by_mistake_can_be_deleted(store: Store) -> None:
    wrong = save_year(store, {"label": "2062/63", "opening_reserve": "100"})
    right = save_year(store, {"label": "2026/27"})
    assert what_year_holds(store, wrong) == []
    check_deletable(store, wrong)
    assert delete_year(store, wrong)["start_year"] == 2062
    assert [y.label for y in list_years(store)] == ["2026/27"]
    assert get_year_by_id(store, right).label == "2026/27"
    with pytest.raises(NotFoundError):
        delete_year(store, wrong)


def test_a_year_holding_money_cannot_be_deleted(store: Store, year: FinanceYear) -> None:
    org = add_organisation(store, "Northshire Police", "statutory partner")
    save_in_kind(store, {"year_id": year.id, "organisation_id": org, "description": "Rooms"})
    line = save_budget_line(
        store, {"year_id": year.id, "category": "office", "description": "Stationery",
                "budget": "1000"}
    )  # fmt: skip
    save_spend(store, {"budget_line_id": line, "spent_on": "2025-05-01", "amount": "10"})
    reserve = save_reserve(store, {"name": "Practice review reserve"})
    save_movement(
        store, {"reserve_id": reserve, "year_id": year.id, "moved_on": "2025-05-01",
                "amount": "500"}
    )  # fmt: skip
    add_contribution(store, year, "Cafcass", "550")
    add_contribution(store, year, "Northshire Fire", "500")
    held = "2 contributions, 1 in-kind contribution, 1 budget line, 1 spend entry and 1 reserve"
    with pytest.raises(ValidationError, match=f"2025/26 cannot be deleted: it holds {held}"):
        delete_year(store, year.id)
    assert get_year(store, "2025/26").id == year.id


@pytest.mark.parametrize("holding", ["contribution", "reserve movement"])
def test_one_record_is_enough_to_keep_a_year(store: Store, year: FinanceYear, holding: str) -> None:
    if holding == "contribution":
        add_contribution(store, year, "Cafcass", "0")
    else:
        save_movement(
            store, {"reserve_id": save_reserve(store, {"name": "Reviews"}), "year_id": year.id,
                    "moved_on": "2025-05-01", "amount": "1"}
        )  # fmt: skip
    assert what_year_holds(store, year.id) == [f"1 {holding}"]
    with pytest.raises(ValidationError, match=f"it holds 1 {holding}\\. Only an empty year"):
        delete_year(store, year.id)
    assert store.count("finance_years") == 1
