"""The year in figures, for the yearly report: meetings held, actions, priorities, changes.

Each figure is one aggregate query over the financial year (April to March), so the report is
quick on ten years of a busy partnership.
"""

from __future__ import annotations

from dataclasses import dataclass

from lscp_desktop.models.actions.priorities import priorities_during
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.reporting import queries
from lscp_desktop.models.store.database import Store


@dataclass
class BodyYear:
    body: str
    code: str
    held: int
    cancelled: int
    planned: int
    #: The partnership hosting a shared body ('' for the partnership's own): counted apart.
    hosted_by: str = ""


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
    rows = queries.meetings_by_body(store, year.start.isoformat(), year.end.isoformat())
    return [
        BodyYear(r["name"], r["code"], r["held"], r["cancelled"], r["planned"], r["hosted_by"])
        for r in rows
    ]


def _action_counts(
    store: Store, year: FinancialYear, *, source: str | None = None, priority_id: int | None = None
) -> tuple[int, int, int, int]:
    row = queries.action_counts(
        store, year.start.isoformat(), year.end.isoformat(), source=source, priority_id=priority_id
    )
    return (row["raised"] or 0, row["completed"] or 0, row["open_at_end"] or 0,
            row["overdue_at_end"] or 0)  # fmt: skip


def actions_in_year(store: Store, year: FinancialYear) -> list[ActionYear]:
    """All actions, then those from practice reviews, then from audits."""
    out = [ActionYear("All actions", *_action_counts(store, year))]
    for source, label in (("practice review", "From practice reviews"),
                          ("audit", "From audits")):  # fmt: skip
        out.append(ActionYear(label, *_action_counts(store, year, source=source)))
    return out


def actions_by_priority(store: Store, year: FinancialYear) -> list[ActionYear]:
    """For each priority of the year (those dated to hold during it, or undated and active),
    its actions over the year: a past year's report lists that year's priorities."""
    out = []
    for p in priorities_during(store, year.start.isoformat(), year.end.isoformat()):
        counts = _action_counts(store, year, priority_id=p.id)
        out.append(ActionYear(p.name, *counts))
    return out


def body_changes(store: Store, year: FinancialYear) -> list[BodyChange]:
    """Bodies set up or closed during the year: changes to the arrangements."""
    rows = queries.body_changes(store, year.start.isoformat(), year.end.isoformat())
    return [BodyChange(r["name"], r["kind"], r["change"], r["date"]) for r in rows]
