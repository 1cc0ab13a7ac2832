"""Schedule generation from a cadence across England and Wales bank holidays."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.meetings import make_partnership

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import cadence as c
from lscp_desktop.models.meetings.meetings import get_meeting, reschedule_meeting
from lscp_desktop.models.meetings.schedule import ProposedMeeting, cadence_dates, generate_schedule
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.store.database import Store

D = dt.date


def dates(cadence: c.Cadence, year: str) -> dict[D, ProposedMeeting]:
    return {p.rule_date: p for p in cadence_dates(cadence, FinancialYear.parse(year))}


def test_monthly_first_monday_moves_off_easter_monday_and_may_day() -> None:
    cadence = c.Cadence(body_id=1, frequency="monthly", week=1, weekday=0)
    got = dates(cadence, "2026/27")
    assert len(got) == 12
    easter = got[D(2026, 4, 6)]
    assert easter.date == D(2026, 4, 7)
    assert "Easter Monday" in easter.moved_because and "07/04/2026" in easter.moved_because
    assert got[D(2026, 5, 4)].date == D(2026, 5, 5)
    assert "May Day" in got[D(2026, 5, 4)].moved_because
    assert got[D(2026, 6, 1)].date == D(2026, 6, 1) and not got[D(2026, 6, 1)].moved


def test_last_monday_moves_off_spring_august_and_boxing_day_substitute() -> None:
    cadence = c.Cadence(body_id=1, frequency="monthly", week=-1, weekday=0)
    got = dates(cadence, "2026/27")
    assert got[D(2026, 5, 25)].date == D(2026, 5, 26)  # Spring bank holiday
    assert got[D(2026, 8, 31)].date == D(2026, 9, 1)  # Late Summer bank holiday
    boxing = got[D(2026, 12, 28)]  # Boxing Day falls on a Saturday: substitute Monday
    assert boxing.date == D(2026, 12, 29)
    assert "Boxing Day (observed)" in boxing.moved_because


def test_christmas_and_boxing_day_substitutes_in_2027_move_two_days() -> None:
    cadence = c.Cadence(body_id=1, frequency="monthly", week=-1, weekday=0)
    december = dates(cadence, "2027/28")[D(2027, 12, 27)]
    assert december.date == D(2027, 12, 29)
    assert "Christmas Day (observed)" in december.moved_because
    assert "Boxing Day (observed)" in december.moved_because
    # A day-of-month rule on Christmas Day (a Saturday) skips the weekend and both substitutes.
    by_day = c.Cadence(body_id=1, frequency="monthly", week=0, day_of_month=25)
    christmas = dates(by_day, "2027/28")[D(2027, 12, 25)]
    assert christmas.date == D(2027, 12, 29)
    assert christmas.moved_because.count(";") == 3  # Sat, Sun, Mon, Tue each explained


@pytest.mark.parametrize(
    ("frequency", "anchor", "months"),
    [
        ("quarterly", 6, [6, 9, 12, 3]),
        ("three times a year", 7, [7, 11, 3]),
        ("twice a year", 10, [4, 10]),
    ],
)
def test_frequencies_pick_the_months_of_the_financial_year(
    frequency: str, anchor: int, months: list[int]
) -> None:
    cadence = c.Cadence(body_id=1, frequency=frequency, anchor_month=anchor, week=2, weekday=1)
    got = cadence_dates(cadence, FinancialYear(2026))
    assert sorted(p.rule_date.month for p in got) == sorted(months)
    assert all(p.date.weekday() < 5 for p in got)


def test_generate_does_not_duplicate_and_respects_rescheduled_meetings(store: Store) -> None:
    p = make_partnership(store)
    first = generate_schedule(store, p.body, "2026/27")
    assert len(first.created_ids) == 4
    april = get_meeting(store, first.created_ids[0])
    assert april.date == "2026-04-07"  # Easter Monday moved
    assert "Easter Monday" in april.notes
    reschedule_meeting(store, april.id, date="14/04/2026", reason="Chair on leave")
    again = generate_schedule(store, p.body, "2026/27")
    assert again.created_ids == []
    assert all(x.existing_id is not None for x in again.proposed)
    assert store.count("meetings") == 4
    dry = generate_schedule(store, p.body, "2027/28", dry_run=True)
    assert len(dry.new) == 4 and store.count("meetings") == 4


def test_ad_hoc_cadence_and_a_year_outside_the_body_are_refused(store: Store) -> None:
    p = make_partnership(store, frequency="ad hoc")
    with pytest.raises(ValidationError, match="ad hoc"):
        generate_schedule(store, p.body, "2026/27")
    c.save_cadence(store, {**vars(c.get_cadence(store, p.body)), "frequency": "quarterly",
                           "anchor_month": 4})  # fmt: skip
    save_body(
        store,
        {"name": "Executive", "code": "EXEC", "kind": "executive", "start_date": "01/04/2020",
         "end_date": "31/12/2024"},
        p.body,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="no dates in 2026/27"):
        generate_schedule(store, p.body, "2026/27")
    assert store.count("meetings") == 0
