"""Quarterly themes: one theme a quarter, linked to a partnership priority, set by the planning
group for the bodies named to examine it (seed 003: each subgroup and each local group, then the
partnership itself). A body's draft agenda in that quarter proposes the theme, and the theme's
record shows which bodies have taken it up and which have not.

Quarters are those of the financial year: Q1 is April to June.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from lscp_desktop.models.core.dates import FinancialYear, parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.meetings.queries import themes as theme_queries
from lscp_desktop.models.meetings.records import Meeting, Quarter, QuarterlyTheme
from lscp_desktop.models.store.database import Row, Store

_YEAR = r"(\d{4}\s*/\s*\d{2,4})"
_LABEL = re.compile(rf"^\s*(?:{_YEAR}\s*Q([1-4])|Q([1-4])\s*{_YEAR})\s*$", re.IGNORECASE)
MAX_TITLE = 150
#: How long a theme's discussion is given on a draft agenda.
THEME_MINUTES = 20


def parse_quarter(value: Any) -> Quarter:
    """A quarter from "2025/26 Q1", "Q1 2025/26", or any date in it."""
    if isinstance(value, Quarter):
        return value
    text = str(value or "").strip()
    m = _LABEL.match(text)
    if m:
        year = FinancialYear.parse((m.group(1) or m.group(4)).replace(" ", ""))
        return Quarter(year, int(m.group(2) or m.group(3)))
    try:
        return Quarter.of(parse_date(value, "quarter"))
    except ValidationError:
        raise ValidationError(
            f"'{text}' is not a quarter; write it like 2025/26 Q1 (April to June 2025).",
            "quarter",
        ) from None


def list_themes(store: Store) -> list[QuarterlyTheme]:
    """Every theme, the latest quarter first, with its bodies and where it was examined."""
    names: dict[int, str] = {}
    bodies: dict[int, list[tuple[int, str]]] = {}
    for row in theme_queries.theme_bodies(store):
        bodies.setdefault(int(row["theme_id"]), []).append((int(row["body_id"]), row["name"]))
        names[int(row["body_id"])] = row["name"]
    examined: dict[int, dict[str, str]] = {}
    for row in theme_queries.theme_examinations(store):
        body = names.get(int(row["body_id"]))
        if body is not None:
            examined.setdefault(int(row["theme_id"]), {})[body] = row["date"]
    out = []
    for row in theme_queries.themes(store):
        theme = QuarterlyTheme.from_row(row)
        pairs = bodies.get(theme.id, [])
        theme.body_ids = [p[0] for p in pairs]
        theme.bodies = [p[1] for p in pairs]
        theme.examined = {b: d for b, d in examined.get(theme.id, {}).items() if b in theme.bodies}
        out.append(theme)
    return out


def get_theme(store: Store, theme_id: int) -> QuarterlyTheme:
    for theme in list_themes(store):
        if theme.id == theme_id:
            return theme
    store.require("quarterly_themes", theme_id, "quarterly theme")
    raise AssertionError  # pragma: no cover - require raised


def _clean(store: Store, values: dict[str, Any], record_id: int | None) -> dict[str, Any]:
    quarter = parse_quarter(values.get("quarter") or values.get("quarter_start"))
    title = " ".join(as_text(values.get("title")).split())
    if not title:
        raise ValidationError("Enter the quarter's theme.", "title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"Keep the theme to {MAX_TITLE} characters or fewer.", "title")
    priority_id = optional_id(values, "priority_id")
    if priority_id is not None:
        store.require("priorities", priority_id, "priority")
    if theme_queries.theme_in_quarter(store, quarter.start.isoformat(), record_id):
        raise ValidationError(
            f"There is already a theme for {quarter.label} ({quarter.months}).", "quarter"
        )
    return {
        "quarter_start": quarter.start.isoformat(),
        "title": title,
        "priority_id": priority_id,
        "description": as_text(values.get("description")).strip(),
        "notes": as_text(values.get("notes")).strip(),
    }


def _body_ids(store: Store, values: dict[str, Any]) -> list[int]:
    ids = sorted({int(b) for b in values.get("body_ids") or []})
    if not ids:
        raise ValidationError("Tick the bodies asked to examine the theme.", "body_ids")
    for body_id in ids:
        store.require("bodies", body_id, "body")
    return ids


def save_theme(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change a quarter's theme and the bodies asked to examine it."""
    with store.transaction():
        clean = _clean(store, values, record_id)
        wanted = _body_ids(store, values)
        if record_id is None:
            record_id = store.insert("quarterly_themes", clean)
        else:
            store.update("quarterly_themes", record_id, clean)
        existing = theme_queries.theme_body_rows(store, record_id)
        for row in existing:
            if int(row["body_id"]) not in wanted:
                store.delete("quarterly_theme_bodies", int(row["id"]))
        have = {int(row["body_id"]) for row in existing}
        for body_id in wanted:
            if body_id not in have:
                store.insert("quarterly_theme_bodies", {"theme_id": record_id, "body_id": body_id})
    return record_id


def delete_theme(store: Store, theme_id: int) -> Row:
    """Delete a theme never put on an agenda; its bodies go with it (and come back on undo)."""
    with store.transaction():
        used = theme_queries.theme_agenda_uses(store, theme_id)
        if used:
            raise ValidationError(
                f"This theme is on {used} agenda(s), so it cannot be deleted; take it off those "
                "agendas first, or keep it.",
                "agenda",
            )
        row = dict(store.require("quarterly_themes", theme_id, "quarterly theme"))
        row["_bodies"] = theme_queries.theme_body_rows(store, theme_id)
        store.delete("quarterly_themes", theme_id)
    return row


def _restore_theme(store: Store, row: Row) -> int:
    with store.transaction():
        new_id = store.insert(
            "quarterly_themes", {k: v for k, v in row.items() if not k.startswith("_")}
        )
        for child in row.get("_bodies", []):
            store.insert("quarterly_theme_bodies", child)
    return new_id


def theme_due(store: Store, meeting: Meeting) -> Row | None:
    """The theme of the meeting's quarter, if its body is asked to examine it and has not yet
    taken it up at another meeting (what a draft agenda proposes)."""
    quarter = Quarter.of(meeting.day)
    return theme_queries.theme_due_for(
        store, quarter.start.isoformat(), meeting.body_id, meeting.id
    )


def agenda_item_for(theme: Row) -> dict[str, Any]:
    """The proposed agenda item that takes up a theme."""
    return {
        "title": f"Quarterly theme: {theme['title']}",
        "purpose": "discussion",
        "minutes_allotted": THEME_MINUTES,
        "proposed": 1,
        "theme_id": theme["id"],
    }


def theme_of(day: dt.date, themes: list[QuarterlyTheme]) -> QuarterlyTheme | None:
    start = Quarter.of(day).start.isoformat()
    return next((t for t in themes if t.quarter_start == start), None)


def _check(store: Store, row: Row, record_id: int) -> object:
    return _clean(store, {**row, "quarter": row.get("quarter_start")}, record_id)


register("quarterly_themes", check=_check, restore=_restore_theme, remove=delete_theme)
