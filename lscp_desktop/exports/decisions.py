"""The decisions register: every decision minuted by every body (or one body's), newest first,
with whether the minutes that record it have been approved — in Word, by financial year, and
as an Excel table to filter."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from lscp_desktop.exports.board.common import new_document, partnership_name
from lscp_desktop.exports.excel import TableSheet, XColumn
from lscp_desktop.exports.fast_xlsx import save_tables
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.meetings.minutes import list_decisions
from lscp_desktop.models.meetings.minutes_cycle import get_minutes
from lscp_desktop.models.meetings.records import Decision
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.store.database import Store

COLUMNS = [
    XColumn("Date", "date", 11),
    XColumn("Body", width=26, wrap=True),
    XColumn("Item", width=30, wrap=True),
    XColumn("Decision", width=60, wrap=True),
    XColumn("Minutes", width=12),
    XColumn("Approved on", "date", 12),
]


def _register(store: Store, options: ExportOptions) -> tuple[str, list[Decision], dict[int, str]]:
    """The title, the decisions and, for each meeting, when its minutes were approved."""
    decisions = list_decisions(store, body_id=options.body_id)
    approved: dict[int, str] = {}
    for meeting_id in {d.meeting_id for d in decisions}:
        record = get_minutes(store, meeting_id)
        approved[meeting_id] = record.approved_on if record.locked and record.approved_on else ""
    whose = get_body(store, options.body_id).name if options.body_id else partnership_name(store)
    return f"Decisions register: {whose}", decisions, approved


def build_docx(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    progress(0, 3, "Reading the decisions")
    title, decisions, approved = _register(store, options)
    doc = new_document(store, options, title)
    doc.title("Decisions register", f"{title.split(': ', 1)[1]}, as at {uk(dt.date.today())}")
    doc.paragraph(
        "Every decision recorded in the minutes, newest first. Decisions from minutes not yet "
        "approved are marked draft: they stand once the minutes are agreed as an accurate "
        "record."
    )
    by_year: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        by_year[FinancialYear.containing(dt.date.fromisoformat(d.date)).label].append(d)
    progress(1, 3, "Writing")
    if not decisions:
        doc.paragraph("No decisions are recorded yet.")
    for year, rows in by_year.items():
        doc.heading(f"Decisions in {year}", 1)
        doc.table(
            ["Date", "Body", "Item", "Decision", "Minutes"],
            [[uk(d.date), d.body, d.item, d.decision,
              f"Approved {uk(approved[d.meeting_id])}" if approved[d.meeting_id] else "Draft"]
             for d in rows],
        )  # fmt: skip
    return doc.save(path)


def build_xlsx(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    progress(0, 3, "Reading the decisions")
    sheets, title = decision_sheets(store, options)
    progress(1, 3, "Writing")
    return save_tables(path, sheets, title, saving=lambda: progress(2, 3, "Saving"))


def decision_sheets(store: Store, options: ExportOptions) -> tuple[list[TableSheet], str]:
    """The decisions register's one sheet and the workbook's title."""
    title, decisions, approved = _register(store, options)
    rows = [
        [d.date, d.body, d.item, d.decision, "Approved" if approved[d.meeting_id] else "Draft",
         approved[d.meeting_id] or None]
        for d in decisions
    ]  # fmt: skip
    sheet = TableSheet("Decisions", COLUMNS, rows, "Decisions", title, options.marking,
                       heading=title,
                       subheading=f"As at {uk(dt.date.today())}; newest first")  # fmt: skip
    return [sheet], title
