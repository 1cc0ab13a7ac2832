"""The statutory clocks worked out from a review's dates: every rule in working days or months,
which milestones apply to each kind, and their status in words and colour."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.reviews.milestones import (
    ClockRules,
    Milestone,
    MilestoneStatus,
    milestones,
)
from lscp_desktop.models.reviews.records import Review

D = dt.date


def review(**values: Any) -> Review:
    base: dict[str, Any] = {"id": 1, "reference": "CSPR 2026-01", "kind": "local CSPR"}
    base.update({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()})
    return Review(**base)


def clocks(**values: Any) -> dict[str, Milestone]:
    return {m.key: m for m in milestones(review(**values), ClockRules())}


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
    rules = ClockRules(commission_working_days=10, draft_months=3, final_months=4,
                       publication_months=6)  # fmt: skip
    items = {
        m.key: m
        for m in milestones(review(decision="local CSPR", decision_date=D(2026, 8, 31)), rules)
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
    assert sent_late.status(D(2027, 7, 2)) == MilestoneStatus("Done 4 working days late", "late")


def test_which_milestones_apply_to_each_kind() -> None:
    def applicable(**values: Any) -> set[str]:
        return {k for k, m in clocks(**values).items() if m.applicable}

    pre = {"notification", "partners_told", "rapid_review", "decision"}
    copies = {"sent_to_panel", "sent_to_sos", "sent_to_ofsted"}
    after = {"commissioned", "draft", "final", *copies, "publication", "repository"}
    assert applicable(kind="serious incident notification") == pre
    assert applicable(kind="rapid review") == pre
    assert applicable(kind="rapid review", looked_after=1) == pre | {"lac_notice"}
    # A national review the Panel publishes has its own steps, not a local case's.
    assert applicable(kind="national review") == {"panel_published", "response"}
    assert applicable(kind="local CSPR", aware_date=D(2026, 1, 5)) == pre | after
    assert applicable(kind="local CSPR", decision="local CSPR", decision_date=D(2026, 2, 5)) == (
        after | {"ratified"}
    )
    assert applicable(kind="legacy SCR") == after | {"publication_maximum", "publication_last_date"}
    assert applicable(kind="local learning review") == {"commissioned", "draft", "final"}


def test_status_in_words_and_colour() -> None:
    m = clocks(kind="serious incident notification", aware_date=D(2026, 12, 18))["notification"]
    due = m.due
    assert due == D(2026, 12, 29)
    assert m.status(D(2026, 12, 18)) == MilestoneStatus("Due in 5 working days", "amber", 5)
    assert m.status(D(2026, 12, 29)) == MilestoneStatus("Due today", "amber", 0)
    assert m.status(D(2026, 12, 31)) == MilestoneStatus("2 working days late", "red", -2)
    far = clocks(decision="local CSPR", decision_date=D(2027, 1, 15))["publication"]
    assert far.status(D(2027, 1, 15)).rag == "green"
    # Publication counts in months (under a month, in days), as its rule is written.
    assert far.status(D(2027, 1, 15)).text == "Due in 6 months"
    assert far.status(D(2027, 7, 1)).text == "Due in 14 days"
    assert far.status(D(2027, 9, 1)).text == "1 month late"
    waiting = clocks(kind="rapid review")["rapid_review"]
    assert waiting.status(D(2027, 1, 1)) == MilestoneStatus(
        "Waiting for the notification", "waiting"
    )
    done = clocks(kind="rapid review", aware_date=D(2026, 12, 18), notified_date=D(2026, 12, 24))[
        "notification"
    ]
    assert done.status(D(2027, 3, 1)) == MilestoneStatus("Done", "done")
    late = clocks(kind="rapid review", aware_date=D(2026, 12, 18), notified_date=D(2027, 1, 4))[
        "notification"
    ]
    # Due Tue 29/12; done Mon 04/01/2027: 30, 31 Dec and 4 Jan (1 Jan is a bank holiday).
    assert late.status(D(2027, 3, 1)) == MilestoneStatus("Done 3 working days late", "late")
