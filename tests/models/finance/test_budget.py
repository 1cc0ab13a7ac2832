"""Budget lines and the spend against them."""

from __future__ import annotations

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.budget import (
    delete_budget_line,
    get_budget_line,
    save_budget_line,
    save_spend,
)
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.store.database import Store


def test_budget_actual_and_variance(store: Store, year: FinanceYear) -> None:
    line = save_budget_line(
        store,
        {"year_id": year.id, "category": "Training", "description": "Multi-agency training",
         "budget": "15,000"},
    )  # fmt: skip
    save_spend(store, {"budget_line_id": line, "spent_on": "01/05/2025", "amount": "9,000.25"})
    save_spend(store, {"budget_line_id": line, "spent_on": "01/06/2025", "amount": "7,000"})
    save_spend(
        store,
        {"budget_line_id": line, "spent_on": "02/06/2025", "amount": "500", "refund": True},
    )
    b = get_budget_line(store, line)
    assert (b.category, b.budget, b.actual, b.variance) == (
        "training",
        15_000_00,
        15_500_25,
        -500_25,
    )


def test_bad_spend_is_refused(store: Store, year: FinanceYear) -> None:
    line = save_budget_line(
        store, {"year_id": year.id, "category": "office", "description": "Stationery",
                "budget": "1000"}
    )  # fmt: skip
    with pytest.raises(ValidationError, match="tick 'Refund'"):
        save_spend(store, {"budget_line_id": line, "spent_on": "2025-05-01", "amount": "-10"})
    with pytest.raises(ValidationError, match="outside 2025/26"):
        save_spend(store, {"budget_line_id": line, "spent_on": "2026-04-01", "amount": "10"})
    with pytest.raises(ValidationError, match="not a budget category"):
        save_budget_line(
            store, {"year_id": year.id, "category": "biscuits", "description": "x", "budget": "1"}
        )
    assert store.count("spend_entries") == 0
    save_spend(store, {"budget_line_id": line, "spent_on": "2025-05-01", "amount": "10"})
    with pytest.raises(ValidationError, match="1 spend entry against it"):
        delete_budget_line(store, line)
