"""Saving actions: references per body, the owner's organisation, dates, source links."""

from __future__ import annotations

import pytest
from helpers.action_log import TODAY, add

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def test_references_are_per_body_and_organisation_defaults_to_the_owners(
    store: Store, log: dict[str, int]
) -> None:
    a = add(store, log)
    b = add(store, log)
    c = add(store, log, body_id=log["sub"], owner_id=log["bob"])
    refs = {x.id: x for x in list_actions(store, today=TODAY)}
    assert [refs[a].reference, refs[b].reference, refs[c].reference] == [
        "EXEC-0001", "EXEC-0002", "CRS-0001"]  # fmt: skip
    assert refs[a].organisation == "Police" and refs[c].organisation == "ICB"


def test_due_before_raised_is_refused_and_nothing_saved(store: Store, log: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="before the date the action was raised") as err:
        add(store, log, due_date="2026-09-30")
    assert err.value.field == "due_date"
    assert store.count("actions") == 0


def test_source_links_only_to_its_own_kind(store: Store, log: dict[str, int]) -> None:
    a = add(store, log, source="audit", agenda_item_id=log["item"], source_note="Neglect audit")
    assert store.require("actions", a)["agenda_item_id"] is None
    with pytest.raises(ValidationError, match="Choose the risk"):
        add(store, log, source="risk")
