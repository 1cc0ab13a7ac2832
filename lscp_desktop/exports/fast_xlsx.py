"""The registers (action log, risk registers, escalation log, decisions) written with XlsxWriter
in constant-memory mode: each row goes to disk as it is written, so a 20,000-action log costs
no more than XlsxWriter itself writing the same cells (``benchmarks/bench_workbooks.py``).

The workbook is the one :func:`lscp_desktop.exports.excel.save_tables` writes through openpyxl
(``fast=False``), cell for cell and sheet for sheet (``tests/exports/test_fast_xlsx.py``
compares them): the same text (:func:`~lscp_desktop.exports.safe.cell_text`, always written as
a string, never a formula), dates, numbers, number formats, fonts, fills, alignment, column
widths, row heights, tables, frozen header, print titles, print area and page set-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    table_name,
    wrapped_lines,
)
from lscp_desktop.exports.safe import cell_text, check_marking, write_atomically

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

#: Excel's width unit is the width of one digit of Calibri 11: 7 pixels.
_DIGIT_PIXELS = 7
_A4 = 9


def save_fast(path: str | Path, sheets: Sequence[TableSheet], title: str) -> Path:
    """Write *sheets* to *path* (atomically), the workbook's title *title*."""
    return write_atomically(path, lambda tmp: _write(tmp, sheets, title))


def _write(tmp: Path, sheets: Sequence[TableSheet], title: str) -> None:
    from xlsxwriter import Workbook

    wb = Workbook(str(tmp), {"constant_memory": True})
    try:
        for sheet in sheets:
            _sheet(wb, sheet)
        wb.set_properties({"title": title})
    finally:
        wb.close()


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
    for c, column in enumerate(columns):
        # set_column would round the width to whole pixels and add padding; this keeps the
        # width openpyxl writes (widths are multiples of 1/256 of a character).
        ws.set_column_pixels(c, c, column.width * _DIGIT_PIXELS)
    lines = max(wrapped_lines(c.header, c.width, bold=True) for c in columns)
    if lines > 1:
        ws.set_row(header, LINE_HEIGHT * lines)
    last = header + len(rows)
    if rows:
        _add_table(ws, header, last, columns, sheet.table)
    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "pattern": 1, "text_wrap": True,
                          "bg_color": f"#{HEADER_FILL}", "valign": "vcenter"})  # fmt: skip
    for c, column in enumerate(columns):
        ws.write_string(header, c, cell_text(column.header), head)
    _rows(wb, ws, header + 1, columns, rows, sheet.fills)
    ws.freeze_panes(header + 1, 0)
    ws.repeat_rows(header)
    _print_setup(ws, sheet, last)


def _add_table(ws: Worksheet, first: int, last: int, columns: Sequence[XColumn], name: str) -> None:
    """The table over the header and rows, added before any row is written: XlsxWriter refuses
    tables in constant-memory mode only because it writes their header cells then, which it
    can while the first row is not yet on disk. Those cells are written again, with their
    format, straight after."""
    ws.constant_memory = False
    try:
        ws.add_table(first, 0, last, len(columns) - 1, {
            "name": table_name(name), "style": "TableStyleLight9",
            "columns": [{"header": cell_text(c.header)} for c in columns],
        })  # fmt: skip
    finally:
        ws.constant_memory = True


def _rows(
    wb: Workbook,
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
                if after[c]:
                    spec |= {"indent": 2, "align": "left"}
            elif after[c]:
                spec["align"] = "center"
            number = formats[c] or (
                (DATE_FORMAT if column.kind == "date" else PERCENT_FORMAT if column.kind ==
                 "percent" else None) if filled else None
            )  # fmt: skip
            if number:
                spec["num_format"] = number
            if fill:
                spec |= {"pattern": 1, "bg_color": f"#{fill}"}
            found = cache[key] = wb.add_format(spec)
        return found

    wrapping = [(c, column.width) for c, column in enumerate(columns) if column.wrap]
    write_string, write_number = ws.write_string, ws.write_number
    write_datetime, write_blank = ws.write_datetime, ws.write_blank
    date, fromiso = dt.date, dt.date.fromisoformat
    no_fills: Sequence[None] = [None] * len(columns)
    for i, values in enumerate(rows):
        r = first + i
        if wrapping:
            lines = max(wrapped_lines(str(values[c] or ""), width) for c, width in wrapping)
            if lines > 1:
                ws.set_row(r, LINE_HEIGHT * min(lines, 27))
        row_fills = fills[i] if fills else no_fills
        for c, value in enumerate(values):
            kind = kinds[c]
            if value is None or value == "":
                write_blank(r, c, None, fmt(c, False, row_fills[c]))
            elif kind == "text":
                if text := cell_text(value):
                    write_string(r, c, text, fmt(c, True, row_fills[c]))
                else:  # nothing left once control characters are dropped
                    write_blank(r, c, None, fmt(c, True, row_fills[c]))
            elif kind == "date":
                day = value if isinstance(value, date) else fromiso(str(value)[:10])
                write_datetime(r, c, day, fmt(c, True, row_fills[c]))
            elif kind == "int":
                write_number(r, c, int(value), fmt(c, True, row_fills[c]))
            elif kind == "money":
                write_number(r, c, int(value) / 100, fmt(c, True, row_fills[c]))
            elif kind == "percent":
                write_number(r, c, value, fmt(c, True, row_fills[c]))
            else:
                raise ValueError(f"column kind {kind!r} is not written by the fast path")


def _print_setup(ws: Worksheet, sheet: TableSheet, last: int) -> None:
    """As excel.print_setup: A4 fitted to the width, marking, title and page numbers."""
    mark = check_marking(sheet.marking)
    ws.set_landscape() if sheet.landscape else ws.set_portrait()
    ws.set_paper(_A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    left = f"&L&B{mark}&B"
    centre = f"&C{header_text(sheet.title, left)}" if sheet.title else ""
    ws.set_header(left + centre, {"margin": 0.3})
    ws.set_footer(f"&L&B{mark}&B&CPage &P of &N&R&B{mark}&B", {"margin": 0.3})
    if sheet.printed_columns:
        ws.print_area(0, 0, max(last, 0), sheet.printed_columns - 1)
