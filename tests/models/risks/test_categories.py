"""Risk categories: appetite from 1 to 25; one in use cannot be deleted."""

from __future__ import annotations

import pytest
from helpers.risk_register import risk

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.risks.categories import delete_category, save_category
from lscp_desktop.models.store.database import Store


def test_categories_in_use_cannot_be_deleted(store: Store, cats: dict[str, int]) -> None:
    risk(store, cats["practice"])
    with pytest.raises(ValidationError):
        delete_category(store, cats["practice"])
    with pytest.raises(ValidationError, match="from 1 to 25"):
        save_category(store, {"name": "New", "appetite": "30"})
