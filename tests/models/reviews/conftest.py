"""Fixtures shared by the reviews area's tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.store.database import Store


@pytest.fixture
def add_agencies(store: Store) -> Callable[[int], list[int]]:
    """Adds *n* relevant agencies named "Agency 0", "Agency 1", … and returns their ids."""

    def add(n: int) -> list[int]:
        return [
            save_organisation(
                store, {"name": f"Agency {i}", "kind": "relevant agency", "sector": "other"}
            )
            for i in range(n)
        ]

    return add
