"""The actions model tests' fixture: a tiny action log (see :mod:`helpers.action_log`)."""

from __future__ import annotations

import pytest
from helpers.action_log import make_log

from lscp_desktop.models.store.database import Store


@pytest.fixture
def log(store: Store) -> dict[str, int]:
    return make_log(store)
