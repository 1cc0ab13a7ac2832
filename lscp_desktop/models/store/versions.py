"""Every record's version, so that colleagues working at once never overwrite each other
silently (issue 22, on a file and on a team database alike).

Each editable table has a ``row_version`` column (1 when the record is added); every change
the store writes (:meth:`Store.update`, the one way records are changed) adds one to it, with
``WHERE row_version = <the version read>``, so even two writers that do not queue cannot both
write over the same version.

A window that opens a record remembers its version (:class:`OpenedRecord`) and saves inside
:meth:`OpenedRecord.saving`: the store then refuses to write over any other version with a
:class:`ConflictError` that names what changed (field: theirs, yours) and who changed it when,
from the audit log. The window lets the user keep theirs (:meth:`OpenedRecord.take_theirs`) or
save theirs over (:meth:`OpenedRecord.overwrite`, which saves again at the version now).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ConflictError, NotFoundError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.schema.ddl import ROW_VERSION

if TYPE_CHECKING:
    from lscp_desktop.models.store.database import Row, Store

#: (table, id) → (the version a window opened the record at, the audit log's last entry then).
Opened = dict[tuple[str, int], tuple[int, int]]


def write_version(
    store: Store, table: str, record_id: int, current: Row, diff: dict[str, Any]
) -> None:
    """Write *diff* into the record whose row was *current* (read in this transaction), adding
    one to its version; refused with :class:`ConflictError` when the record was opened at
    another version, or changed between that read and this write."""
    version = current.get(ROW_VERSION)
    opened = store.opened.get((table, record_id))
    if opened is not None and version is not None and opened[0] != version:
        raise conflict(store, table, record_id, current, diff, opened[1])
    assignments = [f"{c} = ?" for c in diff]
    params = [*diff.values(), record_id]
    if version is None:  # a table without versions
        if diff:
            store.conn.execute(f"UPDATE {table} SET {', '.join(assignments)} WHERE id = ?", params)
        return
    assignments.append(f"{ROW_VERSION} = {ROW_VERSION} + 1")
    cur = store.conn.execute(
        f"UPDATE {table} SET {', '.join(assignments)} WHERE id = ? AND {ROW_VERSION} = ?",
        [*params, version],
    )
    if cur.rowcount == 0:  # changed since it was read (a writer that did not queue)
        now = store.require(table, record_id)
        raise conflict(store, table, record_id, now, diff, opened[1] if opened else None)
    if opened is not None:
        store.opened[(table, record_id)] = (int(version) + 1, opened[1])


def refuse_if_changed(store: Store, table: str, current: Row, yours: dict[str, Any]) -> None:
    """Before a change the store does not version itself (a record deleted because a form was
    emptied): refused like :func:`write_version` when a window opened the record *current*
    (read in this transaction) at another version."""
    record_id = int(current["id"])
    opened = store.opened.get((table, record_id))
    version = current.get(ROW_VERSION)
    if opened is not None and version is not None and opened[0] != version:
        raise conflict(store, table, record_id, current, yours, opened[1])


def refuse_if_gone(store: Store, table: str) -> None:
    """Before adding a record of *table* where there may be one only (a body's chair
    rotation): refused when a window opened one that has been deleted since, which adding
    would silently undo."""
    if any(t == table for t, _ in store.opened):
        raise NotFoundError(
            "This was deleted by someone else since you opened it, so your changes were not "
            "saved. Close the form to see how things are now."
        )


def touch(store: Store, table: str, record_id: int, what: str, old: str, new: str) -> None:
    """A change to the rows that hang off a record (a chair rotation's partners) as a change
    of the record itself: its version goes up, refused like :meth:`Store.update` over another
    version, and its history says *what* changed from *old* to *new*. Inside the caller's
    transaction."""
    current = store.require(table, record_id)
    write_version(store, table, record_id, current, {})
    store._audit("update", table, record_id, [(what, old, new)])


def audit_mark(store: Store) -> int:
    """The audit log's last entry: what is logged after it happened since."""
    return int(store.scalar("SELECT coalesce(max(id), 0) FROM audit_log") or 0)


def version_of(store: Store, table: str, record_id: int) -> int | None:
    """The record's version now (None when it is gone, or its table has none)."""
    row = store.get(table, record_id)
    return None if row is None or row.get(ROW_VERSION) is None else int(row[ROW_VERSION])


@dataclass
class OpenedRecord:
    """A record a window has open: the version it was read at, to save over that version only."""

    store: Store
    table: str
    record_id: int
    version: int
    #: The audit log's last entry when it was opened: later entries are someone's changes.
    since: int = 0
    #: Whether the window was given a colleague's changes instead of saving its own.
    reloaded: bool = field(default=False)

    @classmethod
    def open(
        cls, store: Store, table: str, record_id: int, version: int | None = None
    ) -> OpenedRecord | None:
        """The record as a window opens it, at *version* (the one its values were read at) or
        at the version now; None when the record or its table's versions are missing."""
        now = version_of(store, table, record_id)
        if now is None:
            return None
        return cls(store, table, record_id, now if version is None else int(version),
                   audit_mark(store))  # fmt: skip

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        """Save inside this: a change over any other version is refused (ConflictError)."""
        key = (self.table, self.record_id)
        before = self.store.opened.get(key)
        self.store.opened[key] = (self.version, self.since)
        try:
            yield
        finally:
            saved = self.store.opened.pop(key, None)
            if saved is not None:
                self.version = saved[0]
            if before is not None:
                self.store.opened[key] = before

    def take_theirs(self) -> Row:
        """Keep the colleague's changes: the record as it is now, which the window shows and
        saves over from now on."""
        row = self.store.require(self.table, self.record_id)
        self.version, self.since = int(row[ROW_VERSION]), audit_mark(self.store)
        self.reloaded = True
        return row

    def overwrite(self, refused: ConflictError) -> None:
        """Save yours over theirs: the next save is made at the version that was refused."""
        self.version, self.since = refused.version, audit_mark(self.store)


# --------------------------------------------------------------------------- messages


def conflict(
    store: Store, table: str, record_id: int, theirs: Row, yours: dict[str, Any], since: int | None
) -> ConflictError:
    """The refusal of a save over a colleague's change: which fields they changed (theirs and
    yours side by side), by whom and when (from the audit log)."""
    history = store.history(table, record_id)
    later = [e for e in history if since is not None and e.id > since] or history[-1:]
    changed = list(dict.fromkeys(e.field for e in later if e.action == "update"))
    if not changed:
        changed = [c for c, v in yours.items() if theirs.get(c) != v]
    lines = [
        f"• {label(c)}: theirs {show(theirs.get(c), c)}, yours {show(yours[c], c)}"
        if c in yours
        else f"• {label(c)}: theirs {show(theirs.get(c), c)} (you did not change it)"
        for c in changed
        if c in theirs and c != ROW_VERSION
    ]
    message = (
        f"{describe(table, theirs, store)} was changed {by(later[-1] if later else None)}since you "
        "opened it, so your changes were not saved.\n" + "\n".join(lines)
    )
    return ConflictError(message.rstrip(), table, record_id, int(theirs.get(ROW_VERSION) or 0))


def changed_since(store: Store, table: str, row: Row) -> str:
    """ "The action EXEC-0042 was changed by jbloggs on LAPTOP at 14:02 on 05/12/2026 " (the
    last entry in its history): the start of a refusal."""
    history = store.history(table, int(row["id"]))
    return f"{describe(table, row, store)} was changed {by(history[-1] if history else None)}"


def by(entry: AuditEntry | None) -> str:
    """ "by jbloggs on LAPTOP-42 at 14:02 on 05/12/2026 ", or "" when the log has nothing."""
    if entry is None:
        return ""
    try:
        at = dt.datetime.fromisoformat(entry.at).strftime(" at %H:%M on %d/%m/%Y")
    except ValueError:
        at = f" at {entry.at}"
    return f"by {entry.who}{at} "


def describe(table: str, row: Row, store: Store | None = None) -> str:
    """ "The action EXEC-0042", "The person Aisha Dixon", "The budget line ‘Training’", "The
    meeting of 16/12/2026"; a record with no name of its own by what it belongs to, read from
    *store*: "The contribution of Lambeth Council for 2025/26", "The meeting minutes of
    16/12/2026", "The chair rotation of the Executive Board", "The review recommendation 3 of
    the review CSPR-2025-01" (else "The contribution number 23")."""
    noun = table.replace("_", " ").replace("people", "persons")
    if not noun.endswith(("minutes", "census")):
        noun = noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")
    if table in _NAMED_BY:
        return f"The {noun} {_NAMED_BY[table](row)}"
    for key in ("reference", "code", "name", "title", "description", "recipient"):
        if row.get(key) and key in ("description", "recipient"):  # free text: quoted
            return f"The {noun} {show(row[key])}"
        if row.get(key):
            return f"The {noun} {row[key]}"
    if isinstance(row.get("date"), str) and re.match(_ISO_DAY, row["date"]):
        return f"The {noun} of {show(row['date'])}"
    owners = _belongs_to(store, row) if store is not None else ""
    if isinstance(row.get("number"), int):  # a review's recommendation
        return f"The {noun} {row['number']}{owners}"
    return f"The {noun}{owners}" if owners else f"The {noun} number {row.get('id')}"


def _belongs_to(store: Store, row: Row) -> str:
    """ " of Aisha Dixon at the meeting of 16/12/2026", " of Lambeth Council for 2025/26": what
    a record belongs to, its meeting and its financial year ("" if none, or one has gone)."""
    parts = []
    try:
        for key, table, named in _OWNERS:
            if row.get(key):
                parts.append(f" of {named(store.require(table, row[key]))}")
                break
        if row.get("meeting_id"):
            day = show(store.require("meetings", row["meeting_id"]).get("date"))
            parts.append(f" at the meeting of {day}" if parts else f" of {day}")
        if row.get("year_id"):
            year = store.require("finance_years", row["year_id"])
            parts.append(f" for {FinancialYear(year['start_year']).label}")
    except NotFoundError:
        return ""
    return "".join(parts)


#: Tables whose records are named by their own columns (a year, a census count's place).
_NAMED_BY: dict[str, Callable[[Row], str]] = {
    "finance_years": lambda r: FinancialYear(r["start_year"]).label,
    "settings_census": lambda r: f"of {r['kind']} in {r['local_authority']}, {r['year']}",
    "yearly_reports": lambda r: f"for {r['year']}",
}

#: What a record with no name of its own may belong to: its column, the table, how it is named.
_OWNERS: tuple[tuple[str, str, Callable[[Row], str]], ...] = (
    ("person_id", "people", lambda r: str(r["name"])),
    ("organisation_id", "organisations", lambda r: str(r["name"])),
    ("body_id", "bodies", lambda r: f"the {r['name']}"),
    ("review_id", "reviews", lambda r: f"the review {r['reference']}"),
    ("action_id", "actions", lambda r: f"the action {r['reference']}"),
    ("risk_id", "risks", lambda r: f"the risk {r['reference']}"),
    ("agenda_item_id", "agenda_items", lambda r: f"the agenda item {show(r['title'])}"),
)


def label(column: str) -> str:
    """A column as a form names it: ``due_date`` "Due date", ``owner_id`` "Owner",
    ``agreed_pence`` "Agreed"."""
    return column.removesuffix("_id").removesuffix("_pence").replace("_", " ").capitalize()


# Patterns as text, compiled by ``re`` when first used (and cached): not on import (issue 21).
_ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"


def show(value: Any, column: str = "") -> str:
    """A value as the message shows it: dates as dd/mm/yyyy, money (a ``_pence`` column) in
    pounds, text in quotes, blank said."""
    if value is None or value == "":
        return "(blank)"
    if column.endswith("_pence") and isinstance(value, int):
        return format_money(value)
    if isinstance(value, str):
        if re.match(_ISO_DAY, value):
            return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
        short = value if len(value) <= 60 else value[:57] + "…"
        return f"‘{short}’"
    return str(value)
