"""Excel workbooks a council would send: real tables, frozen headers, print set-up, and user
text that is always text.

openpyxl turns any string that starts with ``=`` into a formula and raises on control
characters; every text cell here goes through :func:`set_text_cell`, so neither can happen.
Money arrives in integer pence and is written as an exact ``Decimal`` of pounds; dates are real
dates with a dd/mm/yyyy format, so the workbook sorts and filters as people expect.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from lscp_desktop.exports.safe import one_line, set_text_cell, write_atomically

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
    #: columns); None keeps the format the kind gives each value.
    number_format: str | None = None


def new_workbook() -> Any:
    """An empty workbook (its default sheet removed)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb


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
        set_text_cell(cell, value)
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
    table, which Excel cannot hold without data rows).
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row=first_row, column=c)
        set_text_cell(cell, column.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = column.width
    for r, values in enumerate(rows, start=first_row + 1):
        for c, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=r, column=c)
            set_cell(cell, value, column.kind)
            if column.number_format:
                cell.number_format = column.number_format
            fill = fills[r - first_row - 1][c - 1] if fills else None
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    last_row = first_row + len(rows)
    if rows:
        ref = f"A{first_row}:{get_column_letter(len(columns))}{last_row}"
        table = Table(displayName=table_name(name), ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
    ws.print_title_rows = f"{first_row}:{first_row}"
    return first_row + 1, last_row


def print_setup(ws: Any, *, title: str = "", landscape: bool = True) -> None:
    """Landscape, fit to one page wide, with the title and page numbers in header/footer."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title:
        ws.oddHeader.center.text = header_text(title)
    ws.oddFooter.center.text = "Page &P of &N"


#: Excel holds at most 255 characters in a page header, its "&C" and "&&" codes included.
HEADER_LIMIT = 255


def header_text(title: str) -> str:
    """*title* as the centre of an Excel page header: one line, "&" written "&&", and
    shortened (ending "…") so the header stays within Excel's limit."""
    budget = HEADER_LIMIT - len("&C")
    text = one_line(title)
    if len(escaped := text.replace("&", "&&")) <= budget:
        return escaped
    kept, used = [], len("…")
    for char in text:
        used += 2 if char == "&" else 1
        if used > budget:
            break
        kept.append(char)
    return "".join(kept).rstrip().replace("&", "&&") + "…"


def title_rows(ws: Any, title: str, subtitle: str = "") -> int:
    """A bold title (and optional subtitle) above a table; returns the next free row."""
    from openpyxl.styles import Font

    set_text_cell(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14, color=HEADER_FILL)
    if subtitle:
        set_text_cell(ws.cell(row=2, column=1), subtitle)
        ws.cell(row=2, column=1).font = Font(italic=True, color="555555")
        return 4
    return 3


def save_workbook(wb: Any, path: str | Path) -> Path:
    """Write to a temporary file beside *path*, then rename: never half-written."""
    return write_atomically(path, lambda tmp: wb.save(str(tmp)))
