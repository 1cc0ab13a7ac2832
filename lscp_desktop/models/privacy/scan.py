"""Text already stored that looks like a child's identity: what came in before the guard.

:func:`stored_identities` reads every text column the store's door checks (the schema's TEXT
columns, less the door's own exceptions) with the same rules and the same allow-list, and the
old and new values kept in the history, and lists each finding with the record it opens. The
business manager edits the record to take it out; a finding left only in the history is
cleared there with :func:`clear_history_entries`.
"""

from __future__ import annotations

from collections.abc import Callable

from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.identity_guard import find_identifiers
from lscp_desktop.models.privacy import queries
from lscp_desktop.models.privacy.records import StoredIdentity
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.database import Store

ProgressFn = Callable[[int, int, str], None]

#: Where a table's records open in the window: a page key, or "page:part" for a tab.
PAGE_OF: dict[str, str] = {
    "actions": "actions",
    "action_notes": "actions",
    "agenda_items": "meetings",
    "cover_sheets": "meetings",
    "papers": "meetings",
    "attendance": "meetings",
    "declarations": "meetings",
    "meetings": "meetings",
    "meeting_changes": "meetings",
    "forward_plan": "meetings",
    "meeting_cadences": "meetings",
    "organisations": "membership:organisations",
    "people": "membership:people",
    "bodies": "membership:bodies",
    "memberships": "membership:memberships",
    "partnership_roles": "membership:roles",
    "partnership": "home",
    "risks": "risks",
    "risk_reviews": "risks",
    "risk_categories": "risks",
    "priorities": "actions",
    "contributions": "finance",
    "contribution_payments": "finance",
    "finance_years": "finance",
    "budget_lines": "finance",
    "spend_entries": "finance",
    "in_kind_contributions": "finance",
    "reserves": "finance",
    "reserve_movements": "finance",
    "reviews": "reviews:reviews",
    "review_delays": "reviews:reviews",
    "review_recommendations": "reviews:reviews",
    "audits": "reviews:audits",
    "training_courses": "reviews:training",
    "yearly_reports": "reviews:yearly",
    "yearly_report_recipients": "reviews:yearly",
}
#: Pages whose open_record takes the id that RECORD_OF gives (others just open the page).
_OPENS_RECORD = {"actions", "meetings", "risks", "finance"}


#: Records in words where the table's name does not say it well.
_NOUNS = {
    "action_notes": "progress note on",
    "risk_reviews": "review of risk",
    "review_delays": "delay to review",
    "review_recommendations": "review",
    "contribution_payments": "payment",
    "yearly_report_recipients": "yearly report recipient",
    "partnership_roles": "partnership role",
    "cover_sheets": "cover sheet for",
    "meeting_changes": "change of meeting date to",
    "audit_log": "history",
    "people": "person",
    "partnership": "partnership",
}


def noun(table: str) -> str:
    """'progress note on' for action_notes: a table's records in words."""
    if table in _NOUNS:
        return _NOUNS[table]
    words = table.replace("_", " ")
    return words[:-1] if words.endswith("s") and not words.endswith("ss") else words


def stored_identities(store: Store, progress: ProgressFn | None = None) -> list[StoredIdentity]:
    """Every stored text (records and history) that the guard would refuse today."""
    found: list[StoredIdentity] = []
    tables = {
        t: [c for c in cols if text_policy.rule(t, c)[0].checked]
        for t, cols in store.text_columns().items()
        if t not in text_policy.NOT_USER_TEXT
    }
    total = len(tables) + 1
    for i, (table, columns) in enumerate(tables.items()):
        if progress:
            progress(i, total, f"Reading {noun(table)} records")
        if columns:
            found += _scan_table(store, table, columns)
    if progress:
        progress(total - 1, total, "Reading the history")
    found += _scan_history(store)
    if progress:
        progress(total, total, "Done")
    return found


def _scan_table(store: Store, table: str, columns: list[str]) -> list[StoredIdentity]:
    found = []
    rules = {c: text_policy.rule(table, c) for c in columns}
    page = PAGE_OF.get(table)
    for row in queries.text_rows(store, table, columns):
        for column in columns:
            value = row[column]
            if not isinstance(value, str) or not value:
                continue
            kind, label = rules[column]
            findings = find_identifiers(value, skip=kind.skip)
            if not findings:
                continue
            link = row["link_id"]
            opens = page is not None and (
                page.split(":")[0] not in _OPENS_RECORD or link is not None
            )
            what = f"{noun(table).capitalize()} {row['label'] or '#' + str(row['id'])}"
            found.append(
                StoredIdentity(
                    table,
                    int(row["id"]),
                    what.strip(),
                    label,
                    "; ".join(f.description for f in findings),
                    page if opens else None,
                    int(link) if link is not None else None,
                )
            )
    return found


def _scan_history(store: Store) -> list[StoredIdentity]:
    found = []
    for entry in _history_with_digits(store):
        for side, value in (("before", entry.old), ("after", entry.new)):
            findings = find_identifiers(value or "")
            if not findings:
                continue
            _, label = text_policy.rule(entry.table, entry.field)
            found.append(
                StoredIdentity(
                    "audit_log",
                    entry.record_id,
                    f"History of {noun(entry.table)} #{entry.record_id} ({entry.at[:10]})",
                    f"{label} ({side})" if entry.field != "*" else "Deleted record",
                    "; ".join(f.description for f in findings),
                    None,
                    None,
                    audit_id=entry.id,
                )
            )
            break
    return found


def _history_with_digits(store: Store) -> list[AuditEntry]:
    """History entries whose values hold a digit: every identity rule needs one."""
    return store.history_mentioning([str(d) for d in range(10)])


def clear_history_entries(store: Store, audit_ids: list[int]) -> int:
    """Clear what the history kept of texts that looked like a child's identity (the old and
    new values of those entries); returns how many were cleared."""
    entries = {e.id: e for e in _history_with_digits(store)}
    changes = []
    for audit_id in audit_ids:
        entry = entries.get(audit_id)
        if entry is None:
            raise ValidationError(f"There is no history entry {audit_id} to clear.")
        old = _cleared(entry.old)
        new = _cleared(entry.new)
        changes.append((audit_id, old, new))
    store.rewrite_history(changes)
    return len(changes)


def _cleared(value: str | None) -> str | None:
    if value is None or not find_identifiers(value):
        return value
    return "[removed: it looked like a child's identity]"
