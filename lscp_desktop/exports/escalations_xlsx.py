"""The professional challenge and escalation log as an Excel workbook: one row per challenge
under a one-row header the import reads back unchanged, open ones shaded, and a second sheet of
counts by stage, agency, reason and outcome for the year (or for the whole log)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.exports.excel import RAG_FILLS, TableSheet, XColumn
from lscp_desktop.exports.fast_xlsx import save_tables
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.safe import one_line
from lscp_desktop.models.assurance.escalations import list_escalations, summarise
from lscp_desktop.models.assurance.records import ESCALATION_STAGES, EscalationSummary
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Store

COLUMNS = [
    XColumn("Reference", width=13),
    XColumn("Raised", "date", width=11.5),
    XColumn("Local authority", width=16),
    XColumn("Raised by", width=28),
    XColumn("Agency challenged", width=28),
    XColumn("Reason", width=26),
    XColumn("Summary", width=48),
    XColumn("Stage reached", "int", width=9),
    XColumn("Stage 1", "date", width=11.5),
    XColumn("Stage 2", "date", width=11.5),
    XColumn("Stage 3", "date", width=11.5),
    XColumn("Stage 4", "date", width=11.5),
    XColumn("Outcome", width=30),
    XColumn("Resolved", "date", width=11.5),
    XColumn("Days open", "int", width=9),
    XColumn("Learning", width=48),
    XColumn("Notes", width=30),
    XColumn("Linked actions", width=20),
]
COUNT_COLUMNS = [
    XColumn("Counted", width=34),
    XColumn("What", width=40),
    XColumn("Number", "int", width=10),
]


def summary_rows(summary: EscalationSummary) -> list[list[object]]:
    """The counts as (heading, what, number) rows, for the second sheet."""
    rows: list[list[object]] = [
        ["Totals", "Raised", summary.raised],
        ["Totals", "Resolved", summary.resolved],
        ["Totals", "Open at the end", summary.open_at_end],
    ]
    if summary.median_days_to_resolve is not None:
        rows.append(["Totals", "Median days to resolve", summary.median_days_to_resolve])
    rows += [["Highest stage reached", f"{n}: {ESCALATION_STAGES[n]}", summary.by_stage.get(n, 0)]
             for n in ESCALATION_STAGES]  # fmt: skip
    for heading, counter in (
        ("Raised by", summary.by_raising),
        ("Agency challenged", summary.by_challenged),
        ("Reason", summary.by_reason),
        ("Outcome", summary.by_outcome),
    ):
        rows += [[heading, name, n] for name, n in counter.items()]
    return rows


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    """The escalation log (one financial year's with ``options.year``, else all of it)."""
    sheets, title = escalation_sheets(store, options, progress)
    progress(1, 3, f"Writing {len(sheets[0].rows):,} escalations")
    return save_tables(path, sheets, title, saving=lambda: progress(2, 3, "Saving"))


def escalation_sheets(
    store: Store, options: ExportOptions, progress: ProgressFn = lambda *_: None
) -> tuple[list[TableSheet], str]:
    """The escalation log's sheets (challenges, counts) and the workbook's title."""
    today = dt.date.today()
    year = FinancialYear.parse(options.year) if options.year else None
    progress(0, 3, "Reading the escalation log")
    log = list_escalations(store, year=year)
    rows, fills = [], []
    for e in log:
        rows.append(
            [e.reference, e.raised_date, e.local_authority, e.raising_organisation,
             e.challenged_organisation, e.reason, e.summary, e.stage, e.stage1_date,
             e.stage2_date, e.stage3_date, e.stage4_date, e.outcome, e.resolved_date,
             e.days_open(today), e.learning, e.notes, ", ".join(e.actions)]
        )  # fmt: skip
        fills.append([RAG_FILLS["amber"] if e.is_open else None] + [None] * (len(COLUMNS) - 1))
    partnership = get_partnership(store)
    name = partnership.name if partnership else "Safeguarding Children Partnership"
    period = year.label if year else "all years"
    title = f"Escalation log: {name}, {period}, as at {uk(today)}"
    counts = summarise(store, year, log=None if year else log)  # (all years: the log read above)
    sheets = [
        TableSheet("Escalations", COLUMNS, rows, "Escalations", title, options.marking,
                   fills=fills),
        TableSheet("By stage and agency", COUNT_COLUMNS, summary_rows(counts),
                   "EscalationCounts", f"Escalations by stage and agency: {period}",
                   options.marking, landscape=False),
    ]  # fmt: skip
    return sheets, one_line(title, 255)
