"""Priorities: names unique, and one in use cannot be deleted."""

from __future__ import annotations

import pytest
from helpers.action_log import add

from lscp_desktop.models.actions.priorities import delete_priority, save_priority
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def test_priorities_in_use_cannot_be_deleted(store: Store, log: dict[str, int]) -> None:
    add(store, log, priority_id=log["priority"])
    with pytest.raises(ValidationError, match="Deactivate it instead"):
        delete_priority(store, log["priority"])
    with pytest.raises(ValidationError, match="already a priority"):
        save_priority(store, {"name": "neglect"})
