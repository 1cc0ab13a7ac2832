"""Risk registers: strategic, operational and a subgroup's own.

Each risk is scored 5 × 5 (likelihood × impact, 1–25) before controls (inherent) and after
(residual), with a target score and date. Its category carries the partnership's appetite: a
residual score above the category's threshold is above appetite. Reviews record a date, the
residual scores and a note; the trend is the direction of the score since the previous review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import add_months, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import plain_text
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.database import Row, Store

REGISTERS = ("strategic", "operational", "subgroup")
REGISTER_LABELS = {
    "strategic": "Strategic",
    "operational": "Operational",
    "subgroup": "Subgroup",
}
REFERENCE_PREFIX = {"strategic": "SR", "operational": "OR"}
STATUSES = ("open", "escalated", "tolerated", "closed")
LIVE_STATUSES = frozenset({"open", "escalated", "tolerated"})
TREND_UP, TREND_DOWN, TREND_LEVEL = "up", "down", "level"
LIKELIHOOD_LABELS = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
IMPACT_LABELS = ("Negligible", "Minor", "Moderate", "Major", "Severe")


def score_band(score: int) -> str:
    """The usual 5 × 5 bands: low 1–4, medium 5–9, high 10–15, very high 16–25."""
    if score >= 16:
        return "very high"
    if score >= 10:
        return "high"
    if score >= 5:
        return "medium"
    return "low"


def trend(scores: list[int]) -> str:
    """Direction of the latest score against the one before it (oldest first in *scores*).

    Fewer than two scores, or the same score: level. A higher score (worse): up. Lower: down.
    """
    if len(scores) < 2 or scores[-1] == scores[-2]:
        return TREND_LEVEL
    return TREND_UP if scores[-1] > scores[-2] else TREND_DOWN


# --------------------------------------------------------------------------- records


@dataclass
class Category:
    id: int
    name: str
    appetite: int
    statement: str = ""
    risk_count: int = 0


@dataclass(slots=True)
class Risk:
    id: int
    reference: str
    register: str
    body_id: int | None
    body: str
    title: str
    description: str
    cause: str
    consequence: str
    category_id: int
    category: str
    appetite: int
    owner_id: int | None
    owner: str
    priority_id: int | None
    priority: str
    inherent_likelihood: int
    inherent_impact: int
    controls: str
    residual_likelihood: int
    residual_impact: int
    target_score: int | None
    target_date: str | None
    status: str
    closure_note: str
    closed_date: str | None
    review_months: int
    next_review: str | None
    raised_date: str
    last_review: str | None
    review_count: int
    previous_score: int | None
    open_actions: int
    trend: str = TREND_LEVEL
    review_overdue: bool = False
    search_text: str = ""

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def above_appetite(self) -> bool:
        return self.status in LIVE_STATUSES and self.residual_score > self.appetite

    @property
    def register_label(self) -> str:
        if self.register == "subgroup":
            return f"{self.body} (subgroup)" if self.body else "Subgroup"
        return REGISTER_LABELS[self.register]


@dataclass(slots=True)
class RiskReview:
    id: int
    risk_id: int
    review_date: str
    likelihood: int
    impact: int
    reviewer_id: int | None
    reviewer: str
    note: str

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass
class HeatMap:
    """Counts of live risks per cell: ``counts[likelihood-1][impact-1]``; ``above`` counts
    those whose score in that cell is above their category's appetite."""

    which: str
    counts: list[list[int]] = field(default_factory=lambda: [[0] * 5 for _ in range(5)])
    above: list[list[int]] = field(default_factory=lambda: [[0] * 5 for _ in range(5)])

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts))


# --------------------------------------------------------------------------- loading

_RISK_SQL = """
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
    FROM risk_reviews) WHERE rn = 2
) prev ON prev.risk_id = r.id
LEFT JOIN (SELECT risk_id, count(*) AS n FROM actions
           WHERE risk_id IS NOT NULL AND status IN ('open', 'in progress', 'on hold')
           GROUP BY risk_id) oa ON oa.risk_id = r.id
"""


def _finish(rows: list[Row], today: dt.date) -> list[Risk]:
    day = today.isoformat()
    out = []
    for row in rows:
        r = Risk(**row)
        if r.previous_score is not None:
            r.trend = trend([r.previous_score, r.residual_score])
        r.review_overdue = (
            r.status in LIVE_STATUSES and bool(r.next_review) and (str(r.next_review) < day)
        )
        r.search_text = "\x1f".join(
            (r.reference, r.title, r.description, r.category, r.owner, r.status, r.body,
             r.priority, r.register)
        ).lower()  # fmt: skip
        out.append(r)
    return out


def list_risks(
    store: Store,
    *,
    register: str | None = None,
    body_id: int | None = None,
    include_closed: bool = True,
    today: dt.date | None = None,
) -> list[Risk]:
    """Risks of one register (or all), with category appetite, review dates and trend."""
    today = today or dt.date.today()
    where: list[str] = []
    params: list[Any] = []
    if register is not None:
        if register not in REGISTERS:
            raise ValidationError(
                f"'{register}' is not a register; use one of: {', '.join(REGISTERS)}.",
                "register",
            )
        where.append("r.register = ?")
        params.append(register)
    if body_id is not None:
        where.append("r.body_id = ?")
        params.append(body_id)
    if not include_closed:
        where.append("r.status != 'closed'")
    sql = _RISK_SQL + (" WHERE " + " AND ".join(where) if where else "")
    return _finish(store.query(sql + " ORDER BY r.register, r.reference", params), today)


def get_risk(store: Store, risk_id: int, today: dt.date | None = None) -> Risk:
    rows = store.query(_RISK_SQL + " WHERE r.id = ?", [risk_id])
    if not rows:
        store.require("risks", risk_id, "risk")
    return _finish(rows, today or dt.date.today())[0]


def list_reviews(store: Store, risk_id: int) -> list[RiskReview]:
    """A risk's reviews, oldest first."""
    rows = store.query(
        "SELECT v.id, v.risk_id, v.review_date, v.likelihood, v.impact, v.reviewer_id,"
        " coalesce(p.name, '') AS reviewer, v.note FROM risk_reviews v"
        " LEFT JOIN people p ON p.id = v.reviewer_id WHERE v.risk_id = ?"
        " ORDER BY v.review_date, v.id",
        [risk_id],
    )
    return [RiskReview(**r) for r in rows]


@dataclass(slots=True)
class RegisterReview:
    """A review with its risk's reference, for exports of a whole register."""

    reference: str
    review_date: str
    likelihood: int
    impact: int
    reviewer: str
    note: str

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


def list_all_reviews(
    store: Store, *, register: str | None = None, body_id: int | None = None
) -> list[RegisterReview]:
    """Every review of a register's risks (or all), by risk then date."""
    where: list[str] = []
    params: list[object] = []
    if register is not None:
        where.append("r.register = ?")
        params.append(register)
    if body_id is not None:
        where.append("r.body_id = ?")
        params.append(body_id)
    rows = store.query(
        "SELECT r.reference, v.review_date, v.likelihood, v.impact,"
        " coalesce(p.name, '') AS reviewer, v.note FROM risk_reviews v"
        " JOIN risks r ON r.id = v.risk_id LEFT JOIN people p ON p.id = v.reviewer_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY r.register, r.reference, v.review_date, v.id",
        params,
    )
    return [RegisterReview(**r) for r in rows]


def score_history(store: Store, risk_id: int) -> list[tuple[str, int]]:
    """(date, residual score) at each review, oldest first, for the score-over-time chart."""
    return [(v.review_date, v.score) for v in list_reviews(store, risk_id)]


def heat_map_counts(
    store: Store,
    register: str | None = None,
    which: str = "residual",
    *,
    body_id: int | None = None,
) -> HeatMap:
    """Live (not closed) risks per likelihood × impact cell, inherent or residual."""
    if which not in ("inherent", "residual"):
        raise ValueError(f"which must be 'inherent' or 'residual', not {which!r}")
    grid = HeatMap(which)
    for r in list_risks(store, register=register, body_id=body_id, include_closed=False):
        likelihood, impact = (
            (r.inherent_likelihood, r.inherent_impact)
            if which == "inherent"
            else (r.residual_likelihood, r.residual_impact)
        )
        grid.counts[likelihood - 1][impact - 1] += 1
        if likelihood * impact > r.appetite:
            grid.above[likelihood - 1][impact - 1] += 1
    return grid


def top_risks(
    store: Store, n: int = 5, *, register: str | None = None, body_id: int | None = None
) -> list[Risk]:
    """The *n* highest live risks by residual score, then inherent score, then reference."""
    risks = list_risks(store, register=register, body_id=body_id, include_closed=False)
    risks.sort(key=lambda r: (-r.residual_score, -r.inherent_score, r.reference))
    return risks[:n]


def overdue_for_review(
    store: Store, *, register: str | None = None, today: dt.date | None = None
) -> list[Risk]:
    """Live risks whose next review date has passed, most overdue first."""
    risks = [r for r in list_risks(store, register=register, today=today) if r.review_overdue]
    risks.sort(key=lambda r: (r.next_review or "", r.reference))
    return risks


# --------------------------------------------------------------------------- validation


def _score(values: dict[str, Any], key: str, label: str) -> int:
    value = values.get(key)
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"The {label} should be a whole number from 1 to 5.", key) from None
    if not 1 <= number <= 5:
        raise ValidationError(f"The {label} should be from 1 to 5, not {number}.", key)
    return number


def next_reference(store: Store, register: str, body_id: int | None) -> str:
    if register == "subgroup":
        code = store.require("bodies", body_id or 0, "body")["code"]
        prefix = f"{code}-R"
    else:
        prefix = REFERENCE_PREFIX[register] + "-"
    rows = store.query(
        "SELECT reference FROM risks WHERE reference LIKE ?", [prefix.replace("_", "\\_") + "%"]
    )
    numbers = [
        int(r["reference"][len(prefix) :]) for r in rows if r["reference"][len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


# --------------------------------------------------------------------------- saving


def save_risk(
    store: Store,
    values: dict[str, Any],
    record_id: int | None = None,
    *,
    on: dt.date | None = None,
    reference: str | None = None,
) -> int:
    """Add (``record_id=None``) or change a risk; returns its id. Closing needs a closure note.

    A new risk takes the register's next reference unless *reference* is given (an imported
    register keeping its own references); a reference already used is refused.
    """
    on = on or dt.date.today()
    title = " ".join(plain_text(values.get("title")).split())
    if not title:
        raise ValidationError("Enter the risk's title.", "title")
    register = plain_text(values.get("register")).strip().lower()
    if register not in REGISTERS:
        raise ValidationError(
            "Choose the register: strategic, operational or a subgroup's own.", "register"
        )
    body_id = optional_id(values, "body_id")
    if register == "subgroup" and body_id is None:
        raise ValidationError("Choose the subgroup whose register this risk is on.", "body_id")
    if register != "subgroup":
        body_id = None
    category_id = optional_id(values, "category_id")
    if category_id is None:
        raise ValidationError("Choose the risk's category.", "category_id")
    target = values.get("target_score")
    target_score: int | None = None
    if target not in (None, ""):
        try:
            target_score = int(str(target).strip())
        except ValueError:
            raise ValidationError(
                "The target score should be a whole number from 1 to 25.", "target_score"
            ) from None
        if not 1 <= target_score <= 25:
            raise ValidationError(
                f"The target score should be from 1 to 25, not {target_score}.", "target_score"
            )
    target_date = values.get("target_date")
    try:
        months_value = values.get("review_months")
        review_months = 3 if months_value in (None, "") else int(str(months_value).strip())
    except ValueError:
        raise ValidationError(
            "The review frequency should be a whole number of months.", "review_months"
        ) from None
    if not 1 <= review_months <= 12:
        raise ValidationError(
            "The review frequency should be from 1 to 12 months.", "review_months"
        )
    raised = parse_date(values.get("raised_date") or on, "date raised")
    status = plain_text(values.get("status") or "open").strip().lower()
    if status not in STATUSES:
        raise ValidationError(
            f"'{status}' is not a risk status; choose one of: {', '.join(STATUSES)}.", "status"
        )
    closure_note = plain_text(values.get("closure_note")).strip()
    if status == "closed" and not closure_note:
        raise ValidationError(
            "Say why the risk is being closed: a closure note is needed to close a risk.",
            "closure_note",
        )
    next_review_value = values.get("next_review")
    next_review = (
        parse_date(next_review_value, "next review date")
        if next_review_value
        else add_months(raised, review_months)
    )
    clean: dict[str, Any] = {
        "register": register,
        "body_id": body_id,
        "title": title,
        "description": plain_text(values.get("description")).strip(),
        "cause": plain_text(values.get("cause")).strip(),
        "consequence": plain_text(values.get("consequence")).strip(),
        "category_id": category_id,
        "owner_id": optional_id(values, "owner_id"),
        "priority_id": optional_id(values, "priority_id"),
        "inherent_likelihood": _score(values, "inherent_likelihood", "inherent likelihood"),
        "inherent_impact": _score(values, "inherent_impact", "inherent impact"),
        "controls": plain_text(values.get("controls")).strip(),
        "residual_likelihood": _score(values, "residual_likelihood", "residual likelihood"),
        "residual_impact": _score(values, "residual_impact", "residual impact"),
        "target_score": target_score,
        "target_date": parse_date(target_date, "target date").isoformat() if target_date else None,
        "status": status,
        "closure_note": closure_note if status == "closed" else "",
        "review_months": review_months,
        "next_review": next_review.isoformat(),
        "raised_date": raised.isoformat(),
    }
    if clean["target_date"] and clean["target_date"] < clean["raised_date"]:
        raise ValidationError(
            f"The target date ({uk(clean['target_date'])}) is before the date raised "
            f"({uk(raised)}).",
            "target_date",
        )
    with store.transaction():
        store.require("risk_categories", category_id, "risk category")
        if body_id is not None:
            store.require("bodies", body_id, "body")
        for key, table in (("owner_id", "people"), ("priority_id", "priorities")):
            if clean[key] is not None:
                store.require(table, clean[key])
        if record_id is None:
            wanted = " ".join(plain_text(reference).split())
            if wanted and store.count("risks", "reference = ?", [wanted]):
                raise ValidationError(
                    f"The reference {wanted} is already used by another risk.", "reference"
                )
            clean["reference"] = wanted or next_reference(store, register, body_id)
            clean["closed_date"] = on.isoformat() if status == "closed" else None
            return store.insert("risks", clean)
        current = store.require("risks", record_id, "risk")
        if status == "closed" and current["status"] != "closed":
            clean["closed_date"] = on.isoformat()
        elif status != "closed":
            clean["closed_date"] = None
        store.update("risks", record_id, clean)
        return record_id


def close_risk(store: Store, risk_id: int, note: str, *, on: dt.date | None = None) -> None:
    """Close a risk; the closure note says why and is required."""
    if not plain_text(note).strip():
        raise ValidationError(
            "Say why the risk is being closed: a closure note is needed to close a risk.",
            "closure_note",
        )
    on = on or dt.date.today()
    store.update(
        "risks",
        risk_id,
        {
            "status": "closed",
            "closure_note": plain_text(note).strip(),
            "closed_date": on.isoformat(),
        },
    )


def record_review(
    store: Store,
    risk_id: int,
    values: dict[str, Any],
    *,
    on: dt.date | None = None,
) -> int:
    """Record a review: date, residual likelihood and impact, note. Updates the risk's residual
    scores (if this is its latest review) and its next review date."""
    day = parse_date(values.get("review_date") or on or dt.date.today(), "review date")
    likelihood = _score(values, "likelihood", "likelihood")
    impact = _score(values, "impact", "impact")
    note = plain_text(values.get("note")).strip()
    if not note:
        raise ValidationError("Write a note of what the review found.", "note")
    reviewer = optional_id(values, "reviewer_id")
    with store.transaction():
        risk = store.require("risks", risk_id, "risk")
        if risk["status"] == "closed":
            raise ValidationError(
                f"{risk['reference']} is closed; reopen it before recording a review.", "status"
            )
        if day.isoformat() < risk["raised_date"]:
            raise ValidationError(
                f"The review date ({uk(day)}) is before the risk was raised "
                f"({uk(risk['raised_date'])}).",
                "review_date",
            )
        if reviewer is not None:
            store.require("people", reviewer, "person")
        review_id = store.insert(
            "risk_reviews",
            {
                "risk_id": risk_id,
                "review_date": day.isoformat(),
                "likelihood": likelihood,
                "impact": impact,
                "reviewer_id": reviewer,
                "note": note,
            },
        )
        latest = store.scalar(
            "SELECT max(review_date) FROM risk_reviews WHERE risk_id = ?", [risk_id]
        )
        if latest == day.isoformat():
            store.update(
                "risks",
                risk_id,
                {
                    "residual_likelihood": likelihood,
                    "residual_impact": impact,
                    "next_review": add_months(day, int(risk["review_months"])).isoformat(),
                },
            )
        return review_id


def risk_history(store: Store, risk_id: int) -> list[AuditEntry]:
    """Every recorded change to a risk and its reviews, oldest first."""
    entries = list(store.history("risks", risk_id))
    for review in store.rows("risk_reviews", "risk_id = ?", [risk_id]):
        entries += store.history("risk_reviews", int(review["id"]))
    entries.sort(key=lambda e: e.at)
    return entries


def delete_risk(store: Store, risk_id: int) -> Row:
    with store.transaction():
        risk = store.require("risks", risk_id, "risk")
        linked = store.count("actions", "risk_id = ?", [risk_id])
        reviews = store.count("risk_reviews", "risk_id = ?", [risk_id])
        if linked or reviews:
            raise ValidationError(
                f"{risk['reference']} has {reviews} review(s) and {linked} linked action(s), so "
                "it cannot be deleted. Close it with a closure note instead.",
                "risk",
            )
        return store.delete("risks", risk_id)


# --------------------------------------------------------------------------- categories


def list_categories(store: Store) -> list[Category]:
    rows = store.query(
        "SELECT c.*, (SELECT count(*) FROM risks r WHERE r.category_id = c.id) AS risk_count"
        " FROM risk_categories c ORDER BY c.name"
    )
    return [Category(**r) for r in rows]


def save_category(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    name = " ".join(plain_text(values.get("name")).split())
    if not name:
        raise ValidationError("Enter the category's name.", "name")
    try:
        appetite = int(plain_text(values.get("appetite")).strip())
    except ValueError:
        raise ValidationError(
            "The appetite threshold should be a score from 1 to 25.", "appetite"
        ) from None
    if not 1 <= appetite <= 25:
        raise ValidationError(
            f"The appetite threshold should be from 1 to 25, not {appetite}.", "appetite"
        )
    clean = {"name": name, "appetite": appetite, "statement": plain_text(values.get("statement"))}
    with store.transaction():
        for other in list_categories(store):
            if other.id != record_id and other.name.lower() == name.lower():
                raise ValidationError(f"There is already a category called {other.name}.", "name")
        if record_id is None:
            return store.insert("risk_categories", clean)
        store.update("risk_categories", record_id, clean)
        return record_id


def delete_category(store: Store, category_id: int) -> Row:
    with store.transaction():
        used = store.count("risks", "category_id = ?", [category_id])
        if used:
            raise ValidationError(
                f"{used} risk(s) are in this category, so it cannot be deleted.", "category"
            )
        return store.delete("risk_categories", category_id)
