"""The SQL of the risk registers, and the only SQL text in this area: risks with their
categories, reviews and open actions, and the categories with their appetite.

Each function takes the store and plain values and returns rows, a scalar or a count.
Writes go through the store's audited ``insert``/``update``/``delete``, not through here.
"""

from __future__ import annotations

from lscp_desktop.models.store.database import Row, Store

#: Every column of :class:`~lscp_desktop.models.risks.records.Risk` that the database holds:
#: the risk with its category's appetite, body, owner and priority names, its last review date
#: and number of reviews, the score at the review before the latest, and its open actions.
_RISK = """
SELECT r.id, r.reference, r.register, r.body_id, coalesce(b.name, '') AS body, r.title,
  r.description, r.cause, r.consequence, r.category_id, c.name AS category, c.appetite,
  r.owner_id, coalesce(p.name, '') AS owner, r.priority_id, coalesce(pr.name, '') AS priority,
  r.inherent_likelihood, r.inherent_impact, r.controls, r.residual_likelihood,
  r.residual_impact, r.target_score, r.target_date, r.status, r.closure_note, r.closed_date,
  r.review_months, r.next_review, r.raised_date,
  rv.last_review, coalesce(rv.n, 0) AS review_count, prev.score AS previous_score,
  coalesce(oa.n, 0) AS open_actions
FROM risks r
JOIN risk_categories c ON c.id = r.category_id
LEFT JOIN bodies b ON b.id = r.body_id
LEFT JOIN people p ON p.id = r.owner_id
LEFT JOIN priorities pr ON pr.id = r.priority_id
LEFT JOIN (SELECT risk_id, max(review_date) AS last_review, count(*) AS n
           FROM risk_reviews GROUP BY risk_id) rv ON rv.risk_id = r.id
LEFT JOIN (
  SELECT risk_id, likelihood * impact AS score FROM (
    SELECT risk_id, likelihood, impact,
      row_number() OVER (PARTITION BY risk_id ORDER BY review_date DESC, id DESC) AS rn
    FROM risk_reviews) ranked WHERE rn = 2
) prev ON prev.risk_id = r.id
LEFT JOIN (SELECT risk_id, count(*) AS n FROM actions
           WHERE risk_id IS NOT NULL AND status IN ('open', 'in progress', 'on hold')
           GROUP BY risk_id) oa ON oa.risk_id = r.id
"""


def _register_filter(register: str | None, body_id: int | None) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if register is not None:
        where.append("r.register = ?")
        params.append(register)
    if body_id is not None:
        where.append("r.body_id = ?")
        params.append(body_id)
    return where, params


def risks(
    store: Store,
    *,
    register: str | None = None,
    body_id: int | None = None,
    include_closed: bool = True,
) -> list[Row]:
    """Risks of one register (or all; or one body's), by register then reference."""
    where, params = _register_filter(register, body_id)
    if not include_closed:
        where.append("r.status != 'closed'")
    sql = _RISK + (" WHERE " + " AND ".join(where) if where else "")
    return store.query(sql + " ORDER BY r.register, lower(r.reference)", params)


def risk_by_id(store: Store, risk_id: int) -> list[Row]:
    """The one risk with *risk_id* (an empty list if there is none)."""
    return store.query(_RISK + " WHERE r.id = ?", [risk_id])


def references_starting(store: Store, prefix: str) -> list[str]:
    """References of risks that start with *prefix*, ignoring case (SQLite's LIKE ignores ASCII
    case and PostgreSQL's does not, so both sides are lowered)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = store.query(
        "SELECT reference FROM risks WHERE lower(reference) LIKE lower(?) ESCAPE '\\'",
        [escaped + "%"],
    )
    return [str(r["reference"]) for r in rows]


def reference_used(store: Store, reference: str) -> bool:
    """Whether a risk has *reference*, ignoring case (as the column's unique index does)."""
    return store.count("risks", "lower(reference) = lower(?)", [reference]) > 0


def actions_linked(store: Store, risk_id: int) -> int:
    """How many actions (in any status) come from the risk."""
    return store.count("actions", "risk_id = ?", [risk_id])


# --------------------------------------------------------------------------- reviews


def reviews_of_risk(store: Store, risk_id: int) -> list[Row]:
    """A risk's reviews with their reviewers' names, oldest first."""
    return store.query(
        "SELECT v.id, v.risk_id, v.review_date, v.likelihood, v.impact, v.reviewer_id,"
        " coalesce(p.name, '') AS reviewer, v.note FROM risk_reviews v"
        " LEFT JOIN people p ON p.id = v.reviewer_id WHERE v.risk_id = ?"
        " ORDER BY v.review_date, v.id",
        [risk_id],
    )


def reviews_of_register(store: Store, register: str | None, body_id: int | None) -> list[Row]:
    """Every review of a register's risks (or all) with its risk's reference, by risk then
    date."""
    where, params = _register_filter(register, body_id)
    return store.query(
        "SELECT r.reference, v.review_date, v.likelihood, v.impact,"
        " coalesce(p.name, '') AS reviewer, v.note FROM risk_reviews v"
        " JOIN risks r ON r.id = v.risk_id LEFT JOIN people p ON p.id = v.reviewer_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY r.register, lower(r.reference), v.review_date, v.id",
        params,
    )


def review_scores(store: Store, register: str | None, body_id: int | None) -> list[Row]:
    """risk_id, review_date, likelihood and impact of every review of a register's risks (or
    all), by risk then date."""
    where, params = _register_filter(register, body_id)
    return store.query(
        "SELECT v.risk_id, v.review_date, v.likelihood, v.impact FROM risk_reviews v"
        " JOIN risks r ON r.id = v.risk_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY v.risk_id, v.review_date, v.id",
        params,
    )


def review_ids(store: Store, risk_id: int) -> list[int]:
    """The ids of a risk's reviews."""
    return [int(r["id"]) for r in store.rows("risk_reviews", "risk_id = ?", [risk_id])]


def review_count(store: Store, risk_id: int) -> int:
    return store.count("risk_reviews", "risk_id = ?", [risk_id])


def latest_review_date(store: Store, risk_id: int) -> str | None:
    value = store.scalar("SELECT max(review_date) FROM risk_reviews WHERE risk_id = ?", [risk_id])
    return str(value) if value is not None else None


# --------------------------------------------------------------------------- categories


def categories(store: Store) -> list[Row]:
    """Risk categories with how many risks each has, by name."""
    return store.query(
        "SELECT c.*, (SELECT count(*) FROM risks r WHERE r.category_id = c.id) AS risk_count"
        " FROM risk_categories c ORDER BY lower(c.name)"
    )


def risks_in_category(store: Store, category_id: int) -> int:
    return store.count("risks", "category_id = ?", [category_id])


def category_ids_by_name(store: Store) -> dict[str, int]:
    return {r["name"]: int(r["id"]) for r in store.query("SELECT id, name FROM risk_categories")}
