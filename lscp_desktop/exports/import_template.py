"""A workbook laid out for import: one heading per field, optionally filled with the records.

Given to users as a template to fill in (Import window: "Save a template…"), and used to check
that what the app writes out imports back unchanged.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from lscp_desktop.exports.safe import set_text_cell, write_atomically
from lscp_desktop.models.imports.kinds import ImportKind
from lscp_desktop.models.store.database import Store


def write_template(
    store: Store, kind: ImportKind, path: str | Path, *, with_records: bool = False
) -> Path:
    """Write *kind*'s headings (and, with *with_records*, its current records) to *path*."""
    import openpyxl
    from openpyxl.styles import Font

    records = kind.export_rows(store) if with_records and kind.export_rows else []

    def write(tmp: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = kind.label[:31]
        bold = Font(name="Calibri", size=11, bold=True)  # a font naming no face prints in another
        for col, f in enumerate(kind.fields, start=1):
            cell = sheet.cell(row=1, column=col)
            set_text_cell(cell, f.label)
            cell.font = bold
            sheet.column_dimensions[cell.column_letter].width = max(12, len(f.label) + 4)
        for row, record in enumerate(records, start=2):
            for col, f in enumerate(kind.fields, start=1):
                _put(sheet.cell(row=row, column=col), record.get(f.key), f.type)
        sheet.freeze_panes = "A2"
        notes = book.create_sheet("About these columns")
        for col, heading in enumerate(("Heading", "Required", "Also accepted", "Notes"), start=1):
            set_text_cell(notes.cell(row=1, column=col), heading)
            notes.cell(row=1, column=col).font = bold
        for row, f in enumerate(kind.fields, start=2):
            for col, value in enumerate(
                (f.label, "yes" if f.required else "", ", ".join(f.synonyms), f.help), start=1
            ):
                set_text_cell(notes.cell(row=row, column=col), value)
        for letter, width in zip("ABCD", (20, 10, 60, 60), strict=True):
            notes.column_dimensions[letter].width = width
        book.save(tmp)

    return write_atomically(path, write)


def _put(cell: Any, value: Any, field_type: str) -> None:
    if value is None or value == "":
        return
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "dd/mm/yyyy"
    elif field_type == "money" and isinstance(value, int):
        cell.value = Decimal(value) / 100
        cell.number_format = "£#,##0.00"
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    else:
        set_text_cell(cell, value)
