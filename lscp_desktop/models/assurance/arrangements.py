"""The published arrangements as a register: each document (the arrangements themselves, the
thresholds document, the escalation protocol, terms of reference) with when it was published,
implemented and approved, and when it is next reviewed.

Seed 003 published its arrangements on 28/06/2019, implemented them on 29/09/2019 and reviews
them every year, the thresholds document every two years; seed 000's timetable notifies the
Secretary of State on publication. Home and the deadlines list warn ahead of each review
(``arrangements_notice_days``), and the first implementation starts the yearly report's cycle.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.assurance import queries
from lscp_desktop.models.assurance.records import (
    DEFAULT_REVIEW_MONTHS,
    DOCUMENT_KINDS,
    ArrangementDocument,
)
from lscp_desktop.models.core.dates import iso, optional_date, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.store.database import Row, Store

MAX_TITLE = 200
_DATES = {
    "published_date": "publication date",
    "implemented_date": "implementation date",
    "sos_notified_date": "date the Secretary of State was notified",
    "last_reviewed_date": "date of the last review",
    "review_date": "date of the next review",
    "withdrawn_date": "date it was withdrawn",
}
#: (earlier, later): the later date may not come before the earlier one.
_ORDER = (
    ("published_date", "implemented_date"),
    ("published_date", "last_reviewed_date"),
    ("published_date", "withdrawn_date"),
    ("published_date", "sos_notified_date"),
)


def list_documents(store: Store, *, current_only: bool = False) -> list[ArrangementDocument]:
    docs = [ArrangementDocument.from_row(r) for r in queries.documents(store)]
    return [d for d in docs if d.is_current] if current_only else docs


def default_review_months(kind: str) -> int:
    return DEFAULT_REVIEW_MONTHS.get(kind, 12)


def _clean(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    kind = str(values.get("kind") or "").strip()
    if kind not in DOCUMENT_KINDS:
        raise ValidationError(f"Choose the kind of document: {', '.join(DOCUMENT_KINDS)}.", "kind")
    title = " ".join(as_text(values.get("title")).split())
    if not title:
        raise ValidationError("Enter the document's title.", "title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"Keep the title to {MAX_TITLE} characters or fewer.", "title")
    raw_months = values.get("review_months")
    try:
        months = int(str(raw_months).strip()) if raw_months not in (None, "") else (
            default_review_months(kind)
        )  # fmt: skip
    except ValueError:
        raise ValidationError(
            "Enter the review period as a number of months.", "review_months"
        ) from None
    if not 1 <= months <= 60:
        raise ValidationError("Review it every 1 to 60 months.", "review_months")
    body_id = optional_id(values, "body_id")
    if body_id is not None:
        store.require("bodies", body_id, "body")
    clean: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "body_id": body_id,
        "review_months": months,
    }
    for key in ("version", "approved_by", "link", "notes"):
        clean[key] = as_text(values.get(key)).strip()
    for key, label in _DATES.items():
        clean[key] = iso(optional_date(values.get(key), label))
    for earlier, later in _ORDER:
        a, b = clean[earlier], clean[later]
        if a and b and b < a:
            raise ValidationError(
                f"The {_DATES[later]} ({uk(b)}) is before the {_DATES[earlier]} ({uk(a)}).", later
            )
    return clean


def save_document(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    with store.transaction():
        clean = _clean(store, values)
        if record_id is None:
            return store.insert("arrangement_documents", clean)
        store.update("arrangement_documents", record_id, clean)
        return record_id


def record_review(store: Store, document_id: int, reviewed: str | dt.date) -> None:
    """The document was reviewed on *reviewed*: its next review counts from then (a review date
    set by hand is cleared)."""
    day = parse_date(reviewed, "date of the review")
    with store.transaction():
        doc = ArrangementDocument.from_row(
            store.require("arrangement_documents", document_id, "document")
        )
        since = doc.published_date
        if since and day.isoformat() < since:
            raise ValidationError(
                f"The review ({uk(day)}) is before the document was published ({uk(since)}).",
                "last_reviewed_date",
            )
        store.update(
            "arrangement_documents",
            document_id,
            {"last_reviewed_date": day.isoformat(), "review_date": None},
        )


def delete_document(store: Store, document_id: int) -> Row:
    return store.delete("arrangement_documents", document_id)


def reviews_due(
    store: Store, today: dt.date, notice_days: int
) -> list[tuple[ArrangementDocument, str]]:
    """Current documents whose review falls due within *notice_days* of *today*, or is overdue:
    (document, due date), the soonest first."""
    horizon = (today + dt.timedelta(days=notice_days)).isoformat()
    out = [(d, d.review_due) for d in list_documents(store, current_only=True)]
    due = [(d, when) for d, when in out if when is not None and when <= horizon]
    return sorted(due, key=lambda pair: (pair[1], pair[0].title))


def first_implementation(store: Store) -> str | None:
    """When the arrangements were first implemented: the yearly report's first cycle starts."""
    return queries.first_implementation(store)


def _check(store: Store, row: Row, record_id: int) -> object:
    return _clean(store, row)


register("arrangement_documents", check=_check)
