"""The action log and the risk registers as Excel workbooks.

One row per record under a one-row header of plain field names (Reference, Title, Owner, Due
date, Status…) so the workbook can be filtered in Excel and read back by an importer
unchanged. Dates are real dates; RAG is text and a fill colour; user text is never a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from lscp_desktop.exports.excel import RAG_FILLS, TableSheet, XColumn
from lscp_desktop.exports.fast_xlsx import save_tables
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.safe import one_line
from lscp_desktop.models.actions.listing import list_actions, log_rows
from lscp_desktop.models.actions.notes import list_all_notes
from lscp_desktop.models.actions.records import (
    RAG_AMBER,
    RAG_CANCELLED,
    RAG_COMPLETE,
    RAG_GREEN,
    RAG_LABELS,
    RAG_RED,
)
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.risks.records import REGISTER_LABELS, REGISTERS
from lscp_desktop.models.risks.reviews import list_all_reviews
from lscp_desktop.models.risks.scoring import score_band
from lscp_desktop.models.store.database import Store

#: The first PRINTED_ACTION_COLUMNS are what a meeting reads, and what prints (landscape, at a
#: readable size); the rest stay in the sheet for filtering and for importing back.
ACTION_COLUMNS = [
    XColumn("Reference", width=11),
    XColumn("Body", width=20, wrap=True),
    XColumn("Title", width=44, wrap=True),
    XColumn("Owner", width=17, wrap=True),
    XColumn("Due date", "date", width=11),
    XColumn("Status", width=11),
    XColumn("RAG", width=9),
    XColumn("Latest note", width=44, wrap=True),
    XColumn("Latest note date", "date", width=12),
    XColumn("Detail", width=36),
    XColumn("Source", width=14),
    XColumn("Source detail", width=30),
    XColumn("Organisation", width=28),
    XColumn("Priority", width=26),
    XColumn("Raised", "date", width=11.5),
    XColumn("Completed", "date", width=11.5),
    XColumn("Completion note", width=36),
    XColumn("Times reopened", "int", width=9),
]
PRINTED_ACTION_COLUMNS = 8
NOTE_COLUMNS = [
    XColumn("Reference", width=12),
    XColumn("Date", "date", width=11.5),
    XColumn("Author", width=22),
    XColumn("Kind", width=11),
    XColumn("Note", width=80, wrap=True),
]
RAG_FILL = {
    RAG_RED: RAG_FILLS["red"],
    RAG_AMBER: RAG_FILLS["amber"],
    RAG_GREEN: RAG_FILLS["green"],
    RAG_COMPLETE: RAG_FILLS["blue"],
    RAG_CANCELLED: "E7E7E7",
}
BAND_FILL = {"low": "C9E7C9", "medium": "FCE8B2", "high": "F9CB9C", "very high": "F4C7C3"}


def _name(store: Store) -> str:
    partnership = get_partnership(store)
    return partnership.name if partnership else "Safeguarding Children Partnership"


def build_actions(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    """The action log (one body's with ``options.body_id``, else the partnership's)."""
    sheets, title = action_sheets(store, options, progress)
    progress(1, 3, f"Writing {len(sheets[0].rows):,} actions")
    return save_tables(path, sheets, title, saving=lambda: progress(2, 3, "Saving"))


def action_sheets(
    store: Store, options: ExportOptions, progress: ProgressFn = lambda *_: None
) -> tuple[list[TableSheet], str]:
    """The action log's sheets (actions, progress notes) and the workbook's title.

    Read as plain rows (:func:`~lscp_desktop.models.actions.listing.log_rows`): the same
    cells as :func:`record_action_sheets`, which reads the records the window lists."""
    today = dt.date.today()
    progress(0, 3, "Reading the action log")
    actions, notes = log_rows(store, body_id=options.body_id, today=today)
    fill_rows = {rag: _fill_row(rag) for rag in RAG_FILL}  # read only: shared by the rows
    fills = []
    for row in actions:
        rag = row[_RAG]
        row[_RAG] = RAG_LABELS[rag]
        fills.append(fill_rows[rag])
    return _sheets(store, options, today, actions, fills, notes)


def record_action_sheets(store: Store, options: ExportOptions) -> tuple[list[TableSheet], str]:
    """The sheets of :func:`action_sheets`, from the action records (``list_actions``) and the
    log's note records: the reference its quicker reading is tested against."""
    today = dt.date.today()
    rows, fills = [], []
    for a in list_actions(store, body_id=options.body_id, today=today):
        rows.append(
            [a.reference, a.body, a.title, a.owner, a.due_date, a.status, RAG_LABELS[a.rag],
             a.latest_note, a.latest_note_date, a.detail, a.source, a.source_label,
             a.organisation, a.priority, a.raised_date, a.completed_date, a.completion_note,
             a.reopened_count]
        )  # fmt: skip
        fills.append(_fill_row(a.rag))
    notes = [
        [n.reference, n.note_date, n.by, n.kind, n.text]
        for n in list_all_notes(store, body_id=options.body_id)
    ]
    return _sheets(store, options, today, rows, fills, notes)


_RAG = [c.header for c in ACTION_COLUMNS].index("RAG")


def _fill_row(rag: str) -> list[str | None]:
    """The fills of an action's row: its RAG cell's colour."""
    row_fills: list[str | None] = [None] * len(ACTION_COLUMNS)
    row_fills[_RAG] = RAG_FILL[rag]
    return row_fills


def _sheets(
    store: Store,
    options: ExportOptions,
    today: dt.date,
    rows: Sequence[Sequence[object]],
    fills: list[list[str | None]],
    notes: Sequence[Sequence[object]],
) -> tuple[list[TableSheet], str]:
    body = get_body(store, options.body_id) if options.body_id is not None else None
    name = body.name if body else _name(store)
    title = f"Action log: {name}, as at {uk(today)}"
    sheets = [
        TableSheet("Actions", ACTION_COLUMNS, rows, "Actions", title, options.marking,
                   PRINTED_ACTION_COLUMNS, fills=fills),
        TableSheet("Progress notes", NOTE_COLUMNS, notes, "ProgressNotes",
                   f"Progress notes: {name}", options.marking),
    ]  # fmt: skip
    return sheets, one_line(title, 255)


#: As for actions: the first PRINTED_RISK_COLUMNS print, the rest stay in the sheet.
RISK_COLUMNS = [
    XColumn("Reference", width=10),
    XColumn("Title", width=40, wrap=True),
    XColumn("Category", width=20, wrap=True),
    XColumn("Owner", width=17, wrap=True),
    XColumn("Inherent score", "int", width=9),
    XColumn("Residual score", "int", width=9),
    XColumn("Appetite", "int", width=9),
    XColumn("Above appetite", width=9),
    XColumn("Target score", "int", width=8),
    XColumn("Status", width=10),
    XColumn("Next review", "date", width=11.5),
    XColumn("Trend", width=8),
    XColumn("Register", width=12),
    XColumn("Body", width=24),
    XColumn("Description", width=40),
    XColumn("Cause", width=30),
    XColumn("Consequence", width=30),
    XColumn("Priority", width=26),
    XColumn("Inherent likelihood", "int", width=10),
    XColumn("Inherent impact", "int", width=10),
    XColumn("Controls", width=40),
    XColumn("Residual likelihood", "int", width=10),
    XColumn("Residual impact", "int", width=10),
    XColumn("Target date", "date", width=11.5),
    XColumn("Closure note", width=30),
    XColumn("Review every (months)", "int", width=11),
    XColumn("Last review", "date", width=11.5),
    XColumn("Open actions", "int", width=9),
]
PRINTED_RISK_COLUMNS = 12
REVIEW_COLUMNS = [
    XColumn("Reference", width=11),
    XColumn("Review date", "date", width=11.5),
    XColumn("Likelihood", "int", width=10),
    XColumn("Impact", "int", width=10),
    XColumn("Score", "int", width=8),
    XColumn("Reviewer", width=22),
    XColumn("Note", width=70, wrap=True),
]


def build_risks(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    """The risk registers (one with ``options.register``), with every review on a second sheet."""
    sheets, title = risk_sheets(store, options, progress)
    progress(1, 3, f"Writing {len(sheets[0].rows):,} risks")
    return save_tables(path, sheets, title, saving=lambda: progress(2, 3, "Saving"))


def risk_sheets(
    store: Store, options: ExportOptions, progress: ProgressFn = lambda *_: None
) -> tuple[list[TableSheet], str]:
    """The risk registers' sheets (risks, reviews) and the workbook's title."""
    register = options.register
    if register is not None and register not in REGISTERS:
        raise ValidationError(
            f"'{register}' is not a register; use one of: {', '.join(REGISTERS)}.", "register"
        )
    today = dt.date.today()
    progress(0, 3, "Reading the risk register")
    risks = list_risks(store, register=register, body_id=options.body_id, today=today)
    headers = [c.header for c in RISK_COLUMNS]
    score_cols = [headers.index(h) for h in ("Inherent score", "Residual score")]
    rows, fills = [], []
    for r in risks:
        rows.append(
            [r.reference, r.title, r.category, r.owner, r.inherent_score, r.residual_score,
             r.appetite, "Yes" if r.above_appetite else "No", r.target_score, r.status,
             r.next_review, r.trend, REGISTER_LABELS[r.register], r.body, r.description,
             r.cause, r.consequence, r.priority, r.inherent_likelihood, r.inherent_impact,
             r.controls, r.residual_likelihood, r.residual_impact, r.target_date,
             r.closure_note, r.review_months, r.last_review, r.open_actions]
        )  # fmt: skip
        row_fills: list[str | None] = [None] * len(RISK_COLUMNS)
        for col, score in zip(score_cols, (r.inherent_score, r.residual_score), strict=True):
            row_fills[col] = BAND_FILL[score_band(score)]
        if r.above_appetite:
            row_fills[headers.index("Above appetite")] = RAG_FILLS["red"]
        fills.append(row_fills)
    label = REGISTER_LABELS[register] + " risk register" if register else "Risk registers"
    title = f"{label}: {_name(store)}, as at {uk(today)}"
    reviews = [
        [v.reference, v.review_date, v.likelihood, v.impact, v.score, v.reviewer, v.note]
        for v in list_all_reviews(store, register=register, body_id=options.body_id)
    ]
    sheets = [
        TableSheet("Risks", RISK_COLUMNS, rows, "Risks", title, options.marking,
                   PRINTED_RISK_COLUMNS, fills=fills),
        TableSheet("Reviews", REVIEW_COLUMNS, reviews, "Reviews", f"Reviews: {label.lower()}",
                   options.marking),
    ]  # fmt: skip
    return sheets, one_line(title, 255)
