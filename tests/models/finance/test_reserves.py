"""Earmarked reserves: balances, transfers and drawdowns."""

from __future__ import annotations

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.analysis import summary
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.reserves import reserve_balances, save_movement, save_reserve
from lscp_desktop.models.finance.years import save_year
from lscp_desktop.models.store.database import Store


def test_reserves_balances_and_drawdowns(store: Store, year: FinanceYear) -> None:
    prev = save_year(store, {"label": "2024/25"})
    rid = save_reserve(store, {"name": "Practice review reserve"})
    save_movement(
        store,
        {"reserve_id": rid, "year_id": prev, "moved_on": "31/03/2025", "amount": "20,000"},
    )
    with pytest.raises(ValidationError, match="holds £20,000 by the end of 2025/26"):
        save_movement(
            store,
            {"reserve_id": rid, "year_id": year.id, "moved_on": "01/09/2025", "amount": "25,000",
             "direction": "drawdown"},
        )  # fmt: skip
    save_movement(
        store,
        {"reserve_id": rid, "year_id": year.id, "moved_on": "01/09/2025", "amount": "12,000",
         "direction": "drawdown"},
    )  # fmt: skip
    [balance] = reserve_balances(store, year.id)
    assert (balance.opening, balance.movements, balance.closing) == (
        20_000_00,
        -12_000_00,
        8_000_00,
    )
    s = summary(store, year.id)
    assert s.reserve_transfers == -12_000_00
    assert s.closing_reserve == 12_000_00  # the drawdown comes back to fund the review
