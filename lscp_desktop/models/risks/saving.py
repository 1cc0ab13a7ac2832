"""Adding, changing, closing and deleting risks: references per register, scores from 1 to 5,
a target and review frequency, a closure note to close; and a risk's history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import add_months, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.risks import queries as q
from lscp_desktop.models.risks.records import REFERENCE_PREFIX, REGISTERS, STATUSES
from lscp_desktop.models.risks.scoring import checked_score
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.database import Row, Store


def next_reference(store: Store, register: str, body_id: int | None) -> str:
    if register == "subgroup":
        code = store.require("bodies", body_id or 0, "body")["code"]
        prefix = f"{code}-R"
    else:
        prefix = REFERENCE_PREFIX[register] + "-"
    numbers = [
        int(ref[len(prefix) :])
        for ref in q.references_starting(store, prefix)
        if ref[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


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
    title = " ".join(as_text(values.get("title")).split())
    if not title:
        raise ValidationError("Enter the risk's title.", "title")
    register = as_text(values.get("register")).strip().lower()
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
    status = as_text(values.get("status") or "open").strip().lower()
    if status not in STATUSES:
        raise ValidationError(
            f"'{status}' is not a risk status; choose one of: {', '.join(STATUSES)}.", "status"
        )
    closure_note = as_text(values.get("closure_note")).strip()
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
        "description": as_text(values.get("description")).strip(),
        "cause": as_text(values.get("cause")).strip(),
        "consequence": as_text(values.get("consequence")).strip(),
        "category_id": category_id,
        "owner_id": optional_id(values, "owner_id"),
        "priority_id": optional_id(values, "priority_id"),
        "inherent_likelihood": checked_score(values, "inherent_likelihood", "inherent likelihood"),
        "inherent_impact": checked_score(values, "inherent_impact", "inherent impact"),
        "controls": as_text(values.get("controls")).strip(),
        "residual_likelihood": checked_score(values, "residual_likelihood", "residual likelihood"),
        "residual_impact": checked_score(values, "residual_impact", "residual impact"),
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
            wanted = " ".join(as_text(reference).split())
            if wanted and q.reference_used(store, wanted):
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
    if not as_text(note).strip():
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
            "closure_note": as_text(note).strip(),
            "closed_date": on.isoformat(),
        },
    )


def delete_risk(store: Store, risk_id: int) -> Row:
    """Delete a risk entered by mistake; returns the deleted row (for undo). A risk with
    reviews or linked actions is refused: close it with a closure note instead."""
    with store.transaction():
        risk = store.require("risks", risk_id, "risk")
        linked = q.actions_linked(store, risk_id)
        reviews = q.review_count(store, risk_id)
        if linked or reviews:
            raise ValidationError(
                f"{risk['reference']} has {reviews} review(s) and {linked} linked action(s), so "
                "it cannot be deleted. Close it with a closure note instead.",
                "risk",
            )
        return store.delete("risks", risk_id)


def risk_history(store: Store, risk_id: int) -> list[AuditEntry]:
    """Every recorded change to a risk and its reviews, oldest first."""
    entries = list(store.history("risks", risk_id))
    for review_id in q.review_ids(store, risk_id):
        entries += store.history("risk_reviews", review_id)
    entries.sort(key=lambda e: e.at)
    return entries


#: A risk deleted by mistake comes back whole on undo (it had no reviews or actions to restore).
RESTORERS["risks"] = None
