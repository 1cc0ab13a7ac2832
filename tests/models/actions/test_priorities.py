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


def test_dated_priorities_hold_for_their_years_only(store: Store) -> None:
    """Seed 000's priorities held "until March 2021"; the next set from April 2021."""
    from lscp_desktop.models.actions.priorities import list_priorities, priorities_during

    basics = save_priority(
        store,
        {
            "name": "Getting the basics right in child protection",
            "valid_from": "01/04/2019",
            "valid_to": "31/03/2021",
        },
    )
    save_priority(store, {"name": "Safeguarding adolescents", "valid_from": "2021-04-01"})
    save_priority(store, {"name": "Undated and active"})
    save_priority(store, {"name": "Undated and inactive", "active": 0})

    def names(start: str, end: str) -> list[str]:
        return [p.name for p in priorities_during(store, start, end)]

    assert names("2020-04-01", "2021-03-31") == [
        "Getting the basics right in child protection",
        "Undated and active",
    ]
    assert names("2021-04-01", "2022-03-31") == ["Safeguarding adolescents", "Undated and active"]
    first = next(p for p in list_priorities(store) if p.id == basics)
    assert first.period == "from 01/04/2019 to 31/03/2021"
    with pytest.raises(ValidationError, match="before the start date") as raised:
        save_priority(store, {"name": "Backwards", "valid_from": "2022-04-01",
                              "valid_to": "2022-03-31"})  # fmt: skip
    assert raised.value.field == "valid_to"
