"""Cover sheets: what the board is asked to read before an agenda item's paper.

One per agenda item, optional: the report's author, a summary, the recommendations, risks and
implications, and how the voice of the child is heard in it. An item can also be marked as one
of the standard reports (the last meeting's minutes, action log, risk summary, finance
summary) that a board pack writes from the app's own data; when it is not marked, the item's
title decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import Record
from lscp_desktop.models.meetings.queries import papers as paper_queries
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import refuse_if_changed

#: key → label of the reports a pack writes from the app's data.
STANDARD_REPORTS = {
    "previous-minutes": "Minutes of the last meeting",
    "action-log": "Action log",
    "risk-summary": "Risk summary",
    "finance-summary": "Finance summary",
}
TEXT_FIELDS = {
    "author": ("Report author", 200),
    "summary": ("Summary", 20_000),
    "recommendations": ("Recommendations", 20_000),
    "risks": ("Risks and implications", 20_000),
    "voice_of_child": ("Voice of the child", 20_000),
}
_GUESSES = (
    (re.compile(r"\bminutes of the (last|previous)\b", re.I), "previous-minutes"),
    (re.compile(r"\baction (log|tracker|update)\b|^actions\b", re.I), "action-log"),
    (re.compile(r"\brisk", re.I), "risk-summary"),
    (re.compile(r"\b(financ|budget|funding|contribution)", re.I), "finance-summary"),
)


@dataclass
class CoverSheet(Record):
    agenda_item_id: int
    id: int | None = None
    author: str = ""
    summary: str = ""
    recommendations: str = ""
    risks: str = ""
    voice_of_child: str = ""
    standard_report: str = ""
    #: The version the values were read at: a form saves over that version only (issue 22).
    row_version: int = 1

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f).strip() for f in TEXT_FIELDS)


def guess_standard_report(title: str) -> str:
    """The standard report an item's title suggests ("Risk register review" → risk summary)."""
    for pattern, key in _GUESSES:
        if pattern.search(title or ""):
            return key
    return ""


def get_cover_sheet(store: Store, item_id: int) -> CoverSheet:
    """The item's cover sheet, or an empty one (not saved) if none has been written."""
    store.require("agenda_items", item_id, "agenda item")
    row = paper_queries.cover_sheet_row(store, item_id)
    return CoverSheet.from_row(row) if row else CoverSheet(agenda_item_id=item_id)


def cover_sheets_for_meeting(store: Store, meeting_id: int) -> dict[int, CoverSheet]:
    """Every written cover sheet of a meeting's items, by item id (one query)."""
    rows = paper_queries.cover_sheet_rows(store, meeting_id)
    return {r["agenda_item_id"]: CoverSheet.from_row(r) for r in rows}


def standard_report_of(sheet: CoverSheet, title: str) -> str:
    """The chosen standard report; "none" means chosen to have none; else a guess from the title."""
    if sheet.standard_report == "none":
        return ""
    return sheet.standard_report or guess_standard_report(title)


def meeting_reports(items: list[tuple[int, str]], sheets: dict[int, CoverSheet]) -> dict[int, str]:
    """The standard report of each item (id, title) of one meeting, in agenda order.

    A report chosen on the cover sheet always counts; one guessed from a title counts only for
    the first item that suggests it, so "Risk register" and "Strategic risk register review"
    on one agenda do not both carry the risk summary.
    """
    found: dict[int, str] = {}
    guessed: set[str] = set()
    for item_id, title in items:
        sheet = sheets.get(item_id) or CoverSheet(agenda_item_id=item_id)
        report = standard_report_of(sheet, title)
        if report and not sheet.standard_report:
            if report in guessed:
                report = ""
            guessed.add(report)
        found[item_id] = report
    return found


def save_cover_sheet(
    store: Store, item_id: int, values: dict[str, Any], *, new: bool = False
) -> int | None:
    """Validate and save the item's cover sheet; an all-empty sheet is removed. Returns its id.
    With *new* (the form showed no sheet), one written meanwhile by a colleague is refused,
    not written over; removing a sheet is refused over a colleague's change like saving it."""
    store.require("agenda_items", item_id, "agenda item")
    clean: dict[str, Any] = {}
    for key, (label, limit) in TEXT_FIELDS.items():
        text = str(values.get(key) or "").strip()
        if len(text) > limit:
            raise ValidationError(
                f"{label} is {len(text):,} characters long; keep it under {limit:,} "
                "(put the detail in the paper itself).",
                key,
            )
        clean[key] = text
    report = str(values.get("standard_report") or "").strip().lower()
    if report and report not in STANDARD_REPORTS and report != "none":
        raise ValidationError(
            f"'{report}' is not a standard report; choose one of: "
            f"{', '.join(STANDARD_REPORTS)} or none.",
            "standard_report",
        )
    clean["standard_report"] = report
    with store.transaction():
        existing = paper_queries.cover_sheet_row(store, item_id)
        if new and existing:
            raise ValidationError(
                "A colleague wrote this item's cover sheet since you opened the form, so yours "
                "was not saved: close the form and open it again to see theirs."
            )
        if not any(clean[k] for k in TEXT_FIELDS) and not report:
            if existing:
                refuse_if_changed(store, "cover_sheets", existing, clean)
                store.delete("cover_sheets", existing["id"])
            return None
        if existing:
            store.update("cover_sheets", existing["id"], clean)
            return int(existing["id"])
        return store.insert("cover_sheets", {"agenda_item_id": item_id, **clean})
