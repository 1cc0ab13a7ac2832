"""Meeting papers and the cover sheets of agenda items."""

from __future__ import annotations

from lscp_desktop.models.meetings.queries.common import first_row
from lscp_desktop.models.store.database import Row, Store

_PAPER = (
    "SELECT x.*, coalesce(p.name, '') AS author, coalesce(a.title, '') AS item,"
    " m.date AS meeting_date, m.body_id, b.name AS body FROM papers x"
    " JOIN meetings m ON m.id = x.meeting_id JOIN bodies b ON b.id = m.body_id"
    " LEFT JOIN people p ON p.id = x.author_id LEFT JOIN agenda_items a ON a.id = x.agenda_item_id"
)


def paper_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's papers with author, item, meeting date and body, in the order added."""
    return store.query(_PAPER + " WHERE x.meeting_id = ? ORDER BY x.id", [meeting_id])


def awaited_paper_rows(store: Store, start: str, end: str) -> list[Row]:
    """Papers requested or late for meetings (not cancelled or postponed) between two dates."""
    return store.query(
        _PAPER + " WHERE x.status IN ('requested', 'late') AND m.date >= ?"
        " AND m.date <= ? AND m.status NOT IN ('cancelled', 'postponed') ORDER BY x.id",
        [start, end],
    )


def papers_of_item(store: Store, item_id: int) -> int:
    return int(store.scalar("SELECT count(*) FROM papers WHERE agenda_item_id = ?", [item_id]))


def cover_sheet_row(store: Store, item_id: int) -> Row | None:
    return first_row(
        store.query("SELECT * FROM cover_sheets WHERE agenda_item_id = ? ORDER BY id", [item_id])
    )


def cover_sheet_rows(store: Store, meeting_id: int) -> list[Row]:
    """The cover sheets of a meeting's items."""
    return store.query(
        "SELECT c.* FROM cover_sheets c JOIN agenda_items a ON a.id = c.agenda_item_id"
        " WHERE a.meeting_id = ?",
        [meeting_id],
    )
