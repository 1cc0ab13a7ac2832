"""A review's recommendations, numbered per review, and the actions raised from them in the
action log, linked both ways (an audit's actions are linked the same way)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.actions.rag import rag as action_rag
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.core.dates import iso, optional_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import remove_record, restore_record, revert_record
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.records import RECOMMENDATION_STATUSES, Recommendation
from lscp_desktop.models.reviews.register import get_review
from lscp_desktop.models.store.database import Row, Store


def list_recommendations(store: Store, review_id: int | None = None) -> list[Recommendation]:
    return [Recommendation.from_row(r) for r in queries.recommendations(store, review_id)]


def save_recommendation(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    text = str(values.get("text") or "").strip()
    if not text:
        raise ValidationError("Enter the recommendation.", "text")
    status = str(values.get("status") or "open")
    if status not in RECOMMENDATION_STATUSES:
        raise ValidationError(f"Choose a status: {', '.join(RECOMMENDATION_STATUSES)}.", "status")
    owner = values.get("owner_organisation_id")
    clean: dict[str, Any] = {
        "text": text,
        "status": status,
        "owner_organisation_id": int(owner) if owner else None,
        "target_date": iso(optional_date(values.get("target_date"), "target date")),
        "notes": str(values.get("notes") or "").strip(),
    }
    with store.transaction():
        if record_id is None:
            review_id = int(values.get("review_id") or 0)
            get_review(store, review_id)
            clean["review_id"] = review_id
            clean["number"] = 1 + queries.last_recommendation_number(store, review_id)
            return store.insert("review_recommendations", clean)
        store.update("review_recommendations", record_id, clean)
        return record_id


def delete_recommendation(store: Store, recommendation_id: int) -> Row:
    with store.transaction():
        linked = linked_actions(store, recommendation_id=recommendation_id)
        if linked:
            refs = ", ".join(a.reference for a in linked)
            raise ValidationError(
                f"This recommendation has actions in the action log ({refs}), so it cannot be "
                "deleted. Mark it 'not accepted' instead, or delete those actions first.",
                "actions",
            )
        return store.delete("review_recommendations", recommendation_id)


# --------------------------------------------------------------------------- links to actions


@dataclass(frozen=True)
class LinkedAction:
    """An action in the action log raised from a recommendation (or an audit)."""

    id: int
    reference: str
    title: str
    status: str
    due_date: str
    owner: str
    recommendation_id: int | None
    audit_id: int | None

    def rag(self, today: dt.date, amber_days: int) -> str:
        return action_rag(self, today, amber_days)

    def summary(self, today: dt.date) -> str:
        late = (
            self.status in ("open", "in progress", "on hold") and self.due_date < today.isoformat()
        )
        return f"{self.reference} {self.status}" + (
            f", overdue since {uk(self.due_date)}" if late else ""
        )


def linked_actions(
    store: Store,
    *,
    review_id: int | None = None,
    recommendation_id: int | None = None,
    audit_id: int | None = None,
) -> list[LinkedAction]:
    """Actions raised from a review's recommendations, one recommendation, or an audit."""
    rows = queries.linked_actions(
        store, review_id=review_id, recommendation_id=recommendation_id, audit_id=audit_id
    )
    return [LinkedAction(**r) for r in rows]


def raise_action(
    store: Store,
    recommendation_id: int,
    *,
    body_id: int | None,
    due_date: str | dt.date | None,
    owner_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Put a recommendation into the action log of *body_id*, linked both ways: the action
    names the review and recommendation as its source, and the recommendation lists the action
    (and shows its progress). A recommendation still 'open' becomes 'in progress'."""
    today = today or dt.date.today()
    row = queries.recommendation(store, recommendation_id)
    if row is None:
        store.require("review_recommendations", recommendation_id, "recommendation")
        raise AssertionError  # pragma: no cover - require raised
    rec = Recommendation.from_row(row)
    text = " ".join(rec.text.split())
    title = text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "…"
    values = {
        "body_id": body_id,
        "title": title,
        "detail": text,
        "source": "practice review",
        "source_note": f"{rec.reference} recommendation {rec.number}",
        "owner_id": owner_id,
        "organisation_id": rec.owner_organisation_id,
        "raised_date": today.isoformat(),
        "due_date": due_date or rec.target_date,
        "status": "open",
    }
    with store.transaction():
        action_id = save_action(store, values, allow_owner_left=True, on=today)
        store.update("actions", action_id, {"recommendation_id": recommendation_id})
        if rec.status == "open":
            store.update("review_recommendations", recommendation_id, {"status": "in progress"})
    return action_id


def source_of_action(store: Store, action_id: int) -> tuple[str, int] | None:
    """Where an action came from in this domain: ("reviews", review id) for a recommendation,
    ("reviews:audits", audit id) for an audit; None otherwise (the link back from the log)."""
    row = queries.action_source(store, action_id)
    if row is None:
        return None
    if row["review_id"] is not None:
        return "reviews", int(row["review_id"])
    if row["audit_id"] is not None:
        return "reviews:audits", int(row["audit_id"])
    return None


def withdraw_raised_action(
    store: Store, action_id: int, recommendation_id: int, *, status: str, was: str
) -> Row:
    """Undo :func:`raise_action`: take the action out of the log and put the recommendation's
    status back to *status* (it must still be *was*), in one transaction; returns the action's
    row for :func:`reinstate_raised_action`."""
    with store.transaction():
        row = remove_record(store, "actions", action_id)
        _revert_status(store, recommendation_id, status, was)
    return row


def reinstate_raised_action(
    store: Store, action_row: Row, recommendation_id: int, *, status: str, was: str
) -> None:
    """Redo :func:`raise_action` after :func:`withdraw_raised_action`: the same action back
    with its id, and the recommendation's status set to *status* again."""
    with store.transaction():
        restore_record(store, "actions", action_row)
        _revert_status(store, recommendation_id, status, was)


def _revert_status(store: Store, recommendation_id: int, status: str, was: str) -> None:
    revert_record(
        store,
        "review_recommendations",
        recommendation_id,
        {"status": status},
        expected={"status": was},
    )
