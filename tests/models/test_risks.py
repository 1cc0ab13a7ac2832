"""Risk registers: scores, closure, reviews and trend, heat-map counts, top and overdue risks."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.models import risks as R
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([], "level"), ([12], "level"), ([12, 12], "level"), ([8, 12], "up"), ([12, 9], "down"),
     ([4, 20, 20], "level"), ([20, 4, 6], "up")],
)  # fmt: skip
def test_trend_rule(scores: list[int], expected: str) -> None:
    assert R.trend(scores) == expected


@pytest.fixture
def cats(store: Store) -> dict[str, int]:
    return {
        "practice": R.save_category(store, {"name": "Practice", "appetite": "6"}),
        "finance": R.save_category(store, {"name": "Finance", "appetite": "12"}),
    }


def risk(store: Store, category: int, **values: object) -> int:
    base: dict[str, object] = {"register": "strategic", "title": "A risk", "category_id": category,
                               "inherent_likelihood": 4, "inherent_impact": 4,
                               "residual_likelihood": 2, "residual_impact": 3,
                               "raised_date": "2026-01-10"}  # fmt: skip
    base.update(values)
    return R.save_risk(store, base, on=TODAY)


def test_references_and_scores(store: Store, cats: dict[str, int]) -> None:
    a = risk(store, cats["practice"])
    b = risk(store, cats["practice"], register="operational")
    c = risk(store, cats["practice"], register="strategic")
    got = {r.id: r for r in R.list_risks(store, today=TODAY)}
    assert [got[i].reference for i in (a, b, c)] == ["SR-001", "OR-001", "SR-002"]
    assert (got[a].inherent_score, got[a].residual_score) == (16, 6)
    assert got[a].next_review == "2026-04-10"  # raised + 3 months
    assert not got[a].above_appetite  # 6 is not above an appetite of 6


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("inherent_likelihood", 6, "from 1 to 5, not 6"), ("residual_impact", 0, "from 1 to 5"),
     ("inherent_impact", "x", "whole number"), ("target_score", 26, "from 1 to 25"),
     ("review_months", 0, "from 1 to 12"), ("target_date", "2025-01-01", "before the date")],
)  # fmt: skip
def test_bad_scores_are_refused(
    store: Store, cats: dict[str, int], field: str, value: object, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        risk(store, cats["practice"], **{field: value})
    assert err.value.field == field
    assert store.count("risks") == 0


def test_closing_needs_a_note(store: Store, cats: dict[str, int]) -> None:
    a = risk(store, cats["practice"])
    with pytest.raises(ValidationError, match="closure note"):
        R.close_risk(store, a, "  ")
    with pytest.raises(ValidationError, match="closure note"):
        risk(store, cats["practice"], status="closed")
    assert R.get_risk(store, a).status == "open"
    R.close_risk(store, a, "Controls tested", on=TODAY)
    closed = R.get_risk(store, a)
    assert (closed.status, closed.closure_note, closed.closed_date) == (
        "closed", "Controls tested", "2026-11-22")  # fmt: skip
    with pytest.raises(ValidationError, match="reopen it"):
        R.record_review(store, a, {"likelihood": 1, "impact": 1, "note": "x"})


def test_reviews_update_scores_trend_and_next_review(store: Store, cats: dict[str, int]) -> None:
    a = risk(store, cats["practice"])
    R.record_review(store, a, {"review_date": "2026-04-01", "likelihood": 3, "impact": 3,
                               "note": "worse"})  # fmt: skip
    R.record_review(store, a, {"review_date": "2026-07-01", "likelihood": 2, "impact": 2,
                               "note": "better"})  # fmt: skip
    r = R.get_risk(store, a, TODAY)
    assert (r.residual_score, r.trend, r.review_count, r.last_review) == (
        4,
        "down",
        2,
        "2026-07-01",
    )
    assert r.next_review == "2026-10-01" and r.review_overdue
    assert R.score_history(store, a) == [("2026-04-01", 9), ("2026-07-01", 4)]
    # An older review filled in late does not overwrite the latest scores.
    R.record_review(store, a, {"review_date": "2026-02-01", "likelihood": 5, "impact": 5,
                               "note": "late entry"})  # fmt: skip
    assert R.get_risk(store, a, TODAY).residual_score == 4
    with pytest.raises(ValidationError, match="note"):
        R.record_review(store, a, {"likelihood": 2, "impact": 2, "note": ""})
    with pytest.raises(ValidationError, match="from 1 to 5"):
        R.record_review(store, a, {"likelihood": 9, "impact": 2, "note": "x"})
    with pytest.raises(ValidationError, match="before the risk was raised"):
        R.record_review(store, a, {"review_date": "2025-01-01", "likelihood": 2, "impact": 2,
                                   "note": "x"})  # fmt: skip
    assert store.count("risk_reviews") == 3
    assert [x.reference for x in R.overdue_for_review(store, today=TODAY)] == ["SR-001"]
    history = R.risk_history(store, a)
    assert any(e.table == "risk_reviews" and e.field == "note" for e in history)


def test_heat_map_counts_and_appetite(store: Store, cats: dict[str, int]) -> None:
    risk(store, cats["practice"], inherent_likelihood=5, inherent_impact=4,
         residual_likelihood=2, residual_impact=4)  # fmt: skip  # residual 8 > 6: above
    risk(store, cats["finance"], inherent_likelihood=5, inherent_impact=4,
         residual_likelihood=2, residual_impact=4)  # fmt: skip  # residual 8 <= 12
    risk(store, cats["finance"], register="operational", residual_likelihood=1,
         residual_impact=1)  # fmt: skip
    closed = risk(store, cats["practice"])
    R.close_risk(store, closed, "gone")
    residual = R.heat_map_counts(store, "strategic", "residual")
    assert residual.total == 2
    assert residual.counts[1][3] == 2 and residual.above[1][3] == 1
    inherent = R.heat_map_counts(store, None, "inherent")
    assert inherent.total == 3 and inherent.counts[4][3] == 2 and inherent.counts[3][3] == 1
    assert inherent.above[4][3] == 2  # 20 is above both appetites
    top = R.top_risks(store, 2)
    assert [r.residual_score for r in top] == [8, 8]


def test_subgroup_register_needs_its_body(store: Store, cats: dict[str, int]) -> None:
    from lscp_desktop.models.membership.bodies import save_body

    body = save_body(store, {"name": "Case Review", "code": "CRS", "kind": "subgroup",
                               "start_date": "2020-01-01"})  # fmt: skip
    with pytest.raises(ValidationError, match="subgroup"):
        risk(store, cats["practice"], register="subgroup")
    a = risk(store, cats["practice"], register="subgroup", body_id=body)
    assert R.get_risk(store, a).reference == "CRS-R001"
    assert [r.id for r in R.list_risks(store, body_id=body)] == [a]


def test_categories_in_use_cannot_be_deleted(store: Store, cats: dict[str, int]) -> None:
    risk(store, cats["practice"])
    with pytest.raises(ValidationError):
        R.delete_category(store, cats["practice"])
    with pytest.raises(ValidationError, match="from 1 to 25"):
        R.save_category(store, {"name": "New", "appetite": "30"})


def test_demo_registers(demo_store: Store) -> None:
    risks = R.list_risks(demo_store)
    assert {r.register for r in risks} == {"strategic", "operational", "subgroup"}
    assert demo_store.count("risk_reviews") > 100
    assert any(r.above_appetite for r in risks)
