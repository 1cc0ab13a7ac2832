"""The registers (action log, risk registers, escalation log, decisions) written with XlsxWriter,
a big one in constant-memory mode: each row goes to disk as it is written, so a 20,000-action
log costs little more than XlsxWriter itself writing the same cells
(``benchmarks/bench_workbooks.py``). Its tables (:func:`xl_table`) and page set-up
(:func:`page_setup`) also make the funding workbook (``funding_xlsx``).

The workbook is the one :func:`save_tables` writes through openpyxl (``fast=False``), cell for
cell and sheet for sheet (``tests/exports/test_fast_xlsx.py``
compares them): the same text (:func:`~lscp_desktop.exports.safe.cell_text`, always written as
a string, never a formula), dates, numbers, number formats, fonts, fills, alignment, column
widths, row heights, tables, frozen header, print titles, print area and page set-up.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lscp_desktop.exports.excel import (
    DATE_FORMAT,
    HEADER_FILL,
    LINE_HEIGHT,
    PERCENT_FORMAT,
    TableSheet,
    XColumn,
    after_figure,
    column_formats,
    header_text,
    new_workbook,
    print_setup,
    save_workbook,
    table_name,
    title_rows,
    wrapped_lines,
    write_table,
)
from lscp_desktop.exports.safe import (
    EXCEL_CELL_LIMIT,
    cell_text,
    check_marking,
    write_atomically,
)

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

#: Excel's width unit is the width of one digit of Calibri 11: 7 pixels.
_DIGIT_PIXELS = 7
_A4 = 9
#: Above this many cells a workbook is written in constant-memory mode.
CONSTANT_MEMORY_CELLS = 100_000


def save_tables(path: str | Path, sheets: Sequence[TableSheet], title: str, *,
                fast: bool = True, saving: Callable[[], None] = lambda: None) -> Path:  # fmt: skip
    """A workbook of *sheets* titled *title*, written atomically to *path*: through XlsxWriter
    in constant-memory mode (:mod:`lscp_desktop.exports.fast_xlsx`), or with *fast* False
    through openpyxl, cell for cell the same workbook. *saving* is called as the file itself
    begins to be written (the export's "Saving" step)."""
    if fast:
        return save_fast(path, sheets, title, saving)
    wb = new_workbook()
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        first = title_rows(ws, sheet.heading, sheet.subheading) if sheet.heading else 1
        write_table(ws, sheet.columns, sheet.rows, name=sheet.table, first_row=first,
                    fills=sheet.fills)  # fmt: skip
        print_setup(ws, title=sheet.title, marking=sheet.marking, columns=sheet.printed_columns,
                    landscape=sheet.landscape)  # fmt: skip
    wb.properties.title = title
    saving()
    return save_workbook(wb, path)


def save_fast(path: str | Path, sheets: Sequence[TableSheet], title: str,
              saving: Callable[[], None] = lambda: None) -> Path:  # fmt: skip
    """Write *sheets* to *path* (atomically), the workbook's title *title*."""
    return write_atomically(path, lambda tmp: _write(tmp, sheets, title, saving))


def _write(tmp: Path, sheets: Sequence[TableSheet], title: str, saving: Callable[[], None]) -> None:
    from xlsxwriter import Workbook

    cells = sum(len(sheet.rows) * len(sheet.columns) for sheet in sheets)
    # Big registers stream their rows to disk; small ones are quicker kept in memory (no
    # temporary file for each part of the workbook).
    big = cells > CONSTANT_MEMORY_CELLS
    wb = Workbook(str(tmp), {"constant_memory": True} if big else {"in_memory": True})
    # The rows are not garbage: the collector need not walk them on every full pass. Only
    # where nothing else is frozen (the export worker): unfreezing would also thaw what was
    # frozen for its own reasons (the window's start-up, app.py), which is where a team
    # database's exports are made and where the collector does not run on this thread anyway.
    freeze = big and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        for sheet in sheets:
            _sheet(wb, sheet)
        wb.set_properties({"title": title})
        saving()
    finally:
        try:
            wb.close()
        finally:
            if freeze:
                gc.unfreeze()


def _sheet(wb: Workbook, sheet: TableSheet) -> None:
    ws = wb.add_worksheet(sheet.name)
    columns, rows = sheet.columns, sheet.rows
    header = 0
    if sheet.heading:  # the title rows (excel.title_rows)
        big = wb.add_format({"bold": True, "font_size": 14, "font_color": f"#{HEADER_FILL}"})
        ws.write_string(0, 0, cell_text(sheet.heading), big)
        header = 2
        if sheet.subheading:
            ws.write_string(1, 0, cell_text(sheet.subheading),
                            wb.add_format({"italic": True, "font_color": "#555555"}))  # fmt: skip
            header = 3
    last = xl_table(wb.add_format, ws, header, columns, rows, sheet.table, sheet.fills)
    ws.freeze_panes(header + 1, 0)
    ws.repeat_rows(header)
    _print_setup(ws, sheet, last)


def xl_table(
    add_format: Callable[[dict[str, Any]], Format],
    ws: Worksheet,
    header: int,
    columns: Sequence[XColumn],
    rows: Sequence[Sequence[Any]],
    name: str,
    fills: Sequence[Sequence[str | None]] | None = None,
) -> int:
    """A table with its header at row *header* (from 0), as excel.write_table writes it: the
    columns' widths, the header's height, the table (when there are rows), the header and the
    rows (:class:`Formula` in ``formula`` columns); returns its last row. *add_format* makes
    an XlsxWriter format from its properties (the workbook's, or a cache of them)."""
    for c, column in enumerate(columns):
        # set_column would round the width to whole pixels and add padding; this keeps the
        # width openpyxl writes (widths are multiples of 1/256 of a character).
        ws.set_column_pixels(c, c, column.width * _DIGIT_PIXELS)
    lines = max(wrapped_lines(c.header, c.width, bold=True) for c in columns)
    if lines > 1:
        ws.set_row(header, LINE_HEIGHT * lines)
    last = header + len(rows)
    if rows:
        _add_table(ws, header, last, columns, name)
    head = add_format(HEAD_STYLE)
    for c, column in enumerate(columns):
        ws.write_string(header, c, cell_text(column.header), head)
    _rows(add_format, ws, header + 1, columns, rows, fills)
    return last


#: The header row of every table.
HEAD_STYLE: dict[str, Any] = {"bold": True, "font_color": "#FFFFFF", "pattern": 1,
                              "text_wrap": True, "bg_color": f"#{HEADER_FILL}",
                              "valign": "vcenter"}  # fmt: skip


class Formula(NamedTuple):
    """A formula the app built (never user text) and the value it gives: the workbook carries
    the value, so a reader that does not recalculate shows it ("" asks readers to calculate)."""

    text: str
    value: float | str


def _add_table(ws: Worksheet, first: int, last: int, columns: Sequence[XColumn], name: str) -> None:
    """The table over the header and rows, added before any row is written: XlsxWriter refuses
    tables in constant-memory mode only because it writes their header cells then, which it
    can while the first row is not yet on disk. Those cells are written again, with their
    format, straight after."""
    streaming, ws.constant_memory = ws.constant_memory, False
    try:
        ws.add_table(first, 0, last, len(columns) - 1, {
            "name": table_name(name), "style": "TableStyleLight9",
            "columns": [{"header": cell_text(c.header)} for c in columns],
        })  # fmt: skip
    finally:
        ws.constant_memory = streaming


def _rows(
    add_format: Callable[[dict[str, Any]], Format],
    ws: Worksheet,
    first: int,
    columns: Sequence[XColumn],
    rows: Sequence[Sequence[Any]],
    fills: Sequence[Sequence[str | None]] | None,
) -> None:
    """Write the data rows (as excel.write_table does, value for value)."""
    formats = column_formats(columns, rows)
    after = after_figure(columns)
    kinds = [c.kind for c in columns]
    cache: dict[tuple[int, bool, str | None], Format] = {}

    def fmt(c: int, filled: bool, fill: str | None) -> Format:
        key = (c, filled, fill)
        found = cache.get(key)
        if found is None:
            column, spec = columns[c], dict[str, Any](valign="top")
            if column.wrap:
                spec["text_wrap"] = True
            if after[c] == "indent":
                spec |= {"indent": 2, "align": "left"}
            elif after[c] == "centre":
                spec["align"] = "center"
            number = formats[c] or (
                (DATE_FORMAT if column.kind == "date" else PERCENT_FORMAT if column.kind ==
                 "percent" else None) if filled else None
            )  # fmt: skip
            if number:
                spec["num_format"] = number
            if fill:
                spec |= {"pattern": 1, "bg_color": f"#{fill}"}
            found = cache[key] = add_format(spec)
        return found

    wrapping = [(c, column.width) for c, column in enumerate(columns) if column.wrap]
    write_string, write_number = ws.write_string, ws.write_number
    write_datetime, write_blank = ws.write_datetime, ws.write_blank
    write_formula = ws.write_formula
    date, fromiso, serial = dt.date, dt.date.fromisoformat, _serial
    no_fills: Sequence[None] = [None] * len(columns)
    filled = [fmt(c, True, None) for c in range(len(columns))]
    empty = [fmt(c, False, None) for c in range(len(columns))]
    for i, values in enumerate(rows):
        r = first + i
        if wrapping:
            lines = max(wrapped_lines(str(values[c] or ""), width) for c, width in wrapping)
            if lines > 1:
                ws.set_row(r, LINE_HEIGHT * min(lines, 27))
        row_fills = fills[i] if fills else no_fills
        for c, value in enumerate(values):
            kind, fill = kinds[c], row_fills[c]
            if value is None or value == "":
                write_blank(r, c, None, empty[c] if fill is None else fmt(c, False, fill))
                continue
            cell_format = filled[c] if fill is None else fmt(c, True, fill)
            if kind == "text":
                if (
                    type(value) is str
                    and value.isascii()
                    and value.isprintable()
                    and (len(value) <= _SHORT)
                ):  # cell_text would return it as it is
                    write_string(r, c, value, cell_format)
                elif text := cell_text(value):
                    write_string(r, c, text, cell_format)
                else:  # nothing left once control characters are dropped
                    write_blank(r, c, None, cell_format)
            elif kind == "date":
                day = value if isinstance(value, date) else fromiso(str(value)[:10])
                if type(day) is date and day >= _MARCH_1900:
                    write_number(r, c, serial(day), cell_format)  # what write_datetime writes
                else:
                    write_datetime(r, c, day, cell_format)
            elif kind == "int":
                write_number(r, c, int(value), cell_format)
            elif kind == "money":
                write_number(r, c, int(value) / 100, cell_format)
            elif kind == "percent":
                write_number(r, c, value, cell_format)
            elif kind == "formula":  # the app's own formula, never user text
                formula = value if isinstance(value, Formula) else Formula(str(value), "")
                if not formula.text.startswith("="):
                    raise ValueError(f"not a formula: {formula.text!r}")
                write_formula(r, c, formula.text, cell_format, formula.value)
            else:
                raise ValueError(f"column kind {kind!r} is not written by the fast path")


#: Text this long or shorter is within Excel's limit however it is counted.
_SHORT = EXCEL_CELL_LIMIT // 2
#: Excel's day numbers: days since 30/12/1899 from 1 March 1900 (before it, Excel counts a
#: 29 February 1900 that never was; write_datetime handles those).
_EPOCH, _MARCH_1900 = dt.date(1899, 12, 30), dt.date(1900, 3, 1)


def _serial(day: dt.date) -> int:
    return (day - _EPOCH).days


def _print_setup(ws: Worksheet, sheet: TableSheet, last: int) -> None:
    area = (max(last, 0), sheet.printed_columns) if sheet.printed_columns else None
    page_setup(ws, title=sheet.title, marking=sheet.marking, landscape=sheet.landscape, area=area)


def page_setup(ws: Worksheet, *, title: str, marking: str, landscape: bool = True,
               area: tuple[int, int] | None = None) -> None:  # fmt: skip
    """As excel.print_setup: A4 fitted to the width, marking, title and page numbers; *area*
    (last row from 0, number of columns) limits the printed page."""
    mark = check_marking(marking)
    ws.set_landscape() if landscape else ws.set_portrait()
    ws.set_paper(_A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    left = f"&L&B{mark}&B"
    centre = f"&C{header_text(title, left)}" if title else ""
    ws.set_header(left + centre, {"margin": 0.3})
    ws.set_footer(f"&L&B{mark}&B&CPage &P of &N&R&B{mark}&B", {"margin": 0.3})
    if area:
        ws.print_area(0, 0, area[0], area[1] - 1)
