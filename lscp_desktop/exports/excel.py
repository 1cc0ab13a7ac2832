"""Excel workbooks a council would send: real tables, frozen headers, print set-up, and user
text that is always text.

openpyxl turns any string that starts with ``=`` into a formula and raises on control
characters; every text cell here goes through :func:`set_text_cell`, so neither can happen.
Money arrives in integer pence and is written as an exact ``Decimal`` of pounds; dates are real
dates with a dd/mm/yyyy format, so the workbook sorts and filters as people expect.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from lscp_desktop.exports.safe import (
    cell_text,
    check_marking,
    one_line,
    set_text_cell,
    write_atomically,
)

MONEY_FORMAT = "£#,##0;[Red]-£#,##0"
MONEY_PENCE_FORMAT = "£#,##0.00;[Red]-£#,##0.00"
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
HEADER_FILL = "1D3D6B"
RAG_FILLS = {"red": "F4C7C3", "amber": "FCE8B2", "green": "C9E7C9", "blue": "CFE2F3"}
_TABLE_NAME = re.compile(r"[^A-Za-z0-9_]")


@dataclass(frozen=True)
class XColumn:
    """One column of a table: heading, kind of value and width in characters.

    kind is ``text``, ``int``, ``money`` (integer pence in, pounds shown), ``date`` (ISO text or a
    date), ``percent`` (a fraction) or ``formula`` (the row's value is a formula the app built,
    never user text).
    """

    header: str
    kind: str = "text"
    width: float = 14
    #: A number format for every cell of the column (e.g. money or percent for ``formula``
    #: columns); None keeps the format the kind gives each value (one for the whole column
    #: for money: pence on every row when any row has them).
    number_format: str | None = None
    #: Long text wraps within the column (and the row grows) instead of running under the
    #: next column, which prints cut off.
    wrap: bool = False


def new_workbook() -> Any:
    """An empty workbook (its default sheet removed)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb


def font(*, size: float = 11, **style: Any) -> Any:
    """An openpyxl font in the workbook's face, Calibri: one naming no face prints in another
    (LibreOffice picks a serif), and XlsxWriter names it."""
    from openpyxl.styles import Font

    return Font(name="Calibri", size=size, **style)


def pounds(pence: int | None) -> Decimal | None:
    """Integer pence as an exact Decimal number of pounds for a spreadsheet cell."""
    return None if pence is None else Decimal(int(pence)) / 100


def set_cell(cell: Any, value: Any, kind: str = "text") -> None:
    """Write one value of the given kind, with its number format."""
    if value is None or value == "":
        cell.value = None
        if kind == "money":
            cell.number_format = MONEY_FORMAT
        return
    if kind == "text":
        if text := cell_text(value):
            cell.value = text
            cell.data_type = "s"
        else:  # nothing left once control characters are dropped
            cell.value = None
    elif kind == "money":
        cell.value = pounds(int(value))
        cell.number_format = MONEY_FORMAT if int(value) % 100 == 0 else MONEY_PENCE_FORMAT
    elif kind == "date":
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
        cell.value = day
        cell.number_format = DATE_FORMAT
    elif kind == "int":
        cell.value = int(value)
    elif kind == "percent":
        cell.value = value
        cell.number_format = PERCENT_FORMAT
    elif kind == "formula":
        text = str(value)
        if not text.startswith("="):
            raise ValueError(f"not a formula: {text!r}")
        cell.value = text
    else:
        raise ValueError(f"unknown column kind {kind!r}")


def table_name(text: str) -> str:
    """A valid, workbook-unique-looking Excel table name from *text*."""
    name = _TABLE_NAME.sub("_", text).strip("_") or "Table"
    return name if name[0].isalpha() else f"T_{name}"


def write_table(
    ws: Any,
    columns: Sequence[XColumn],
    rows: Sequence[Sequence[Any]],
    *,
    name: str,
    first_row: int = 1,
    fills: Sequence[Sequence[str | None]] | None = None,
) -> tuple[int, int]:
    """Write a header and *rows* as an Excel table with filters; returns (first, last) data row.

    The header is frozen and repeats when printed. An empty *rows* still gets its header (and no
    table, which Excel cannot hold without data rows). Money shows pence on every row of a
    column when any row has them; text right of an amount, a date or a number is centred so
    that "£8,320.00" and "overdue" never print as one. Wrapping columns make their rows tall
    enough for the text.
    """
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    header_font = font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row=first_row, column=c)
        set_text_cell(cell, column.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = column.width
    formats = column_formats(columns, rows)
    top = Alignment(vertical="top")  # a row's cells line up when one of them wraps
    aligns = [
        Alignment(horizontal="left", wrap_text=column.wrap, vertical="top", indent=2)
        if parting == "indent" else Alignment(horizontal="center", vertical="top")
        if parting == "centre" else Alignment(wrap_text=True, vertical="top") if column.wrap
        else top
        for column, parting in zip(columns, after_figure(columns), strict=True)
    ]  # fmt: skip
    header_lines = max(wrapped_lines(c.header, c.width, bold=True) for c in columns)
    if header_lines > 1:
        ws.row_dimensions[first_row].height = LINE_HEIGHT * header_lines
    wrapping = [c for c, column in enumerate(columns) if column.wrap]
    styles: dict[tuple[int, bool, str | None], Any] = {}  # a cell's style by what decides it
    for r, values in enumerate(rows, start=first_row + 1):
        lines = max((wrapped_lines(str(values[c] or ""), columns[c].width) for c in wrapping),
                    default=1)  # fmt: skip
        if lines > 1:  # spreadsheet programs keep the default height for rows they did not lay
            ws.row_dimensions[r].height = LINE_HEIGHT * min(lines, 27)  # out (≤ 409 points)
        for c, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=r, column=c)
            set_cell(cell, value, column.kind)
            fill = fills[r - first_row - 1][c - 1] if fills else None
            key = (c, value is None or value == "", fill)
            if (style := styles.get(key)) is not None:
                cell._style = copy(style)  # as openpyxl copies styles: setting each is slow
                continue
            if formats[c - 1]:
                cell.number_format = formats[c - 1]
            cell.alignment = aligns[c - 1]
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
            styles[key] = copy(cell._style)
    last_row = first_row + len(rows)
    if rows:
        ref = f"A{first_row}:{get_column_letter(len(columns))}{last_row}"
        table = Table(displayName=table_name(name), ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
    ws.print_title_rows = f"{first_row}:{first_row}"
    return first_row + 1, last_row


def column_formats(columns: Sequence[XColumn], rows: Sequence[Sequence[Any]]) -> list[str | None]:
    """The number format of every cell of each column (None: each value's kind decides)."""
    return [
        column.number_format
        or (money_format([v[c] for v in rows]) if column.kind == "money" else None)
        for c, column in enumerate(columns)
    ]


#: Text right of a figure in a column this narrow (a status word) is centred; wider text
#: is indented (centred, a long line would run back over the figure).
CENTRED_UP_TO = 12


def after_figure(columns: Sequence[XColumn]) -> list[str]:
    """How each column's text is parted from an amount, a date or a number on its left, so
    that "£8,320.00" and "overdue" never print as one: "centre" (a narrow column), "indent"
    (from the left), or "" (not right of a figure)."""
    return [
        "" if not c or columns[c - 1].kind == "text" or column.kind != "text"
        else "centre" if column.width <= CENTRED_UP_TO and not column.wrap else "indent"
        for c, column in enumerate(columns)
    ]  # fmt: skip


@dataclass(frozen=True)
class TableSheet:
    """One sheet of a register: a table (see :func:`write_table`), under a title when
    *heading* is given (:func:`title_rows`), printed as :func:`print_setup` sets it."""

    name: str
    columns: Sequence[XColumn]
    rows: Sequence[Sequence[Any]]
    table: str
    title: str = ""
    marking: str = "OFFICIAL"
    printed_columns: int | None = None
    landscape: bool = True
    fills: Sequence[Sequence[str | None]] | None = None
    heading: str = ""
    subheading: str = ""


#: The height of one line of 11-point text in a row, in points.
LINE_HEIGHT = 15


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines *text* takes wrapped at word boundaries in a column *width* characters
    wide. A width unit is one digit of Calibri 11; words with capitals fit about 1.1
    characters to it, so 1.05 (0.95 in bold) errs towards a spare line, never a clipped one."""
    per_line = max(1, int(width * (0.95 if bold else 1.05)) - 1)
    if len(text) <= per_line and "\n" not in text and "\t" not in text:
        return 1  # fits (textwrap, slow, would say the same)
    if len(text) <= 256:  # a register repeats its bodies, owners, titles and notes
        return _wrapped(text, per_line)
    return _wrapped.__wrapped__(text, per_line)


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, per_line: int) -> int:
    return max(1, sum(_lines(p, per_line) or 1 for p in str(text).split("\n")))


#: The whitespace textwrap breaks at (ASCII only), and other whitespace, which it does not.
_WRAP_SPACE = re.compile("([\t\n\x0b\x0c\r ]+)")
_BREAKS = re.compile("[\\n\\x0b\\x0c\\r]")
_OTHER_SPACE = re.compile("[^\\S\t\n\x0b\x0c\r ]")


def _lines(text: str, width: int) -> int:
    """``len(textwrap.wrap(text, width))``, several times faster for the common paragraph (no
    tab, hyphen, unusual space or word longer than a line); textwrap itself for the rest.
    tests/exports/test_excel.py checks they agree."""
    if "\t" in text or "-" in text or _OTHER_SPACE.search(text):
        return len(textwrap.wrap(text, width))
    words = text.split(" ")
    if "" not in words and not _BREAKS.search(text) and max(map(len, words)) <= width:
        lines, used = 1, len(words[0])  # words single-spaced: a word joins a line if it fits
        for n in map(len, words[1:]):
            if used + 1 + n <= width:
                used += 1 + n
            else:
                lines, used = lines + 1, n
        return lines
    chunks = [c for c in _WRAP_SPACE.split(text) if c]
    if any(len(c) > width for c in chunks):
        return len(textwrap.wrap(text, width))
    lines, i, n = 0, 0, len(chunks)
    while i < n:  # textwrap's greedy filling, counting lines with a word in them
        if lines and chunks[i].isspace():
            i += 1  # a line does not start with the space it broke at
        used, worded = 0, False
        while i < n and used + len(chunks[i]) <= width:
            used += len(chunks[i])
            worded = worded or not chunks[i].isspace()
            i += 1
        lines += worded
    return lines


def money_format(amounts: Sequence[Any]) -> str:
    """One format for a column of amounts in pence: pence shown only when some amount has them."""
    whole = all(not isinstance(a, int) or a % 100 == 0 for a in amounts)
    return MONEY_FORMAT if whole else MONEY_PENCE_FORMAT


#: The printed width of A4 landscape between the margins below, in Excel's character units
#: (a column of width w takes about 7w + 5 pixels at 96 dpi).
A4_LANDSCAPE_PIXELS = (29.7 - 2 * 1.27) / 2.54 * 96
#: Printed no smaller than this: 11-point text at 75% reads as 8 points.
READABLE_SCALE = 0.75


def print_setup(
    ws: Any,
    *,
    title: str = "",
    marking: str = "OFFICIAL",
    columns: int | None = None,
    landscape: bool = True,
) -> None:
    """A4 landscape (or portrait, for a narrow table), fitted to the page width, with the
    protective marking in the header and footer, the title in the header and "Page X of Y" in
    the footer.

    *columns* limits the printed page to the first columns (the ones a meeting reads); the
    rest stay in the sheet for filtering and importing back. The print titles (the table's
    header row) are set by :func:`write_table`.
    """
    from openpyxl.utils import get_column_letter

    mark = check_marking(marking)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    margins = ws.page_margins
    margins.left = margins.right = 0.5
    margins.top = margins.bottom = 0.75
    margins.header = margins.footer = 0.3
    for part in (ws.oddHeader, ws.oddFooter):
        part.left.text = f"&B{mark}&B"
    if title:
        ws.oddHeader.center.text = header_text(title, left=f"&L&B{mark}&B")
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.right.text = f"&B{mark}&B"
    if columns:
        last = max(ws.max_row, 1)
        ws.print_area = f"A1:{get_column_letter(columns)}{last}"


def printed_scale(ws: Any) -> float:
    """The scale the sheet prints at when fitted to the width of A4 landscape."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    area = ws.print_area  # e.g. "'Actions'!$A$1:$H$120"
    letters = re.findall(r"\$?([A-Z]{1,3})\$?\d+", area or "")
    count = column_index_from_string(letters[-1]) if letters else ws.max_column
    pixels = sum(
        7 * (ws.column_dimensions[get_column_letter(c)].width or 8.43) + 5
        for c in range(1, count + 1)
    )
    return min(1.0, A4_LANDSCAPE_PIXELS / pixels)


#: Excel holds at most 255 characters in a page header, its "&C" and "&&" codes included.
HEADER_LIMIT = 255


def header_text(title: str, left: str = "") -> str:
    """*title* as the centre of an Excel page header whose left part is *left* (codes
    included): one line, "&" written "&&", and shortened (ending "…") so the whole header
    stays within Excel's limit, counted as Excel counts (an emoji is two)."""
    budget = HEADER_LIMIT - len("&C") - _units(left)
    text = one_line(title)
    if _units(escaped := text.replace("&", "&&")) <= budget:
        return escaped
    kept, used = [], len("…")
    for char in text:
        used += 2 if char == "&" else _units(char)
        if used > budget:
            break
        kept.append(char)
    return "".join(kept).rstrip().replace("&", "&&") + "…"


def _units(text: str) -> int:
    """The length of *text* in UTF-16 units, as Excel counts."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def title_rows(ws: Any, title: str, subtitle: str = "") -> int:
    """A bold title (and optional subtitle) above a table; returns the next free row."""
    set_text_cell(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = font(bold=True, size=14, color=HEADER_FILL)
    if subtitle:
        set_text_cell(ws.cell(row=2, column=1), subtitle)
        ws.cell(row=2, column=1).font = font(italic=True, color="555555")
        return 4
    return 3


def save_workbook(wb: Any, path: str | Path) -> Path:
    """Write to a temporary file beside *path*, then rename: never half-written."""
    return write_atomically(path, lambda tmp: wb.save(str(tmp)))
