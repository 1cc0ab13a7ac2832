"""Deadlines across review milestones, audits and the yearly report's dispatch."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core.clocks import Unit
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.reviews.audits import save_audit
from lscp_desktop.models.reviews.deadlines import deadlines
from lscp_desktop.models.reviews.lifecycle import record_notification, save_review
from lscp_desktop.models.reviews.yearly_reports import save_yearly_report
from lscp_desktop.models.store.database import Store

D = dt.date


def test_deadlines_across_reviews_audits_and_the_yearly_report(store: Store) -> None:
    today = D(2026, 11, 23)
    soon = record_notification(store, reference="RR 2026-16", aware_date="2026-11-20")
    record_notification(store, reference="RR 2026-17", aware_date="2026-11-02",
                        notified_date="2026-11-04")  # fmt: skip
    save_review(store, {"reference": "CSPR 2026-04", "kind": "local CSPR",
                        "decision": "local CSPR", "decision_date": "2026-11-01",
                        "commissioned_date": "2026-11-10"})  # fmt: skip
    org = save_organisation(store, {"name": "Police", "kind": "statutory partner",
                                    "sector": "police"})  # fmt: skip
    save_audit(store, {"title": "Neglect", "kind": "Section 11", "planned_date": "2026-12-01",
                       "agency_ids": [org]})  # fmt: skip
    save_yearly_report(store, {"year": "2025/26", "published_date": "2026-11-18",
                               "panel_sent_date": "2026-11-19"})  # fmt: skip
    found = deadlines(store, today, 30)
    what = [d.what for d in found]
    what_works = "Foundations (What Works Centre for Children and Families)"
    assert what == [
        "RR 2026-17: Tell the safeguarding partners",  # five working days from 02/11: overdue
        "RR 2026-17: Rapid review to the Panel",  # decision folded into it: one entry
        "Yearly report 2025/26: send to 7 boards",
        f"Yearly report 2025/26: send to {what_works}",
        "RR 2026-16: Notify the national Panel",
        "RR 2026-16: Tell the safeguarding partners",
        "Section 11 audit: Neglect",
    ]
    assert found[0].rag == "red" and found[0].unit is Unit.WORKING_DAYS
    assert found[1].rag == "amber" and found[1].days_left == 2 and found[1].statutory
    # The yearly report's seven days are calendar days: 18/11 + 7 = 25/11, two days away.
    assert found[3].due == "2026-11-25" and found[3].statutory and found[3].unit is Unit.DAYS
    assert found[3].status == "Due in 2 days"
    assert found[2].statutory is False
    assert found[4].record_id == soon and found[4].page == "reviews"
    assert found[6].page == "reviews:audits"
    # A wider window brings in the draft report; a past date shows what is overdue.
    assert "CSPR 2026-04: Draft report" in [d.what for d in deadlines(store, today, 120)]
    late = deadlines(store, D(2026, 12, 10), 0)
    assert {d.rag for d in late} == {"red"}
