"""Every SQL statement of the privacy area: stored text read column by column, everything held
about one person, and what the retention schedule looks at. Writes go through the store's
audited update (and, for the history, its own methods)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- stored text

#: For a table's rows: the record a link opens (its id, or its parent's) and a few words naming
#: it. Tables not listed open nothing and are named by their id.
RECORD_OF: dict[str, tuple[str, str]] = {
    "actions": ("id", "reference || ' ' || title"),
    "action_notes": ("action_id", "(SELECT reference FROM actions a WHERE a.id = action_id)"),
    "agenda_items": ("meeting_id", "title"),
    "cover_sheets": (
        "(SELECT meeting_id FROM agenda_items i WHERE i.id = agenda_item_id)",
        "(SELECT title FROM agenda_items i WHERE i.id = agenda_item_id)",
    ),
    "papers": ("meeting_id", "title"),
    "attendance": ("meeting_id", "guest_name"),
    "declarations": ("meeting_id", "interest"),
    "meetings": ("id", "date"),
    "meeting_changes": ("meeting_id", "new_date"),
    "organisations": ("id", "name"),
    "people": ("id", "name"),
    "bodies": ("id", "name"),
    "memberships": ("id", "(SELECT name FROM people p WHERE p.id = person_id)"),
    "partnership_roles": ("id", "role"),
    "risks": ("id", "reference || ' ' || title"),
    "risk_reviews": ("risk_id", "(SELECT reference FROM risks r WHERE r.id = risk_id)"),
    "contributions": ("id", "invoice_ref"),
    "contribution_payments": ("contribution_id", "reference"),
    "reviews": ("id", "reference"),
    "review_delays": ("review_id", "(SELECT reference FROM reviews r WHERE r.id = review_id)"),
    "review_recommendations": (
        "review_id",
        "(SELECT reference FROM reviews r WHERE r.id = review_id) || ' recommendation ' || number",
    ),
    "audits": ("id", "title"),
    "training_courses": ("id", "course"),
    "yearly_reports": ("id", "year"),
    "yearly_report_recipients": ("report_id", "recipient"),
}


def text_rows(store: Store, table: str, columns: Sequence[str]) -> Iterator[Row]:
    """Each row of *table*: its id, ``link_id`` (the record to open), ``label``, and the text
    *columns*, one row at a time."""
    link, label = RECORD_OF.get(table, ("id", "''"))
    cols = ", ".join(columns)
    return store.iter_query(
        f"SELECT id, {link} AS link_id, {label} AS label, {cols} FROM {table} ORDER BY id"
    )


def rows_mentioning(
    store: Store, table: str, columns: Sequence[str], texts: Sequence[str]
) -> list[Row]:
    """Rows of *table* whose text *columns* hold one of *texts* (ignoring ASCII case: the
    caller matches exactly), with ``link_id`` and ``label`` as in :func:`text_rows`."""
    link, label = RECORD_OF.get(table, ("id", "''"))
    where = " OR ".join(f"lower({c}) LIKE lower(?) ESCAPE '\\'" for c in columns for _ in texts)
    params = [f"%{_like_escaped(t)}%" for _ in columns for t in texts]
    cols = ", ".join(columns)
    return store.query(
        f"SELECT id, {link} AS link_id, {label} AS label, {cols} FROM {table} WHERE {where}"
        " ORDER BY id",
        params,
    )


def _like_escaped(text: str) -> str:
    """*text* matched literally by ``LIKE … ESCAPE '\\'`` (its ``%``, ``_`` and backslashes
    escaped): a containment test both engines spell the same (SQLite's ``instr`` is not
    PostgreSQL's)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def held_meeting_ids(store: Store) -> set[int]:
    return {int(r["id"]) for r in store.query("SELECT id FROM meetings WHERE status = 'held'")}


def published_review_ids(store: Store) -> set[int]:
    rows = store.query("SELECT id FROM reviews WHERE published_date IS NOT NULL")
    return {int(r["id"]) for r in rows}


def published_yearly_report_ids(store: Store) -> set[int]:
    rows = store.query("SELECT id FROM yearly_reports WHERE published_date IS NOT NULL")
    return {int(r["id"]) for r in rows}


# --------------------------------------------------------------------------- one person


def person(store: Store, person_id: int) -> Row | None:
    rows = store.query(
        "SELECT p.*, coalesce(o.name, '') AS organisation FROM people p"
        " LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?",
        [person_id],
    )
    return rows[0] if rows else None


def people_named(store: Store, name: str) -> int:
    """How many people have exactly this name (ignoring case)."""
    return store.count("people", "lower(name) = lower(?)", [name])


def roles_of(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT r.role, coalesce(o.name, '') AS organisation, r.start_date, r.end_date, r.notes"
        " FROM partnership_roles r LEFT JOIN organisations o ON o.id = r.organisation_id"
        " WHERE r.person_id = ? ORDER BY r.start_date, r.id",
        [person_id],
    )


def memberships_of(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT b.name AS body, m.role, coalesce(dp.name, '') AS deputy_for,"
        " m.delegated_authority, m.start_date, m.end_date, m.notes"
        " FROM memberships m JOIN bodies b ON b.id = m.body_id"
        " LEFT JOIN memberships d ON d.id = m.deputy_for_id"
        " LEFT JOIN people dp ON dp.id = d.person_id"
        " WHERE m.person_id = ? ORDER BY m.start_date, lower(b.name), m.id",
        [person_id],
    )


def chair_turns_of(store: Store, person_id: int) -> list[Row]:
    """The turns of a rotating chair the person is named to take for a partner."""
    return store.query(
        "SELECT b.name AS body, o.name AS organisation, t.position, r.every_months,"
        " r.start_date, r.notes FROM chair_rotation_turns t"
        " JOIN chair_rotations r ON r.id = t.rotation_id JOIN bodies b ON b.id = r.body_id"
        " JOIN organisations o ON o.id = t.organisation_id"
        " WHERE t.person_id = ? ORDER BY lower(b.name), t.position",
        [person_id],
    )


def attendance_of(store: Store, person_id: int) -> list[Row]:
    """Meetings the person was listed at, and those they attended as someone's deputy."""
    return store.query(
        "SELECT mt.date, b.name AS body, mt.status AS meeting_status, a.status, a.role,"
        " coalesce(dep.name, '') AS deputy, coalesce(pr.name, '') AS deputising_for,"
        " a.notes FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id"
        " JOIN bodies b ON b.id = mt.body_id"
        " LEFT JOIN people dep ON dep.id = a.deputy_id"
        " LEFT JOIN people pr ON pr.id = a.person_id AND a.deputy_id = ?"
        " WHERE a.person_id = ? OR a.deputy_id = ? ORDER BY mt.date, mt.id",
        [person_id, person_id, person_id],
    )


def declarations_of(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT mt.date, b.name AS body, coalesce(i.title, '') AS item, d.interest"
        " FROM declarations d JOIN meetings mt ON mt.id = d.meeting_id"
        " JOIN bodies b ON b.id = mt.body_id"
        " LEFT JOIN agenda_items i ON i.id = d.agenda_item_id"
        " WHERE d.person_id = ? ORDER BY mt.date, d.id",
        [person_id],
    )


def actions_owned(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT reference, title, status, raised_date, due_date, completed_date FROM actions"
        " WHERE owner_id = ? ORDER BY raised_date, id",
        [person_id],
    )


def notes_written(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT n.note_date, a.reference, n.text FROM action_notes n"
        " JOIN actions a ON a.id = n.action_id WHERE n.author_id = ?"
        " ORDER BY n.note_date, n.id",
        [person_id],
    )


def risks_owned(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT reference, title, status, raised_date, next_review FROM risks"
        " WHERE owner_id = ? ORDER BY lower(reference)",
        [person_id],
    )


def risk_reviews_by(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT v.review_date, r.reference, v.note FROM risk_reviews v"
        " JOIN risks r ON r.id = v.risk_id WHERE v.reviewer_id = ?"
        " ORDER BY v.review_date, v.id",
        [person_id],
    )


def items_presented(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT mt.date, b.name AS body, i.title FROM agenda_items i"
        " JOIN meetings mt ON mt.id = i.meeting_id JOIN bodies b ON b.id = mt.body_id"
        " WHERE i.presenter_id = ? ORDER BY mt.date, i.position",
        [person_id],
    )


def papers_written(store: Store, person_id: int) -> list[Row]:
    return store.query(
        "SELECT mt.date, b.name AS body, p.title, p.status FROM papers p"
        " JOIN meetings mt ON mt.id = p.meeting_id JOIN bodies b ON b.id = mt.body_id"
        " WHERE p.author_id = ? ORDER BY mt.date, p.id",
        [person_id],
    )


def training_delivered(store: Store, name: str) -> list[Row]:
    return store.query(
        "SELECT date, course, level FROM training_courses WHERE lower(trainer) = lower(?)"
        " ORDER BY date",
        [name],
    )


def linked_to_practice_review(store: Store, person_id: int, name: str) -> bool:
    """Whether the person owns an action from a practice review or is a review's reviewer."""
    actions = store.count(
        "actions",
        "owner_id = ? AND (source = 'practice review' OR recommendation_id IS NOT NULL)",
        [person_id],
    )
    return actions > 0 or store.count("reviews", "lower(reviewer) = lower(?)", [name]) > 0


def link_counts(store: Store, person_id: int) -> Row:
    """How many records point at the person (they stay, and show the neutral label)."""
    return store.query(
        "SELECT (SELECT count(*) FROM memberships WHERE person_id = :p) AS memberships,"
        " (SELECT count(*) FROM partnership_roles WHERE person_id = :p) AS roles,"
        " (SELECT count(*) FROM attendance WHERE person_id = :p OR deputy_id = :p)"
        " AS attendance,"
        " (SELECT count(*) FROM actions WHERE owner_id = :p) AS actions,"
        " (SELECT count(*) FROM action_notes WHERE author_id = :p) AS notes,"
        " (SELECT count(*) FROM risks WHERE owner_id = :p) AS risks,"
        " (SELECT count(*) FROM declarations WHERE person_id = :p) AS declarations,"
        " (SELECT count(*) FROM chair_rotation_turns WHERE person_id = :p) AS chair_turns",
        {"p": person_id},
    )[0]


# --------------------------------------------------------------------------- retention


def people_last_seen(store: Store) -> list[Row]:
    """Every person not yet erased, with the last day (``last_seen``) they held a role or
    membership or were at a meeting ('9999-12-31' while anything of theirs is still current,
    with no end date; '' when nothing). The latest of the three is taken in Python: SQLite's
    many-argument ``max()`` is PostgreSQL's ``greatest()``."""
    rows = store.query(
        "SELECT p.id, p.name, p.active,"
        " (SELECT max(coalesce(m.end_date, '9999-12-31')) FROM memberships m"
        "  WHERE m.person_id = p.id) AS membership_end,"
        " (SELECT max(coalesce(r.end_date, '9999-12-31')) FROM partnership_roles r"
        "  WHERE r.person_id = p.id) AS role_end,"
        " (SELECT max(mt.date) FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id"
        "  WHERE a.person_id = p.id OR a.deputy_id = p.id) AS attended"
        " FROM people p WHERE p.id NOT IN"
        " (SELECT record_id FROM erasures WHERE kind = 'person') ORDER BY p.name, p.id"
    )
    for r in rows:
        r["last_seen"] = max(
            r.pop("membership_end") or "", r.pop("role_end") or "", r.pop("attended") or ""
        )
    return rows


def deleted_people(store: Store) -> list[Row]:
    """People deleted whose last values are still in the history and not erased since."""
    return store.query(
        "SELECT record_id AS id, old, at FROM audit_log WHERE table_name = 'people'"
        " AND action = 'delete' AND old IS NOT NULL AND record_id NOT IN"
        " (SELECT record_id FROM erasures WHERE kind = 'person') ORDER BY at"
    )


def reviews_closed_before(store: Store, day: str) -> list[Row]:
    return store.query(
        "SELECT id, reference, kind, closed_date FROM reviews"
        " WHERE closed_date IS NOT NULL AND closed_date < ?"
        " AND (summary <> '' OR notes <> '' OR reviewer <> '') ORDER BY closed_date",
        [day],
    )


def erasures(store: Store) -> list[Row]:
    return store.query("SELECT * FROM erasures ORDER BY id")
