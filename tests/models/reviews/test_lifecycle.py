"""A case step by step from notification to publication, the reference-code rule, the identity
guard on every free-text field, and deleting a review."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import restore_record
from lscp_desktop.models.reviews.clocks import record_delay
from lscp_desktop.models.reviews.deadlines import deadlines
from lscp_desktop.models.reviews.lifecycle import (
    Step,
    delete_review,
    next_step,
    record_notification,
    record_step,
    save_review,
)
from lscp_desktop.models.reviews.recommendations import save_recommendation
from lscp_desktop.models.reviews.register import get_review, review_milestones
from lscp_desktop.models.store.database import Store

D = dt.date


def test_a_notification_through_the_rapid_review_to_a_practice_review(store: Store) -> None:
    rid = record_notification(
        store, reference="RR 2026-11", aware_date="18/12/2026", local_authority="Lambeth"
    )
    case = get_review(store, rid)
    assert case.kind == "serious incident notification"
    assert (case.next_milestone, case.next_due) == ("Notify the national Panel", "2026-12-29")
    assert next_step(case) == Step("notification", "Notify the national Panel")

    record_step(store, rid, "notification", "22/12/2026")
    case = get_review(store, rid)
    assert case.kind == "rapid review"
    # Telling the safeguarding partners runs on the same five working days as the Panel's.
    assert (case.next_milestone, case.next_due) == ("Tell the safeguarding partners", "2026-12-29")
    assert next_step(case) == Step("partners_told", "Tell the safeguarding partners")
    record_step(store, rid, "partners_told", "23/12/2026")
    case = get_review(store, rid)
    assert (case.next_milestone, case.next_due) == ("Rapid review to the Panel", "2027-01-15")

    record_step(store, rid, "rapid_review", "14/01/2027")
    step = next_step(get_review(store, rid))
    assert step is not None and step.key == "decision" and step.needs_decision
    with pytest.raises(ValidationError, match="Choose the decision"):
        record_step(store, rid, "decision", "14/01/2027", decision="maybe")
    record_step(store, rid, "decision", "14/01/2027", decision="local CSPR")
    case = get_review(store, rid)
    assert case.kind == "local CSPR" and case.decision == "local CSPR"
    assert case.next_milestone == "Reviewer commissioned"

    with pytest.raises(ValidationError, match="who has been commissioned"):
        record_step(store, rid, "commissioned", "01/02/2027", reviewer=" ")
    record_step(store, rid, "commissioned", "01/02/2027", reviewer="HT Associates")
    for key, day in (("draft", "10/05/2027"), ("final", "10/06/2027"),
                     ("sent_to_panel", "01/07/2027"), ("sent_to_sos", "01/07/2027")):  # fmt: skip
        record_step(store, rid, key, day)
    step = next_step(get_review(store, rid))
    assert step is not None and step.label == "Final report to Ofsted"
    record_step(store, rid, "sent_to_ofsted", "02/07/2027")
    record_step(store, rid, "publication", "14/07/2027")
    case = get_review(store, rid)
    assert not case.is_open and case.stage == "Published" and case.next_due is None
    assert next_step(case) is None
    statuses = {m.key: m.status(D(2027, 8, 1)) for m in review_milestones(store, rid)
                if m.applicable}  # fmt: skip
    # Ratification and the repository have no clock: they wait to be recorded.
    assert {k for k, s in statuses.items() if s.rag != "done"} == {"ratified", "repository"}
    assert statuses["ratified"].text == "No clock: record the date when it happens"


def test_no_further_review_closes_the_case(store: Store) -> None:
    rid = record_notification(
        store, reference="RR 2026-12", aware_date="2026-11-02", notified_date="2026-11-04"
    )
    assert get_review(store, rid).kind == "rapid review"
    record_step(store, rid, "rapid_review", "2026-11-20")
    record_step(store, rid, "decision", "2026-11-20", decision="no further review")
    case = get_review(store, rid)
    assert case.closed_date == "2026-11-20" and case.stage == "Closed"
    assert deadlines(store, D(2026, 11, 23), 365) == []


def test_a_step_out_of_order_is_refused_and_nothing_changes(store: Store) -> None:
    rid = record_notification(store, reference="RR 2026-13", aware_date="2026-11-10")
    with pytest.raises(ValidationError, match=r"before the date the local authority"):
        record_step(store, rid, "notification", "2026-11-09")
    case = get_review(store, rid)
    assert case.notified_date is None and case.kind == "serious incident notification"
    with pytest.raises(ValidationError, match="has no milestone"):
        record_step(store, rid, "publication", "2026-11-20")


@pytest.mark.parametrize(
    "reference", ["Jane Smith", "Child Arthur", "Baby Oliver Brown", "x", "SW1A 1AA"]
)
def test_a_review_is_identified_by_a_reference_code_only(store: Store, reference: str) -> None:
    with pytest.raises(ValidationError) as caught:
        record_notification(store, reference=reference, aware_date="2026-11-10")
    assert caught.value.field == "reference"
    assert store.count("reviews") == 0


@pytest.mark.parametrize(
    "reference", ["CSPR 2025-01", "Child R", "Children A and B", "RR 2026/03", "SCR Child K"]
)
def test_reference_codes_and_pseudonyms_are_accepted(store: Store, reference: str) -> None:
    rid = record_notification(store, reference=reference, aware_date="2026-11-10")
    assert get_review(store, rid).reference == reference


def test_the_schema_has_no_field_for_a_childs_identity(store: Store) -> None:
    forbidden = ("name", "birth", "dob", "address", "postcode", "nhs", "gender", "ethnicity")
    for table in ("reviews", "review_delays", "review_recommendations"):
        columns = [d[0] for d in store.conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
        assert columns
        assert not [c for c in columns if any(f in c.lower() for f in forbidden)]


def test_free_text_is_guarded_everywhere(store: Store) -> None:
    with pytest.raises(ValidationError, match="date of birth"):
        record_notification(
            store, reference="RR 2026-14", aware_date="2026-11-10", summary="Infant, DOB 01/03/2026"
        )
    rid = record_notification(store, reference="RR 2026-14", aware_date="2026-11-10")
    with pytest.raises(ValidationError, match="NHS number"):
        record_delay(store, rid, "notification", "Awaiting records for 943 476 5919")
    with pytest.raises(ValidationError, match="postcode"):
        save_recommendation(store, {"review_id": rid, "text": "Visit B33 8TH"})
    assert store.count("review_delays") == 0 and store.count("review_recommendations") == 0


def test_duplicate_reference_and_decision_without_date(store: Store) -> None:
    record_notification(store, reference="RR 2026-15", aware_date="2026-11-10")
    with pytest.raises(ValidationError, match="already a review"):
        record_notification(store, reference="rr 2026-15", aware_date="2026-11-11")
    with pytest.raises(ValidationError, match="decision and its date together"):
        save_review(store, {"reference": "CSPR 2026-09", "kind": "local CSPR",
                            "decision": "local CSPR"})  # fmt: skip


def test_deleting_a_review_with_recommendations_is_refused(store: Store) -> None:
    rid = record_notification(store, reference="RR 2026-18", aware_date="2026-11-10")
    record_delay(store, rid, "notification", "Awaiting police disclosure")
    row = delete_review(store, rid)
    assert store.count("reviews") == 0 and store.count("review_delays") == 0
    restore_record(store, "reviews", row)  # undo puts the delay back too
    assert store.count("review_delays") == 1 and get_review(store, rid).reference == "RR 2026-18"
    save_recommendation(store, {"review_id": rid, "text": "Share learning"})
    with pytest.raises(ValidationError, match="Close it instead"):
        delete_review(store, rid)
