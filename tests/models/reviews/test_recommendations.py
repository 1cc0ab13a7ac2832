"""Recommendations numbered per review, and raised as actions in the action log, linked both
ways."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.reviews.lifecycle import record_notification
from lscp_desktop.models.reviews.recommendations import (
    delete_recommendation,
    linked_actions,
    list_recommendations,
    raise_action,
    save_recommendation,
    source_of_action,
)
from lscp_desktop.models.reviews.register import get_review, list_reviews
from lscp_desktop.models.store.database import Store

D = dt.date


def test_recommendations_are_numbered_per_review(store: Store) -> None:
    a = record_notification(store, reference="RR 2026-19", aware_date="2026-11-10")
    b = record_notification(store, reference="RR 2026-20", aware_date="2026-11-10")
    for rid in (a, a, b):
        save_recommendation(store, {"review_id": rid, "text": "Refresh guidance"})
    assert [(r.reference, r.number) for r in list_recommendations(store)] == [
        ("RR 2026-19", 1), ("RR 2026-19", 2), ("RR 2026-20", 1)
    ]  # fmt: skip
    first = list_recommendations(store, a)[0]
    save_recommendation(store, {**vars(first), "status": "completed"}, first.id)
    assert get_review(store, a).recommendations_done == 1
    with pytest.raises(ValidationError, match="Choose a status"):
        save_recommendation(store, {**vars(first), "status": "done-ish"}, first.id)


def test_a_recommendation_becomes_an_action_linked_both_ways(demo_store: Store) -> None:
    from lscp_desktop.models.actions.listing import get_action
    from lscp_desktop.models.actions.status import set_status

    review = next(r for r in list_reviews(demo_store) if r.reference == "CSPR 2026-02")
    rec_id = save_recommendation(
        demo_store,
        {"review_id": review.id, "text": "Schools to be invited to every strategy discussion.",
         "owner_organisation_id": demo_store.scalar("SELECT min(id) FROM organisations"),
         "target_date": "2027-03-31"},
    )  # fmt: skip
    body = demo_store.scalar("SELECT id FROM bodies WHERE code = 'LIS'")
    action_id = raise_action(demo_store, rec_id, body_id=body, due_date=None, today=D(2026, 11, 23))
    action = get_action(demo_store, action_id, today=D(2026, 11, 23))
    assert action.source == "practice review"
    number = list_recommendations(demo_store, review.id)[-1].number
    assert action.source_label == f"CSPR 2026-02 recommendation {number}"
    assert action.due_date == "2027-03-31" and action.reference.startswith("LIS-")
    assert action.title == "Schools to be invited to every strategy discussion."
    # Both ways: the review lists the action, the action leads back to the review.
    linked = linked_actions(demo_store, review_id=review.id)
    assert [a.id for a in linked] == [action_id] and linked[0].recommendation_id == rec_id
    assert source_of_action(demo_store, action_id) == ("reviews", review.id)
    assert next(r for r in list_recommendations(demo_store, review.id)
                if r.id == rec_id).status == "in progress"  # fmt: skip
    # Progress on the action shows on the review.
    set_status(demo_store, action_id, "completed", note="Done in December",
                       on=D(2026, 12, 10))  # fmt: skip
    assert linked_actions(demo_store, recommendation_id=rec_id)[0].status == "completed"
    with pytest.raises(ValidationError, match="actions in the action log"):
        delete_recommendation(demo_store, rec_id)
    with pytest.raises(ValidationError, match="body"):
        raise_action(demo_store, rec_id, body_id=None, due_date="2027-01-01")


def test_demo_recommendations_in_progress_are_in_the_action_log(demo_store: Store) -> None:
    linked = linked_actions(demo_store)
    assert linked and all(a.recommendation_id for a in linked)
    assert all(source_of_action(demo_store, a.id) is not None for a in linked)
