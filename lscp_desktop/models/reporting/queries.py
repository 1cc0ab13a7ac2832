"""Every SQL statement of the reporting area: the Home page's counts and what needs attention,
and the year's figures. Each reads several areas' tables and never writes."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- Home: membership


def count_active_statutory_partners(store: Store) -> int:
    return store.count("organisations", "kind = 'statutory partner' AND active = 1")


def added_partner_rows(store: Store) -> list[Row]:
    """Active organisations the arrangement names safeguarding partners beside the statutory
    three (Education), by name."""
    return store.query(
        "SELECT * FROM organisations WHERE safeguarding_partner = 1"
        " AND kind != 'statutory partner' AND active = 1 ORDER BY lower(name)"
    )


def count_active_organisations(store: Store) -> int:
    return store.count("organisations", "active = 1")


def count_active_people(store: Store) -> int:
    return store.count("people", "active = 1")


def count_current_bodies(store: Store, day: str) -> int:
    return store.count(
        "bodies",
        "active = 1 AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
        [day, day],
    )


def count_current_memberships(store: Store, day: str) -> int:
    return store.count(
        "memberships", "start_date <= ? AND (end_date IS NULL OR end_date >= ?)", [day, day]
    )


def bodies_without_chair(store: Store, day: str) -> list[Row]:
    """Current bodies (id, name) of the partnership's own with no chair or co-chair on *day*
    and no chair rotation running, in id order."""
    return store.query(
        "SELECT b.id, b.name FROM bodies b WHERE b.active = 1 AND b.start_date <= ?"
        " AND (b.end_date IS NULL OR b.end_date >= ?) AND b.hosted_by = ''"
        " AND NOT EXISTS (SELECT 1 FROM memberships m"
        " WHERE m.body_id = b.id AND m.role IN ('chair', 'co-chair') AND m.start_date <= ?"
        " AND (m.end_date IS NULL OR m.end_date >= ?))"
        " AND NOT EXISTS (SELECT 1 FROM chair_rotations r WHERE r.body_id = b.id"
        " AND r.start_date <= ?) ORDER BY b.id",
        [day, day, day, day, day],
    )


def memberships_ending(store: Store, start: str, end: str) -> list[Row]:
    """Memberships ending from *start* to *end*, soonest first: one indexed query."""
    return store.query(
        "SELECT m.id, p.name AS person, b.name AS body, m.role, m.end_date"
        " FROM memberships m JOIN people p ON p.id = m.person_id"
        " JOIN bodies b ON b.id = m.body_id"
        " WHERE m.end_date BETWEEN ? AND ? ORDER BY m.end_date, b.id, p.name",
        [start, end],
    )


# --------------------------------------------------------------------------- Home: attention


def meetings_going_ahead(store: Store, start: str, end: str) -> list[Row]:
    """Meetings from *start* to *end* neither cancelled nor postponed, with papers awaited."""
    return store.query(
        "SELECT m.id, m.date, m.start_time, b.name AS body, b.code,"
        " (SELECT count(*) FROM papers x WHERE x.meeting_id = m.id"
        "  AND x.status IN ('requested', 'late')) AS awaited"
        " FROM meetings m JOIN bodies b ON b.id = m.body_id"
        " WHERE m.date BETWEEN ? AND ? AND m.status NOT IN ('cancelled', 'postponed')"
        " ORDER BY m.date, m.id",
        [start, end],
    )


def open_actions_by_owner(store: Store, day: str, end: str) -> list[Row]:
    """Per owner, open actions due by *end*: how many, how many before *day*, the first due
    date, the id of the most overdue and when they were last chased; the owners with most
    overdue first."""
    return store.query(
        "SELECT d.owner_id, coalesce(p.name, 'No owner') AS owner, count(*) AS n,"
        " sum(CASE WHEN d.due_date < ? THEN 1 ELSE 0 END) AS overdue,"
        " min(d.due_date) AS first_due,"
        " max(d.first_id) AS first_id, max(d.chased_on) AS chased_on"
        " FROM (SELECT a.owner_id, a.due_date, a.chased_on,"
        "  first_value(a.id) OVER (PARTITION BY a.owner_id ORDER BY a.due_date, a.id)"
        "  AS first_id FROM actions a WHERE a.status IN ('open', 'in progress', 'on hold')"
        "  AND a.due_date <= ?) d LEFT JOIN people p ON p.id = d.owner_id"
        " GROUP BY d.owner_id, p.name ORDER BY overdue DESC, first_due, owner",
        [day, end],
    )


def risks_for_attention(store: Store, end: str) -> list[Row]:
    """Live risks due for review by *end*, or whose residual score is above appetite."""
    return store.query(
        "SELECT r.id, r.reference, r.title, r.next_review, c.appetite,"
        " r.residual_likelihood * r.residual_impact AS score"
        " FROM risks r JOIN risk_categories c ON c.id = r.category_id"
        " WHERE r.status IN ('open', 'escalated', 'tolerated') AND (r.next_review <= ?"
        " OR r.residual_likelihood * r.residual_impact > c.appetite)",
        [end],
    )


def contributions_owed(store: Store, payment_days: int, end: str) -> list[Row]:
    """Contributions not waived with money owed, due (``due_on``: their due date, or the invoice
    date plus *payment_days*) on or before *end*.

    The date arithmetic is Python's, not SQL's: SQLite's ``date(x, '+N days')`` and
    PostgreSQL's date arithmetic have no common spelling, and the dates are ISO text, so
    "invoiced *payment_days* before *end* or earlier" is the same test as a text comparison."""
    latest_invoice = _days_after(end, -payment_days)
    rows = store.query(
        "SELECT * FROM (SELECT c.id, o.name AS organisation, y.start_year,"
        " c.agreed_pence - coalesce(paid.total, 0) AS owed, c.due_date, c.invoice_date"
        " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
        " JOIN finance_years y ON y.id = c.year_id"
        " LEFT JOIN (SELECT contribution_id, CAST(sum(amount_pence) AS BIGINT) AS total"
        "  FROM contribution_payments GROUP BY contribution_id) paid"
        "  ON paid.contribution_id = c.id WHERE c.waived = 0) owing"
        " WHERE owed > 0 AND (due_date <= ? OR (due_date IS NULL AND invoice_date <= ?))",
        [end, latest_invoice],
    )
    for r in rows:
        due = r["due_date"]
        r["due_on"] = due if due is not None else _days_after(r["invoice_date"], payment_days)
    return [r for r in rows if r["due_on"] is not None]


def _days_after(day: str | None, days: int) -> str | None:
    """The ISO date *days* after the ISO date *day* (None for none, or for a date that does
    not read, as SQLite's ``date()`` gives NULL)."""
    if day is None:
        return None
    try:
        return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return None


def review_clocks_due(store: Store, end: str) -> list[Row]:
    """Open reviews whose nearest stored clock falls on or before *end*."""
    return store.query(
        "SELECT id, reference, kind, next_milestone, next_due, next_statutory FROM reviews"
        " WHERE closed_date IS NULL AND next_due IS NOT NULL AND next_due <= ?",
        [end],
    )


def audits_due(store: Store, end: str) -> list[Row]:
    return store.query(
        "SELECT id, kind, title, planned_date FROM audits"
        " WHERE completed_date IS NULL AND planned_date <= ?",
        [end],
    )


def yearly_reports_due(store: Store, dispatch_days: int, end: str) -> list[Row]:
    """Yearly reports to publish by *end*, or published by then and with a copy still to send:
    the statutory ``send_by`` (*dispatch_days* after publication), and the boards not yet sent
    it whose own send-by date (their ``send_by_days``, else *dispatch_days*) falls by *end*
    (``boards_unsent``), with the earliest of those dates (``boards_send_by``). The dates are
    counted in Python (see :func:`contributions_owed`)."""
    reports = store.query(
        "SELECT y.id, y.year, y.published_date, y.planned_publication_date, y.panel_sent_date,"
        " y.what_works_sent_date FROM yearly_reports y WHERE (y.published_date IS NULL"
        " AND y.planned_publication_date <= ?) OR (y.published_date <= ?"
        " AND (y.panel_sent_date IS NULL OR y.what_works_sent_date IS NULL"
        "  OR EXISTS (SELECT 1 FROM yearly_report_recipients x WHERE x.report_id = y.id"
        "  AND x.sent_date IS NULL)))",
        [end, end],
    )
    if not reports:
        return []
    ids = [r["id"] for r in reports]
    unsent = store.query(
        "SELECT report_id, send_by_days FROM yearly_report_recipients"
        f" WHERE sent_date IS NULL AND report_id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    for y in reports:
        published = y["published_date"]
        y["send_by"] = _days_after(published, dispatch_days)
        boards = [
            _days_after(
                published, dispatch_days if x["send_by_days"] is None else x["send_by_days"]
            )
            for x in unsent
            if x["report_id"] == y["id"]
        ]
        due = [d for d in boards if d is not None]
        y["boards_unsent"] = sum(1 for d in due if d <= end)
        y["boards_send_by"] = min(due, default=None)
    return reports


# --------------------------------------------------------------------------- the year's figures

_FINISHED = "('completed', 'closed', 'cancelled')"
_STILL_OPEN = (
    f"raised_date <= :end AND NOT (status IN {_FINISHED}"
    " AND coalesce(completed_date, raised_date) <= :end)"
)


def meetings_by_body(store: Store, start: str, end: str) -> list[Row]:
    """Per body with meetings from *start* to *end*: how many held, cancelled, still planned."""
    return store.query(
        "SELECT b.name, b.code, b.hosted_by,"
        " sum(CASE WHEN m.status = 'held' THEN 1 ELSE 0 END) AS held,"
        " sum(CASE WHEN m.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,"
        " sum(CASE WHEN m.status NOT IN ('held', 'cancelled') THEN 1 ELSE 0 END) AS planned"
        " FROM meetings m JOIN bodies b ON b.id = m.body_id"
        " WHERE m.date BETWEEN ? AND ? GROUP BY b.id, b.name, b.code, b.hosted_by ORDER BY b.id",
        [start, end],
    )


def action_counts(
    store: Store,
    start: str,
    end: str,
    *,
    source: str | None = None,
    priority_id: int | None = None,
) -> Row:
    """Actions (all, or from one *source*, or under one priority) raised and completed from
    *start* to *end*, and still open and overdue at *end*; a count is None when no action
    matches at all."""
    where: list[str] = []
    params: dict[str, object] = {"start": start, "end": end}
    if source is not None:
        where.append("source = :source")
        params["source"] = source
    if priority_id is not None:
        where.append("priority_id = :priority_id")
        params["priority_id"] = priority_id
    return store.query(
        "SELECT"
        " sum(CASE WHEN raised_date BETWEEN :start AND :end THEN 1 ELSE 0 END) AS raised,"
        " sum(CASE WHEN status IN ('completed', 'closed')"
        "  AND completed_date BETWEEN :start AND :end THEN 1 ELSE 0 END) AS completed,"
        f" sum(CASE WHEN {_STILL_OPEN} THEN 1 ELSE 0 END) AS open_at_end,"
        f" sum(CASE WHEN due_date < :end AND {_STILL_OPEN} THEN 1 ELSE 0 END) AS overdue_at_end"
        " FROM actions" + (" WHERE " + " AND ".join(where) if where else ""),
        params,
    )[0]


def body_changes(store: Store, start: str, end: str) -> list[Row]:
    """Bodies started or ended from *start* to *end* (name, kind, change, date), by date."""
    return store.query(
        "SELECT name, kind, 'started' AS change, start_date AS date FROM bodies"
        " WHERE start_date BETWEEN ? AND ?"
        " UNION ALL SELECT name, kind, 'ended', end_date FROM bodies"
        " WHERE end_date BETWEEN ? AND ? ORDER BY date",
        [start, end, start, end],
    )
