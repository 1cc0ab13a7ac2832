"""Import every row of a file in one transaction: all rows or none.

:func:`run_import` finds the header (:mod:`.layout`), then tries every row, each in its own
savepoint, so the report lists every problem at once; then, if any row failed or this is a dry
run, the whole transaction is rolled back: the file is imported completely or not at all.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.collecting import fewer_collections
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import STORAGE_FAULTS, LscpError, ValidationError
from lscp_desktop.models.imports.context import HeldRowsError, ImportContext
from lscp_desktop.models.imports.kinds import ImportField, ImportKind
from lscp_desktop.models.imports.layout import (
    ImportOptions,
    Layout,
    inspected,
    is_header_repeat,
    norm_header,
)
from lscp_desktop.models.imports.reading import MAX_ROWS, ImportFileError, Row, cell_text
from lscp_desktop.models.imports.report import ImportReport, ReportLine
from lscp_desktop.models.imports.values import (
    RAG_WORDS,
    STATUS_WORDS,
    month_only,
    parse_import_date,
    parse_import_money,
    parse_import_time,
    parse_word,
    parse_yes_no,
    to_text,
)
from lscp_desktop.models.store.database import Store

_TOTAL_WORDS = re.compile(r"^(grand\s+)?(sub\s*-?\s*)?totals?\b|^sum\b|^overall\s+total\b")

ProgressFn = Callable[[int, int, str], None]


class _Rollback(Exception):
    """Raised inside the transaction to undo it (a dry run, or a file with bad rows)."""


def parse_cell(f: ImportField, value: Any, notes: list[str] | None = None) -> Any:
    """A cell as its field's type; *notes* hears of a value read as something else (a month
    alone read as its last day)."""
    if f.type == "text":  # most cells
        return to_text(value) if not isinstance(value, str) else value.strip()
    if f.type == "date":
        day = parse_import_date(value, f.label.lower())
        if notes is not None and month_only(value) is not None:
            notes.append(
                f"{f.label} '{cell_text(value)}' read as {day:%d/%m/%Y}, the month's last day"
            )
        return day
    if f.type == "time":
        return parse_import_time(value, f.label.lower())
    if f.type == "money":
        return parse_import_money(value, f.label.lower())
    if f.type == "bool":
        return parse_yes_no(value, f.label.lower())
    if f.type == "int":
        text = to_text(value).replace(",", "")
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise ValidationError(
                f"The {f.label.lower()} '{str(value)[:40]}' should be a whole number"
                + (" of at most nine digits." if re.fullmatch(r"-?\d+", text) else ".")
            )
        return int(text)
    if f.type == "rag":
        return parse_word(value, RAG_WORDS, "RAG rating")
    if f.type == "status":
        return parse_word(value, STATUS_WORDS, "status")
    return to_text(value) if not isinstance(value, str) else value.strip()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def run_import(
    store: Store,
    kind: ImportKind,
    path: str | Path,
    options: ImportOptions | None = None,
    progress: ProgressFn | None = None,
    layout: Layout | None = None,
) -> ImportReport:
    """Import *path* as *kind*: all rows or none. A dry run always rolls back.

    File problems raise :class:`ImportFileError`; row problems are listed in the report (and
    nothing is saved). Anything raised by *progress* (a cancel) also rolls everything back.
    *layout* is the file already inspected with the same options (:func:`.layout.inspected`,
    workbook still loaded); without it the file is opened and inspected here, once.
    """
    with fewer_collections():  # its report lines and records held last till it ends
        return _import(store, kind, path, options or ImportOptions(), progress, layout)


def _import(
    store: Store,
    kind: ImportKind,
    path: str | Path,
    options: ImportOptions,
    progress: ProgressFn | None,
    layout: Layout | None,
) -> ImportReport:
    year = FinancialYear.parse(options.year) if options.year else None
    if kind.needs_year and year is None:
        raise ImportFileError(
            f"Say which financial year the {kind.label.lower()} are for (--year 2025/26)."
        )
    if layout is None:
        with inspected(kind, path, options) as found:
            return _run(store, kind, path, options, progress, found, year)
    return _run(store, kind, path, options, progress, layout, year)


def _run(
    store: Store,
    kind: ImportKind,
    path: str | Path,
    options: ImportOptions,
    progress: ProgressFn | None,
    layout: Layout,
    year: FinancialYear | None,
) -> ImportReport:
    report = ImportReport(
        kind,
        Path(path),
        layout.table.sheet,
        layout.header_row,
        {f.key: layout.header_for(f.key) for f in kind.fields},
        options.dry_run,
    )
    missing = [f.label for f in kind.fields if f.required and f.key not in layout.mapping]
    if missing:
        raise ImportFileError(
            f"No column was found for {', '.join(missing)} (headings in row {layout.header_row}: "
            f"{', '.join(h for h in layout.headers if h)}). Name it with --column "
            f"{kind.fields[0].key}=HEADER, or choose it in the Import window."
        )
    if options.dry_run:  # every row saved as for real, then all rolled back (and unaudited)
        with store.rehearsal():
            _import_rows(
                ImportContext(store, report, year, options.organisations),
                kind,
                layout,
                report,
                progress,
            )
        return report
    # Not the team database's writers' queue: only the rows written (and a body's action
    # numbering) are locked, so colleagues go on saving while a long import runs.
    with contextlib.suppress(_Rollback), store.transaction(exclusive=False):
        ctx = ImportContext(store, report, year, options.organisations)
        _import_rows(ctx, kind, layout, report, progress)
        if report.errors:
            raise _Rollback
        report.committed = True
    return report


def _import_rows(
    ctx: ImportContext,
    kind: ImportKind,
    layout: Layout,
    report: ImportReport,
    progress: ProgressFn | None,
) -> None:
    identity = kind.identity_fields()
    records = 0
    after_totals = False
    other_table: ReportLine | None = None
    rows_below = 0
    total = max(layout.last_row - layout.header_row, 1)
    mapping = list(layout.mapping.items())
    required = [k for k, _f in _required(kind)]
    for number, cells in layout.table.rows():
        if number <= layout.header_row:
            continue
        if progress and number % 100 == 0:
            progress(number - layout.header_row, total, f"Row {number}")
        filled = [c for c in cells if not (c is None or (isinstance(c, str) and not c.strip()))]
        if not filled:
            continue
        if other_table is not None:
            rows_below += 1
            continue
        if after_totals and _looks_like_headings(kind, cells):
            # A second table under the first one's totals (the funding workbook's "By kind of
            # partner" and "In kind" tables): the table being imported has ended.
            other_table = ReportLine(
                number, "skipped", value=", ".join(to_text(c) for c in cells if not _blank(c))
            )
            report.lines.append(other_table)
            continue
        if is_header_repeat(cells, layout.headers):
            report.lines.append(ReportLine(number, "skipped", reason="the headings repeated"))
            continue
        raw = {
            key: c
            for key, i in mapping
            if i < len(cells)
            and not ((c := cells[i]) is None or (isinstance(c, str) and not c.strip()))
        }
        first = to_text(filled[0])
        if (
            _maybe_total(first)
            and _TOTAL_WORDS.match(norm_header(first))
            and (
                not any(k in raw for k in identity)
                or any(_TOTAL_WORDS.match(norm_header(raw[k])) for k in identity if k in raw)
            )
        ):
            report.lines.append(ReportLine(number, "skipped", value=first, reason="a totals row"))
            after_totals = True
            continue
        if after_totals and len(filled) == 1:
            report.lines.append(
                ReportLine(number, "skipped", value=first[:60], reason="a note below the totals")
            )
            continue
        if not any(k in raw for k in identity):
            labels = " or ".join(kind.field(k).label.lower() for k in identity)
            report.lines.append(
                ReportLine(
                    number, "skipped", value=first[:60], reason=f"no {labels}, so not a record"
                )
            )
            continue
        missing = [k for k in required if k not in raw]
        if missing and len(filled) == 1:
            report.lines.append(
                ReportLine(
                    number,
                    "skipped",
                    value=first[:60],
                    reason=f"a note, not a record (only one cell filled and no "
                    f"{kind.field(missing[0]).label.lower()})",
                )
            )
            continue
        records += 1
        if records > MAX_ROWS:
            raise ImportFileError(
                f"{layout.table.path.name} has more than {MAX_ROWS:,} rows; split it into "
                "smaller files and import them one by one."
            )
        _import_one(ctx, kind, layout, report, number, raw)
    if other_table is not None:
        below = (
            f" and the {rows_below} row{'s' if rows_below != 1 else ''} under them"
            if (rows_below)
            else ""
        )
        other_table.value = other_table.value[:60]
        other_table.reason = (
            f"the headings of another table below the totals; they{below} are not imported"
        )
    ctx.flush()
    if progress:
        progress(total, total, "Checked every row")


def _maybe_total(text: str) -> bool:
    """Whether *text* may be a totals row's first cell: every wording :data:`_TOTAL_WORDS`
    knows has "total" or "sum" in it, which tidying a heading (:func:`norm_header`) keeps."""
    folded = text.casefold()
    return "total" in folded or "sum" in folded


def _looks_like_headings(kind: ImportKind, cells: Row) -> bool:
    """Two or more text cells, one of them exactly a field's heading: a new table starts."""
    filled = [c for c in cells if not _blank(c)]
    if len(filled) < 2 or not all(isinstance(c, str) for c in filled):
        return False
    names = {norm_header(n) for f in kind.fields for n in f.names()}
    return any(norm_header(c) in names for c in filled)


def _import_one(
    ctx: ImportContext,
    kind: ImportKind,
    layout: Layout,
    report: ImportReport,
    number: int,
    raw: dict[str, Any],
) -> None:
    values: dict[str, Any] = {}
    read_as: list[str] = []
    failed = False
    for key, value in raw.items():
        f = kind.field(key)
        try:
            values[key] = parse_cell(f, value, read_as)
        except ValidationError as exc:
            failed = True
            report.lines.append(
                ReportLine(number, "error", layout.header_for(key), cell_text(value), str(exc))
            )
    missing = [f for f in kind.required_fields if f.key not in values and f.key not in raw]
    for f in missing:
        failed = True
        report.lines.append(
            ReportLine(
                number, "error", layout.header_for(f.key), "", f"Enter the {f.label.lower()}."
            )
        )
    if failed:
        return
    try:
        outcome = None
        if kind.queue_row is not None:  # checked and held, written with others
            outcome = kind.queue_row(ctx, values)
            if outcome is None:
                ctx.flush()  # the rows held first: this row may name one of them
        if outcome is None:
            with ctx.store.savepoint():  # a failed row leaves nothing behind
                outcome = kind.import_row(ctx, values)
    except ValidationError as exc:
        ctx.forget()
        bad = _field_of(kind, exc.field)
        report.lines.append(
            ReportLine(
                number,
                "error",
                layout.header_for(bad) if bad else "",
                cell_text(raw.get(bad)) if bad else "",
                str(exc),
            )
        )
        return
    except (*STORAGE_FAULTS, HeldRowsError):
        raise  # the disk, or rows held before this one, not this row: the import stops
    except LscpError as exc:
        ctx.forget()
        report.lines.append(ReportLine(number, "error", reason=str(exc)))
        return
    reason = "; ".join([*read_as, *outcome.notes])
    report.lines.append(ReportLine(number, outcome.action, reason=reason, record=outcome.what))


def _required(kind: ImportKind) -> list[tuple[str, ImportField]]:
    return [(f.key, f) for f in kind.fields if f.required]


def _field_of(kind: ImportKind, name: str | None) -> str | None:
    if not name:
        return None
    keys = {f.key for f in kind.fields}
    if name in keys:
        return name
    trimmed = name.removesuffix("_id")
    if trimmed in keys:
        return trimmed
    return kind.column_fields.get(name)
