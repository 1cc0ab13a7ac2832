"""The whole deadlines list: the yearly report's cycle ("at least once in every 12-month
period"), the published documents' reviews and the quarter's theme, besides the reviews area's
clocks; and the late mark on a yearly report sent after its date."""

from __future__ import annotations

import datetime as dt

from helpers.meetings import make_partnership

from lscp_desktop.models.assurance.arrangements import save_document
from lscp_desktop.models.core.clocks import Unit
from lscp_desktop.models.meetings.themes import save_theme
from lscp_desktop.models.reporting.deadlines import all_deadlines, yearly_report_cycle
from lscp_desktop.models.reporting.home import COMING_UP, attention
from lscp_desktop.models.reviews.yearly_reports import get_yearly_report, save_yearly_report
from lscp_desktop.models.store.database import Store

D = dt.date


def test_the_next_yearly_report_is_due_12_months_after_the_last(store: Store) -> None:
    """2019/20 published on 30/09/2020 and no 2020/21 record: due by 30/09/2021."""
    report = save_yearly_report(store, {"year": "2019/20", "published_date": "30/09/2020",
                                        "panel_sent_date": "2020-10-02",
                                        "what_works_sent_date": "2020-10-02"})  # fmt: skip
    cycle = yearly_report_cycle(store)
    assert cycle is not None and cycle.due == D(2021, 9, 30) and cycle.record_id == report
    found = [d for d in all_deadlines(store, D(2021, 9, 20), 30) if d.what.startswith("Publish")]
    # A rule in months, said in days under a month, as on Home.
    assert [(d.what, d.due, d.status, d.statutory, d.unit) for d in found] == [
        ("Publish the next yearly report: within 12 months of the 2019/20 report's "
         "publication on 30/09/2020", "2021-09-30", "Due in 10 days", True, Unit.MONTHS),
    ]  # fmt: skip
    assert found[0].rule == "statutory, in months"
    # Once the 2020/21 report is published, the cycle starts again from it.
    save_yearly_report(store, {"year": "2020/21", "published_date": "2021-09-28"})
    assert yearly_report_cycle(store).due == D(2022, 9, 28)  # type: ignore[union-attr]


def test_the_first_yearly_report_is_due_12_months_after_implementation(store: Store) -> None:
    assert yearly_report_cycle(store) is None
    save_document(
        store,
        {
            "kind": "published arrangements",
            "title": "Arrangements",
            "published_date": "2019-06-28",
            "implemented_date": "2019-09-29",
        },
    )
    cycle = yearly_report_cycle(store)
    assert cycle is not None and cycle.due == D(2020, 9, 29)
    assert cycle.basis == "within 12 months of the arrangements' implementation on 29/09/2019"
    # Home warns ahead, in its own group while it is beyond next week.
    items = [
        i for i in attention(store, D(2020, 8, 3)) if i.title == "Publish the next yearly report"
    ]
    assert len(items) == 1 and items[0].statutory and items[0].when(D(2020, 8, 3)) == COMING_UP


def test_a_late_what_works_dispatch_is_marked_late(store: Store) -> None:
    rid = save_yearly_report(store, {"year": "2019/20", "published_date": "30/09/2020",
                                     "panel_sent_date": "05/10/2020",
                                     "what_works_sent_date": "12/10/2020"})  # fmt: skip
    report = get_yearly_report(store, rid)
    assert report.dispatch_due == "2020-10-07"
    assert report.what_works_late and not report.panel_late
    board = report.recipients[0]
    assert board.send_by(report.published_date) == "2020-10-07"
    assert not board.is_late(report.published_date)


def test_document_reviews_and_the_quarters_theme_in_the_list(store: Store) -> None:
    p = make_partnership(store)
    doc = save_document(
        store,
        {"kind": "thresholds document", "title": "Thresholds", "published_date": "2024-01-15"},
    )  # due 15/01/2026
    save_theme(store, {"quarter": "2025/26 Q3", "title": "Online harm", "body_ids": [p.body]})
    items = all_deadlines(store, D(2025, 12, 1), 10)
    what = {d.area: d for d in items}
    review = what["Arrangements"]
    assert (review.due, review.record_id, review.page) == (
        "2026-01-15",
        doc,
        "assurance:arrangements",
    )
    assert review.what == ("Review the thresholds document: Thresholds (reviewed every 24 months, "
                           "counted from publication)")  # fmt: skip
    assert "Quarterly theme" not in what  # the quarter ends on 31/12, beyond ten days
    theme = next(
        d for d in all_deadlines(store, D(2025, 12, 22), 10) if d.area == "Quarterly theme"
    )
    assert theme.what == "Theme 'Online harm': not yet on the agenda of Executive"
    assert theme.due == "2025-12-31"


def test_home_shows_the_quarters_theme_and_a_rule_at_risk(store: Store) -> None:
    from lscp_desktop.models.assurance.minimum_rules import save_rule
    from lscp_desktop.models.reporting.home import RULES_GROUP

    p = make_partnership(store)
    save_theme(store, {"quarter": "2025/26 Q3", "title": "Online harm", "body_ids": [p.body]})
    save_rule(store, {"kind": "meetings", "body_id": p.body, "at_least": 4})
    today = D(2025, 12, 22)  # a Monday: next week ends on Sunday 04/01/2026
    items = {i.area: i for i in attention(store, today)}
    theme = items["Quarterly theme"]
    assert (theme.due, theme.title) == ("2025-12-31", "Theme 'Online harm' not yet taken up by "
                                        "Executive")  # fmt: skip
    rule = items["Minimum rule"]
    assert rule.group == RULES_GROUP and rule.page == "assurance:rules"
    assert rule.title == "Executive: 0 held of at least 4"
    # Earlier in the quarter the theme is not yet something to chase.
    assert "Quarterly theme" not in {i.area for i in attention(store, D(2025, 11, 3))}


def test_each_deadline_says_its_unit_the_same_way_on_home_and_in_the_list(
    demo_store: Store,
) -> None:
    """One mechanism (core/clocks): a deadline on Home and the same one on the Deadlines tab
    and `list deadlines` count in the same unit and say the same time left."""
    today = D(2026, 11, 23)
    save_yearly_report(demo_store, {"year": "2099/00", "published_date": "2026-11-20"})
    listed = {(d.page, d.record_id, d.due): d for d in all_deadlines(demo_store, today, 30)}
    both = [
        (item, listed[key])
        for item in attention(demo_store, today, with_time_left=True)
        if (key := (item.page, item.record_id or 0, item.due)) in listed
    ]
    assert {item.page for item, _ in both} >= {"reviews", "reviews:yearly"}
    for item, deadline in both:
        assert item.unit is deadline.unit, (item.title, deadline.what)
        left = item.time_left
        assert left is not None and left.status() == deadline.status.removeprefix("Delayed: ")
    units = {item.unit for item, _ in both}
    assert Unit.WORKING_DAYS in units and Unit.DAYS in units
