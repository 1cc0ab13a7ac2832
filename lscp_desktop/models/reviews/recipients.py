"""Who receives a practice review's final report and the yearly report, and by when: data the
business manager can edit, with defaults from Working Together 2023 as published.

The statutory recipients (the national Panel, the Secretary of State and Ofsted for a review
report; the Panel and the What Works centre, now Foundations, for the yearly report) keep their
rule and citation, and can be renamed but not removed. The partnership's own recipients of the
yearly report (the boards of seed 000, paragraph 74) can be added, changed and removed; each
new yearly report starts with them.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import as_text, is_email
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.records import DISPATCH_DAYS, DispatchRecipient
from lscp_desktop.models.store.database import Row, Store

DOCUMENTS = ("review report", "yearly report")
#: The statutory roles and the wording used for them when no name is stored.
ROLE_NAMES = {
    ("review report", "panel"): "the national Panel",
    ("review report", "secretary of state"): "the Secretary of State",
    ("review report", "ofsted"): "Ofsted",
    ("yearly report", "panel"): "the national Panel",
    ("yearly report", "what works"): "the What Works body",
}
#: The review report's copies, in the order the timeline shows them: (role, name, working days
#: before publication). What :class:`~.milestones.ClockRules` uses when no store is read.
DEFAULT_REPORT_COPIES: tuple[tuple[str, str, int], ...] = (
    ("panel", "Child Safeguarding Practice Review Panel", 7),
    ("secretary of state", "Secretary of State for Education", 7),
    ("ofsted", "Ofsted", 7),
)
MAX_NAME = 120


def list_dispatch_recipients(
    store: Store, document: str | None = None, *, active_only: bool = False
) -> list[DispatchRecipient]:
    return [
        DispatchRecipient.from_row(r)
        for r in queries.dispatch_recipients(store, document, active_only=active_only)
    ]


def recipient_name(store: Store, document: str, role: str) -> str:
    """The stored name of a statutory recipient (e.g. the What Works body, now Foundations)."""
    for r in list_dispatch_recipients(store, document):
        if r.role == role:
            return r.name
    return ROLE_NAMES[(document, role)]


#: First words of names said without "the" ("send it to Ofsted", "to Foundations").
_NO_ARTICLE = ("ofsted", "foundations", "the")


def spoken(name: str) -> str:
    """A recipient's name as it reads in a sentence: "the Child Safeguarding Practice Review
    Panel", "Ofsted", "Foundations (What Works Centre…)"."""
    first = name.split(" ", 1)[0].lower() if name else ""
    return name if first in _NO_ARTICLE else f"the {name}"


def report_copies(store: Store) -> tuple[tuple[str, str, int], ...]:
    """The active statutory copies of a review's final report: (role, name, working days)."""
    return tuple(
        (r.role, r.name, r.days)
        for r in list_dispatch_recipients(store, "review report", active_only=True)
        if r.role
    )


def yearly_boards(store: Store) -> list[tuple[str, int]]:
    """The partnership's own recipients of a new yearly report: (name, days after publication)."""
    return [
        (r.name, r.days)
        for r in list_dispatch_recipients(store, "yearly report", active_only=True)
        if not r.statutory
    ]


def _clean(
    store: Store, values: dict[str, Any], current: DispatchRecipient | None
) -> dict[str, Any]:
    name = " ".join(as_text(values.get("name")).split())
    if not name:
        raise ValidationError("Enter who receives the report.", "name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"Keep the name to {MAX_NAME} characters or fewer.", "name")
    email = as_text(values.get("email")).strip()
    if email and not is_email(email):
        raise ValidationError(
            f"'{email}' is not an email address; it should look like name@council.gov.uk.", "email"
        )
    if current is not None and current.statutory:
        # The rule is the law's: only the name (a body renamed, e.g. Foundations) changes.
        return {"name": name} | ({"email": email} if "email" in values else {})
    document = str(values.get("document") or "yearly report")
    if document != "yearly report":
        raise ValidationError(
            "A review's final report goes to the statutory recipients only (the Panel, the "
            "Secretary of State and Ofsted); add the partnership's own recipients to the "
            "yearly report.",
            "document",
        )
    try:
        days = int(str(values.get("days") if values.get("days") not in (None, "") else
                       DISPATCH_DAYS).strip())  # fmt: skip
    except ValueError:
        raise ValidationError("Enter the number of days after publication.", "days") from None
    if not 0 <= days <= 365:
        raise ValidationError("Send it within 0 to 365 days of publication.", "days")
    return {
        "document": document,
        "role": "",
        "name": name,
        "days": days,
        "unit": "days",
        "timing": "after publication",
        "statutory": 0,
        "basis": "The partnership's own target",
        "active": 1 if values.get("active", 1) else 0,
    } | ({"email": email} if "email" in values else {})


def save_dispatch_recipient(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> int:
    """Add one of the partnership's own recipients, or change a recipient (a statutory one can
    only be renamed)."""
    with store.transaction():
        current = None
        if record_id is not None:
            current = DispatchRecipient.from_row(
                store.require("dispatch_recipients", record_id, "recipient")
            )
        clean = _clean(store, values, current)
        if record_id is None:
            clean["position"] = queries.last_dispatch_position(store) + 1
            return store.insert("dispatch_recipients", clean)
        store.update("dispatch_recipients", record_id, clean)
        return record_id


def delete_dispatch_recipient(store: Store, record_id: int) -> Row:
    with store.transaction():
        row = store.require("dispatch_recipients", record_id, "recipient")
        if row["statutory"]:
            raise ValidationError(
                f"{row['name']} receives the report under Working Together, so it cannot be "
                "removed; rename it if the body has a new name.",
                "statutory",
            )
        return store.delete("dispatch_recipients", record_id)


def set_dispatch_recipient_active(store: Store, record_id: int, active: bool) -> None:
    with store.transaction():
        row = store.require("dispatch_recipients", record_id, "recipient")
        if row["statutory"] and not active:
            raise ValidationError(
                f"{row['name']} receives the report under Working Together; it stays on the list.",
                "active",
            )
        store.update("dispatch_recipients", record_id, {"active": int(active)})


def _check(store: Store, row: Row, record_id: int) -> object:
    current = DispatchRecipient.from_row(store.require("dispatch_recipients", record_id))
    return _clean(store, row, current if current.statutory else None)


register("dispatch_recipients", check=_check, remove=delete_dispatch_recipient)
