"""Approved minutes are locked: the one check every change to what they record goes through
(a minute or decision, the agenda's items, the register, declarations, the meeting's date)."""

from __future__ import annotations

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.queries import minutes as minutes_queries
from lscp_desktop.models.store.database import Store


class MinutesLockedError(ValidationError):
    """A change to a meeting whose minutes have been approved."""


def ensure_minutes_open(store: Store, meeting_id: int, change: str = "change them") -> None:
    """Refuse, with the way out, when the meeting's minutes have been approved."""
    row = minutes_queries.approved_minutes_row(store, meeting_id)
    if row is None:
        return
    raise MinutesLockedError(
        f"The minutes of the {row['body']} meeting on {uk(row['date'])} were approved on "
        f"{uk(row['approved_on'])} as an accurate record, so you cannot {change}. Record a "
        "correction agreed since as an amendment instead.",
        "minutes",
    )
