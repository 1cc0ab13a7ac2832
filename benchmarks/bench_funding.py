"""The funding workbook on the large demo (ten years, 60 organisations), against openpyxl
writing exactly the same cells directly.

The comparison is honest: the app's workbook is exported once, read back, and every cell
(value or formula, number format, font, fill, border, alignment), column width, row height,
table, frozen pane, print title and page setting is written again with plain openpyxl calls.
The app's time includes reading the year from the database; both include saving the file.
App and openpyxl alternate (pairs.py): the median of the pairs' ratios, with min, max and n.
Budgets: under 0.5 s, and within 1.5× of openpyxl.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from copy import copy
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from pairs import compare, verdict


def main() -> int:
    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.table import Table, TableStyleInfo

    from lscp_desktop.exports.registry import ExportOptions, find_kind
    from lscp_desktop.models.finance.years import list_years
    from lscp_desktop.models.store.database import Store

    store = Store.open(sys.argv[1], daily_backup=False, exclusive=False)
    years = list_years(store)
    year = max(years, key=lambda y: store.count("contributions", "year_id = ?", [y.id]))
    contributors = store.count("contributions", "year_id = ?", [year.id])
    kind = find_kind("funding")
    options = ExportOptions(year=year.label)
    out = Path(tempfile.mkdtemp(prefix="lscp-bench-funding-"))

    def app_export() -> float:
        t0 = time.perf_counter()
        kind.run(store, options, out / "app.xlsx", lambda *_: None)
        return time.perf_counter() - t0

    app_export()  # warm-up: imports openpyxl and the export module
    template = load_workbook(out / "app.xlsx")
    default_font, default_fill = template._fonts[0], template._fills[0]
    default_border, default_alignment = template._borders[0], Alignment()

    def differs(value: Any, default: Any) -> Any:
        """Only styles a direct writer would set: those that differ from the default."""
        return copy(value) if value != default else None

    sheets: list[dict[str, Any]] = []
    n_cells = 0
    for ws in template.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                cells.append(
                    (c.row, c.column, c.value, c.data_type, c.number_format,
                     differs(c.font, default_font), differs(c.fill, default_fill),
                     differs(c.border, default_border), differs(c.alignment, default_alignment))
                )  # fmt: skip
        n_cells += len(cells)
        sheets.append(
            {
                "title": ws.title,
                "cells": cells,
                "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
                "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
                "tables": [(t.displayName, t.ref) for t in ws.tables.values()],
                "freeze": ws.freeze_panes,
                "titles": ws.print_title_rows,
                "orientation": ws.page_setup.orientation,
                "header": ws.oddHeader.center.text,
            }
        )

    def openpyxl_direct() -> float:
        t0 = time.perf_counter()
        wb = Workbook()
        wb.remove(wb.active)
        for sheet in sheets:
            ws = wb.create_sheet(sheet["title"])
            for r, col, value, data_type, fmt, font, fill, border, align in sheet["cells"]:
                cell = ws.cell(row=r, column=col, value=value)
                if data_type == "s":
                    cell.data_type = "s"
                if fmt != "General":
                    cell.number_format = fmt
                if font is not None:
                    cell.font = font
                if fill is not None:
                    cell.fill = fill
                if border is not None:
                    cell.border = border
                if align is not None:
                    cell.alignment = align
            for letter, width in sheet["widths"].items():
                ws.column_dimensions[letter].width = width
            for r, height in sheet["heights"].items():
                ws.row_dimensions[r].height = height
            for name, ref in sheet["tables"]:
                table = Table(displayName=name, ref=ref)
                table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
                ws.add_table(table)
            ws.freeze_panes = sheet["freeze"]
            ws.print_title_rows = sheet["titles"]
            ws.page_setup.orientation = sheet["orientation"]
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.oddHeader.center.text = sheet["header"]
            ws.oddFooter.center.text = "Page &P of &N"
        wb.save(str(out / "direct.xlsx"))
        return time.perf_counter() - t0

    result = compare(
        f"funding workbook {year.label} ({contributors} contributors, {len(sheets)} sheets, "
        f"{n_cells} cells) vs openpyxl writing the same cells",
        lambda: {"s": app_export()},
        lambda: {"s": openpyxl_direct()},
        {"s": 1.5},
    )
    store.close()
    a = statistics.median(result.app["s"]) * 1000
    print(f"funding workbook export: {a:.0f} ms (budget 500 ms) {'OK' if a < 500 else 'OVER'}")
    return verdict(result, a < 500)


if __name__ == "__main__":
    raise SystemExit(main())
