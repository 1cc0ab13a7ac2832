"""The risk forms: a risk's fields and values, a review, a closure, the categories register, and
the starting values of a new risk or of an action raised from one."""

from __future__ import annotations

import dataclasses
from typing import Any

from lscp_desktop.models.actions.priorities import list_priorities
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.risks.categories import delete_category, list_categories, save_category
from lscp_desktop.models.risks.records import REGISTERS, STATUSES, Category, Risk
from lscp_desktop.models.risks.saving import close_risk
from lscp_desktop.ui.forms import Field
from lscp_desktop.ui.pages.risks.columns import category_columns
from lscp_desktop.ui.register_view import RegisterSpec

SCORES = ("1", "2", "3", "4", "5")


def _people(store: Any) -> list[tuple[str, object]]:
    return [(p.name, p.id) for p in list_people(store, active_only=True)]


def risk_fields(store: Any) -> list[Field]:
    subgroups = [(f"{b.code}: {b.name}", b.id) for b in list_bodies(store)]
    return [
        Field("register", "Register", "choice", choices=REGISTERS),
        Field("body_id", "Subgroup (its own register)", "ref", options=lambda: subgroups),
        Field("title", "Risk", optional=False),
        Field("description", "Description", "multiline"),
        Field("cause", "Cause"),
        Field("consequence", "Consequence"),
        Field(
            "category_id",
            "Category",
            "ref",
            options=lambda: [(c.name, c.id) for c in list_categories(store)],
            optional=False,
        ),
        Field("owner_id", "Owner", "ref", options=lambda: _people(store)),
        Field(
            "priority_id",
            "Related priority",
            "ref",
            options=lambda: [(p.name, p.id) for p in list_priorities(store, active_only=True)],
        ),
        Field("inherent_likelihood", "Inherent likelihood (1–5)", "choice", choices=SCORES),
        Field("inherent_impact", "Inherent impact (1–5)", "choice", choices=SCORES),
        Field("controls", "Existing controls", "multiline"),
        Field("residual_likelihood", "Residual likelihood (1–5)", "choice", choices=SCORES),
        Field("residual_impact", "Residual impact (1–5)", "choice", choices=SCORES),
        Field("target_score", "Target score (1–25)"),
        Field("target_date", "Target date", "date"),
        Field("review_months", "Review every (months)"),
        Field("next_review", "Next review", "date"),
        Field("raised_date", "Raised", "date", optional=False),
        Field("status", "Status", "choice", choices=STATUSES),
        Field("closure_note", "Closure note", "multiline", placeholder="needed to close"),
    ]


def risk_values(r: Risk) -> dict[str, Any]:
    values = {f.name: getattr(r, f.name) for f in dataclasses.fields(r)}
    for key in ("inherent_likelihood", "inherent_impact", "residual_likelihood",
                "residual_impact"):  # fmt: skip
        values[key] = str(values[key])
    values["target_score"] = "" if r.target_score is None else str(r.target_score)
    values["review_months"] = str(r.review_months)
    return values


def new_risk_values(register: str | None, body_id: int | None) -> dict[str, Any]:
    """A new risk on the register being shown (strategic when all are shown)."""
    import datetime as dt

    return {
        "register": register or "strategic",
        "body_id": body_id,
        "raised_date": dt.date.today().isoformat(),
        "status": "open",
        "review_months": "3",
        "inherent_likelihood": "3",
        "inherent_impact": "3",
        "residual_likelihood": "2",
        "residual_impact": "3",
    }


def review_fields(store: Any) -> list[Field]:
    return [
        Field("review_date", "Review date", "date", optional=False),
        Field("likelihood", "Residual likelihood (1–5)", "choice", choices=SCORES),
        Field("impact", "Residual impact (1–5)", "choice", choices=SCORES),
        Field("reviewer_id", "Reviewed by", "ref", options=lambda: _people(store)),
        Field("note", "What the review found", "multiline", optional=False),
    ]


def review_values(r: Risk) -> dict[str, Any]:
    """A review today, starting from the risk's residual scores, by its owner."""
    import datetime as dt

    return {
        "review_date": dt.date.today().isoformat(),
        "likelihood": str(r.residual_likelihood),
        "impact": str(r.residual_impact),
        "reviewer_id": r.owner_id,
    }


def close_fields() -> list[Field]:
    return [Field("closure_note", "Why it can be closed", "multiline", optional=False)]


def close(store: Any, risk_id: int, note: str) -> int:
    close_risk(store, risk_id, note)
    return risk_id


def linked_action_values(r: Risk, body_id: int) -> dict[str, Any]:
    """An action raised from a risk: its owner and priority, due in eight weeks."""
    import datetime as dt

    today = dt.date.today()
    return {
        "body_id": body_id,
        "source": "risk",
        "risk_id": r.id,
        "owner_id": r.owner_id,
        "priority_id": r.priority_id,
        "raised_date": today.isoformat(),
        "due_date": (today + dt.timedelta(days=56)).isoformat(),
        "status": "open",
    }


def category_spec() -> RegisterSpec[Category]:
    return RegisterSpec(
        noun="category",
        plural="categories",
        table="risk_categories",
        columns=category_columns(),
        load=lambda s: list_categories(s),
        fields=lambda s: [
            Field("name", "Category", optional=False),
            Field("appetite", "Appetite: highest acceptable score (1–25)", optional=False),
            Field("statement", "Appetite statement", "multiline"),
        ],
        values_of=lambda c: {**vars(c), "appetite": str(c.appetite)},
        save=save_category,
        delete=delete_category,
        title_of=lambda c: c.name,
        new_values=lambda: {"appetite": "12"},
    )
