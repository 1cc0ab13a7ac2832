"""What every board document shares: the partnership's name, dates in words, the document."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.exports.registry import ExportOptions
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Store

PURPOSE_WORDS = ("decision", "discussion", "information", "assurance")


def partnership_name(store: Store) -> str:
    partnership = get_partnership(store)
    return partnership.name if partnership else "Safeguarding Children Partnership"


def new_document(store: Store, options: ExportOptions, title: str) -> WordDocument:
    return WordDocument(
        title=title,
        partnership=partnership_name(store),
        marking=options.marking,
        template=options.template,
    )


def long_date(iso: str | dt.date | None) -> str:
    """ "Tuesday 8 December 2026"."""
    if not iso:
        return ""
    day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(str(iso)[:10])
    return f"{day:%A} {day.day} {day:%B %Y}"


def purpose_line(purpose: str) -> str:
    """ "☒ Decision  ☐ Discussion …": the chosen purpose ticked and named, not only marked."""
    marks = [f"{'☒' if p == purpose else '☐'} {p.capitalize()}" for p in PURPOSE_WORDS]
    return "   ".join(marks)


def paper_refs(position: int, count: int) -> list[str]:
    """Paper references for an item: "6" for one paper, "6a", "6b" … for several."""
    if count <= 1:
        return [str(position)] if count else []
    return [f"{position}{chr(ord('a') + i)}" for i in range(min(count, 26))]
