"""Heat-map counts against appetite, and the top risks."""

from __future__ import annotations

from helpers.risk_register import risk

from lscp_desktop.models.risks.saving import close_risk
from lscp_desktop.models.risks.summary import heat_map_counts, top_risks
from lscp_desktop.models.store.database import Store


def test_heat_map_counts_and_appetite(store: Store, cats: dict[str, int]) -> None:
    risk(store, cats["practice"], inherent_likelihood=5, inherent_impact=4,
         residual_likelihood=2, residual_impact=4)  # fmt: skip  # residual 8 > 6: above
    risk(store, cats["finance"], inherent_likelihood=5, inherent_impact=4,
         residual_likelihood=2, residual_impact=4)  # fmt: skip  # residual 8 <= 12
    risk(store, cats["finance"], register="operational", residual_likelihood=1,
         residual_impact=1)  # fmt: skip
    closed = risk(store, cats["practice"])
    close_risk(store, closed, "gone")
    residual = heat_map_counts(store, "strategic", "residual")
    assert residual.total == 2
    assert residual.counts[1][3] == 2 and residual.above[1][3] == 1
    inherent = heat_map_counts(store, None, "inherent")
    assert inherent.total == 3 and inherent.counts[4][3] == 2 and inherent.counts[3][3] == 1
    assert inherent.above[4][3] == 2  # 20 is above both appetites
    top = top_risks(store, 2)
    assert [r.residual_score for r in top] == [8, 8]
