"""The financial year most finance tests record into."""

from __future__ import annotations

import pytest

from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.years import get_year_by_id, save_year
from lscp_desktop.models.store.database import Store


@pytest.fixture
def year(store: Store) -> FinanceYear:
    return get_year_by_id(store, save_year(store, {"label": "2025/26"}))
