"""Practice reviews: every clock rule in working days, the steps of a case, delays, deadlines,
recommendations, audits, training and the yearly report's dispatch."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lscp_desktop.models import reviews as rv
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import restore_record
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.reviews import assurance as asr
from lscp_desktop.models.store.database import Store

D = dt.date


def review(**values: Any) -> rv.Review:
    base: dict[str, Any] = {"id": 1, "reference": "CSPR 2026-01", "kind": "local CSPR"}
    base.update({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()})
    return rv.Review(**base)


def clocks(**values: Any) -> dict[str, rv.Milestone]:
    return {m.key: m for m in rv.milestones(review(**values), rv.ClockRules())}


# --------------------------------------------------------------------------- clock rules


def test_notification_is_due_5_working_days_after_awareness_over_christmas() -> None:
    # Fri 18/12/2026: 21, 22, 23, 24 Dec, then Christmas (Fri) and the Boxing Day substitute
    # (Mon 28th) are skipped, so the fifth working day is Tue 29/12/2026.
    m = clocks(kind="serious incident notification", aware_date=D(2026, 12, 18))["notification"]
    assert m.due == D(2026, 12, 29)
    assert m.statutory


def test_notification_over_easter() -> None:
    # Wed 24/03/2027; Good Friday 26/03 and Easter Monday 29/03/2027 are not working days.
    m = clocks(kind="serious incident notification", aware_date=D(2027, 3, 24))["notification"]
    assert m.due == D(2027, 4, 2)


def test_notification_from_a_friday_skips_the_weekend() -> None:
    m = clocks(kind="serious incident notification", aware_date=D(2026, 6, 5))["notification"]
    assert m.due == D(2026, 6, 12)


def test_rapid_review_and_decision_are_due_15_working_days_after_notification() -> None:
    # Tue 22/12/2026 + 15 working days skips 25 and 28 December and New Year's Day.
    items = clocks(kind="rapid review", notified_date=D(2026, 12, 22))
    assert items["rapid_review"].due == D(2027, 1, 15)
    assert items["decision"].due == D(2027, 1, 15)
    assert items["rapid_review"].waiting_for == "the notification"


def test_milestones_after_the_decision() -> None:
    items = clocks(
        aware_date=D(2026, 12, 18),
        notified_date=D(2026, 12, 22),
        rapid_review_date=D(2027, 1, 15),
        decision="local CSPR",
        decision_date=D(2027, 1, 15),
    )
    # 20 working days (the default local target) after Fri 15/01/2027.
    assert items["commissioned"].due == D(2027, 2, 12)
    assert not items["commissioned"].statutory
    # Four months is Sat 15/05/2027: met on the working day before.
    assert items["draft"].due == D(2027, 5, 14)
    assert items["final"].due == D(2027, 6, 15)
    assert items["publication"].due == D(2027, 7, 15)
    # At least 7 working days before publication (Thu 15/07/2027).
    assert items["sent_to_panel"].due == D(2027, 7, 6)
    assert items["publication"].statutory and items["sent_to_panel"].statutory


def test_month_end_decision_and_configured_targets() -> None:
    rules = rv.ClockRules(commission_working_days=10, draft_months=3, final_months=4,
                          publication_months=6)  # fmt: skip
    items = {
        m.key: m
        for m in rv.milestones(review(decision="local CSPR", decision_date=D(2026, 8, 31)), rules)
    }
    assert items["draft"].due == D(2026, 11, 30)
    assert items["final"].due == D(2026, 12, 31)
    # 28/02/2027 is a Sunday: publication is due by Fri 26/02/2027.
    assert items["publication"].due == D(2027, 2, 26)
    assert items["commissioned"].due == D(2026, 9, 14)


def test_report_to_the_panel_counts_back_from_the_planned_or_actual_publication() -> None:
    planned = clocks(
        decision="local CSPR",
        decision_date=D(2027, 1, 15),
        planned_publication_date=D(2027, 6, 1),
    )
    # Tue 01/06/2027 less 7 working days, skipping the spring bank holiday (Mon 31/05/2027).
    assert planned["sent_to_panel"].due == D(2027, 5, 20)
    sent_late = clocks(
        decision="local CSPR",
        decision_date=D(2027, 1, 15),
        sent_to_panel_date=D(2027, 6, 28),
        published_date=D(2027, 7, 1),
    )["sent_to_panel"]
    assert sent_late.due == D(2027, 6, 22)
    assert sent_late.status(D(2027, 7, 2)) == rv.MilestoneStatus("Done 4 working days late", "late")


def test_which_milestones_apply_to_each_kind() -> None:
    def applicable(**values: Any) -> set[str]:
        return {k for k, m in clocks(**values).items() if m.applicable}

    pre = {"notification", "rapid_review", "decision"}
    after = {"commissioned", "draft", "final", "sent_to_panel", "publication"}
    assert applicable(kind="serious incident notification") == pre
    assert applicable(kind="rapid review") == pre
    assert applicable(kind="national review") == pre
    assert applicable(kind="local CSPR", aware_date=D(2026, 1, 5)) == pre | after
    assert applicable(kind="legacy SCR") == after
    assert applicable(kind="local learning review") == {"commissioned", "draft", "final"}


def test_status_in_words_and_colour() -> None:
    m = clocks(kind="serious incident notification", aware_date=D(2026, 12, 18))["notification"]
    due = m.due
    assert due == D(2026, 12, 29)
    assert m.status(D(2026, 12, 18)) == rv.MilestoneStatus("Due in 5 working days", "amber", 5)
    assert m.status(D(2026, 12, 29)) == rv.MilestoneStatus("Due today", "amber", 0)
    assert m.status(D(2026, 12, 31)) == rv.MilestoneStatus("Overdue by 2 working days", "red", -2)
    far = clocks(decision="local CSPR", decision_date=D(2027, 1, 15))["publication"]
    assert far.status(D(2027, 1, 15)).rag == "green"
    waiting = clocks(kind="rapid review")["rapid_review"]
    assert waiting.status(D(2027, 1, 1)) == rv.MilestoneStatus(
        "Waiting for the notification", "waiting"
    )
    done = clocks(kind="rapid review", aware_date=D(2026, 12, 18), notified_date=D(2026, 12, 24))[
        "notification"
    ]
    assert done.status(D(2027, 3, 1)) == rv.MilestoneStatus("Done", "done")
    late = clocks(kind="rapid review", aware_date=D(2026, 12, 18), notified_date=D(2027, 1, 4))[
        "notification"
    ]
    # Due Tue 29/12; done Mon 04/01/2027: 30, 31 Dec and 4 Jan (1 Jan is a bank holiday).
    assert late.status(D(2027, 3, 1)) == rv.MilestoneStatus("Done 3 working days late", "late")


# --------------------------------------------------------------------------- a case, step by step


def test_a_notification_through_the_rapid_review_to_a_practice_review(store: Store) -> None:
    rid = rv.record_notification(
        store, reference="RR 2026-11", aware_date="18/12/2026", local_authority="Lambeth"
    )
    case = rv.get_review(store, rid)
    assert case.kind == "serious incident notification"
    assert (case.next_milestone, case.next_due) == ("Notify the national Panel", "2026-12-29")
    assert rv.next_step(case) == rv.Step("notification", "Notify the national Panel")

    rv.record_step(store, rid, "notification", "22/12/2026")
    case = rv.get_review(store, rid)
    assert case.kind == "rapid review"
    assert (case.next_milestone, case.next_due) == ("Rapid review to the Panel", "2027-01-15")

    rv.record_step(store, rid, "rapid_review", "14/01/2027")
    step = rv.next_step(rv.get_review(store, rid))
    assert step is not None and step.key == "decision" and step.needs_decision
    with pytest.raises(ValidationError, match="Choose the decision"):
        rv.record_step(store, rid, "decision", "14/01/2027", decision="maybe")
    rv.record_step(store, rid, "decision", "14/01/2027", decision="local CSPR")
    case = rv.get_review(store, rid)
    assert case.kind == "local CSPR" and case.decision == "local CSPR"
    assert case.next_milestone == "Reviewer commissioned"

    with pytest.raises(ValidationError, match="who has been commissioned"):
        rv.record_step(store, rid, "commissioned", "01/02/2027", reviewer=" ")
    rv.record_step(store, rid, "commissioned", "01/02/2027", reviewer="HT Associates")
    for key, day in (("draft", "10/05/2027"), ("final", "10/06/2027"),
                     ("sent_to_panel", "01/07/2027")):  # fmt: skip
        rv.record_step(store, rid, key, day)
    rv.record_step(store, rid, "publication", "14/07/2027")
    case = rv.get_review(store, rid)
    assert not case.is_open and case.stage == "Published" and case.next_due is None
    assert rv.next_step(case) is None
    assert all(m.status(D(2027, 8, 1)).rag == "done" for m in rv.review_milestones(store, rid)
               if m.applicable)  # fmt: skip


def test_no_further_review_closes_the_case(store: Store) -> None:
    rid = rv.record_notification(
        store, reference="RR 2026-12", aware_date="2026-11-02", notified_date="2026-11-04"
    )
    assert rv.get_review(store, rid).kind == "rapid review"
    rv.record_step(store, rid, "rapid_review", "2026-11-20")
    rv.record_step(store, rid, "decision", "2026-11-20", decision="no further review")
    case = rv.get_review(store, rid)
    assert case.closed_date == "2026-11-20" and case.stage == "Closed"
    assert rv.deadlines(store, D(2026, 11, 23), 365) == []


def test_a_step_out_of_order_is_refused_and_nothing_changes(store: Store) -> None:
    rid = rv.record_notification(store, reference="RR 2026-13", aware_date="2026-11-10")
    with pytest.raises(ValidationError, match=r"before the date the local authority"):
        rv.record_step(store, rid, "notification", "2026-11-09")
    case = rv.get_review(store, rid)
    assert case.notified_date is None and case.kind == "serious incident notification"
    with pytest.raises(ValidationError, match="has no milestone"):
        rv.record_step(store, rid, "publication", "2026-11-20")


@pytest.mark.parametrize(
    "reference", ["Jane Smith", "Child Arthur", "Baby Oliver Brown", "x", "SW1A 1AA"]
)
def test_a_review_is_identified_by_a_reference_code_only(store: Store, reference: str) -> None:
    with pytest.raises(ValidationError) as caught:
        rv.record_notification(store, reference=reference, aware_date="2026-11-10")
    assert caught.value.field == "reference"
    assert store.count("reviews") == 0


@pytest.mark.parametrize(
    "reference", ["CSPR 2025-01", "Child R", "Children A and B", "RR 2026/03", "SCR Child K"]
)
def test_reference_codes_and_pseudonyms_are_accepted(store: Store, reference: str) -> None:
    rid = rv.record_notification(store, reference=reference, aware_date="2026-11-10")
    assert rv.get_review(store, rid).reference == reference


def test_the_schema_has_no_field_for_a_childs_identity(store: Store) -> None:
    forbidden = ("name", "birth", "dob", "address", "postcode", "nhs", "gender", "ethnicity")
    for table in ("reviews", "review_delays", "review_recommendations"):
        columns = [r["name"] for r in store.query(f"SELECT name FROM pragma_table_info('{table}')")]
        assert columns
        assert not [c for c in columns if any(f in c.lower() for f in forbidden)]


def test_free_text_is_guarded_everywhere(store: Store) -> None:
    with pytest.raises(ValidationError, match="date of birth"):
        rv.record_notification(
            store, reference="RR 2026-14", aware_date="2026-11-10", summary="Infant, DOB 01/03/2026"
        )
    rid = rv.record_notification(store, reference="RR 2026-14", aware_date="2026-11-10")
    with pytest.raises(ValidationError, match="NHS number"):
        rv.record_delay(store, rid, "notification", "Awaiting records for 943 476 5919")
    with pytest.raises(ValidationError, match="postcode"):
        rv.save_recommendation(store, {"review_id": rid, "text": "Visit B33 8TH"})
    assert store.count("review_delays") == 0 and store.count("review_recommendations") == 0


def test_duplicate_reference_and_decision_without_date(store: Store) -> None:
    rv.record_notification(store, reference="RR 2026-15", aware_date="2026-11-10")
    with pytest.raises(ValidationError, match="already a review"):
        rv.record_notification(store, reference="rr 2026-15", aware_date="2026-11-11")
    with pytest.raises(ValidationError, match="decision and its date together"):
        rv.save_review(store, {"reference": "CSPR 2026-09", "kind": "local CSPR",
                               "decision": "local CSPR"})  # fmt: skip


# --------------------------------------------------------------------------- delays


def test_a_delay_moves_the_clock_and_says_why(store: Store) -> None:
    rid = rv.save_review(
        store,
        {"reference": "CSPR 2026-03", "kind": "local CSPR", "decision": "local CSPR",
         "decision_date": "2027-01-15", "commissioned_date": "2027-02-01",
         "draft_date": "2027-05-10", "final_date": "2027-06-10"},
    )  # fmt: skip
    assert rv.get_review(store, rid).next_due == "2027-07-06"  # report to the Panel
    with pytest.raises(ValidationError, match="must be after"):
        rv.record_delay(store, rid, "publication", "Trial", "2027-07-01")
    with pytest.raises(ValidationError, match="already done"):
        rv.record_delay(store, rid, "draft", "Late", "2027-08-01")
    rv.record_delay(store, rid, "publication", "Criminal trial listed", "2027-10-01")
    items = {m.key: m for m in rv.review_milestones(store, rid)}
    assert items["publication"].effective_due == D(2027, 10, 1)
    assert items["publication"].due == D(2027, 7, 15)
    assert items["publication"].status(D(2027, 9, 1)) == rv.MilestoneStatus(
        "Delayed: due in 22 working days", "amber", 22
    )
    assert items["publication"].delay_reason == "Criminal trial listed"
    # The report to the Panel counts back from the revised publication date.
    assert items["sent_to_panel"].due == D(2027, 9, 22)
    assert rv.get_review(store, rid).next_due == "2027-09-22"


# --------------------------------------------------------------------------- deadlines


def test_deadlines_across_reviews_audits_and_the_yearly_report(store: Store) -> None:
    today = D(2026, 11, 23)
    soon = rv.record_notification(store, reference="RR 2026-16", aware_date="2026-11-20")
    rv.record_notification(store, reference="RR 2026-17", aware_date="2026-11-02",
                           notified_date="2026-11-04")  # fmt: skip
    rv.save_review(store, {"reference": "CSPR 2026-04", "kind": "local CSPR",
                           "decision": "local CSPR", "decision_date": "2026-11-01",
                           "commissioned_date": "2026-11-10"})  # fmt: skip
    org = save_organisation(store, {"name": "Police", "kind": "statutory partner",
                                    "sector": "police"})  # fmt: skip
    asr.save_audit(store, {"title": "Neglect", "kind": "Section 11", "planned_date": "2026-12-01",
                          "agency_ids": [org]})  # fmt: skip
    asr.save_yearly_report(store, {"year": "2025/26", "published_date": "2026-11-18",
                                  "panel_sent_date": "2026-11-19"})  # fmt: skip
    found = rv.deadlines(store, today, 30)
    what = [d.what for d in found]
    assert what == [
        "RR 2026-17: Rapid review to the Panel",  # decision folded into it: one entry
        "Yearly report 2025/26: send to 7 boards",
        "Yearly report 2025/26: send to the What Works body",
        "RR 2026-16: Notify the national Panel",
        "Section 11 audit: Neglect",
    ]
    assert found[0].rag == "amber" and found[0].days_left == 2 and found[0].statutory
    assert found[2].due == "2026-11-25" and found[2].statutory
    assert found[1].statutory is False
    assert found[3].record_id == soon and found[3].page == "reviews"
    assert found[4].page == "reviews:audits"
    # A wider window brings in the draft report; a past date shows what is overdue.
    assert "CSPR 2026-04: Draft report" in [d.what for d in rv.deadlines(store, today, 120)]
    late = rv.deadlines(store, D(2026, 12, 10), 0)
    assert {d.rag for d in late} == {"red"}


def test_changing_a_target_recomputes_every_clock(store: Store) -> None:
    rid = rv.save_review(store, {"reference": "LLR 2026-02", "kind": "local learning review",
                                 "decision": "local learning review",
                                 "decision_date": "2026-11-02",
                                 "commissioned_date": "2026-11-05"})  # fmt: skip
    assert rv.get_review(store, rid).next_due == "2027-03-02"
    settings.set_value(store, "review_draft_months", 2)
    # Two months is Sat 02/01/2027 and Fri 01/01 is a bank holiday: Thu 31/12/2026.
    assert rv.get_review(store, rid).next_due == "2026-12-31"
    assert rv.review_milestones(store, rid)[4].due == D(2026, 12, 31)


def test_deleting_a_review_with_recommendations_is_refused(store: Store) -> None:
    rid = rv.record_notification(store, reference="RR 2026-18", aware_date="2026-11-10")
    rv.record_delay(store, rid, "notification", "Awaiting police disclosure")
    row = rv.delete_review(store, rid)
    assert store.count("reviews") == 0 and store.count("review_delays") == 0
    restore_record(store, "reviews", row)  # undo puts the delay back too
    assert store.count("review_delays") == 1 and rv.get_review(store, rid).reference == "RR 2026-18"
    rv.save_recommendation(store, {"review_id": rid, "text": "Share learning"})
    with pytest.raises(ValidationError, match="Close it instead"):
        rv.delete_review(store, rid)


def test_recommendations_are_numbered_per_review(store: Store) -> None:
    a = rv.record_notification(store, reference="RR 2026-19", aware_date="2026-11-10")
    b = rv.record_notification(store, reference="RR 2026-20", aware_date="2026-11-10")
    for rid in (a, a, b):
        rv.save_recommendation(store, {"review_id": rid, "text": "Refresh guidance"})
    assert [(r.reference, r.number) for r in rv.list_recommendations(store)] == [
        ("RR 2026-19", 1), ("RR 2026-19", 2), ("RR 2026-20", 1)
    ]  # fmt: skip
    first = rv.list_recommendations(store, a)[0]
    rv.save_recommendation(store, {**vars(first), "status": "completed"}, first.id)
    assert rv.get_review(store, a).recommendations_done == 1
    with pytest.raises(ValidationError, match="Choose a status"):
        rv.save_recommendation(store, {**vars(first), "status": "done-ish"}, first.id)


def test_demo_has_cases_at_every_stage(demo_store: Store) -> None:
    kinds = {r.kind for r in rv.list_reviews(demo_store, open_only=True)}
    assert {"serious incident notification", "rapid review", "local CSPR",
            "local learning review", "national review"} <= kinds  # fmt: skip
    assert demo_store.check() == []
    found = rv.deadlines(demo_store, D(2026, 11, 22), 30)
    assert {d.area for d in found} >= {"Review"}
    assert any(d.rag == "red" for d in found) and any(d.rag == "amber" for d in found)
    for r in rv.list_reviews(demo_store):  # every stored clock agrees with a fresh count
        label, due, statutory = rv.next_clock(
            r, rv.milestones(r, rv.ClockRules.of(demo_store), rv.list_delays(demo_store, r.id))
        )
        assert (r.next_milestone, r.next_due, r.next_statutory) == (label, due, statutory)
    audits = asr.list_audits(demo_store)
    per_year: dict[str, int] = {}
    for a in audits:
        if a.kind == "multi-agency":
            fy = FinancialYear.containing(D.fromisoformat(a.planned_date)).label
            per_year[fy] = per_year.get(fy, 0) + 1
    assert set(per_year.values()) == {2}
    assert any(a.kind == "Section 11" for a in audits)


# --------------------------------------------------------------------------- links to actions


def test_a_recommendation_becomes_an_action_linked_both_ways(demo_store: Store) -> None:
    from lscp_desktop.models import actions

    review = next(r for r in rv.list_reviews(demo_store) if r.reference == "CSPR 2026-02")
    rec_id = rv.save_recommendation(
        demo_store,
        {"review_id": review.id, "text": "Schools to be invited to every strategy discussion.",
         "owner_organisation_id": demo_store.scalar("SELECT min(id) FROM organisations"),
         "target_date": "2027-03-31"},
    )  # fmt: skip
    body = demo_store.scalar("SELECT id FROM bodies WHERE code = 'LIS'")
    action_id = rv.raise_action(
        demo_store, rec_id, body_id=body, due_date=None, today=D(2026, 11, 23)
    )
    action = actions.get_action(demo_store, action_id, today=D(2026, 11, 23))
    assert action.source == "practice review"
    number = rv.list_recommendations(demo_store, review.id)[-1].number
    assert action.source_label == f"CSPR 2026-02 recommendation {number}"
    assert action.due_date == "2027-03-31" and action.reference.startswith("LIS-")
    assert action.title == "Schools to be invited to every strategy discussion."
    # Both ways: the review lists the action, the action leads back to the review.
    linked = rv.linked_actions(demo_store, review_id=review.id)
    assert [a.id for a in linked] == [action_id] and linked[0].recommendation_id == rec_id
    assert rv.source_of_action(demo_store, action_id) == ("reviews", review.id)
    assert next(r for r in rv.list_recommendations(demo_store, review.id)
                if r.id == rec_id).status == "in progress"  # fmt: skip
    # Progress on the action shows on the review.
    actions.set_status(demo_store, action_id, "completed", note="Done in December",
                       on=D(2026, 12, 10))  # fmt: skip
    assert rv.linked_actions(demo_store, recommendation_id=rec_id)[0].status == "completed"
    with pytest.raises(ValidationError, match="actions in the action log"):
        rv.delete_recommendation(demo_store, rec_id)
    with pytest.raises(ValidationError, match="body"):
        rv.raise_action(demo_store, rec_id, body_id=None, due_date="2027-01-01")


def test_demo_recommendations_in_progress_are_in_the_action_log(demo_store: Store) -> None:
    linked = rv.linked_actions(demo_store)
    assert linked and all(a.recommendation_id for a in linked)
    assert all(rv.source_of_action(demo_store, a.id) is not None for a in linked)
