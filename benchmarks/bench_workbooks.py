"""Every workbook export on the large demo against XlsxWriter in constant-memory mode writing the
same cells (issue 21: within 1.2x of the fastest Python writer). A small workbook, which the app
writes with XlsxWriter in memory (quicker: no temporary file for each part), is also compared,
without a budget, with XlsxWriter writing it in memory.

The floor is written here with plain XlsxWriter calls, cell for cell: the same values (text
already cleaned, dates, numbers, formulas), number formats, fonts, fills, borders, alignment,
column widths, row heights, tables, frozen panes, print titles, print area and page set-up.
For the registers (action log, risk registers, escalation log, decisions) its cells come from
the same rows the app writes; for the funding workbook, from the app's workbook read back.
Preparing the floor's cells is not timed; the app's time includes reading the database.
App and floor alternate (pairs.py): the median of the pairs' ratios, with min, max and n.

``LSCP_BENCH_SCALE`` (run_all.py --scale) runs the action log only: it is the one that grows.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from pairs import compare, verdict

from lscp_desktop.exports.fast_xlsx import CONSTANT_MEMORY_CELLS

BUDGET = 1.2
SCALE = int(os.environ.get("LSCP_BENCH_SCALE", "1"))
#: openpyxl's border styles as XlsxWriter's numbers.
BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7}

Cell = tuple[int, str, Any, int]  # column, how to write it, value, style number


def register_plan(sheets: Sequence[Any]) -> list[dict[str, Any]]:
    """The cells of the registers' sheets (excel.TableSheet), as the floor writes them."""
    from lscp_desktop.exports.excel import (
        DATE_FORMAT,
        HEADER_FILL,
        LINE_HEIGHT,
        PERCENT_FORMAT,
        after_figure,
        column_formats,
        header_text,
        table_name,
        wrapped_lines,
    )
    from lscp_desktop.exports.safe import cell_text

    styles: dict[tuple[Any, ...], int] = {}

    def style(**spec: Any) -> int:
        return styles.setdefault(tuple(sorted(spec.items())), len(styles))

    plan = []
    for s in sheets:
        rows: list[tuple[int, list[Cell]]] = []
        header = 0
        if s.heading:
            big = style(bold=True, font_size=14, font_color=f"#{HEADER_FILL}")
            rows.append((0, [(0, "s", cell_text(s.heading), big)]))
            header = 2
            if s.subheading:
                sub = style(italic=True, font_color="#555555")
                rows.append((1, [(0, "s", cell_text(s.subheading), sub)]))
                header = 3
        head = style(bold=True, font_color="#FFFFFF", pattern=1, text_wrap=True,
                     bg_color=f"#{HEADER_FILL}", valign="vcenter")  # fmt: skip
        headers = [cell_text(c.header) for c in s.columns]
        rows.append((header, [(c, "s", h, head) for c, h in enumerate(headers)]))
        heights = {}
        lines = max(wrapped_lines(c.header, c.width, bold=True) for c in s.columns)
        if lines > 1:
            heights[header] = LINE_HEIGHT * lines
        formats, after = column_formats(s.columns, s.rows), after_figure(s.columns)
        for i, values in enumerate(s.rows):
            r = header + 1 + i
            wrapped = [wrapped_lines(str(values[c] or ""), col.width)
                       for c, col in enumerate(s.columns) if col.wrap]  # fmt: skip
            if wrapped and max(wrapped) > 1:
                heights[r] = LINE_HEIGHT * min(max(wrapped), 27)
            cells = []
            for c, (col, value) in enumerate(zip(s.columns, values, strict=True)):
                spec: dict[str, Any] = {"valign": "top"}
                if col.wrap:
                    spec["text_wrap"] = True
                    if after[c]:
                        spec |= {"indent": 2, "align": "left"}
                elif after[c]:
                    spec["align"] = "center"
                fill = s.fills[i][c] if s.fills else None
                if fill:
                    spec |= {"pattern": 1, "bg_color": f"#{fill}"}
                how: str = "b"
                out: Any = None
                if value is not None and value != "":
                    if col.kind == "text":
                        out = cell_text(value)
                        how = "s" if out else "b"
                    elif col.kind == "date":
                        how = "d"
                        out = value if isinstance(value, dt.date) else (
                            dt.date.fromisoformat(str(value)[:10]))  # fmt: skip
                        spec["num_format"] = DATE_FORMAT
                    elif col.kind == "percent":
                        how, out, spec["num_format"] = "n", value, PERCENT_FORMAT
                    else:
                        how, out = "n", int(value) / (100 if col.kind == "money" else 1)
                if formats[c]:
                    spec["num_format"] = formats[c]
                cells.append((c, how, out, style(**spec)))
            rows.append((r, cells))
        last = header + len(s.rows)
        mark = s.marking
        left = f"&L&B{mark}&B"
        plan.append({
            "name": s.name, "rows": rows, "heights": heights,
            "widths": {c: col.width for c, col in enumerate(s.columns)},
            "table": (header, last, len(s.columns), table_name(s.table), headers)
            if s.rows else None,
            "freeze": header + 1, "repeat": header, "landscape": s.landscape,
            "header": left + (f"&C{header_text(s.title, left)}" if s.title else ""),
            "footer": f"{left}&CPage &P of &N&R&B{mark}&B",
            "area": (last, s.printed_columns) if s.printed_columns else None,
        })  # fmt: skip
    return [{"styles": {n: dict(k) for k, n in styles.items()}}, *plan]


def replay_plan(path: Path) -> list[dict[str, Any]]:
    """The cells of a workbook read back with openpyxl, as the floor writes them."""
    from openpyxl import load_workbook
    from openpyxl.utils import column_index_from_string, range_boundaries

    wb = load_workbook(path)
    styles: dict[tuple[Any, ...], int] = {}
    plan: list[dict[str, Any]] = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                f, fill, a, b = c.font, c.fill, c.alignment, c.border
                spec: dict[str, Any] = {}
                if f.b:
                    spec["bold"] = True
                if f.i:
                    spec["italic"] = True
                if f.sz and f.sz != 11:
                    spec["font_size"] = f.sz
                if f.color is not None and isinstance(f.color.rgb, str):
                    spec["font_color"] = "#" + f.color.rgb[-6:]
                if fill.fill_type == "solid":
                    spec |= {"pattern": 1, "bg_color": "#" + fill.fgColor.rgb[-6:]}
                for side in ("top", "bottom", "left", "right"):
                    line = getattr(b, side)
                    if line is not None and line.style:
                        spec[side] = BORDERS[line.style]
                if a.horizontal:
                    spec["align"] = a.horizontal
                if a.vertical:
                    spec["valign"] = "vcenter" if a.vertical == "center" else a.vertical
                if a.wrap_text:
                    spec["text_wrap"] = True
                if a.indent:
                    spec["indent"] = int(a.indent)
                if c.number_format != "General":
                    spec["num_format"] = c.number_format
                key = styles.setdefault(tuple(sorted(spec.items())), len(styles))
                v = c.value
                if v is None:
                    how = "b"
                elif c.data_type == "f":
                    how = "f"
                elif isinstance(v, str):
                    how = "s"
                else:
                    how = "d" if isinstance(v, dt.datetime) else "n"
                cells.append((c.column - 1, how, v, key))
            if cells:
                rows.append((row[0].row - 1, cells))
        widths = {}
        for letter, dim in ws.column_dimensions.items():
            if dim.customWidth:
                for c in range(dim.min or column_index_from_string(letter), (dim.max or 0) + 1):
                    widths[c - 1] = dim.width
        tables = []
        for t in ws.tables.values():
            _, r1, c2, r2 = range_boundaries(t.ref)
            tables.append((r1 - 1, r2 - 1, c2, t.displayName, [x.name for x in t.tableColumns]))
        area = None
        if ws.print_area:
            _, _, c2, r2 = range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))
            area = (r2 - 1, c2)
        h, foot = ws.oddHeader, ws.oddFooter
        plan.append({
            "name": ws.title, "rows": rows, "widths": widths,
            "heights": {r - 1: d.height for r, d in ws.row_dimensions.items() if d.height},
            "table": tables[0] if tables else None,
            "freeze": int(ws.freeze_panes[1:]) - 1 if ws.freeze_panes else None,
            "repeat": int(ws.print_title_rows.split(":")[0].strip("$")) - 1
            if ws.print_title_rows else None,
            "landscape": ws.page_setup.orientation == "landscape",
            "header": f"&L{h.left.text or ''}" + (f"&C{h.center.text}" if h.center.text else ""),
            "footer": f"&L{foot.left.text}&C{foot.center.text}&R{foot.right.text}",
            "area": area,
        })  # fmt: skip
    return [{"styles": {n: dict(k) for k, n in styles.items()}}, *plan]


def floor_write(path: Path, plan: list[dict[str, Any]], title: str, streaming: bool) -> None:
    """XlsxWriter writing the planned cells and sheets: in constant-memory mode (*streaming*)
    or, for a small workbook, in memory, as the app does (faster for a small workbook)."""
    from xlsxwriter import Workbook

    mode = {"constant_memory": True} if streaming else {"in_memory": True}
    wb = Workbook(str(path), mode)
    formats = {n: wb.add_format(spec) for n, spec in plan[0]["styles"].items()}
    for s in plan[1:]:
        ws = wb.add_worksheet(s["name"])
        for c, width in s["widths"].items():
            ws.set_column_pixels(c, c, width * 7)
        for r, height in s["heights"].items():
            ws.set_row(r, height)
        if s["table"]:
            first, last, ncols, name, headers = s["table"]
            ws.constant_memory = False  # see fast_xlsx._add_table
            ws.add_table(first, 0, last, ncols - 1, {"name": name, "style": "TableStyleLight9",
                         "columns": [{"header": h} for h in headers]})  # fmt: skip
            ws.constant_memory = streaming
        write_string, write_number = ws.write_string, ws.write_number
        write_datetime, write_blank, write_formula = (
            ws.write_datetime,
            ws.write_blank,
            ws.write_formula,
        )
        for r, cells in s["rows"]:
            for c, how, value, key in cells:
                fmt = formats[key]
                if how == "s":
                    write_string(r, c, value, fmt)
                elif how == "n":
                    write_number(r, c, value, fmt)
                elif how == "d":
                    write_datetime(r, c, value, fmt)
                elif how == "f":
                    write_formula(r, c, value, fmt, "")
                else:
                    write_blank(r, c, None, fmt)
        if s["freeze"] is not None:
            ws.freeze_panes(s["freeze"], 0)
        if s["repeat"] is not None:
            ws.repeat_rows(s["repeat"])
        ws.set_landscape() if s["landscape"] else ws.set_portrait()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
        ws.set_header(s["header"], {"margin": 0.3})
        ws.set_footer(s["footer"], {"margin": 0.3})
        if s["area"]:
            ws.print_area(0, 0, s["area"][0], s["area"][1] - 1)
    wb.set_properties({"title": title})
    wb.close()


def measure(
    label: str,
    export: Callable[[Path], Any],
    plan: Callable[[Path], list[dict[str, Any]]],
    out: Path,
) -> Any:
    """Compare *export* (the app, writing to a path) with the floor writing the same cells."""
    app_path, floor_path = out / "app.xlsx", out / "floor.xlsx"
    export(app_path)  # warm-up: imports, and the workbook the floor's cells may come from
    cells = plan(app_path)
    n_cells = sum(len(cs) for s in cells[1:] for _, cs in s["rows"])
    title = "Floor"
    # A small workbook is also written in memory, as the app writes it (faster than constant
    # memory for a small one): that ratio is shown too, without a budget.
    small = n_cells <= CONSTANT_MEMORY_CELLS

    def app() -> dict[str, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        export(app_path)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        figures = {"s": seconds, "cpu": cpu}
        return figures | {"in memory": seconds} if small else figures

    def floor() -> dict[str, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        floor_write(floor_path, cells, title, streaming=True)
        figures = {"s": time.perf_counter() - t0, "cpu": time.process_time() - c0}
        if small:
            t0 = time.perf_counter()
            floor_write(floor_path, cells, title, streaming=False)
            figures["in memory"] = time.perf_counter() - t0
        return figures

    result = compare(
        f"{label} ({n_cells:,} cells) vs XlsxWriter constant memory writing them",
        app, floor, {"s": BUDGET},
    )  # fmt: skip
    r = result.ratios("cpu")
    print(
        f"  CPU time (this process's; no budget, for a busy machine): ratio "
        f"{statistics.median(r):.2f}x (min {min(r):.2f}, max {max(r):.2f})",
        flush=True,
    )
    if small:
        r = result.ratios("in memory")
        floor_s = statistics.median(result.floor["in memory"])
        print(f"  the same against XlsxWriter in memory ({_ms(floor_s)}): ratio "
              f"{statistics.median(r):.2f}x (min {min(r):.2f}, max {max(r):.2f}) (no budget: "
              "the issue's floor is constant memory)", flush=True)  # fmt: skip
    return result


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    from lscp_desktop.exports.actions_xlsx import action_sheets
    from lscp_desktop.exports.decisions import decision_sheets
    from lscp_desktop.exports.escalations_xlsx import escalation_sheets
    from lscp_desktop.exports.registry import ExportOptions, find_kind
    from lscp_desktop.models.finance.years import list_years
    from lscp_desktop.models.store.database import Store

    store = Store.open(sys.argv[1], daily_backup=False, exclusive=False)
    out = Path(tempfile.mkdtemp(prefix="lscp-bench-workbooks-"))
    options = ExportOptions()
    results = []

    def kind_export(key: str, opts: ExportOptions = options) -> Callable[[Path], Any]:
        kind = find_kind(key)
        return lambda path: kind.run(store, opts, path, lambda *_: None)

    def from_sheets(build: Callable[..., Any]) -> Callable[[Path], list[dict[str, Any]]]:
        return lambda _path: register_plan(build(store, options)[0])

    actions = store.count("actions")
    scale = f" at {SCALE}x" if SCALE > 1 else ""
    results.append(measure(f"action log workbook, {actions:,} actions{scale}",
                           kind_export("actions"), from_sheets(action_sheets), out))  # fmt: skip
    if SCALE == 1:
        from lscp_desktop.exports.actions_xlsx import risk_sheets

        results.append(measure(f"risk registers workbook, {store.count('risks')} risks",
                               kind_export("risks"), from_sheets(risk_sheets), out))  # fmt: skip
        results.append(measure(
            f"escalation log workbook, {store.count('escalations')} escalations",
            kind_export("escalations"), from_sheets(escalation_sheets), out))  # fmt: skip
        results.append(measure("decisions register workbook", kind_export("decisions-workbook"),
                               from_sheets(decision_sheets), out))  # fmt: skip
        years = list_years(store)
        year = max(years, key=lambda y: store.count("contributions", "year_id = ?", [y.id]))
        results.append(measure(
            f"funding workbook {year.label}",
            kind_export("funding", ExportOptions(year=year.label)), replay_plan, out))  # fmt: skip
    store.close()
    return verdict(*results)


if __name__ == "__main__":
    raise SystemExit(main())
