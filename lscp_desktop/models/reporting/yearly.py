"""The year in figures, for the yearly report: meetings held, actions, priorities, changes.

Each figure is one aggregate query over the financial year (April to March), so the report is
quick on ten years of a busy partnership.
"""

from __future__ import annotations

from dataclasses import dataclass

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.store.database import Store

_FINISHED = "('completed', 'closed', 'cancelled')"


@dataclass
class BodyYear:
    body: str
    code: str
    held: int
    cancelled: int
    planned: int


@dataclass
class ActionYear:
    """Actions over the year; "open at year end" counts those raised by then and not finished."""

    label: str
    raised: int
    completed: int
    open_at_end: int
    overdue_at_end: int


@dataclass
class BodyChange:
    name: str
    kind: str
    change: str  # "started" or "ended"
    date: str


def meetings_by_body(store: Store, year: FinancialYear) -> list[BodyYear]:
    rows = store.query(
        "SELECT b.name, b.code,"
        " sum(m.status = 'held') AS held, sum(m.status = 'cancelled') AS cancelled,"
        " sum(m.status NOT IN ('held', 'cancelled')) AS planned"
        " FROM meetings m JOIN bodies b ON b.id = m.body_id"
        " WHERE m.date BETWEEN ? AND ? GROUP BY b.id ORDER BY b.id",
        [year.start.isoformat(), year.end.isoformat()],
    )
    return [BodyYear(r["name"], r["code"], r["held"], r["cancelled"], r["planned"]) for r in rows]


def _action_counts(
    store: Store, year: FinancialYear, where: str, params: list[object]
) -> tuple[int, int, int, int]:
    start, end = year.start.isoformat(), year.end.isoformat()
    row = store.query(
        "SELECT"
        " sum(raised_date BETWEEN :start AND :end) AS raised,"
        " sum(status IN ('completed', 'closed') AND completed_date BETWEEN :start AND :end)"
        "  AS completed,"
        f" sum(raised_date <= :end AND NOT (status IN {_FINISHED}"
        "  AND coalesce(completed_date, raised_date) <= :end)) AS open_at_end,"
        f" sum(raised_date <= :end AND due_date < :end AND NOT (status IN {_FINISHED}"
        "  AND coalesce(completed_date, raised_date) <= :end)) AS overdue_at_end"
        f" FROM actions WHERE {where}",
        {"start": start, "end": end, **{f"p{i}": p for i, p in enumerate(params)}},
    )[0]
    return (row["raised"] or 0, row["completed"] or 0, row["open_at_end"] or 0,
            row["overdue_at_end"] or 0)  # fmt: skip


def actions_in_year(store: Store, year: FinancialYear) -> list[ActionYear]:
    """All actions, then those from practice reviews, then from audits."""
    out = [ActionYear("All actions", *_action_counts(store, year, "1", []))]
    for source, label in (("practice review", "From practice reviews"),
                          ("audit", "From audits")):  # fmt: skip
        out.append(ActionYear(label, *_action_counts(store, year, "source = :p0", [source])))
    return out


def actions_by_priority(store: Store, year: FinancialYear) -> list[ActionYear]:
    """For each active priority, its actions over the year."""
    out = []
    for p in store.query("SELECT id, name FROM priorities WHERE active = 1 ORDER BY position"):
        counts = _action_counts(store, year, "priority_id = :p0", [p["id"]])
        out.append(ActionYear(p["name"], *counts))
    return out


def body_changes(store: Store, year: FinancialYear) -> list[BodyChange]:
    """Bodies set up or closed during the year: changes to the arrangements."""
    start, end = year.start.isoformat(), year.end.isoformat()
    rows = store.query(
        "SELECT name, kind, 'started' AS change, start_date AS date FROM bodies"
        " WHERE start_date BETWEEN ? AND ?"
        " UNION ALL SELECT name, kind, 'ended', end_date FROM bodies"
        " WHERE end_date BETWEEN ? AND ? ORDER BY date",
        [start, end, start, end],
    )
    return [BodyChange(r["name"], r["kind"], r["change"], r["date"]) for r in rows]
