"""The risks model tests' fixture: two risk categories (see :mod:`helpers.risk_register`)."""

from __future__ import annotations

import pytest
from helpers.risk_register import make_categories

from lscp_desktop.models.store.database import Store


@pytest.fixture
def cats(store: Store) -> dict[str, int]:
    return make_categories(store)
