"""Saving risks: references, scores, closure, the subgroup register, deleting a mistake."""

from __future__ import annotations

import pytest
from helpers.risk_register import TODAY, risk

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.risks.listing import get_risk, list_risks
from lscp_desktop.models.risks.reviews import record_review
from lscp_desktop.models.risks.saving import close_risk, delete_risk, risk_history
from lscp_desktop.models.store.database import Store


def test_references_and_scores(store: Store, cats: dict[str, int]) -> None:
    a = risk(store, cats["practice"])
    b = risk(store, cats["practice"], register="operational")
    c = risk(store, cats["practice"], register="strategic")
    got = {r.id: r for r in list_risks(store, today=TODAY)}
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
        close_risk(store, a, "  ")
    with pytest.raises(ValidationError, match="closure note"):
        risk(store, cats["practice"], status="closed")
    assert get_risk(store, a).status == "open"
    close_risk(store, a, "Controls tested", on=TODAY)
    closed = get_risk(store, a)
    assert (closed.status, closed.closure_note, closed.closed_date) == (
        "closed", "Controls tested", "2026-11-22")  # fmt: skip
    with pytest.raises(ValidationError, match="reopen it"):
        record_review(store, a, {"likelihood": 1, "impact": 1, "note": "x"})


def test_subgroup_register_needs_its_body(store: Store, cats: dict[str, int]) -> None:
    body = save_body(store, {"name": "Case Review", "code": "CRS", "kind": "subgroup",
                               "start_date": "2020-01-01"})  # fmt: skip
    with pytest.raises(ValidationError, match="subgroup"):
        risk(store, cats["practice"], register="subgroup")
    a = risk(store, cats["practice"], register="subgroup", body_id=body)
    assert get_risk(store, a).reference == "CRS-R001"
    assert [r.id for r in list_risks(store, body_id=body)] == [a]


def test_deleting_a_risk_entered_by_mistake(store: Store, cats: dict[str, int]) -> None:
    """Only a risk with no reviews and no linked actions can be deleted; others are closed."""
    mistake = risk(store, cats["practice"], title="Entered twice")
    reviewed = risk(store, cats["practice"])
    record_review(store, reviewed, {"review_date": "2026-04-01", "likelihood": 3, "impact": 3,
                                    "note": "checked"})  # fmt: skip
    with pytest.raises(ValidationError, match="1 review\\(s\\) and 0 linked action\\(s\\)") as err:
        delete_risk(store, reviewed)
    assert "Close it" in str(err.value)
    row = delete_risk(store, mistake)
    assert row["title"] == "Entered twice"
    assert [r.id for r in list_risks(store)] == [reviewed]
    assert any(e.action == "delete" for e in risk_history(store, mistake))
