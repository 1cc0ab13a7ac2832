"""Deadlines across review milestones, audits and the yearly report's dispatch."""

from __future__ import annotations

import datetime as dt

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
    assert "CSPR 2026-04: Draft report" in [d.what for d in deadlines(store, today, 120)]
    late = deadlines(store, D(2026, 12, 10), 0)
    assert {d.rag for d in late} == {"red"}
