"""Multi-agency, Section 11 and single-agency audits, with the agencies each involves."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.dates import iso, optional_date, parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.child_rows import delete_with_rows, replace_rows, restore_with_rows
from lscp_desktop.models.reviews.records import AUDIT_KINDS, Audit
from lscp_desktop.models.store.database import Row, Store


def list_audits(store: Store) -> list[Audit]:
    by_audit: dict[int, list[tuple[int, str]]] = {}
    for link in queries.audit_agencies(store):
        by_audit.setdefault(link["audit_id"], []).append((link["id"], link["name"]))
    audits = []
    for row in queries.audits(store):
        audit = Audit.from_row(row)
        pairs = by_audit.get(audit.id, [])
        audit.agency_ids = [p[0] for p in pairs]
        audit.agencies = [p[1] for p in pairs]
        audits.append(audit)
    return audits


def save_audit(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    title = str(values.get("title") or "").strip()
    if not title:
        raise ValidationError("Enter the audit's title.", "title")
    kind = str(values.get("kind") or "")
    if kind not in AUDIT_KINDS:
        raise ValidationError(f"Choose the kind of audit: {', '.join(AUDIT_KINDS)}.", "kind")
    planned = parse_date(values.get("planned_date"), "planned date")
    completed = optional_date(values.get("completed_date"), "completed date")
    clean: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "theme": str(values.get("theme") or "").strip(),
        "planned_date": planned.isoformat(),
        "completed_date": iso(completed),
        "findings": str(values.get("findings") or "").strip(),
        "notes": str(values.get("notes") or "").strip(),
    }
    if clean["findings"] and not completed:
        raise ValidationError(
            "Record the date the audit was completed along with its findings.", "completed_date"
        )
    agencies = sorted({int(a) for a in values.get("agency_ids") or []})
    if kind == "multi-agency" and len(agencies) == 1:
        raise ValidationError(
            "A multi-agency audit involves at least two agencies; tick them all.", "agency_ids"
        )
    with store.transaction():
        if record_id is None:
            record_id = store.insert("audits", clean)
        else:
            store.update("audits", record_id, clean)
        replace_rows(
            store,
            "audit_agencies",
            "audit_id",
            record_id,
            [{"organisation_id": o} for o in agencies],
        )
    return record_id


def delete_audit(store: Store, audit_id: int) -> Row:
    return delete_with_rows(
        store, "audits", audit_id, "audit", {"_agencies": ("audit_agencies", "audit_id")}
    )


def _restore_audit(store: Store, row: Row) -> int:
    return restore_with_rows(store, "audits", row, {"_agencies": "audit_agencies"})


RESTORERS["audits"] = _restore_audit
