"""A register as it stood on a past day, rebuilt from the reviews (the yearly report's 31 March)."""

from __future__ import annotations

import datetime as dt

from helpers.risk_register import risk

from lscp_desktop.models.risks.as_at import risks_as_at
from lscp_desktop.models.risks.reviews import record_review
from lscp_desktop.models.risks.saving import close_risk
from lscp_desktop.models.risks.summary import heat_map_counts, heat_map_of, top_of
from lscp_desktop.models.store.database import Store

MARCH = dt.date(2026, 3, 31)


def review(store: Store, risk_id: int, day: str, likelihood: int, impact: int) -> None:
    record_review(store, risk_id, {"review_date": day, "likelihood": likelihood,
                                   "impact": impact, "note": "Reviewed"})  # fmt: skip


def test_scores_trend_and_reviews_as_at_the_year_end(store: Store, cats: dict[str, int]) -> None:
    changed = risk(store, cats["practice"], title="Changed after the year end")
    review(store, changed, "2026-02-01", 2, 2)
    review(store, changed, "2026-03-15", 3, 3)
    review(store, changed, "2026-06-01", 5, 5)  # after 31 March: today's score is 25
    risk(store, cats["finance"], title="Never reviewed")
    later = risk(
        store, cats["finance"], title="Raised after the year end", raised_date="2026-05-01"
    )
    closed = risk(store, cats["practice"], title="Closed since")
    close_risk(store, closed, "Resolved", on=dt.date(2026, 9, 1))
    gone = risk(store, cats["practice"], title="Closed before", raised_date="2025-06-01")
    close_risk(store, gone, "Resolved", on=dt.date(2026, 1, 5))

    then = {r.title: r for r in risks_as_at(store, MARCH)}
    assert set(then) == {"Changed after the year end", "Never reviewed", "Closed since"}
    r = then["Changed after the year end"]
    assert (r.residual_score, r.trend, r.last_review, r.review_count) == (9, "up", "2026-03-15", 2)
    assert r.next_review == "2026-06-15" and not r.review_overdue
    assert then["Never reviewed"].residual_score == 6 and then["Never reviewed"].trend == "level"
    assert then["Closed since"].status == "open"  # live on 31 March
    assert later not in {x.id for x in then.values()}

    grid = heat_map_of(then.values(), "residual")
    assert grid.counts[2][2] == 1 and grid.counts[4][4] == 0  # 3 × 3 then, not 5 × 5
    assert heat_map_counts(store, "strategic", "residual").counts[4][4] == 1  # today
    assert top_of(then.values(), 1)[0].title == "Changed after the year end"
