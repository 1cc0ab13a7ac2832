"""The demo's practice reviews, audits and stored clocks."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.reviews.audits import list_audits
from lscp_desktop.models.reviews.deadlines import deadlines
from lscp_desktop.models.reviews.milestones import ClockRules, milestones, next_clock
from lscp_desktop.models.reviews.register import list_delays, list_reviews
from lscp_desktop.models.store.database import Store

D = dt.date


def test_demo_has_cases_at_every_stage(demo_store: Store) -> None:
    kinds = {r.kind for r in list_reviews(demo_store, open_only=True)}
    assert {"serious incident notification", "rapid review", "local CSPR",
            "local learning review", "national review"} <= kinds  # fmt: skip
    assert demo_store.check() == []
    found = deadlines(demo_store, D(2026, 11, 22), 30)
    assert {d.area for d in found} >= {"Review"}
    assert any(d.rag == "red" for d in found) and any(d.rag == "amber" for d in found)
    for r in list_reviews(demo_store):  # every stored clock agrees with a fresh count
        label, due, statutory = next_clock(
            r, milestones(r, ClockRules.of(demo_store), list_delays(demo_store, r.id))
        )
        assert (r.next_milestone, r.next_due, r.next_statutory) == (label, due, statutory)
    audits = list_audits(demo_store)
    per_year: dict[str, int] = {}
    for a in audits:
        if a.kind == "multi-agency":
            fy = FinancialYear.containing(D.fromisoformat(a.planned_date)).label
            per_year[fy] = per_year.get(fy, 0) + 1
    assert set(per_year.values()) == {2}
    assert any(a.kind == "Section 11" for a in audits)
