"""The funding workbook as it was built before it was written directly with XlsxWriter: cell by
cell in openpyxl, saved by openpyxl. tests/exports/test_fast_xlsx.py checks the app's workbook
(lscp_desktop/exports/funding_xlsx.py) is this one, cell for cell and sheet for sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lscp_desktop.exports.excel import (
    MONEY_FORMAT,
    MONEY_PENCE_FORMAT,
    PERCENT_FORMAT,
    XColumn,
    font,
    new_workbook,
    print_setup,
    save_workbook,
    set_cell,
    title_rows,
    write_table,
)
from lscp_desktop.exports.funding_xlsx import (
    BUDGET,
    CONTRIBUTIONS,
    SPEND,
    SUMMARY,
    YEARS,
    FundingData,
)
from lscp_desktop.exports.safe import set_text_cell
from lscp_desktop.models.finance.analysis import closing_label, shares_by_kind
from lscp_desktop.models.finance.records import BUDGET_CATEGORIES


def write_funding_workbook(data: FundingData, path: Path) -> Path:
    """The workbook built with openpyxl and saved by openpyxl."""
    wb = new_workbook()
    summary_ws = wb.create_sheet(SUMMARY)
    refs: dict[str, str] = {}
    refs.update(_contributions_sheet(wb.create_sheet(CONTRIBUTIONS), data))
    refs.update(_budget_sheet(wb.create_sheet(BUDGET), data))
    _spend_sheet(wb.create_sheet(SPEND), data)
    _years_sheet(wb.create_sheet(YEARS), data)
    _summary_sheet(summary_ws, data, refs)
    wb.active = 0
    return save_workbook(wb, path)


# --------------------------------------------------------------------------- helpers


def _money_format(amounts: Sequence[int | None]) -> str:
    """Pence shown only when some amount in the column has them."""
    return MONEY_PENCE_FORMAT if any(a and a % 100 for a in amounts) else MONEY_FORMAT


def _ref(sheet: str, cell: str) -> str:
    return f"'{sheet}'!{cell}"


def _total_row(ws: Any, row: int, values: Sequence[tuple[Any, str]], *, label_col: int = 1) -> None:
    """A bold total row under a table: (value, kind) per column from *label_col*."""
    from openpyxl.styles import Border, Side

    bold = font(bold=True)
    top = Border(top=Side(style="thin"), bottom=Side(style="double"))
    for offset, (value, fmt) in enumerate(values):
        cell = ws.cell(row=row, column=label_col + offset)
        if fmt == "text":
            set_text_cell(cell, value)
        elif value is not None:
            cell.value = value
            cell.number_format = fmt
        cell.font = bold
        cell.border = top


def _sum(col: str, first: int, last: int) -> str | int:
    return f"=SUM({col}{first}:{col}{last})" if last >= first else 0


def _share_total(col: str, first: int, last: int, total: str) -> str | int:
    """The shares' total: "—" when there is nothing to share (every contribution £0)."""
    return f'=IF({total}=0,"—",SUM({col}{first}:{col}{last}))' if last >= first else 0


def _section(ws: Any, row: int, text: str) -> int:
    set_text_cell(ws.cell(row=row, column=1), text)
    ws.cell(row=row, column=1).font = font(bold=True, size=12, color="1D3D6B")
    return row + 1


def _finish(ws: Any, header_row: int, title: str, marking: str) -> None:
    """Freeze the main table's header and repeat it on every printed page."""
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    print_setup(ws, title=title, marking=marking)


# --------------------------------------------------------------------------- sheets


def _contributions_sheet(ws: Any, data: FundingData) -> dict[str, str]:
    label = data.year.label
    cs = data.contributions
    start = title_rows(
        ws,
        f"Partner contributions {label}",
        f"{data.partnership} · agreed, received and outstanding · shares of the agreed total",
    )
    agreed_fmt = _money_format([c.agreed for c in cs])
    received_fmt = _money_format([c.received for c in cs])
    money = _money_format([c.agreed for c in cs] + [c.received for c in cs])
    columns = [
        XColumn("Organisation", width=36, wrap=True),
        XColumn("Kind of partner", width=20, wrap=True),
        XColumn("Agreed", "money", 13, agreed_fmt),
        XColumn("Received", "money", 13, received_fmt),
        XColumn("Outstanding", "formula", 13, money),
        XColumn("Status", width=11),
        XColumn("Share", "formula", 9, PERCENT_FORMAT),
        XColumn("Invoice", width=12),
        XColumn("Invoiced", "date", 11),
        XColumn("Due", "date", 11),
        XColumn("Notes", width=24, wrap=True),
    ]
    first = start + 1
    last = start + len(cs)
    total = last + 1
    rows = [
        [
            c.organisation,
            c.organisation_kind,
            c.agreed,
            c.received,
            f'=IF(F{r}="waived",0,C{r}-D{r})',
            c.status,
            f'=IF($C${total}=0,"—",C{r}/$C${total})',
            c.invoice_ref,
            c.invoice_date,
            c.due_on,
            c.notes,
        ]
        for r, c in enumerate(cs, start=first)
    ]
    write_table(ws, columns, rows, name=f"Contributions {label}", first_row=start)
    _total_row(
        ws,
        total,
        [
            ("Total", "text"),
            (f"{len(cs)} contributors", "text"),
            (_sum("C", first, last), agreed_fmt),
            (_sum("D", first, last), received_fmt),
            (_sum("E", first, last), money),
            (None, ""),
            (_share_total("G", first, last, f"$C${total}"), PERCENT_FORMAT),
        ],
    )
    refs = {
        "agreed": _ref(CONTRIBUTIONS, f"C{total}"),
        "received": _ref(CONTRIBUTIONS, f"D{total}"),
        "outstanding": _ref(CONTRIBUTIONS, f"E{total}"),
    }

    # By kind of partner: SUMIF over the table above, so it follows any edit.
    row = _section(ws, total + 2, "By kind of partner")
    kinds = shares_by_kind(cs)
    kind_first, kind_last = row + 1, row + len(kinds)
    kind_total = kind_last + 1
    kind_rows = [
        [
            k.name,
            f"=COUNTIF($B${first}:$B${last},A{r})",
            f"=SUMIF($B${first}:$B${last},A{r},$C${first}:$C${last})",
            f'=IF($C${kind_total}=0,"—",C{r}/$C${kind_total})',
        ]
        for r, k in enumerate(kinds, start=kind_first)
    ]
    write_table(
        ws,
        [
            XColumn("Kind of partner", width=36),
            XColumn("Contributors", "formula", 20, "0"),
            XColumn("Agreed", "formula", 13, agreed_fmt),
            XColumn("Share", "formula", 13, PERCENT_FORMAT),
        ],
        kind_rows,
        name=f"By kind {label}",
        first_row=row,
    )
    _total_row(
        ws,
        kind_total,
        [
            ("Total", "text"),
            (_sum("B", kind_first, kind_last), "0"),
            (_sum("C", kind_first, kind_last), agreed_fmt),
            (_share_total("D", kind_first, kind_last, f"$C${kind_total}"), PERCENT_FORMAT),
        ],
    )

    # In kind.
    row = _section(ws, kind_total + 2, "In-kind contributions")
    ik = data.in_kind
    ik_money = _money_format([k.notional for k in ik])
    ik_first, ik_last = row + 1, row + len(ik)
    write_table(
        ws,
        [
            XColumn("Organisation", width=36),
            XColumn("What is given", width=20, wrap=True),
            XColumn("Value", "money", 13, ik_money),
            XColumn("Notes", width=13),
        ],
        [[k.organisation, k.description, k.notional, k.notes] for k in ik],
        name=f"In kind {label}",
        first_row=row,
    )
    _total_row(ws, ik_last + 1, [("Total notional value", "text"), (None, ""),
                                 (_sum("C", ik_first, ik_last), ik_money)])  # fmt: skip
    refs["in_kind"] = _ref(CONTRIBUTIONS, f"C{ik_last + 1}")
    _finish(ws, start, f"Partner contributions {label}", data.marking)
    return refs


def _budget_sheet(ws: Any, data: FundingData) -> dict[str, str]:
    label = data.year.label
    lines = data.lines
    start = title_rows(
        ws,
        f"Budget and spend {label}",
        "Actual is the total of the Spend sheet for each line; variance is budget less actual "
        "(negative = overspent)",
    )
    budget_fmt = _money_format([b.budget for b in lines])
    money = _money_format([b.budget for b in lines] + [b.actual for b in lines])
    first, last = start + 1, start + len(lines)
    total = last + 1
    n_spend = len(data.spend)
    spend_first, spend_last = 5, 4 + n_spend  # the Spend sheet's table (title rows, header at 4)

    def actual(r: int) -> str:
        if not n_spend:
            return "=0"
        return (
            f"=SUMIF('{SPEND}'!$B${spend_first}:$B${spend_last},A{r},"
            f"'{SPEND}'!$H${spend_first}:$H${spend_last})"
        )

    rows = [
        [
            i,
            b.category,
            b.description,
            b.budget,
            actual(r),
            f"=D{r}-E{r}",
            f"=IF(D{r}=0,0,E{r}/D{r})",
        ]
        for i, (r, b) in enumerate(zip(range(first, last + 1), lines, strict=True), start=1)
    ]
    write_table(
        ws,
        [
            XColumn("Line", "int", 6),
            XColumn("Category", width=22),
            XColumn("Budget line", width=58, wrap=True),
            XColumn("Budget", "money", 13),
            XColumn("Actual", "formula", 13, money),
            XColumn("Variance", "formula", 13, money),
            XColumn("Spent", "formula", 9, PERCENT_FORMAT),
        ],
        rows,
        name=f"Budget {label}",
        first_row=start,
    )
    _total_row(
        ws,
        total,
        [
            ("Total", "text"),
            (f"{len(lines)} lines", "text"),
            (None, ""),
            (_sum("D", first, last), budget_fmt),
            (_sum("E", first, last), money),
            (_sum("F", first, last), money),
            (f"=IF(D{total}=0,0,E{total}/D{total})", PERCENT_FORMAT),
        ],
    )
    refs = {
        "budget": _ref(BUDGET, f"D{total}"),
        "actual": _ref(BUDGET, f"E{total}"),
        "variance": _ref(BUDGET, f"F{total}"),
    }

    row = _section(ws, total + 2, "By category")
    categories = [c for c in BUDGET_CATEGORIES if any(b.category == c for b in lines)]
    cat_first, cat_last = row + 1, row + len(categories)
    write_table(
        ws,
        [
            XColumn("Line", width=6),
            XColumn("Category", width=22),
            XColumn("Budget line", width=58),
            XColumn("Budget", "formula", 13, budget_fmt),
            XColumn("Actual", "formula", 13, money),
            XColumn("Variance", "formula", 13, money),
        ],
        [
            [
                "",
                cat,
                "",
                f"=SUMIF($B${first}:$B${last},B{r},$D${first}:$D${last})",
                f"=SUMIF($B${first}:$B${last},B{r},$E${first}:$E${last})",
                f"=D{r}-E{r}",
            ]
            for r, cat in enumerate(categories, start=cat_first)
        ],
        name=f"By category {label}",
        first_row=row,
    )
    _total_row(
        ws,
        cat_last + 1,
        [
            ("Total", "text"),
            (None, ""),
            (None, ""),
            (_sum("D", cat_first, cat_last), budget_fmt),
            (_sum("E", cat_first, cat_last), money),
            (_sum("F", cat_first, cat_last), money),
        ],
    )

    row = _section(ws, cat_last + 3, "Earmarked reserves")
    res = data.reserves
    res_money = _money_format([r.opening for r in res] + [r.movements for r in res])
    res_first, res_last = row + 1, row + len(res)
    write_table(
        ws,
        [
            XColumn("Line", width=6),
            XColumn("Reserve", width=22),  # the Category column above
            XColumn("Purpose", width=58, wrap=True),
            XColumn("Opening", "money", 13),
            XColumn("In year", "money", 13),
            XColumn("Closing", "formula", 13, res_money),
        ],
        [
            ["", r.name, r.purpose, r.opening, r.movements, f"=D{n}+E{n}"]
            for n, r in enumerate(res, start=res_first)
        ],
        name=f"Reserves {label}",
        first_row=row,
    )
    _total_row(
        ws,
        res_last + 1,
        [
            ("Total", "text"),
            (None, ""),
            (None, ""),
            (_sum("D", res_first, res_last), res_money),
            (_sum("E", res_first, res_last), res_money),
            (_sum("F", res_first, res_last), res_money),
        ],
    )
    refs["transfers"] = _ref(BUDGET, f"E{res_last + 1}")
    _finish(ws, start, f"Budget and spend {label}", data.marking)
    return refs


def _spend_sheet(ws: Any, data: FundingData) -> None:
    label = data.year.label
    numbers = {b.id: i for i, b in enumerate(data.lines, start=1)}
    start = title_rows(ws, f"Spend {label}", "Every payment against the budget lines")
    assert start == 4  # the Budget sheet's SUMIFs point at rows from 5
    entries = data.spend
    money = _money_format([s.amount for s in entries])
    first, last = start + 1, start + len(entries)
    write_table(
        ws,
        [
            XColumn("Date", "date", 11),
            XColumn("Line", "int", 6),
            XColumn("Budget line", width=40, wrap=True),
            XColumn("Category", width=18),
            XColumn("Payee", width=26),
            XColumn("Description", width=30, wrap=True),
            XColumn("Reference", width=12),
            XColumn("Amount", "money", 13),
            XColumn("Refund", width=8),
        ],
        [
            [
                s.spent_on,
                numbers[s.budget_line_id],
                s.line,
                s.category,
                s.payee,
                s.description,
                s.reference,
                s.amount,
                "refund" if s.refund else "",
            ]
            for s in entries
        ],
        name=f"Spend {label}",
        first_row=start,
    )
    _total_row(
        ws,
        last + 1,
        [("Total", "text"), (f"{len(entries)} entries", "text"), *[(None, "")] * 5,
         (_sum("H", first, last), money)],
    )  # fmt: skip
    _finish(ws, start, f"Spend {label}", data.marking)


def _years_sheet(ws: Any, data: FundingData) -> None:
    from openpyxl.utils import get_column_letter

    history = data.history
    years = history.years
    label = data.year.label
    start = title_rows(
        ws,
        f"Contributions over {len(years)} year{'s' if len(years) != 1 else ''} to {label}",
        "Agreed contributions by year; change is this year against the year before",
    )
    money = _money_format(list(history.agreed.values()))
    spend_fmt = _money_format(list(history.budget.values()) + list(history.actual.values()))
    n = len(years)
    columns = [
        XColumn("Organisation", width=34, wrap=True),
        XColumn("Kind of partner", width=16, wrap=True),
    ]
    columns += [XColumn(y.label, "money", 12, money) for y in years]
    last_col = get_column_letter(2 + n)
    prev_col = get_column_letter(1 + n) if n > 1 else None
    columns += [
        XColumn("Change", "formula", 12, money),
        XColumn("Change %", "formula", 10, PERCENT_FORMAT),
    ]
    first = start + 1
    rows = []
    for r, (org_id, name, kind) in enumerate(history.organisations, start=first):
        cells: list[Any] = [name, kind]
        cells += [history.agreed.get((org_id, y.id)) for y in years]
        if prev_col:  # blank where there is nothing to compare with
            cells += [
                f'=IF(OR({prev_col}{r}="",{last_col}{r}=""),"",{last_col}{r}-{prev_col}{r})',
                f'=IF(OR(N({prev_col}{r})=0,{last_col}{r}=""),"",{last_col}{r}/{prev_col}{r}-1)',
            ]
        else:  # the first year: no change to show
            cells += [None, None]
        rows.append(cells)
    write_table(ws, columns, rows, name=f"Years to {label}", first_row=start)
    last = first + len(rows) - 1
    total = last + 1
    values: list[tuple[Any, str]] = [("Total", "text"), (None, "")]
    for i in range(n):
        values.append((_sum(get_column_letter(3 + i), first, last), money))
    if prev_col:
        values.append((f"={last_col}{total}-{prev_col}{total}", money))
        values.append((f'=IF(N({prev_col}{total})=0,"",{last_col}{total}/{prev_col}{total}-1)',
                       PERCENT_FORMAT))  # fmt: skip
    _total_row(ws, total, values)
    # Budget, spend and variance per year beneath.
    for offset, (text, source) in enumerate(
        (("Budget", history.budget), ("Actual spend", history.actual))
    ):
        r = total + 2 + offset
        set_text_cell(ws.cell(row=r, column=1), text)
        ws.cell(row=r, column=1).font = font(bold=True)
        row_fmt = _money_format(list(source.values()))
        for i, y in enumerate(years):
            set_cell(ws.cell(row=r, column=3 + i), source.get(y.id, 0), "money")
            ws.cell(row=r, column=3 + i).number_format = row_fmt
    r = total + 4
    set_text_cell(ws.cell(row=r, column=1), "Variance (budget less actual)")
    ws.cell(row=r, column=1).font = font(bold=True)
    for i in range(n):
        col = get_column_letter(3 + i)
        ws.cell(row=r, column=3 + i).value = f"={col}{total + 2}-{col}{total + 3}"
        ws.cell(row=r, column=3 + i).number_format = spend_fmt
    _finish(ws, start, f"Contributions over the years to {label}", data.marking)


def _summary_sheet(ws: Any, data: FundingData, refs: dict[str, str]) -> None:
    label = data.year.label
    s = data.summary
    start = title_rows(
        ws,
        f"Funding {label}" + (f": {data.partnership}" if data.partnership else ""),
        f"Financial year {data.year.fy.start:%d/%m/%Y} to {data.year.fy.end:%d/%m/%Y}; "
        "figures are formulas over the other sheets",
    )
    r0 = start + 1
    # (label, formula or typed value, the app's own figure: its pence decide the format)
    rows: list[tuple[str, str | int, int]] = [
        ("Opening reserve brought forward", s.year.opening_reserve, s.year.opening_reserve),
        ("Contributions agreed", f"={refs['agreed']}", s.agreed),
        ("Received", f"={refs['received']}", s.received),
        ("Outstanding", f"={refs['outstanding']}", s.outstanding),
        ("Income (received plus outstanding)", f"=B{r0 + 2}+B{r0 + 3}", s.income),
        ("Budget", f"={refs['budget']}", s.budget),
        ("Actual spend", f"={refs['actual']}", s.actual),
        ("Variance (budget less actual)", f"=B{r0 + 5}-B{r0 + 6}", s.variance),
        ("Net transfers to earmarked reserves", f"={refs['transfers']}", s.reserve_transfers),
        (
            closing_label(s),
            # a year over carries forward only what was received and spent
            f"=B{r0}+B{r0 + 2 if s.ended else r0 + 4}-B{r0 + 6}-B{r0 + 8}",
            s.closing_reserve,
        ),
        ("In-kind contributions (notional value)", f"={refs['in_kind']}", s.in_kind_notional),
    ]
    if not s.ended:
        rows.append(
            (
                "Forecast reserve carried forward (the rest of the budget spent)",
                f"=B{r0}+B{r0 + 4}-MAX(B{r0 + 5},B{r0 + 6})-B{r0 + 8}",
                s.forecast_closing,
            )
        )
    write_table(
        ws,
        [XColumn("Item", width=60), XColumn("Amount", "formula", 16)],
        [[text, value if isinstance(value, str) else "=0"] for text, value, _ in rows],
        name=f"Summary {label}",
        first_row=start,
    )
    for r, (_, value, figure) in enumerate(rows, start=r0):
        cell = ws.cell(row=r, column=2)
        if not isinstance(value, str):  # the one figure typed in rather than computed
            set_cell(cell, value, "money")
        cell.number_format = _money_format([figure])
    _finish(ws, start, f"Funding {label}", data.marking)
