"""The registers (action log, risk registers, escalation log, decisions) written with XlsxWriter,
a big one in constant-memory mode: each row goes to disk as it is written, so a 20,000-action
log costs little more than XlsxWriter itself writing the same cells
(``benchmarks/bench_workbooks.py``); and the funding workbook, built with openpyxl, saved by
XlsxWriter (:func:`save_built`).

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
    if big:  # the rows are not garbage: the collector need not walk them on every full pass
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
            if big:
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
    streaming, ws.constant_memory = ws.constant_memory, False
    try:
        ws.add_table(first, 0, last, len(columns) - 1, {
            "name": table_name(name), "style": "TableStyleLight9",
            "columns": [{"header": cell_text(c.header)} for c in columns],
        })  # fmt: skip
    finally:
        ws.constant_memory = streaming


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


# --------------------------------------------------------------------------- openpyxl in memory

#: openpyxl's border styles as XlsxWriter's numbers.
_BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7}


def save_built(book: Any, path: str | Path) -> Path:
    """Write *book*, an openpyxl workbook built in memory, with XlsxWriter (atomically): the
    funding workbook, whose layout (formulas pointing across sheets, several tables a sheet)
    is easiest to build with openpyxl, and which openpyxl is slow to save. The same cells,
    styles and sheet settings as ``book.save`` (``tests/exports/test_fast_xlsx.py``)."""
    return write_atomically(path, lambda tmp: _save_built(book, tmp))


def _save_built(book: Any, tmp: Path) -> None:
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
    from xlsxwriter import Workbook

    out = Workbook(str(tmp), {"in_memory": True})  # no temporary file for each part
    formats: dict[tuple[int, ...], Format] = {}

    def fmt(cell: Any) -> Format:
        key = tuple(cell._style)  # openpyxl's style ids (font, fill, border, number format…)
        found = formats.get(key)
        if found is None:
            found = formats[key] = out.add_format(_style(cell))
        return found

    try:
        for ws in book.worksheets:
            sheet = out.add_worksheet(ws.title)
            for letter, dim in ws.column_dimensions.items():
                if dim.customWidth:
                    col = coordinate_to_tuple(f"{letter}1")[1] - 1
                    sheet.set_column_pixels(col, col, dim.width * _DIGIT_PIXELS)
            for r, dim in ws.row_dimensions.items():
                if dim.height:
                    sheet.set_row(r - 1, dim.height)
            for table in ws.tables.values():  # before the cells, which overwrite its header
                c1, r1, c2, r2 = range_boundaries(table.ref)
                names = [str(ws.cell(row=r1, column=c).value) for c in range(c1, c2 + 1)]
                style = table.tableStyleInfo
                sheet.add_table(r1 - 1, c1 - 1, r2 - 1, c2 - 1, {
                    "name": table.displayName, "style": style.name,
                    "banded_rows": bool(style.showRowStripes),
                    "columns": [{"header": n} for n in names],
                })  # fmt: skip
            for (r, c), cell in sorted(ws._cells.items()):
                _put(sheet, r - 1, c - 1, cell, fmt)
            if ws.freeze_panes:
                row, col = coordinate_to_tuple(ws.freeze_panes)
                sheet.freeze_panes(row - 1, col - 1)
            if ws.print_title_rows:
                first, _, last = ws.print_title_rows.replace("$", "").partition(":")
                sheet.repeat_rows(int(first) - 1, int(last or first) - 1)
            _page(sheet, ws)
        if book.properties.title:
            out.set_properties({"title": book.properties.title})
        out.worksheets()[book.index(book.active)].activate()
    finally:
        out.close()


def _put(sheet: Worksheet, r: int, c: int, cell: Any, fmt: Any) -> None:
    value, kind = cell.value, cell.data_type
    if value is None or value == "":
        if cell.has_style:
            sheet.write_blank(r, c, None, fmt(cell))
    elif kind == "f":  # a formula the app built; "" asks the reader to calculate it
        sheet.write_formula(r, c, value, fmt(cell), "")
    elif kind == "s":
        sheet.write_string(r, c, value, fmt(cell))
    elif kind == "d":
        sheet.write_datetime(r, c, value, fmt(cell))
    elif kind == "b":
        sheet.write_boolean(r, c, value, fmt(cell))
    else:
        sheet.write_number(r, c, float(value), fmt(cell))


def _style(cell: Any) -> dict[str, Any]:
    """An openpyxl cell's style as XlsxWriter's format properties."""
    font, fill, border, align = cell.font, cell.fill, cell.border, cell.alignment
    spec: dict[str, Any] = {}
    if font.name:
        spec["font_name"] = font.name
    if font.sz:
        spec["font_size"] = font.sz
    if font.b:
        spec["bold"] = True
    if font.i:
        spec["italic"] = True
    if font.color is not None and isinstance(font.color.rgb, str):
        spec["font_color"] = "#" + font.color.rgb[-6:]
    if fill.fill_type == "solid":
        spec |= {"pattern": 1, "bg_color": "#" + fill.fgColor.rgb[-6:]}
    for side in ("left", "right", "top", "bottom"):
        line = getattr(border, side)
        if line is not None and line.style:
            spec[side] = _BORDERS[line.style]
    if align.horizontal:
        spec["align"] = align.horizontal
    if align.vertical:
        spec["valign"] = "vcenter" if align.vertical == "center" else align.vertical
    if align.wrap_text:
        spec["text_wrap"] = True
    if align.indent:
        spec["indent"] = int(align.indent)
    if cell.number_format != "General":
        spec["num_format"] = cell.number_format
    return spec


def _one(value: Any) -> int:
    return 1 if value is None else int(value)


def _page(sheet: Worksheet, ws: Any) -> None:
    """The page set-up, margins, header and footer and print area of openpyxl's *ws*."""
    from openpyxl.utils.cell import range_boundaries

    setup, margins = ws.page_setup, ws.page_margins
    sheet.set_landscape() if setup.orientation == "landscape" else sheet.set_portrait()
    if setup.paperSize:
        sheet.set_paper(int(setup.paperSize))
    if ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage:
        sheet.fit_to_pages(_one(setup.fitToWidth), _one(setup.fitToHeight))  # absent: 1
    sheet.set_margins(left=margins.left, right=margins.right, top=margins.top,
                      bottom=margins.bottom)  # fmt: skip
    for part, put, margin in ((ws.oddHeader, sheet.set_header, margins.header),
                              (ws.oddFooter, sheet.set_footer, margins.footer)):  # fmt: skip
        parts = (("L", part.left), ("C", part.center), ("R", part.right))
        text = "".join(f"&{code}{p.text}" for code, p in parts if p.text)
        if text:
            put(text, {"margin": margin})
    if ws.print_area:
        c1, r1, c2, r2 = range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))
        sheet.print_area(r1 - 1, c1 - 1, r2 - 1, c2 - 1)
