"""Loading registers: the demo's three kinds of register."""

from __future__ import annotations

from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.store.database import Store


def test_demo_registers(demo_store: Store) -> None:
    risks = list_risks(demo_store)
    assert {r.register for r in risks} == {"strategic", "operational", "subgroup"}
    assert demo_store.count("risk_reviews") > 100
    assert any(r.above_appetite for r in risks)
