"""Risk reviews: scores, trend, next review date, history."""

from __future__ import annotations

import pytest
from helpers.risk_register import TODAY, risk

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.risks.listing import get_risk, overdue_for_review
from lscp_desktop.models.risks.reviews import record_review, score_history
from lscp_desktop.models.risks.saving import risk_history
from lscp_desktop.models.store.database import Store


def test_reviews_update_scores_trend_and_next_review(store: Store, cats: dict[str, int]) -> None:
    a = risk(store, cats["practice"])
    record_review(store, a, {"review_date": "2026-04-01", "likelihood": 3, "impact": 3,
                             "note": "worse"})  # fmt: skip
    record_review(store, a, {"review_date": "2026-07-01", "likelihood": 2, "impact": 2,
                             "note": "better"})  # fmt: skip
    r = get_risk(store, a, TODAY)
    assert (r.residual_score, r.trend, r.review_count, r.last_review) == (
        4,
        "down",
        2,
        "2026-07-01",
    )
    assert r.next_review == "2026-10-01" and r.review_overdue
    assert score_history(store, a) == [("2026-04-01", 9), ("2026-07-01", 4)]
    # An older review filled in late does not overwrite the latest scores.
    record_review(store, a, {"review_date": "2026-02-01", "likelihood": 5, "impact": 5,
                             "note": "late entry"})  # fmt: skip
    assert get_risk(store, a, TODAY).residual_score == 4
    with pytest.raises(ValidationError, match="note"):
        record_review(store, a, {"likelihood": 2, "impact": 2, "note": ""})
    with pytest.raises(ValidationError, match="from 1 to 5"):
        record_review(store, a, {"likelihood": 9, "impact": 2, "note": "x"})
    with pytest.raises(ValidationError, match="before the risk was raised"):
        record_review(store, a, {"review_date": "2025-01-01", "likelihood": 2, "impact": 2,
                                 "note": "x"})  # fmt: skip
    assert store.count("risk_reviews") == 3
    assert [x.reference for x in overdue_for_review(store, today=TODAY)] == ["SR-001"]
    history = risk_history(store, a)
    assert any(e.table == "risk_reviews" and e.field == "note" for e in history)
