"""The Home page's aggregation: what is overdue or due this week and next, and where it opens."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core.clocks import TimeLeft, Unit
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.reporting.home import (
    COMING_UP,
    RISKS_GROUP,
    RULES_GROUP,
    attention,
    attention_horizon,
)
from lscp_desktop.models.reporting.summary import membership_summary
from lscp_desktop.models.reviews.audits import save_audit
from lscp_desktop.models.reviews.deadlines import deadlines
from lscp_desktop.models.reviews.lifecycle import record_notification, record_step
from lscp_desktop.models.reviews.yearly_reports import save_yearly_report
from lscp_desktop.models.store.database import Store

MONDAY = dt.date(2026, 11, 23)


def test_home_and_the_yearly_report_rules_agree_on_the_dispatch_days() -> None:
    from lscp_desktop.models.reporting import home
    from lscp_desktop.models.reviews import records

    assert home.DISPATCH_DAYS == records.DISPATCH_DAYS == 7


def test_the_horizon_is_the_end_of_next_week() -> None:
    assert attention_horizon(MONDAY) == dt.date(2026, 12, 6)
    assert attention_horizon(dt.date(2026, 11, 29)) == dt.date(2026, 12, 6)  # a Sunday


def test_attention_across_reviews_audits_and_the_yearly_report(store: Store) -> None:
    this_week = record_notification(store, reference="RR 2026-40", aware_date="2026-11-20")
    overdue = record_notification(
        store,
        reference="RR 2026-41",
        aware_date="2026-10-01",
        notified_date="2026-10-02",
        partners_told_date="2026-10-02",
    )
    record_notification(store, reference="RR 2026-42", aware_date="2026-12-10")  # too far
    closed = record_notification(
        store,
        reference="RR 2026-43",
        aware_date="2026-11-02",
        notified_date="2026-11-03",
        partners_told_date="2026-11-03",
    )
    record_step(store, closed, "rapid_review", "2026-11-20")
    record_step(store, closed, "decision", "2026-11-20", decision="no further review")
    org = save_organisation(store, {"name": "Police", "kind": "statutory partner",
                                    "sector": "police"})  # fmt: skip
    audit = save_audit(store, {"title": "Neglect", "kind": "Section 11",
                               "planned_date": "2026-12-04", "agency_ids": [org]})  # fmt: skip
    save_audit(store, {"title": "Done", "kind": "Section 11", "planned_date": "2026-11-01",
                       "completed_date": "2026-11-02"})  # fmt: skip
    report = save_yearly_report(store, {"year": "2025/26", "published_date": "2026-11-20",
                                        "what_works_sent_date": "2026-11-21"})  # fmt: skip
    save_yearly_report(store, {"year": "2026/27", "planned_publication_date": "2027-09-30"})

    items = attention(store, MONDAY)
    summary = [(i.when(MONDAY), i.due, i.area, i.title, i.page, i.record_id) for i in items]
    assert summary == [
        ("Overdue", "2026-10-23", "Statutory clock", "RR 2026-41: Rapid review to the Panel",
         "reviews", overdue),
        ("This week", "2026-11-27", "Statutory clock", "RR 2026-40: Notify the national Panel",
         "reviews", this_week),
        ("This week", "2026-11-27", "Statutory clock",
         "Send the 2025/26 yearly report to the Child Safeguarding Practice Review Panel",
         "reviews:yearly", report),
        ("This week", "2026-11-27", "Yearly report",
         "Send the 2025/26 yearly report to 7 boards", "reviews:yearly", report),
        ("Next week", "2026-12-04", "Audit", "Neglect", "reviews:audits", audit),
    ]  # fmt: skip
    assert items[0].statutory and items[0].left(MONDAY) == TimeLeft(-21, Unit.WORKING_DAYS)
    assert items[0].left(MONDAY).short() == "21 working days late"
    dispatch = items[2]  # seven calendar days from publication, as Working Together says
    assert dispatch.left(MONDAY) == TimeLeft(4, Unit.DAYS) and dispatch.left(MONDAY).short() == (
        "in 4 days"
    )
    assert not items[3].statutory and not items[4].statutory


def test_attention_on_the_demo_matches_the_deadlines(demo_store: Store) -> None:
    today = dt.date(2026, 11, 22)
    horizon = attention_horizon(today)
    items = attention(demo_store, today)
    # Everything is due by the end of next week, but for the groups that warn further ahead
    # and the risks above appetite, listed by their review date.
    assert items and all(
        i.due <= horizon.isoformat() or i.group in (COMING_UP, RULES_GROUP, RISKS_GROUP)
        for i in items
    )
    # Every review clock on Home is also among the working-day deadlines of the Reviews page.
    full = {(d.record_id, d.due) for d in deadlines(demo_store, today, 14) if d.area == "Review"}
    assert {(i.record_id, i.due) for i in items if i.page == "reviews"} <= full
    assert membership_summary(demo_store, today).counts["Statutory partners"] == 3


def test_memberships_ending_within_60_days(demo_store: Store) -> None:
    today = dt.date(2026, 11, 22)
    current = [
        r["id"]
        for r in demo_store.query("SELECT id FROM memberships WHERE end_date IS NULL LIMIT 3")
    ]
    demo_store.update("memberships", current[0], {"end_date": "2026-12-01"})
    demo_store.update("memberships", current[1], {"end_date": "2027-01-21"})  # day 60
    demo_store.update("memberships", current[2], {"end_date": "2027-01-22"})  # day 61
    ending = membership_summary(demo_store, today).ending_soon
    ours = [e for e in ending if e.membership_id in current]
    assert [(e.membership_id, e.end_date) for e in ours] == [
        (current[0], "2026-12-01"),
        (current[1], "2027-01-21"),
    ]
    assert ours[0].person and ours[0].body and ours[0].role
    assert [e.end_date for e in ending] == sorted(e.end_date for e in ending)


def test_meetings_this_week_and_next_with_papers_awaited(demo_store: Store) -> None:
    today = dt.date(2026, 11, 23)
    body = demo_store.scalar("SELECT id FROM bodies WHERE code = 'EXEC'")
    held = demo_store.insert(
        "meetings", {"body_id": body, "date": "2026-12-02", "start_time": "14:00"}
    )
    off = demo_store.insert(
        "meetings", {"body_id": body, "date": "2026-12-03", "status": "cancelled"}
    )
    for title, status in (("Finance", "requested"), ("Risks", "late"), ("QA", "received")):
        demo_store.insert("papers", {"meeting_id": held, "title": title, "status": status})
    meetings = [i for i in attention(demo_store, today) if i.area == "Meeting"]
    ours = [i for i in meetings if i.record_id in (held, off)]
    assert [(i.due, i.title, i.record_id) for i in ours] == [
        ("2026-12-02", "Safeguarding Partnership Executive at 14:00: 2 papers awaited", held)
    ]
    assert all(today.isoformat() <= i.due <= "2026-12-06" for i in meetings)


def test_contributions_outstanding_agree_with_the_finance_register(demo_store: Store) -> None:
    from lscp_desktop.models.core.money import format_money
    from lscp_desktop.models.finance.contributions import outstanding

    today = dt.date(2026, 11, 22)
    end = attention_horizon(today).isoformat()
    expected = sorted(
        (c.id, c.due_on, f"{c.organisation}: {format_money(c.outstanding)} outstanding")
        for y in demo_store.query("SELECT id FROM finance_years")
        for c in outstanding(demo_store, y["id"], today=today)
        if c.due_on and c.due_on <= end
    )
    shown = sorted(
        (i.record_id, i.due, i.title)
        for i in attention(demo_store, today)
        if i.area == "Contribution"
    )
    assert shown == expected and shown


def test_actions_by_owner_and_risks_agree_with_their_registers(demo_store: Store) -> None:
    from lscp_desktop.models.actions.listing import list_actions
    from lscp_desktop.models.actions.records import OPEN_STATUSES
    from lscp_desktop.models.reporting.home import ACTIONS_GROUP
    from lscp_desktop.models.risks.listing import list_risks
    from lscp_desktop.models.risks.records import LIVE_STATUSES

    today = dt.date(2026, 11, 23)
    end = attention_horizon(today).isoformat()
    items = attention(demo_store, today)
    open_actions = [
        a
        for a in list_actions(demo_store, today=today)
        if a.status in OPEN_STATUSES and a.due_date <= end
    ]
    by_owner: dict[str, tuple[int, int]] = {}
    for a in open_actions:
        overdue, due = by_owner.get(a.owner or "No owner", (0, 0))
        late = a.due_date < today.isoformat()
        by_owner[a.owner or "No owner"] = (overdue + late, due + (not late))
    owners = [i for i in items if i.area == "Actions"]
    assert owners and {i.when(today) for i in owners} == {ACTIONS_GROUP}
    assert len(owners) == len(by_owner)
    for entry in owners:
        name = entry.title.split(":")[0]
        overdue, due = by_owner[name]
        assert (f"{overdue} overdue" in entry.title) == bool(overdue)
        assert (f"{due} due by" in entry.title) == bool(due)
        first = min((a for a in open_actions if (a.owner or "No owner") == name),
                    key=lambda a: (a.due_date, a.id))  # fmt: skip
        assert entry.record_id == first.id and entry.page == "actions"
    expected = {
        r.id
        for r in list_risks(demo_store, today=today)
        if r.status in LIVE_STATUSES
        and ((r.next_review and r.next_review <= end) or r.above_appetite)
    }
    assert {i.record_id for i in items if i.area == "Risk"} == expected and expected


def test_a_risk_above_appetite_is_listed_once_by_its_review_date(demo_store: Store) -> None:
    """Not as due "today": one reviewed a minute ago is listed by its next review, once."""
    from lscp_desktop.models.risks.listing import list_risks
    from lscp_desktop.models.risks.reviews import record_review

    today = dt.date.today()
    above = next(r for r in list_risks(demo_store) if r.above_appetite and r.status != "closed")
    record_review(demo_store, above.id, {"review_date": today.isoformat(),
                                          "likelihood": above.residual_likelihood,
                                          "impact": above.residual_impact,
                                          "note": "Controls unchanged"})  # fmt: skip
    reviewed = next(r for r in list_risks(demo_store) if r.id == above.id)
    assert reviewed.next_review and reviewed.next_review > attention_horizon(today).isoformat()
    mine = [
        i for i in attention(demo_store, today) if i.page == "risks" and i.record_id == above.id
    ]
    assert len(mine) == 1
    assert (mine[0].due, mine[0].group) == (reviewed.next_review, RISKS_GROUP)
    assert "above appetite" in mine[0].detail.lower()
