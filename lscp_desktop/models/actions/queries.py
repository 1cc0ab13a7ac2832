"""The SQL of the action logs, and the only SQL text in this area: actions, their notes and
priorities, and what a log reads from the meetings and membership tables.

Each function takes the store and plain values and returns rows, a scalar or a row iterator.
Writes go through the store's audited ``insert``/``update``/``delete``, not through here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- actions

#: Every column of :class:`~lscp_desktop.models.actions.records.Action` that the database holds,
#: with the names of its body, owner, organisation and priority, where it came from, and its
#: latest note: in the order of the record's fields, which are built from the rows by position.
#: The latest note is one look-up in the notes' (action_id, note_date) index per action: a window
#: function or a grouped join over every note measured slower for the unfinished log (3x at 10x
#: the actions), which reads a tenth of the actions. (No comments inside the SQL text: the
#: PostgreSQL seam rewrites placeholders, and a quote in a comment would mislead it.)
_ACTION_COLUMNS = """
  a.id, a.body_id, b.code AS body_code, b.name AS body, a.number, a.reference, a.title,
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
  a.chased_on, a.times_chased"""
#: What every action is read from: the names and the source of :data:`_ACTION_COLUMNS`.
_ACTION_FROM = """
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
#: Where :data:`_ACTION_FROM` names the actions table (replaced for the first screenful).
_FROM_ACTIONS = "FROM actions a\n"
_ACTION = (
    "SELECT"
    + _ACTION_COLUMNS
    + """,
  coalesce(ln.text, '') AS latest_note, ln.note_date AS latest_note_date"""
    + _ACTION_FROM
    + """LEFT JOIN action_notes ln ON ln.id = (
  SELECT n.id FROM action_notes n WHERE n.action_id = a.id
  ORDER BY n.note_date DESC, n.id DESC LIMIT 1)
"""
)


def iter_actions(
    store: Store,
    *,
    body_id: int | None = None,
    owner_id: int | None = None,
    risk_id: int | None = None,
    agenda_item_id: int | None = None,
    statuses: Sequence[str] | None = None,
    first: int | None = None,
) -> Iterator[Sequence[Any]]:
    """Actions (all, or those matching every filter given), streamed in log order: body, then
    number, each row in the order of the record's fields. An empty *statuses* matches nothing.

    With *first*, only the first so many in that order: their ids are picked from the actions
    alone, so the joins and the latest-note look-ups run for those rows only (the first
    screenful of a log of 200,000 actions in a few milliseconds). They are read in a derived
    table that the joins start from: PostgreSQL planned ``a.id IN (…)`` as a hash semi-join
    over the whole log joined to its names (30 ms where this takes 4, issue 22)."""
    condition, params = _where(body_id, owner_id, risk_id, agenda_item_id, statuses)
    if first is None:
        return store.iter_tuples(_ACTION + condition + " ORDER BY b.id, a.number", params)
    params["first"] = first
    picked = (
        "FROM (SELECT a.id FROM actions a" + condition
        + " ORDER BY a.body_id, a.number LIMIT :first) picked\n"
        "JOIN actions a ON a.id = picked.id\n"
    )  # fmt: skip
    sql = _ACTION.replace(_FROM_ACTIONS, picked, 1)
    return store.iter_tuples(sql + " ORDER BY b.id, a.number", params)


def _where(
    body_id: int | None,
    owner_id: int | None,
    risk_id: int | None,
    agenda_item_id: int | None,
    statuses: Sequence[str] | None,
) -> tuple[str, dict[str, object]]:
    """The WHERE clause ("" for none) and its parameters for the filters given."""
    where: list[str] = []
    params: dict[str, object] = {}
    for column, key, value in (
        ("a.body_id", "body_id", body_id),
        ("a.owner_id", "owner_id", owner_id),
        ("a.risk_id", "risk_id", risk_id),
        ("a.agenda_item_id", "agenda_item_id", agenda_item_id),
    ):
        if value is not None:
            where.append(f"{column} = :{key}")
            params[key] = value
    if statuses is not None:
        marks = ", ".join(f":s{i}" for i in range(len(statuses)))
        where.append(f"a.status IN ({marks})" if statuses else "1 = 0")
        params.update({f"s{i}": s for i, s in enumerate(statuses)})
    return (" WHERE " + " AND ".join(where) if where else ""), params


def iter_actions_json(
    store: Store,
    columns: Sequence[str],
    *,
    body_id: int | None = None,
    statuses: Sequence[str] | None = None,
) -> Iterator[Sequence[Any]]:
    """The actions :func:`iter_actions` gives, each row (*head*, body_id, status, due_date):
    *head* the start of the action's JSON object, its *columns* (of :func:`iter_actions`, in
    order) written by SQLite's ``json_quote`` as Python's ``json`` writes them with its default
    separators: ``{"id": 1, "body_id": 2, …`` (the caller adds what the listing works out and
    closes it). For listings of any length written straight out: no value becomes a Python
    object. Use it only where ``json_quote`` escapes text as Python's ``json`` does."""
    if not all(c.isidentifier() for c in columns):
        raise ValueError("columns must be column names")
    head = " || ', ' || ".join(f"'\"{c}\": ' || json_quote({c})" for c in columns)
    condition, params = _where(body_id, None, None, None, statuses)
    return store.iter_tuples(
        f"SELECT '{{' || {head}, body_id, status, due_date FROM ({_ACTION}{condition}) AS log"
        " ORDER BY log.body_id, log.number",
        params,
    )


def iter_action_columns(
    store: Store, columns: Sequence[str], *, body_id: int | None = None
) -> Iterator[Sequence[Any]]:
    """*columns* (of :func:`iter_actions`, but not the latest note's) of every action, or of one
    body's, in log order, as tuples: no latest-note look-up per action, for a whole log read
    with its notes (:func:`iter_notes_of_log`), as the action log's workbook reads it."""
    if not all(c.isidentifier() and not c.startswith("latest_note") for c in columns):
        raise ValueError("columns must be column names, not the latest note's")
    condition, params = _where(body_id, None, None, None, None)
    return store.iter_tuples(
        f"SELECT {', '.join(columns)} FROM (SELECT{_ACTION_COLUMNS}{_ACTION_FROM}{condition})"
        " AS log ORDER BY log.body_id, log.number",
        params,
    )


def json_quoted(store: Store, value: object) -> str:
    """*value* as SQLite's ``json_quote`` writes it."""
    return str(store.scalar("SELECT json_quote(?) AS quoted", [value]))


def action_by_id(store: Store, action_id: int) -> list[Sequence[Any]]:
    """The one action with *action_id* (an empty list if there is none), as
    :func:`iter_actions` gives rows."""
    return list(store.iter_tuples(_ACTION + " WHERE a.id = ?", [action_id]))


def action_keys(store: Store) -> Iterator[Sequence[Any]]:
    """(id, body_id, reference, title) of every action, in log order."""
    return store.iter_tuples(
        "SELECT id, body_id, reference, title FROM actions ORDER BY body_id, number"
    )


def actions_by_ids(store: Store, ids: Sequence[int]) -> list[Sequence[Any]]:
    """The actions with *ids* (those there are), as :func:`iter_actions` gives rows."""
    marks = ", ".join("?" * len(ids))
    return list(store.iter_tuples(_ACTION + f" WHERE a.id IN ({marks})", list(ids)))


def action_id_by_reference(store: Store, reference: str) -> int | None:
    """The id of the action with *reference* (ignoring case, as the column's unique index does),
    if any."""
    rows = store.query("SELECT id FROM actions WHERE lower(reference) = lower(?)", [reference])
    return int(rows[0]["id"]) if rows else None


def next_action_number(store: Store, body_id: int) -> int:
    """One more than the highest number in the body's log (1 for an empty log)."""
    return int(
        store.scalar(
            "SELECT coalesce(max(number), 0) + 1 FROM actions WHERE body_id = ?", [body_id]
        )
    )


def action_numbers(store: Store, body_id: int) -> list[int]:
    """Every number used in the body's log."""
    return [int(r[0]) for r in store.iter_tuples(
        "SELECT number FROM actions WHERE body_id = ?", [body_id])]  # fmt: skip


def action_number_used(store: Store, body_id: int, number: int) -> bool:
    return store.count("actions", "body_id = ? AND number = ?", [body_id, number]) > 0


def priority_use_count(store: Store, priority_id: int) -> int:
    """How many actions and risks have this priority."""
    return store.count("actions", "priority_id = ?", [priority_id]) + store.count(
        "risks", "priority_id = ?", [priority_id]
    )


def max_action_id(store: Store) -> int:
    """The highest action id so far (0 when there are none)."""
    return int(store.scalar("SELECT coalesce(max(id), 0) FROM actions"))


# --------------------------------------------------------------------------- notes


def note_ids(store: Store, action_id: int) -> list[int]:
    """The ids of an action's notes."""
    return [int(r["id"]) for r in store.rows("action_notes", "action_id = ?", [action_id])]


def notes_of_action(store: Store, action_id: int) -> list[Row]:
    """An action's notes with their authors' names, newest first."""
    return store.query(
        "SELECT n.id, n.action_id, n.note_date, n.author_id, coalesce(p.name, '') AS author,"
        " n.kind, n.text, n.recorded_by FROM action_notes n"
        " LEFT JOIN people p ON p.id = n.author_id"
        " WHERE n.action_id = ? ORDER BY n.note_date DESC, n.id DESC",
        [action_id],
    )


def notes_of_log(store: Store, body_id: int | None) -> list[Row]:
    """Every note of one body's log (or of all logs) with its action's reference, by action
    then date."""
    return store.query(
        "SELECT a.reference, n.note_date, coalesce(p.name, '') AS author, n.kind, n.text,"
        " n.recorded_by"
        " FROM action_notes n JOIN actions a ON a.id = n.action_id"
        " LEFT JOIN people p ON p.id = n.author_id"
        + (" WHERE a.body_id = ?" if body_id is not None else "")
        + " ORDER BY a.body_id, a.number, n.note_date, n.id",
        [body_id] if body_id is not None else [],
    )


def iter_notes_of_log(store: Store, body_id: int | None) -> Iterator[Sequence[Any]]:
    """The notes :func:`notes_of_log` gives, as tuples (action id, reference, date, by, kind,
    text): *by* the author's name, else who recorded the note."""
    return store.iter_tuples(
        "SELECT n.action_id, a.reference, n.note_date,"
        " CASE WHEN coalesce(p.name, '') <> '' THEN p.name ELSE n.recorded_by END, n.kind, n.text"
        " FROM action_notes n JOIN actions a ON a.id = n.action_id"
        " LEFT JOIN people p ON p.id = n.author_id"
        + (" WHERE a.body_id = ?" if body_id is not None else "")
        + " ORDER BY a.body_id, a.number, n.note_date, n.id",
        [body_id] if body_id is not None else [],
    )


# --------------------------------------------------------------------------- priorities


def priorities(store: Store, *, active_only: bool) -> list[Row]:
    """Priorities with how many actions each has, in their order."""
    return store.query(
        "SELECT p.*, (SELECT count(*) FROM actions a WHERE a.priority_id = p.id) AS action_count"
        " FROM priorities p"
        + (" WHERE p.active = 1" if active_only else "")
        + " ORDER BY p.position, lower(p.name)"
    )


def priority_ids_in_order(store: Store) -> list[int]:
    return [int(r["id"]) for r in store.query("SELECT id FROM priorities ORDER BY position")]


# --------------------------------------------------------------------------- meetings


def meetings_from(store: Store, day: str) -> list[Row]:
    """Meetings (body_id, id, date) on or after *day* that are not cancelled or postponed,
    latest first, so that the last row per body is its next meeting."""
    return store.query(
        "SELECT m.body_id, m.id, m.date FROM meetings m WHERE m.date >= ?"
        " AND lower(m.status) NOT IN ('cancelled', 'postponed')"
        " ORDER BY m.date DESC, m.start_time DESC",
        [day],
    )


def last_meeting_before(store: Store, body_id: int, day: str) -> str | None:
    """The date of the body's last meeting before *day* that was not cancelled or postponed."""
    value = store.scalar(
        "SELECT max(date) FROM meetings WHERE body_id = ? AND date < ?"
        " AND lower(status) NOT IN ('cancelled', 'postponed')",
        [body_id, day],
    )
    return str(value) if value is not None else None


def past_meeting_items(store: Store, day: str) -> list[Row]:
    """Per meeting on or before *day*, oldest first: its body, date and one agenda item (the
    first substantive one, else the first), for linking demo actions to the business."""
    return store.query(
        "SELECT m.body_id, m.date,"
        " coalesce(min(CASE WHEN ai.standing = 0 THEN ai.id END), min(ai.id)) AS item_id"
        " FROM agenda_items ai"
        " JOIN meetings m ON m.id = ai.meeting_id WHERE m.date <= ?"
        " GROUP BY m.id, m.body_id, m.date ORDER BY m.date, m.id",
        [day],
    )


# --------------------------------------------------------------------------- owners


def membership_end(store: Store, person_id: int) -> tuple[str | None, int]:
    """The end of a person's last membership ('9999-12-31' while one is open; None when they
    have none) and how many memberships they have."""
    rows = store.query(
        "SELECT max(coalesce(end_date, '9999-12-31')) AS last_end, count(*) AS n"
        " FROM memberships WHERE person_id = ?",
        [person_id],
    )
    return rows[0]["last_end"], int(rows[0]["n"])


def people_membership_ends(store: Store) -> list[Row]:
    """Every person's id, whether active, and the end of their last membership (as above)."""
    return store.query(
        "SELECT p.id, p.active, (SELECT max(coalesce(end_date, '9999-12-31')) FROM memberships"
        " m WHERE m.person_id = p.id) AS last_end FROM people p"
    )


def person_name(store: Store, person_id: int | None) -> str:
    """A person's name ("" for none)."""
    if person_id is None:
        return ""
    rows = store.query("SELECT name FROM people WHERE id = ?", [person_id])
    return str(rows[0]["name"]) if rows else ""


def people_for_owners(store: Store) -> list[Row]:
    """Every person's id, organisation and whether active, by id (for the demo's owners)."""
    return store.query("SELECT id, organisation_id, active FROM people ORDER BY id")


def owning_memberships(store: Store) -> list[Row]:
    """Memberships whose holders can own actions (not observers or the secretariat): body,
    person, start and end, in the order they were added."""
    return store.query(
        "SELECT m.body_id, m.person_id, m.start_date, m.end_date FROM memberships m"
        " JOIN people p ON p.id = m.person_id"
        " WHERE m.role NOT IN ('observer', 'secretariat') ORDER BY m.id"
    )


def bodies_with_dates(store: Store) -> list[Row]:
    """Every body's id, code, start and end date, by id."""
    return store.query("SELECT id, code, start_date, end_date FROM bodies ORDER BY id")
