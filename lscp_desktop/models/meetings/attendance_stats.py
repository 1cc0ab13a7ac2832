"""Attendance over a period, per person and per organisation, from the meetings' registers:
how often each was expected and came, and who to follow up. Cancelled and postponed meetings do
not count, nor do places on a register whose attendance was never recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.core.dates import check_order, parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.attendance import NOT_RECORDED
from lscp_desktop.models.meetings.queries import attendance as attendance_queries
from lscp_desktop.models.store.database import Store


@dataclass
class AttendanceStat:
    key: int
    name: str
    organisation: str = ""
    expected: int = 0
    present: int = 0
    represented: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def attended(self) -> int:
        return self.present + self.represented

    @property
    def rate(self) -> float:
        return self.attended / self.expected if self.expected else 0.0

    @property
    def rate_percent(self) -> int:
        return round(self.rate * 100)


def _tally(stats: dict[int, AttendanceStat], key: int, status: str) -> None:
    if status == NOT_RECORDED:
        return  # nothing is known: neither an attendance nor an absence
    stat = stats[key]
    stat.expected += 1
    if status == "present":
        stat.present += 1
    elif status == "represented":
        stat.represented += 1
    elif status == "apologies":
        stat.apologies += 1
    else:
        stat.absent += 1


def _period(start: Any, end: Any) -> tuple[str, str]:
    s = parse_date(start, "start date")
    e = parse_date(end, "end date")
    check_order(s, e)
    return s.isoformat(), e.isoformat()


def attendance_by_person(
    store: Store, start: Any, end: Any, *, body_id: int | None = None
) -> list[AttendanceStat]:
    """Per person over a period: meetings expected and how they were attended. Cancelled
    and postponed meetings do not count."""
    s, e = _period(start, end)
    stats: dict[int, AttendanceStat] = {}
    for r in attendance_queries.attendance_stat_rows(store, s, e, body_id):
        key = r["person_id"]
        if key not in stats and r["status"] != NOT_RECORDED:
            stats[key] = AttendanceStat(key, r["person"], r["organisation"])
        _tally(stats, key, r["status"])
    return sorted(stats.values(), key=lambda x: x.name)


def attendance_by_organisation(
    store: Store, start: Any, end: Any, *, body_id: int | None = None
) -> list[AttendanceStat]:
    """Per organisation over a period (each member's expected place counts once)."""
    s, e = _period(start, end)
    stats: dict[int, AttendanceStat] = {}
    for r in attendance_queries.attendance_stat_rows(store, s, e, body_id):
        key = r["organisation_id"] or 0
        if key not in stats and r["status"] != NOT_RECORDED:
            stats[key] = AttendanceStat(key, r["organisation"], r["organisation"])
        _tally(stats, key, r["status"])
    return sorted(stats.values(), key=lambda x: x.name)


def follow_up(
    store: Store, start: Any, end: Any, threshold_percent: int, *, body_id: int | None = None
) -> list[AttendanceStat]:
    """Organisations whose attendance is under *threshold_percent*, lowest first."""
    if not 0 < threshold_percent <= 100:
        raise ValidationError("The threshold should be a percentage from 1 to 100.", "threshold")
    rows = attendance_by_organisation(store, start, end, body_id=body_id)
    low = [r for r in rows if r.rate * 100 < threshold_percent]
    return sorted(low, key=lambda r: (r.rate, r.name))


def attendance_rows(store: Store, start: Any = None, end: Any = None) -> list[dict[str, Any]]:
    """Flat attendance records for the command line."""
    s = start or "0001-01-01"
    e = end or dt.date.max.isoformat()
    return attendance_queries.attendance_list_rows(store, s, e)
