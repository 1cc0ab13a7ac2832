"""Every SQL statement of the reviews area: practice reviews, their delays and recommendations,
the actions raised from them, audits, training and the yearly report.

Reads only; writes go through the store's audited ``insert``/``update``/``delete``. Each function
takes the store and plain values and returns rows (dicts), a scalar or a flag.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- practice reviews

#: A review with the count of its recommendations, and of those finished with.
_REVIEW = (
    "SELECT r.*, (SELECT count(*) FROM review_recommendations x WHERE x.review_id = r.id)"
    " AS recommendations, (SELECT count(*) FROM review_recommendations x WHERE x.review_id ="
    " r.id AND x.status IN ('completed', 'not accepted')) AS recommendations_done FROM reviews r"
)


def reviews(store: Store, *, open_only: bool = False) -> list[Row]:
    """Open reviews first, the nearest clock first, then by reference."""
    return store.query(
        _REVIEW
        + (" WHERE r.closed_date IS NULL" if open_only else "")
        + " ORDER BY CASE WHEN r.closed_date IS NULL THEN 0 ELSE 1 END,"
        " coalesce(r.next_due, '9999'), lower(r.reference)"
    )


def review(store: Store, review_id: int) -> Row | None:
    rows = store.query(_REVIEW + " WHERE r.id = ?", [review_id])
    return rows[0] if rows else None


def review_ids(store: Store) -> list[int]:
    return [int(r["id"]) for r in store.query("SELECT id FROM reviews ORDER BY id")]


def reference_taken(store: Store, reference: str, other_than: int | None) -> bool:
    """Whether another review has *reference*, whatever its case."""
    sql = "SELECT id FROM reviews WHERE lower(reference) = lower(?)"
    params: list[Any] = [reference]
    if other_than is not None:
        sql += " AND id <> ?"
        params.append(other_than)
    return bool(store.query(sql, params))


def delays_of(store: Store, review_id: int) -> list[Row]:
    """A review's delays in the order they were recorded."""
    return store.rows("review_delays", "review_id = ?", [review_id], order_by="id")


def delays_of_open_reviews(store: Store) -> list[Row]:
    return store.query(
        "SELECT d.* FROM review_delays d JOIN reviews r ON r.id = d.review_id"
        " WHERE r.closed_date IS NULL ORDER BY d.id"
    )


# --------------------------------------------------------------------------- recommendations


def recommendations(store: Store, review_id: int | None = None) -> list[Row]:
    """Recommendations with their owner's name and their review's reference, by reference."""
    return store.query(
        "SELECT x.*, coalesce(o.name, '') AS owner, r.reference FROM review_recommendations x"
        " JOIN reviews r ON r.id = x.review_id"
        " LEFT JOIN organisations o ON o.id = x.owner_organisation_id"
        + (" WHERE x.review_id = ?" if review_id is not None else "")
        + " ORDER BY lower(r.reference), x.number",
        [review_id] if review_id is not None else [],
    )


def recommendation(store: Store, recommendation_id: int) -> Row | None:
    """One recommendation with its review's reference."""
    rows = store.query(
        "SELECT x.*, r.reference FROM review_recommendations x"
        " JOIN reviews r ON r.id = x.review_id WHERE x.id = ?",
        [recommendation_id],
    )
    return rows[0] if rows else None


def last_recommendation_number(store: Store, review_id: int) -> int:
    return int(
        store.scalar(
            "SELECT coalesce(max(number), 0) FROM review_recommendations WHERE review_id = ?",
            [review_id],
        )
    )


def recommendations_to_act_on(store: Store, since: str) -> list[Row]:
    """Recommendations still open or in progress of reviews finished (or decided) since *since*."""
    return store.query(
        "SELECT x.id, x.target_date FROM review_recommendations x"
        " JOIN reviews r ON r.id = x.review_id WHERE x.status IN ('open', 'in progress')"
        " AND coalesce(r.final_date, r.response_date, r.decision_date) >= ? ORDER BY x.id",
        [since],
    )


# --------------------------------------------------------------------------- actions raised


def linked_actions(
    store: Store,
    *,
    review_id: int | None = None,
    recommendation_id: int | None = None,
    audit_id: int | None = None,
) -> list[Row]:
    """Actions raised from recommendations or audits, narrowed to a review, a recommendation or
    an audit, by due date."""
    where: list[str] = ["(a.recommendation_id IS NOT NULL OR a.audit_id IS NOT NULL)"]
    params: list[Any] = []
    for condition, value in (
        ("x.review_id = ?", review_id),
        ("a.recommendation_id = ?", recommendation_id),
        ("a.audit_id = ?", audit_id),
    ):
        if value is not None:
            where.append(condition)
            params.append(value)
    return store.query(
        "SELECT a.id, a.reference, a.title, a.status, a.due_date, coalesce(p.name, '') AS owner,"
        " a.recommendation_id, a.audit_id FROM actions a"
        " LEFT JOIN review_recommendations x ON x.id = a.recommendation_id"
        " LEFT JOIN people p ON p.id = a.owner_id"
        " WHERE " + " AND ".join(where) + " ORDER BY a.due_date, a.id",
        params,
    )


def action_source(store: Store, action_id: int) -> Row | None:
    """The review (through its recommendation) and the audit an action came from, if any."""
    rows = store.query(
        "SELECT x.review_id, a.audit_id FROM actions a"
        " LEFT JOIN review_recommendations x ON x.id = a.recommendation_id WHERE a.id = ?",
        [action_id],
    )
    return rows[0] if rows else None


# --------------------------------------------------------------------------- audits and training


def audits(store: Store) -> list[Row]:
    return store.query("SELECT * FROM audits ORDER BY planned_date DESC, title")


def audit_agencies(store: Store) -> list[Row]:
    """Every audit's agencies (audit_id, id, name), by name."""
    return store.query(
        "SELECT a.audit_id, o.id, o.name FROM audit_agencies a"
        " JOIN organisations o ON o.id = a.organisation_id ORDER BY lower(o.name), a.id"
    )


def training_courses(store: Store) -> list[Row]:
    return store.query("SELECT * FROM training_courses ORDER BY date DESC, course, id")


def training_attendance(store: Store) -> list[Row]:
    """Every course's attendance (course_id, attendees, id, name), the largest first."""
    return store.query(
        "SELECT t.course_id, t.attendees, o.id, o.name FROM training_attendance t"
        " JOIN organisations o ON o.id = t.organisation_id"
        " ORDER BY t.attendees DESC, lower(o.name), t.id"
    )


def child_rows(store: Store, table: str, key: str, parent_id: int) -> list[Row]:
    """The rows of *table* whose *key* column points at *parent_id*, in the order added
    (audit agencies, course attendance, report recipients: what undo puts back)."""
    return store.rows(table, f"{key} = ?", [parent_id], order_by="id")


# --------------------------------------------------------------------------- yearly report


def yearly_reports(store: Store) -> list[Row]:
    return store.query("SELECT * FROM yearly_reports ORDER BY year")


def yearly_report_recipients(store: Store) -> list[Row]:
    return store.query("SELECT * FROM yearly_report_recipients ORDER BY id")


def year_reported(store: Store, year: str, other_than: int | None) -> bool:
    """Whether another yearly report is for *year*."""
    sql = "SELECT id FROM yearly_reports WHERE year = ?"
    params: list[Any] = [year]
    if other_than is not None:
        sql += " AND id <> ?"
        params.append(other_than)
    return bool(store.query(sql, params))


# --------------------------------------------------------------------------- dispatch recipients


def dispatch_recipients(
    store: Store, document: str | None = None, *, active_only: bool = False
) -> list[Row]:
    """Who receives each kind of report: statutory recipients first, then by position."""
    where: list[str] = []
    params: list[Any] = []
    if document is not None:
        where.append("document = ?")
        params.append(document)
    if active_only:
        where.append("active = 1")
    return store.query(
        "SELECT * FROM dispatch_recipients"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY document, statutory DESC, position, id",
        params,
    )


def last_dispatch_position(store: Store) -> int:
    return int(store.scalar("SELECT coalesce(max(position), 0) FROM dispatch_recipients"))
