"""The clocks Working Together and the seeds add around a review, with worked dates: the
safeguarding partners told, a looked-after child's death notified, the final report's copies to
the Panel, the Secretary of State and Ofsted, a legacy serious case review clocked from its
initiation (seed 000, paragraph 78), a national review with the partnership's response, and the
dates recorded without a clock (ratification, the national repository)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.membership import body as add_body

from lscp_desktop.models.core.clocks import Unit
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.reviews.deadlines import deadlines
from lscp_desktop.models.reviews.lifecycle import next_step, record_step, save_review
from lscp_desktop.models.reviews.milestones import Milestone
from lscp_desktop.models.reviews.recipients import (
    delete_dispatch_recipient,
    list_dispatch_recipients,
    save_dispatch_recipient,
    set_dispatch_recipient_active,
)
from lscp_desktop.models.reviews.recommendations import raise_action, save_recommendation
from lscp_desktop.models.reviews.register import get_review, review_milestones
from lscp_desktop.models.store.database import Store

D = dt.date


def clocks(store: Store, rid: int) -> dict[str, Milestone]:
    return {m.key: m for m in review_milestones(store, rid) if m.applicable}


def test_safeguarding_partners_are_told_within_5_working_days_of_awareness(store: Store) -> None:
    # Thu 28/05/2026 + 5 working days: Fri 29, Mon 1 … Thu 04/06/2026 (no bank holiday).
    rid = save_review(store, {"reference": "RR 2026-30", "kind": "serious incident notification",
                              "aware_date": "28/05/2026"})  # fmt: skip
    items = clocks(store, rid)
    told = items["partners_told"]
    assert told.due == D(2026, 6, 4) == items["notification"].due
    assert told.statutory and told.unit is Unit.WORKING_DAYS
    assert told.status(D(2026, 6, 1)).text == "Due in 3 working days"
    # Over the late May bank holiday (Mon 25/05/2026): Fri 22/05 + 5 is Mon 01/06/2026.
    other = save_review(
        store,
        {
            "reference": "RR 2026-31",
            "kind": "rapid review",
            "aware_date": "22/05/2026",
            "partners_told_date": "03/06/2026",
        },
    )
    late = clocks(store, other)["partners_told"]
    assert late.due == D(2026, 6, 1)
    assert late.status(D(2026, 6, 5)).text == "Done 2 working days late"


def test_a_looked_after_childs_death_has_its_own_notice_clock(store: Store) -> None:
    rid = save_review(store, {"reference": "RR 2026-32", "kind": "serious incident notification",
                              "aware_date": "2026-06-08", "looked_after": True})  # fmt: skip
    notice = clocks(store, rid)["lac_notice"]
    assert notice.label == "Tell the Secretary of State and Ofsted (looked-after child)"
    assert notice.due == D(2026, 6, 15)
    found = {d.what for d in deadlines(store, D(2026, 6, 9), 30)}
    assert "RR 2026-32: Tell the Secretary of State and Ofsted (looked-after child)" in found
    with pytest.raises(ValidationError, match="before the date the local authority"):
        save_review(store, {"reference": "RR 2026-32", "kind": "rapid review",
                            "aware_date": "2026-06-08", "lac_notice_date": "2026-06-01"},
                    rid)  # fmt: skip


def test_the_ofsted_copy_is_due_with_the_panel_copy(store: Store) -> None:
    rid = save_review(store, {"reference": "CSPR 2026-05", "kind": "local CSPR",
                              "decision": "local CSPR", "decision_date": "2026-03-02",
                              "planned_publication_date": "2026-09-01"})  # fmt: skip
    items = clocks(store, rid)
    # Tue 01/09/2026 less 7 working days, skipping the summer bank holiday (Mon 31/08/2026).
    expected = D(2026, 8, 20)
    for key in ("sent_to_panel", "sent_to_sos", "sent_to_ofsted"):
        assert items[key].due == expected, key
        assert items[key].statutory
    assert items["sent_to_ofsted"].rule == "Ofsted: at least 7 working days before publication"
    late = save_review(store, {"reference": "CSPR 2026-06", "kind": "local CSPR",
                               "decision": "local CSPR", "decision_date": "2026-03-02",
                               "sent_to_panel_date": "2026-08-19",
                               "ofsted_sent_date": "2026-08-26",
                               "published_date": "2026-09-01"})  # fmt: skip
    ofsted = clocks(store, late)["sent_to_ofsted"]
    assert ofsted.status(D(2026, 9, 2)).text == "Done 4 working days late"
    with pytest.raises(ValidationError, match="Ofsted"):
        save_review(
            store,
            {
                "reference": "CSPR 2026-07",
                "kind": "local CSPR",
                "ofsted_sent_date": "2026-09-03",
                "published_date": "2026-09-01",
            },
        )


def test_seed_000s_legacy_serious_case_review_runs_from_its_initiation(store: Store) -> None:
    """Initiated 15/04/2019: publish within six months (15/10/2019), at most twelve
    (15/04/2020), and by 29/09/2020 whatever happens (seed 000, paragraph 78)."""
    rid = save_review(store, {"reference": "SCR Child K", "kind": "legacy SCR",
                              "initiated_date": "15/04/2019"})  # fmt: skip
    case = get_review(store, rid)
    items = clocks(store, rid)
    assert items["publication"].due == D(2019, 10, 15)
    assert items["publication_maximum"].due == D(2020, 4, 15)
    assert items["publication_last_date"].due == D(2020, 9, 29)
    assert all(items[k].statutory for k in ("publication", "publication_maximum",
                                            "publication_last_date"))  # fmt: skip
    assert "decision" not in items  # no fake decision is needed to start the clock
    assert (case.next_milestone, case.next_due) == ("Reviewer commissioned", "2019-05-16")
    found = {d.what: d for d in deadlines(store, D(2019, 10, 1), 30)}
    publication = found["SCR Child K: Publication"]
    assert publication.due == "2019-10-15" and publication.status == "Due in 14 days"
    assert publication.unit is Unit.MONTHS  # said in days under a month
    late = {d.what: d for d in deadlines(store, D(2020, 9, 1), 30)}
    assert late["SCR Child K: Publication: last date for a serious case review"].status == (
        "Due in 28 days"
    )
    assert late["SCR Child K: Publication: exceptional maximum"].rag == "red"
    record_step(store, rid, "publication", "20/03/2020")
    case = get_review(store, rid)
    assert not case.is_open
    done = {m.key: m.status(D(2020, 4, 1)) for m in review_milestones(store, rid) if m.applicable}
    assert done["publication"].text == "Done 5 months late"
    assert done["publication_maximum"].text == "Done"
    with pytest.raises(ValidationError, match="Only a legacy serious case review"):
        save_review(store, {"reference": "CSPR 2019-01", "kind": "local CSPR",
                            "initiated_date": "2019-04-15"})  # fmt: skip


def test_a_national_review_never_waits_for_the_local_authority(store: Store) -> None:
    rid = save_review(
        store,
        {
            "reference": "NR 2022-01",
            "kind": "national review",
            "summary": "Child Protection in England (national review)",
        },
    )
    case = get_review(store, rid)
    assert case.stage == "The partnership's response"
    items = clocks(store, rid)
    assert set(items) == {"panel_published", "response"}
    texts = {m.status(D(2022, 6, 1)).text for m in items.values()}
    assert not any("became aware" in t for t in texts)
    assert next_step(case) is not None and next_step(case).key == "panel_published"
    record_step(store, rid, "panel_published", "26/05/2022")
    case = get_review(store, rid)
    # The partnership's response is due three months after the Panel published (local target).
    assert (case.next_milestone, case.next_due) == ("The partnership's response", "2022-08-26")
    assert next_step(case).needs_response
    with pytest.raises(ValidationError, match="Say what the partnership's response was"):
        record_step(store, rid, "response", "2022-07-14", response=" ")
    record_step(
        store,
        rid,
        "response",
        "2022-07-14",
        response="Executive agreed a multi-agency audit of single assessments.",
    )
    assert get_review(store, rid).response.startswith("Executive agreed")
    # It carries the partnership's recommendations and actions like a local review.
    body = add_body(store, "Executive", "EXEC")
    rec = save_recommendation(store, {"review_id": rid, "text": "Audit single assessments."})
    action = raise_action(store, rec, body_id=body, due_date="2022-12-01", today=D(2022, 7, 14))
    assert store.get("actions", action)["source"] == "practice review"
    # A local case the Panel took on keeps its pre-decision clocks and then the same steps.
    local = save_review(store, {"reference": "RR 2022-04", "kind": "national review",
                                "aware_date": "2022-03-01", "notified_date": "2022-03-03",
                                "partners_told_date": "2022-03-03",
                                "rapid_review_date": "2022-03-24",
                                "decision": "national review by the Panel",
                                "decision_date": "2022-03-24"})  # fmt: skip
    assert get_review(store, local).next_milestone == "The partnership's response"


def test_ratification_and_the_national_repository_are_dated_without_a_clock(store: Store) -> None:
    rid = save_review(store, {"reference": "CSPR 2025-02", "kind": "local CSPR",
                              "decision": "local CSPR", "decision_date": "2025-05-01",
                              "ratified_date": "2025-05-20", "published_date": "2025-10-20",
                              "repository_date": "2025-10-27"})  # fmt: skip
    items = clocks(store, rid)
    assert items["ratified"].done == D(2025, 5, 20)
    assert items["repository"].done == D(2025, 10, 27)
    assert items["repository"].due is None and not items["repository"].statutory
    with pytest.raises(ValidationError, match="ratified"):
        save_review(store, {"reference": "CSPR 2025-02", "kind": "local CSPR",
                            "decision": "local CSPR", "decision_date": "2025-05-01",
                            "ratified_date": "2025-04-20"}, rid)  # fmt: skip
    with pytest.raises(ValidationError, match="repository"):
        save_review(store, {"reference": "CSPR 2025-02", "kind": "local CSPR",
                            "published_date": "2025-10-20", "repository_date": "2025-10-01"},
                    rid)  # fmt: skip


def test_new_text_fields_refuse_a_childs_identity(store: Store) -> None:
    with pytest.raises(ValidationError, match="child's identity"):
        save_review(store, {"reference": "NR 2024-01", "kind": "national review",
                            "response": "Discussed the boy born 01/03/2015 at length",
                            "response_date": "2024-05-01"})  # fmt: skip


def test_recipients_are_data_with_working_together_defaults(store: Store) -> None:
    rows = {(r.document, r.role): r for r in list_dispatch_recipients(store)}
    assert rows[("review report", "ofsted")].name == "Ofsted"
    foundations = rows[("yearly report", "what works")]
    assert foundations.name == "Foundations (What Works Centre for Children and Families)"
    assert foundations.rule == "within 7 days after publication"
    assert "Working Together to Safeguard Children 2023" in foundations.basis
    # Renamed by the user: the clocks and deadlines use the new name; the rule stays.
    save_dispatch_recipient(store, {"name": "Foundations", "days": 30}, foundations.id)
    renamed = next(r for r in list_dispatch_recipients(store) if r.id == foundations.id)
    assert (renamed.name, renamed.days) == ("Foundations", 7)
    with pytest.raises(ValidationError, match="cannot be removed"):
        delete_dispatch_recipient(store, foundations.id)
    with pytest.raises(ValidationError, match="stays on the list"):
        set_dispatch_recipient_active(store, foundations.id, False)
    with pytest.raises(ValidationError, match="statutory recipients only"):
        save_dispatch_recipient(store, {"document": "review report", "name": "Lead Member"})
    own = save_dispatch_recipient(store, {"name": "Overview and Scrutiny Committee", "days": 28})
    assert delete_dispatch_recipient(store, own)["name"] == "Overview and Scrutiny Committee"
    with pytest.raises(ValidationError, match="child's identity"):
        save_dispatch_recipient(store, {"name": "Carer at SE11 5QY"})


def test_the_register_counts_each_clock_in_its_own_unit(store: Store) -> None:
    from lscp_desktop.models.reviews.register import review_register

    save_review(store, {"reference": "LLR 2026-03", "kind": "local learning review",
                        "decision": "local learning review", "decision_date": "2026-03-02",
                        "commissioned_date": "2026-03-10"})  # fmt: skip
    save_review(store, {"reference": "RR 2026-33", "kind": "serious incident notification",
                        "aware_date": "2026-06-01"})  # fmt: skip
    lines = {line.review.reference: line for line in review_register(store, D(2026, 6, 2))}
    # The draft report is a rule in months: said in months, as on the review's timeline.
    assert lines["LLR 2026-03"].review.next_milestone == "Draft report"
    assert lines["LLR 2026-03"].status.text == "Due in 1 month"
    assert lines["LLR 2026-03"].status.days_left == 30  # calendar days, for sorting
    assert lines["RR 2026-33"].status.text == "Due in 4 working days"
