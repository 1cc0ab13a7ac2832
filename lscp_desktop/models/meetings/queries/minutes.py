"""The minutes' life cycle: their status and approval, and corrections agreed afterwards."""

from __future__ import annotations

from lscp_desktop.models.meetings.queries.common import first_row
from lscp_desktop.models.store.database import Row, Store


def minutes_row(store: Store, meeting_id: int) -> Row | None:
    """The meeting's minutes record (status, approval), if one has been made."""
    return first_row(
        store.query("SELECT * FROM meeting_minutes WHERE meeting_id = ?", [meeting_id])
    )


def approved_minutes_row(store: Store, meeting_id: int) -> Row | None:
    """Body name, date and approval date of the meeting when its minutes are approved."""
    return first_row(
        store.query(
            "SELECT b.name AS body, m.date, n.approved_on FROM meeting_minutes n"
            " JOIN meetings m ON m.id = n.meeting_id JOIN bodies b ON b.id = m.body_id"
            " WHERE n.meeting_id = ? AND n.status = 'approved'",
            [meeting_id],
        )
    )


def minutes_approved_at(store: Store, meeting_id: int) -> list[Row]:
    """The minutes approved at a meeting (their meeting's id and date), oldest first."""
    return store.query(
        "SELECT n.meeting_id, m.date FROM meeting_minutes n JOIN meetings m"
        " ON m.id = n.meeting_id WHERE n.approved_at_meeting_id = ? ORDER BY m.date",
        [meeting_id],
    )


def amendment_rows(store: Store, meeting_id: int) -> list[Row]:
    """Corrections to a meeting's approved minutes, with the item's title, in date order."""
    return store.query(
        "SELECT x.*, coalesce(a.title, '') AS item FROM minute_amendments x"
        " LEFT JOIN agenda_items a ON a.id = x.agenda_item_id WHERE x.meeting_id = ?"
        " ORDER BY x.agreed_on, x.id",
        [meeting_id],
    )
