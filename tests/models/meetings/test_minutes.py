"""Minutes and decisions: the decisions register across bodies."""

from __future__ import annotations

from lscp_desktop.models.meetings.minutes import list_decisions
from lscp_desktop.models.store.database import Store


def test_decisions_register_is_searchable_across_bodies(demo_store: Store) -> None:
    everything = list_decisions(demo_store)
    assert len({d.body for d in everything}) >= 5
    assert everything[0].date >= everything[-1].date
    found = list_decisions(demo_store, search="commission AUDIT")
    assert found and all(
        "commission" in d.decision.lower() and "audit" in d.decision.lower() for d in found
    )
    assert len(found) < len(everything)
