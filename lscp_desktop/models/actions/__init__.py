"""Action logs: one per body and one for the whole partnership.

An action has a reference per body (``EXEC-0042``), a source it came from with a link back,
an owner and owning organisation, raised and due dates, a status, dated progress notes, and a
RAG rating derived from its status and due date. Completing needs a completion note;
reopening is recorded as a note and counted. Every write validates first and happens inside
one transaction, so nothing is half-saved; every change is kept in the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import plain_text
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.database import Row, Store

STATUSES = ("open", "in progress", "on hold", "completed", "closed", "cancelled")
#: Statuses of an action still being worked on.
OPEN_STATUSES = frozenset({"open", "in progress", "on hold"})
#: Statuses that need a completion note.
DONE_STATUSES = frozenset({"completed", "closed"})
FINISHED_STATUSES = DONE_STATUSES | {"cancelled"}

SOURCES = ("meeting", "practice review", "audit", "risk", "other")
#: The column linking an action to the record it came from, per kind of source. Other domains
#: add theirs (e.g. ``"practice review": "review_id"``) after adding the column in a migration.
SOURCE_LINKS: dict[str, str] = {"meeting": "agenda_item_id", "risk": "risk_id"}

RAG_RED, RAG_AMBER, RAG_GREEN, RAG_COMPLETE, RAG_CANCELLED = (
    "red",
    "amber",
    "green",
    "complete",
    "cancelled",
)
RAGS = (RAG_RED, RAG_AMBER, RAG_GREEN, RAG_COMPLETE, RAG_CANCELLED)
RAG_LABELS = {
    RAG_RED: "Red",
    RAG_AMBER: "Amber",
    RAG_GREEN: "Green",
    RAG_COMPLETE: "Complete",
    RAG_CANCELLED: "Cancelled",
}


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Action:
    id: int
    body_id: int
    body_code: str
    body: str
    number: int
    reference: str
    title: str
    detail: str
    source: str
    agenda_item_id: int | None
    risk_id: int | None
    source_note: str
    source_label: str
    owner_id: int | None
    owner: str
    owner_email: str
    organisation_id: int | None
    organisation: str
    priority_id: int | None
    priority: str
    raised_date: str
    due_date: str
    status: str
    completed_date: str | None
    completion_note: str
    reopened_count: int
    latest_note: str
    latest_note_date: str | None
    next_meeting: str | None
    rag: str = ""
    search_text: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(slots=True)
class ActionNote:
    id: int
    action_id: int
    note_date: str
    author_id: int | None
    author: str
    kind: str
    text: str


@dataclass
class Priority:
    id: int
    name: str
    description: str = ""
    position: int = 0
    active: int = 1
    action_count: int = 0


@dataclass
class ChaseEntry:
    """What one owner still owes: their open actions, overdue first."""

    owner_id: int | None
    owner: str
    organisation: str
    email: str
    has_left: bool
    actions: list[Action]

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.rag == RAG_RED)


@dataclass
class ActionsForMeeting:
    """The action log for a body's next meeting: open actions and those finished since the
    last meeting, in reference order."""

    body_id: int
    meeting_id: int | None
    meeting_date: str | None
    since: str | None
    actions: list[Action] = field(default_factory=list)


class OwnerHasLeftError(ValidationError):
    """The chosen owner is inactive or their membership has ended; the caller may confirm."""


# --------------------------------------------------------------------------- RAG


def rag(action: Any, today: dt.date | str, amber_days: int) -> str:
    """The RAG rating of an action (anything with ``status`` and ``due_date``).

    Completed or closed: complete. Cancelled: cancelled. Otherwise overdue (due before
    *today*) is red, due within *amber_days* is amber, anything later is green.
    """
    status = action.status
    if status in DONE_STATUSES:
        return RAG_COMPLETE
    if status == "cancelled":
        return RAG_CANCELLED
    day = today if isinstance(today, dt.date) else dt.date.fromisoformat(today)
    due = str(action.due_date)
    if due < day.isoformat():
        return RAG_RED
    if due <= (day + dt.timedelta(days=amber_days)).isoformat():
        return RAG_AMBER
    return RAG_GREEN


def amber_days(store: Store) -> int:
    return settings.get_int(store, "rag_amber_days")


# --------------------------------------------------------------------------- loading

_ACTION_SQL = """
SELECT a.id, a.body_id, b.code AS body_code, b.name AS body, a.number, a.reference, a.title,
  a.detail, a.source, a.agenda_item_id, a.risk_id, a.source_note,
  CASE
    WHEN a.agenda_item_id IS NOT NULL THEN mb.code || ' ' || m.date || ' item ' || ai.position
      || ': ' || ai.title
    WHEN a.risk_id IS NOT NULL THEN r.reference || ': ' || r.title
    ELSE a.source_note
  END AS source_label,
  a.owner_id, coalesce(p.name, '') AS owner, coalesce(p.email, '') AS owner_email,
  a.organisation_id, coalesce(o.name, '') AS organisation,
  a.priority_id, coalesce(pr.name, '') AS priority,
  a.raised_date, a.due_date, a.status, a.completed_date, a.completion_note, a.reopened_count,
  coalesce((SELECT n.text FROM action_notes n WHERE n.action_id = a.id
            ORDER BY n.note_date DESC, n.id DESC LIMIT 1), '') AS latest_note,
  (SELECT max(n.note_date) FROM action_notes n WHERE n.action_id = a.id) AS latest_note_date
FROM actions a
JOIN bodies b ON b.id = a.body_id
LEFT JOIN people p ON p.id = a.owner_id
LEFT JOIN organisations o ON o.id = a.organisation_id
LEFT JOIN priorities pr ON pr.id = a.priority_id
LEFT JOIN risks r ON r.id = a.risk_id
LEFT JOIN agenda_items ai ON ai.id = a.agenda_item_id
LEFT JOIN meetings m ON m.id = ai.meeting_id
LEFT JOIN bodies mb ON mb.id = m.body_id
"""


def _finish(store: Store, rows: Iterable[Row], today: dt.date) -> list[Action]:
    day = today.isoformat()
    amber_day = (today + dt.timedelta(days=amber_days(store))).isoformat()
    meetings = {body: date for body, (_id, date) in next_meetings(store, today).items()}
    out = []
    for row in rows:
        a = Action(**row, next_meeting=meetings.get(row["body_id"]))
        status = a.status
        if status in DONE_STATUSES:
            a.rag = RAG_COMPLETE
        elif status == "cancelled":
            a.rag = RAG_CANCELLED
        elif a.due_date < day:
            a.rag = RAG_RED
        elif a.due_date <= amber_day:
            a.rag = RAG_AMBER
        else:
            a.rag = RAG_GREEN
        a.search_text = "\x1f".join(
            (a.reference, a.title, a.owner, a.organisation, a.body, a.priority, a.status,
             a.source_label, a.latest_note)
        ).lower()  # fmt: skip
        out.append(a)
    return out


def list_actions(
    store: Store,
    *,
    body_id: int | None = None,
    owner_id: int | None = None,
    statuses: Collection[str] | None = None,
    risk_id: int | None = None,
    agenda_item_id: int | None = None,
    today: dt.date | None = None,
) -> list[Action]:
    """Actions with everything a log shows, in one query; RAG computed for *today*.

    Further filters (RAG, overdue, due before the next meeting, text…) are applied with
    :class:`ActionFilter` so the window can change them without reloading.
    """
    today = today or dt.date.today()
    where: list[str] = []
    params: dict[str, Any] = {}
    for column, value in (
        ("a.body_id", body_id),
        ("a.owner_id", owner_id),
        ("a.risk_id", risk_id),
        ("a.agenda_item_id", agenda_item_id),
    ):
        if value is not None:
            key = column.split(".")[1]
            where.append(f"{column} = :{key}")
            params[key] = value
    if statuses is not None:
        wanted = [s for s in STATUSES if s in set(statuses)]
        marks = ", ".join(f":s{i}" for i in range(len(wanted)))
        where.append(f"a.status IN ({marks})" if wanted else "0")
        params.update({f"s{i}": s for i, s in enumerate(wanted)})
    sql = _ACTION_SQL + (" WHERE " + " AND ".join(where) if where else "")
    rows = store.iter_query(sql + " ORDER BY b.id, a.number", params)
    return _finish(store, rows, today)


def get_action(store: Store, action_id: int, today: dt.date | None = None) -> Action:
    today = today or dt.date.today()
    rows = store.query(_ACTION_SQL + " WHERE a.id = ?", [action_id])
    if not rows:
        store.require("actions", action_id, "action")
    return _finish(store, rows, today)[0]


def find_action(store: Store, reference: str) -> Action | None:
    row = store.query("SELECT id FROM actions WHERE reference = ?", [reference.strip()])
    return get_action(store, int(row[0]["id"])) if row else None


# --------------------------------------------------------------------------- filtering


@dataclass(frozen=True)
class ActionFilter:
    """The filters of an action log. Each is optional; all given must match.

    *statuses* is a set of statuses; *rag* one RAG key; *overdue* open and past due;
    *before_next_meeting* open and due on or before the body's next meeting; *text* words
    that must all appear in the reference, title, owner, organisation, body, priority, status,
    source or latest note.
    """

    body_id: int | None = None
    owner_id: int | None = None
    organisation_id: int | None = None
    statuses: frozenset[str] | None = None
    rag: str | None = None
    overdue: bool = False
    before_next_meeting: bool = False
    priority_id: int | None = None
    text: str = ""
    today: str = field(default_factory=lambda: dt.date.today().isoformat())

    def __post_init__(self) -> None:
        if self.rag is not None and self.rag not in RAGS:
            raise ValidationError(
                f"'{self.rag}' is not a RAG rating; use one of: {', '.join(RAGS)}.", "rag"
            )
        if self.statuses is not None:
            unknown = set(self.statuses) - set(STATUSES)
            if unknown:
                raise ValidationError(
                    f"'{sorted(unknown)[0]}' is not an action status; use one of: "
                    f"{', '.join(STATUSES)}.",
                    "status",
                )

    @property
    def words(self) -> list[str]:
        return self.text.lower().split()

    @cached_property
    def predicate(self) -> Callable[[Action], bool]:
        """One function testing only the filters that are set: fast over 20,000 actions."""
        checks: list[Callable[[Action], bool]] = []
        for attr in ("body_id", "owner_id", "organisation_id", "priority_id", "rag"):
            wanted = getattr(self, attr)
            if wanted is not None:
                checks.append(_equals(attr, wanted))
        if self.statuses is not None:
            statuses = self.statuses
            checks.append(lambda a: a.status in statuses)
        today = self.today
        if self.overdue:
            checks.append(lambda a: a.status in OPEN_STATUSES and a.due_date < today)
        if self.before_next_meeting:
            checks.append(
                lambda a: (
                    a.status in OPEN_STATUSES
                    and a.next_meeting is not None
                    and a.due_date <= a.next_meeting
                )
            )
        words = self.words
        if len(words) == 1:
            word = words[0]
            checks.append(lambda a: word in a.search_text)
        elif words:
            checks.append(lambda a: all(w in a.search_text for w in words))
        if not checks:
            return lambda _a: True
        if len(checks) == 1:
            return checks[0]
        return lambda a: all(check(a) for check in checks)

    def matches(self, a: Action) -> bool:
        return self.predicate(a)


def _equals(attr: str, wanted: object) -> Callable[[Action], bool]:
    return lambda a: bool(getattr(a, attr) == wanted)


def filter_actions(actions: Iterable[Action], flt: ActionFilter) -> list[Action]:
    accept = flt.predicate
    return [a for a in actions if accept(a)]


# --------------------------------------------------------------------------- saving


def _owner_problem(store: Store, person_id: int, on: dt.date) -> str | None:
    """Why *person_id* should not own new work: inactive, or every membership has ended."""
    person = store.require("people", person_id, "person")
    if not person["active"]:
        return f"{person['name']} is marked as no longer active."
    rows = store.query(
        "SELECT max(coalesce(end_date, '9999-12-31')) AS last_end, count(*) AS n"
        " FROM memberships WHERE person_id = ?",
        [person_id],
    )
    last_end, n = rows[0]["last_end"], rows[0]["n"]
    if n and last_end < on.isoformat():
        return f"{person['name']}'s membership of the partnership ended on {uk(last_end)}."
    return None


def owner_warning(store: Store, person_id: int | None, on: dt.date | None = None) -> str | None:
    """A warning to show when *person_id* is chosen as an owner, or None if all is well."""
    if person_id is None:
        return None
    return _owner_problem(store, person_id, on or dt.date.today())


def _choice(value: Any, choices: tuple[str, ...], label: str, key: str) -> str:
    text = str(value or "").strip().lower()
    for choice in choices:
        if text == choice:
            return choice
    raise ValidationError(f"'{value}' is not {label}; choose one of: {', '.join(choices)}.", key)


def next_number(store: Store, body_id: int) -> int:
    return int(
        store.scalar(
            "SELECT coalesce(max(number), 0) + 1 FROM actions WHERE body_id = ?", [body_id]
        )
    )


#: How long a new action is given by default.
DEFAULT_DAYS_TO_DUE = 28


def new_action_values(
    *,
    body_id: int | None,
    raised: dt.date | str | None = None,
    source: str = "meeting",
    **links: Any,
) -> dict[str, Any]:
    """The starting values of a new action: open, raised today (or *raised*), due four weeks on."""
    day = parse_date(raised) if raised else dt.date.today()
    return {
        "body_id": body_id,
        "raised_date": day.isoformat(),
        "due_date": (day + dt.timedelta(days=DEFAULT_DAYS_TO_DUE)).isoformat(),
        "source": source,
        "status": "open",
        **links,
    }


def save_action(
    store: Store,
    values: dict[str, Any],
    record_id: int | None = None,
    *,
    allow_owner_left: bool = False,
    on: dt.date | None = None,
    author_id: int | None = None,
    number: int | None = None,
) -> int:
    """Add (``record_id=None``) or change an action; returns its id.

    Status changes follow the rules of :func:`set_status`. An owner who is inactive or whose
    memberships have all ended raises :class:`OwnerHasLeftError` unless *allow_owner_left*.
    A new action takes the body's next number unless *number* is given (an imported log
    keeping its own references); a number already used is refused.
    """
    on = on or dt.date.today()
    title = " ".join(plain_text(values.get("title")).split())
    if not title:
        raise ValidationError("Enter the action: what is to be done.", "title")
    body_id = optional_id(values, "body_id")
    if body_id is None:
        raise ValidationError("Choose the body whose action log this action belongs to.", "body_id")
    raised = parse_date(values.get("raised_date") or on, "date raised")
    due_value = values.get("due_date")
    if not due_value:
        raise ValidationError("Enter the due date (dd/mm/yyyy).", "due_date")
    due = parse_date(due_value, "due date")
    if due < raised:
        raise ValidationError(
            f"The due date ({uk(due)}) is before the date the action was raised ({uk(raised)}).",
            "due_date",
        )
    source = _choice(values.get("source") or "other", SOURCES, "a source", "source")
    clean: dict[str, Any] = {
        "body_id": body_id,
        "title": title,
        "detail": plain_text(values.get("detail")).strip(),
        "source": source,
        "source_note": plain_text(values.get("source_note")).strip(),
        "owner_id": optional_id(values, "owner_id"),
        "organisation_id": optional_id(values, "organisation_id"),
        "priority_id": optional_id(values, "priority_id"),
        "raised_date": raised.isoformat(),
        "due_date": due.isoformat(),
    }
    for kind, column in SOURCE_LINKS.items():
        clean[column] = optional_id(values, column) if kind == source else None
    if source == "risk" and clean["risk_id"] is None:
        raise ValidationError("Choose the risk this action comes from.", "risk_id")
    status = _choice(values.get("status") or "open", STATUSES, "an action status", "status")

    with store.transaction():
        store.require("bodies", body_id, "body")
        if clean["risk_id"] is not None:
            store.require("risks", clean["risk_id"], "risk")
        if clean["agenda_item_id"] is not None:
            store.require("agenda_items", clean["agenda_item_id"], "agenda item")
        if clean["priority_id"] is not None:
            store.require("priorities", clean["priority_id"], "priority")
        current = store.require("actions", record_id, "action") if record_id is not None else None
        owner_changed = current is None or current["owner_id"] != clean["owner_id"]
        if clean["owner_id"] is not None:
            owner = store.require("people", clean["owner_id"], "person")
            if clean["organisation_id"] is None:
                clean["organisation_id"] = owner["organisation_id"]
            problem = _owner_problem(store, clean["owner_id"], on)
            if problem and owner_changed and status in OPEN_STATUSES and not allow_owner_left:
                raise OwnerHasLeftError(
                    f"{problem} Choose another owner, or confirm that they still own this action.",
                    "owner_id",
                )
        if clean["organisation_id"] is not None:
            store.require("organisations", clean["organisation_id"], "organisation")
        if current is not None and current["body_id"] != body_id:
            raise ValidationError(
                f"An action cannot move to another body's log; its reference "
                f"{current['reference']} belongs to the first. Cancel it and raise a new one.",
                "body_id",
            )
        if current is None:
            code = store.require("bodies", body_id, "body")["code"]
            if number is None:
                number = next_number(store, body_id)
            elif number < 1 or store.count("actions", "body_id = ? AND number = ?",
                                           [body_id, number]):  # fmt: skip
                raise ValidationError(
                    f"The reference {code}-{number:04d} is already used by another action.",
                    "reference",
                )
            clean.update(
                number=number,
                reference=f"{code}-{number:04d}",
                status="open",
                completion_note="",
            )
            record_id = store.insert("actions", clean)
            if status != "open" or values.get("completion_note"):
                _change_status(
                    store, record_id, status, plain_text(values.get("completion_note")), on,
                    author_id, plain_text(values.get("reopen_reason")),
                )  # fmt: skip
            return record_id
        action_id = int(current["id"])
        store.update("actions", action_id, clean)
        note = values.get("completion_note")
        _change_status(
            store, action_id, status,
            current["completion_note"] if note is None else str(note), on, author_id,
            plain_text(values.get("reopen_reason")),
        )  # fmt: skip
        return action_id


def _change_status(
    store: Store,
    action_id: int,
    status: str,
    completion_note: str,
    on: dt.date,
    author_id: int | None,
    reopen_reason: str = "",
) -> bool:
    """Apply a status change with its rules; returns whether anything changed."""
    current = store.require("actions", action_id, "action")
    old = current["status"]
    note = completion_note.strip()
    changes: dict[str, Any] = {"status": status}
    note_row: tuple[str, str] | None = None
    if status in DONE_STATUSES:
        if not note:
            raise ValidationError(
                f"{current['reference']}: say what was done. A completion note is needed to "
                f"mark an action {status}.",
                "completion_note",
            )
        changes["completion_note"] = note
        if old not in DONE_STATUSES:
            changes["completed_date"] = on.isoformat()
            note_row = ("completed", f"Marked {status}: {note}")
        elif note != current["completion_note"]:
            note_row = ("completed", f"Completion note changed: {note}")
    elif old in FINISHED_STATUSES and status in OPEN_STATUSES:
        changes.update(completed_date=None, completion_note="")
        changes["reopened_count"] = int(current["reopened_count"]) + 1
        text = f"Reopened (was {old})"
        if current["completion_note"]:
            text += f"; the completion note was: {current['completion_note']}"
        if reopen_reason.strip():
            text += f". Reason: {reopen_reason.strip()}"
        note_row = ("reopened", text)
    elif status == "cancelled":
        changes["completed_date"] = None
        if old != "cancelled":
            note_row = ("status", f"Cancelled{': ' + note if note else ''}")
    if any(current[k] != v for k, v in changes.items()):
        store.update("actions", action_id, changes)
    if note_row is not None:
        store.insert(
            "action_notes",
            {
                "action_id": action_id,
                "note_date": on.isoformat(),
                "author_id": author_id,
                "kind": note_row[0],
                "text": note_row[1],
            },
        )
    return old != status or note_row is not None


def set_status(
    store: Store,
    action_id: int,
    status: str,
    *,
    note: str = "",
    on: dt.date | None = None,
    author_id: int | None = None,
) -> bool:
    """Change one action's status. Completing or closing needs a note (the completion note;
    an existing one is kept if *note* is empty); reopening a finished action is recorded as a
    note (with *note* as the reason) and counted."""
    return bulk_set_status(store, [action_id], status, note=note, on=on, author_id=author_id) > 0


def bulk_set_status(
    store: Store,
    action_ids: Iterable[int],
    status: str,
    *,
    note: str = "",
    on: dt.date | None = None,
    author_id: int | None = None,
) -> int:
    """Change many actions' status in one transaction: all or none. Returns how many changed."""
    status = _choice(status, STATUSES, "an action status", "status")
    on = on or dt.date.today()
    ids = list(dict.fromkeys(int(i) for i in action_ids))
    if not ids:
        raise ValidationError("Choose at least one action.", "actions")
    changed = 0
    with store.transaction():
        for action_id in ids:
            current = store.require("actions", action_id, "action")
            if current["status"] == status and not (status in DONE_STATUSES and note.strip()):
                continue
            reason = ""
            completion = note
            if status in DONE_STATUSES and not note.strip():
                completion = current["completion_note"]
            if status in OPEN_STATUSES:
                reason, completion = note, ""
            changed += _change_status(store, action_id, status, completion, on, author_id, reason)
    return changed


def reassign_actions(
    store: Store, action_ids: Iterable[int], owner_id: int, *, on: dt.date | None = None
) -> int:
    """Give actions to a new owner (and their organisation), in one transaction."""
    ids = list(dict.fromkeys(int(i) for i in action_ids))
    on = on or dt.date.today()
    with store.transaction():
        owner = store.require("people", owner_id, "person")
        problem = _owner_problem(store, owner_id, on)
        if problem:
            raise OwnerHasLeftError(f"{problem} Choose someone still in post.", "owner_id")
        for action_id in ids:
            store.update(
                "actions",
                action_id,
                {"owner_id": owner_id, "organisation_id": owner["organisation_id"]},
            )
    return len(ids)


def delete_action(store: Store, action_id: int) -> Row:
    """Delete an action raised by mistake, with its notes; the audit log keeps both."""
    with store.transaction():
        for note in store.rows("action_notes", "action_id = ?", [action_id]):
            store.delete("action_notes", int(note["id"]))
        return store.delete("actions", action_id)


# --------------------------------------------------------------------------- notes


def add_note(
    store: Store,
    action_id: int,
    text: str,
    *,
    on: dt.date | str | None = None,
    author_id: int | None = None,
) -> int:
    """Add a dated progress note to an action."""
    body = plain_text(text).strip()
    if not body:
        raise ValidationError("Write the progress note.", "text")
    day = parse_date(on or dt.date.today(), "date of the note")
    with store.transaction():
        store.require("actions", action_id, "action")
        if author_id is not None:
            store.require("people", author_id, "person")
        return store.insert(
            "action_notes",
            {
                "action_id": action_id,
                "note_date": day.isoformat(),
                "author_id": author_id,
                "kind": "progress",
                "text": body,
            },
        )


def list_notes(store: Store, action_id: int) -> list[ActionNote]:
    """An action's notes, newest first."""
    rows = store.query(
        "SELECT n.id, n.action_id, n.note_date, n.author_id, coalesce(p.name, '') AS author,"
        " n.kind, n.text FROM action_notes n LEFT JOIN people p ON p.id = n.author_id"
        " WHERE n.action_id = ? ORDER BY n.note_date DESC, n.id DESC",
        [action_id],
    )
    return [ActionNote(**r) for r in rows]


@dataclass(slots=True)
class LogNote:
    """A note with its action's reference, for exports of a whole log."""

    reference: str
    note_date: str
    author: str
    kind: str
    text: str


def list_all_notes(store: Store, *, body_id: int | None = None) -> list[LogNote]:
    """Every note of one body's log (or all logs), by action then date."""
    rows = store.query(
        "SELECT a.reference, n.note_date, coalesce(p.name, '') AS author, n.kind, n.text"
        " FROM action_notes n JOIN actions a ON a.id = n.action_id"
        " LEFT JOIN people p ON p.id = n.author_id"
        + (" WHERE a.body_id = ?" if body_id is not None else "")
        + " ORDER BY a.body_id, a.number, n.note_date, n.id",
        [body_id] if body_id is not None else [],
    )
    return [LogNote(**r) for r in rows]


def action_history(store: Store, action_id: int) -> list[AuditEntry]:
    """Every recorded change to an action and to its notes, oldest first."""
    entries = list(store.history("actions", action_id))
    for note in store.rows("action_notes", "action_id = ?", [action_id]):
        entries += store.history("action_notes", int(note["id"]))
    entries.sort(key=lambda e: e.at)
    return entries


# --------------------------------------------------------------------------- views


def next_meetings(store: Store, today: dt.date | None = None) -> dict[int, tuple[int, str]]:
    """Each body's next meeting (id, date) on or after *today*, cancelled ones left out."""
    day = (today or dt.date.today()).isoformat()
    rows = store.query(
        "SELECT m.body_id, m.id, m.date FROM meetings m WHERE m.date >= ?"
        " AND lower(m.status) NOT IN ('cancelled', 'postponed')"
        " ORDER BY m.date DESC, m.start_time DESC",
        [day],
    )
    return {r["body_id"]: (r["id"], r["date"]) for r in rows}


def actions_for_next_meeting(
    store: Store, body_id: int, today: dt.date | None = None
) -> ActionsForMeeting:
    """The action log for the body's next meeting: every open action, and those completed,
    closed or cancelled since its last meeting (or in the last 90 days if it has not met)."""
    today = today or dt.date.today()
    nxt = next_meetings(store, today).get(body_id)
    last = store.scalar(
        "SELECT max(date) FROM meetings WHERE body_id = ? AND date < ?"
        " AND lower(status) NOT IN ('cancelled', 'postponed')",
        [body_id, today.isoformat()],
    )
    since = last or (today - dt.timedelta(days=90)).isoformat()
    chosen = [
        a
        for a in list_actions(store, body_id=body_id, today=today)
        if a.status in OPEN_STATUSES
        or (
            a.status in FINISHED_STATUSES
            and (a.completed_date or a.latest_note_date or "") >= since
        )
    ]
    return ActionsForMeeting(
        body_id=body_id,
        meeting_id=nxt[0] if nxt else None,
        meeting_date=nxt[1] if nxt else None,
        since=last,
        actions=chosen,
    )


def chase_list(
    store: Store, *, body_id: int | None = None, today: dt.date | None = None
) -> list[ChaseEntry]:
    """Per owner, the open actions they owe, overdue first then by due date; owners with most
    overdue first. Actions with no owner are grouped under "No owner"."""
    today = today or dt.date.today()
    actions = list_actions(store, body_id=body_id, statuses=OPEN_STATUSES, today=today)
    people = {
        r["id"]: r
        for r in store.query(
            "SELECT p.id, p.active, (SELECT max(coalesce(end_date, '9999-12-31')) FROM memberships"
            " m WHERE m.person_id = p.id) AS last_end FROM people p"
        )
    }
    groups: dict[int | None, list[Action]] = {}
    for a in actions:
        groups.setdefault(a.owner_id, []).append(a)
    entries = []
    day = today.isoformat()
    for owner_id, items in groups.items():
        items.sort(key=lambda a: (a.rag != RAG_RED, a.due_date, a.reference))
        first = items[0]
        info = people.get(owner_id) if owner_id is not None else None
        left = info is not None and (
            not info["active"] or (info["last_end"] is not None and info["last_end"] < day)
        )
        entries.append(
            ChaseEntry(
                owner_id,
                first.owner or "No owner",
                first.organisation,
                first.owner_email,
                left,
                items,
            )
        )
    entries.sort(key=lambda e: (-e.overdue, e.owner_id is None, e.owner.lower()))
    return entries


# --------------------------------------------------------------------------- priorities


def list_priorities(store: Store, *, active_only: bool = False) -> list[Priority]:
    rows = store.query(
        "SELECT p.*, (SELECT count(*) FROM actions a WHERE a.priority_id = p.id) AS action_count"
        " FROM priorities p"
        + (" WHERE p.active = 1" if active_only else "")
        + " ORDER BY p.position, p.name"
    )
    return [Priority(**r) for r in rows]


def save_priority(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    name = " ".join(plain_text(values.get("name")).split())
    if not name:
        raise ValidationError("Enter the priority's name.", "name")
    try:
        position = int(values.get("position") or 0)
    except (TypeError, ValueError):
        raise ValidationError("The order should be a whole number.", "position") from None
    clean = {
        "name": name,
        "description": plain_text(values.get("description")).strip(),
        "position": position,
        "active": 1 if values.get("active", 1) else 0,
    }
    with store.transaction():
        for other in list_priorities(store):
            if other.id != record_id and other.name.lower() == name.lower():
                raise ValidationError(f"There is already a priority called {other.name}.", "name")
        if record_id is None:
            return store.insert("priorities", clean)
        store.update("priorities", record_id, clean)
        return record_id


def delete_priority(store: Store, priority_id: int) -> Row:
    with store.transaction():
        used = store.count("actions", "priority_id = ?", [priority_id]) + store.count(
            "risks", "priority_id = ?", [priority_id]
        )
        if used:
            raise ValidationError(
                f"This priority is linked to {used} action(s) or risk(s), so it cannot be "
                "deleted. Deactivate it instead.",
                "priority",
            )
        return store.delete("priorities", priority_id)


def set_priority_active(store: Store, priority_id: int, active: bool) -> None:
    store.update("priorities", priority_id, {"active": int(active)})


def due_label(a: Action, today: dt.date) -> str:
    """'3 days overdue', 'due today', 'due in 5 days' for an open action; '' otherwise."""
    if a.status not in OPEN_STATUSES:
        return ""
    days = (dt.date.fromisoformat(a.due_date) - today).days
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"
