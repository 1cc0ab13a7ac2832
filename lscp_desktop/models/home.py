"""What the Home page summarises. Later registers add their own sections here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lscp_desktop.models.membership import get_partnership, list_memberships
from lscp_desktop.models.store import Store


@dataclass
class EndingMembership:
    membership_id: int
    person: str
    body: str
    role: str
    end_date: str


@dataclass
class MembershipSummary:
    name: str
    local_authorities: list[str]
    chair_arrangement: str
    counts: dict[str, int]
    bodies_without_chair: list[tuple[int, str]] = field(default_factory=list)
    ending_soon: list[EndingMembership] = field(default_factory=list)


def membership_summary(
    store: Store, today: dt.date | None = None, days: int = 60
) -> MembershipSummary:
    """Headline counts, bodies with no current chair, and memberships ending within *days*."""
    today = today or dt.date.today()
    t = today.isoformat()
    partnership = get_partnership(store)
    counts = {
        "Statutory partners": store.count(
            "organisations", "kind = 'statutory partner' AND active = 1"
        ),
        "Organisations": store.count("organisations", "active = 1"),
        "People": store.count("people", "active = 1"),
        "Bodies": store.count(
            "bodies",
            "active = 1 AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
            [t, t],
        ),
        "Current memberships": store.count(
            "memberships", "start_date <= ? AND (end_date IS NULL OR end_date >= ?)", [t, t]
        ),
    }
    no_chair = store.query(
        "SELECT b.id, b.name FROM bodies b WHERE b.active = 1 AND b.start_date <= ?"
        " AND (b.end_date IS NULL OR b.end_date >= ?) AND NOT EXISTS (SELECT 1 FROM memberships m"
        " WHERE m.body_id = b.id AND m.role IN ('chair', 'co-chair') AND m.start_date <= ?"
        " AND (m.end_date IS NULL OR m.end_date >= ?)) ORDER BY b.id",
        [t, t, t, t],
    )
    horizon = (today + dt.timedelta(days=days)).isoformat()
    ending = [
        EndingMembership(m.id, m.person, m.body, m.role, m.end_date or "")
        for m in list_memberships(store)
        if m.end_date and t <= m.end_date <= horizon
    ]
    ending.sort(key=lambda e: e.end_date)
    return MembershipSummary(
        name=partnership.name if partnership else "New partnership",
        local_authorities=partnership.local_authorities if partnership else [],
        chair_arrangement=partnership.chair_arrangement if partnership else "",
        counts=counts,
        bodies_without_chair=[(r["id"], r["name"]) for r in no_chair],
        ending_soon=ending,
    )


# --------------------------------------------------------------------------- what needs attention


@dataclass(frozen=True)
class AttentionItem:
    """One thing the business manager must see to this week or next; it opens its record."""

    due: str
    area: str
    title: str
    detail: str
    #: Where it opens: a page key, or "page:part" for a tab of a page.
    page: str
    record_id: int | None
    statutory: bool = False

    def days_left(self, today: dt.date) -> int:
        return (dt.date.fromisoformat(self.due) - today).days

    def when(self, today: dt.date) -> str:
        """Overdue, this week or next week (weeks run Monday to Sunday)."""
        due = dt.date.fromisoformat(self.due)
        if due < today:
            return "Overdue"
        week_end = today + dt.timedelta(days=6 - today.weekday())
        return "This week" if due <= week_end else "Next week"


def attention_horizon(today: dt.date) -> dt.date:
    """The Sunday that ends next week."""
    return today + dt.timedelta(days=13 - today.weekday())


def attention(store: Store, today: dt.date | None = None) -> list[AttentionItem]:
    """What is overdue or falls due this week or next, across the registers that exist.

    Plain indexed queries over stored due dates only (no bank-holiday arithmetic here), so the
    Home page opens fast and without loading the holidays library.
    """
    from lscp_desktop.models import reviews

    today = today or dt.date.today()
    horizon = attention_horizon(today)
    items = reviews.attention_items(store, today, horizon)
    items.sort(key=lambda i: (i.due, not i.statutory, i.area, i.title))
    return items
