"""Minutes and decisions: what was said and decided on each agenda item, and the decisions
register across every body."""

from __future__ import annotations

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.agenda import get_item
from lscp_desktop.models.meetings.meetings import get_meeting
from lscp_desktop.models.meetings.minutes_lock import ensure_minutes_open
from lscp_desktop.models.meetings.queries import agenda as agenda_queries
from lscp_desktop.models.meetings.records import Decision
from lscp_desktop.models.store.database import Store


def save_minutes(store: Store, item_id: int, minute_text: str, decisions: str) -> None:
    with store.transaction():
        item = get_item(store, item_id)
        m = get_meeting(store, item.meeting_id)
        ensure_minutes_open(store, m.id, "change their minute or decisions")
        if m.status == "cancelled" and (minute_text.strip() or decisions.strip()):
            raise ValidationError("This meeting was cancelled; it has no minutes.")
        store.update(
            "agenda_items",
            item_id,
            {"minute_text": minute_text.strip(), "decisions": decisions.strip()},
        )


def list_decisions(store: Store, *, body_id: int | None = None, search: str = "") -> list[Decision]:
    """Every decision, one per line of an item's decisions, newest first."""
    words = search.lower().split()
    out = []
    for r in agenda_queries.decision_rows(store, body_id):
        for line in r["decisions"].splitlines():
            text = line.strip().lstrip("•-* ").strip()
            if not text:
                continue
            hay = f"{text} {r['title']} {r['body']}".lower()
            if all(w in hay for w in words):
                out.append(
                    Decision(
                        r["item_id"],
                        r["meeting_id"],
                        r["date"],
                        r["body"],
                        r["body_id"],
                        r["title"],
                        text,
                    )
                )
    return out
