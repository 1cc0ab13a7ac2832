"""The funding workbook for one financial year: a live spreadsheet, not a picture of one.

Sheets: Summary, Contributions (agreed, received, outstanding, status, share; by kind of
partner; in kind), Budget and spend (budget, actual, variance; by category; reserves), Spend
(every entry) and Years (agreed contributions over up to ten years, with budget and spend).
Every total, share, outstanding amount and variance is a formula over the cells above it, so the
workbook stays right when someone edits it in Excel; the values the app writes are exact pounds
(from integer pence), and a test recalculates the workbook in LibreOffice and checks its totals
equal the app's to the penny. Each formula's cell also holds the value it gives, so a reader
that does not recalculate shows the totals too.

Written directly with XlsxWriter (the tables and page set-up of ``fast_xlsx``): the workbook is
the one the openpyxl builder it replaced made, cell for cell and sheet for sheet
(``tests/exports/test_fast_xlsx.py`` compares them, the old builder kept in
``tests/helpers/funding_openpyxl.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lscp_desktop.exports.excel import (
    HEADER_FILL,
    MONEY_FORMAT,
    MONEY_PENCE_FORMAT,
    PERCENT_FORMAT,
    XColumn,
)
from lscp_desktop.exports.fast_xlsx import Formula, page_setup, xl_table
from lscp_desktop.exports.safe import cell_text, write_atomically
from lscp_desktop.models.finance import analysis
from lscp_desktop.models.finance.analysis import closing_label, multi_year, shares_by_kind
from lscp_desktop.models.finance.budget import list_budget_lines, list_spend
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.in_kind import list_in_kind
from lscp_desktop.models.finance.records import (
    BUDGET_CATEGORIES,
    BudgetLine,
    Contribution,
    FinanceYear,
    InKind,
    MultiYear,
    ReserveBalance,
    SpendEntry,
    YearSummary,
)
from lscp_desktop.models.finance.reserves import reserve_balances
from lscp_desktop.models.finance.years import get_year
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

ProgressFn = Callable[[int, int, str], None]

SUMMARY = "Summary"
CONTRIBUTIONS = "Contributions"
BUDGET = "Budget and spend"
SPEND = "Spend"
YEARS = "Years"


@dataclass
class FundingData:
    """Everything the workbook shows, read from the models in one go."""

    partnership: str
    year: FinanceYear
    summary: YearSummary
    contributions: list[Contribution]
    in_kind: list[InKind]
    lines: list[BudgetLine]
    spend: list[SpendEntry]
    reserves: list[ReserveBalance]
    history: MultiYear
    #: The protective marking in every sheet's header and footer.
    marking: str = "OFFICIAL"


def funding_data(store: Store, year: str, *, today: dt.date | None = None) -> FundingData:
    fy = get_year(store, year)
    partnership = get_partnership(store)
    return FundingData(
        partnership=partnership.name if partnership else "",
        year=fy,
        summary=analysis.summary(store, fy.id, today=today),
        contributions=list_contributions(store, fy.id, today=today),
        in_kind=list_in_kind(store, fy.id),
        lines=list_budget_lines(store, fy.id),
        spend=list_spend(store, fy.id),
        reserves=reserve_balances(store, fy.id),
        history=multi_year(store, fy.id),
    )


def build(store: Store, options: Any, path: Path, progress: ProgressFn) -> Path:
    """Registry entry point: ``options.year`` is the financial year label."""
    if not options.year:
        from lscp_desktop.models.core.errors import ValidationError

        raise ValidationError("Choose the financial year for the funding workbook.", "year")
    progress(0, 6, "Reading the year's figures")
    data = funding_data(store, options.year)
    data.marking = getattr(options, "marking", None) or "OFFICIAL"
    return write_funding_workbook(data, path, progress)


def write_funding_workbook(
    data: FundingData, path: Path, progress: ProgressFn = lambda _d, _t, _s: None
) -> Path:
    """Write the workbook to *path* (atomically) with XlsxWriter, in memory: it is small."""
    written = write_atomically(path, lambda tmp: _write(data, tmp, progress))
    progress(6, 6, "Saved")
    return written


def _write(data: FundingData, tmp: Path, progress: ProgressFn) -> None:
    from xlsxwriter import Workbook

    wb = Workbook(str(tmp), {"in_memory": True})  # no temporary file for each part
    formats: dict[tuple[Any, ...], Format] = {}

    def sheet(name: str) -> _Sheet:
        return _Sheet(wb, name, formats)

    try:
        summary = sheet(SUMMARY)  # first of the sheets, written last (it points at them)
        refs: dict[str, _Ref] = {}
        progress(1, 6, "Contributions")
        refs.update(_contributions_sheet(sheet(CONTRIBUTIONS), data))
        progress(2, 6, "Budget and spend")
        refs.update(_budget_sheet(sheet(BUDGET), data))
        progress(3, 6, "Spend")
        _spend_sheet(sheet(SPEND), data)
        progress(4, 6, "Years")
        _years_sheet(sheet(YEARS), data)
        _summary_sheet(summary, data, refs)
        progress(5, 6, "Saving")
    finally:
        wb.close()


# --------------------------------------------------------------------------- helpers

#: A total another sheet points at: its cell ('Sheet'!C17) and its value in pence.
_Ref = tuple[str, int]
#: What a cell of a total row holds: (value, number format, or "text").
_Total = tuple[Any, str]
_BOLD_TOTAL = {"bold": True, "top": 1, "bottom": 6}  # thin above, double below


class _Sheet:
    """A worksheet and the workbook's formats, one per set of properties. Rows and columns
    count from 1, as the formulas do."""

    def __init__(self, wb: Workbook, name: str, formats: dict[tuple[Any, ...], Format]) -> None:
        self.ws: Worksheet = wb.add_worksheet(name)
        self._wb = wb
        self._cache = formats

    def fmt(self, spec: dict[str, Any]) -> Format:
        key = tuple(sorted(spec.items()))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._wb.add_format(spec)
        return found

    def put(self, row: int, col: int, value: Any, spec: dict[str, Any]) -> None:
        """Text (always a string, never a formula), a number, a :class:`Formula` or nothing."""
        fmt, r, c = self.fmt(spec), row - 1, col - 1
        if isinstance(value, Formula):
            self.ws.write_formula(r, c, value.text, fmt, value.value)
        elif isinstance(value, str):
            if text := cell_text(value):
                self.ws.write_string(r, c, text, fmt)
            else:
                self.ws.write_blank(r, c, None, fmt)
        elif value is None:
            self.ws.write_blank(r, c, None, fmt)
        else:
            self.ws.write_number(r, c, value, fmt)

    def table(self, columns: Sequence[XColumn], rows: Sequence[Sequence[Any]], *, name: str,
              first_row: int) -> None:  # fmt: skip
        """A table (as excel.write_table) with its header on *first_row*."""
        xl_table(self.fmt, self.ws, first_row - 1, columns, rows, name)

    def title_rows(self, title: str, subtitle: str = "") -> int:
        """A bold title (and optional subtitle) above a table; returns the next free row."""
        self.put(1, 1, title, {"bold": True, "font_size": 14, "font_color": f"#{HEADER_FILL}"})
        if subtitle:
            self.put(2, 1, subtitle, {"italic": True, "font_color": "#555555"})
            return 4
        return 3

    def total_row(self, row: int, values: Sequence[_Total], *, label_col: int = 1) -> None:
        """A bold total row under a table: (value, kind) per column from *label_col*."""
        for offset, (value, fmt) in enumerate(values):
            plain = fmt == "text" or value is None
            spec = _BOLD_TOTAL if plain else {**_BOLD_TOTAL, "num_format": fmt}
            self.put(row, label_col + offset, value, spec)

    def section(self, row: int, text: str) -> int:
        self.put(row, 1, text, {"bold": True, "font_size": 12, "font_color": "#1D3D6B"})
        return row + 1

    def finish(self, header_row: int, title: str, marking: str) -> None:
        """Freeze the main table's header and repeat it on every printed page."""
        self.ws.freeze_panes(header_row, 0)
        self.ws.repeat_rows(header_row - 1)
        page_setup(self.ws, title=title, marking=marking)


def _money_format(amounts: Sequence[int | None]) -> str:
    """Pence shown only when some amount in the column has them."""
    return MONEY_PENCE_FORMAT if any(a and a % 100 for a in amounts) else MONEY_FORMAT


def _ref(sheet: str, cell: str, pence: int) -> _Ref:
    return f"'{sheet}'!{cell}", pence


def _pounds(pence: int) -> float:
    return pence / 100


def _sum(col: str, first: int, last: int, value: float) -> Formula | int:
    """The total of a column's rows *first* to *last*, which is *value* (0 with no rows)."""
    return Formula(f"=SUM({col}{first}:{col}{last})", value) if last >= first else 0


def _share_total(col: str, first: int, last: int, total: str, value: float | str) -> Formula | int:
    """The shares' total: "—" when there is nothing to share (every contribution £0)."""
    if last < first:
        return 0
    return Formula(f'=IF({total}=0,"—",SUM({col}{first}:{col}{last}))', value)


def _share(part: int, whole: int) -> float | str:
    return "—" if whole == 0 else part / whole


def _column(n: int) -> str:
    """The letter(s) of column *n* (from 1)."""
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(n - 1))


# --------------------------------------------------------------------------- sheets


def _contributions_sheet(sh: _Sheet, data: FundingData) -> dict[str, _Ref]:
    label = data.year.label
    cs = data.contributions
    start = sh.title_rows(
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
    agreed = sum(c.agreed or 0 for c in cs)
    received = sum(c.received or 0 for c in cs)
    owed = [0 if c.status == "waived" else (c.agreed or 0) - (c.received or 0) for c in cs]
    shares = [_share(c.agreed or 0, agreed) for c in cs]
    rows = [
        [
            c.organisation,
            c.organisation_kind,
            c.agreed,
            c.received,
            Formula(f'=IF(F{r}="waived",0,C{r}-D{r})', _pounds(out)),
            c.status,
            Formula(f'=IF($C${total}=0,"—",C{r}/$C${total})', share),
            c.invoice_ref,
            c.invoice_date,
            c.due_on,
            c.notes,
        ]
        for r, c, out, share in zip(range(first, last + 1), cs, owed, shares, strict=True)
    ]
    sh.table(columns, rows, name=f"Contributions {label}", first_row=start)
    share_sum = "—" if agreed == 0 else sum(float(x) for x in shares)
    sh.total_row(
        total,
        [
            ("Total", "text"),
            (f"{len(cs)} contributors", "text"),
            (_sum("C", first, last, _pounds(agreed)), agreed_fmt),
            (_sum("D", first, last, _pounds(received)), received_fmt),
            (_sum("E", first, last, _pounds(sum(owed))), money),
            (None, ""),
            (_share_total("G", first, last, f"$C${total}", share_sum), PERCENT_FORMAT),
        ],
    )
    refs = {
        "agreed": _ref(CONTRIBUTIONS, f"C{total}", agreed),
        "received": _ref(CONTRIBUTIONS, f"D{total}", received),
        "outstanding": _ref(CONTRIBUTIONS, f"E{total}", sum(owed)),
    }

    # By kind of partner: SUMIF over the table above, so it follows any edit.
    row = sh.section(total + 2, "By kind of partner")
    kinds = shares_by_kind(cs)
    kind_first, kind_last = row + 1, row + len(kinds)
    kind_total = kind_last + 1
    kind_agreed = sum(k.agreed for k in kinds)
    kind_shares = [_share(k.agreed, kind_agreed) for k in kinds]
    kind_rows = [
        [
            k.name,
            Formula(f"=COUNTIF($B${first}:$B${last},A{r})", k.count),
            Formula(f"=SUMIF($B${first}:$B${last},A{r},$C${first}:$C${last})", _pounds(k.agreed)),
            Formula(f'=IF($C${kind_total}=0,"—",C{r}/$C${kind_total})', share),
        ]
        for r, k, share in zip(range(kind_first, kind_last + 1), kinds, kind_shares, strict=True)
    ]
    sh.table(
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
    kind_share_sum = "—" if kind_agreed == 0 else sum(float(x) for x in kind_shares)
    sh.total_row(
        kind_total,
        [
            ("Total", "text"),
            (_sum("B", kind_first, kind_last, sum(k.count for k in kinds)), "0"),
            (_sum("C", kind_first, kind_last, _pounds(kind_agreed)), agreed_fmt),
            (_share_total("D", kind_first, kind_last, f"$C${kind_total}", kind_share_sum),
             PERCENT_FORMAT),
        ],
    )  # fmt: skip

    # In kind.
    row = sh.section(kind_total + 2, "In-kind contributions")
    ik = data.in_kind
    ik_money = _money_format([k.notional for k in ik])
    ik_first, ik_last = row + 1, row + len(ik)
    sh.table(
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
    notional = sum(k.notional or 0 for k in ik)
    ik_total = _sum("C", ik_first, ik_last, _pounds(notional))
    sh.total_row(ik_last + 1, [("Total notional value", "text"), (None, ""), (ik_total, ik_money)])
    refs["in_kind"] = _ref(CONTRIBUTIONS, f"C{ik_last + 1}", notional)
    sh.finish(start, f"Partner contributions {label}", data.marking)
    return refs


def _budget_sheet(sh: _Sheet, data: FundingData) -> dict[str, _Ref]:
    label = data.year.label
    lines = data.lines
    start = sh.title_rows(
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
    # What each line's SUMIF over the Spend sheet adds up (its entries, by line number).
    spent: dict[int, int] = defaultdict(int)
    for s in data.spend:
        spent[s.budget_line_id] += s.amount
    actuals = [spent[b.id] for b in lines]
    budgets = [b.budget or 0 for b in lines]

    def actual(r: int, pence: int) -> Formula:
        if not n_spend:
            return Formula("=0", 0)
        return Formula(
            f"=SUMIF('{SPEND}'!$B${spend_first}:$B${spend_last},A{r},"
            f"'{SPEND}'!$H${spend_first}:$H${spend_last})",
            _pounds(pence),
        )

    def spent_share(budget: int, actual: int) -> float:
        return 0 if budget == 0 else actual / budget

    rows = [
        [
            i,
            b.category,
            b.description,
            b.budget,
            actual(r, a),
            Formula(f"=D{r}-E{r}", _pounds(budget - a)),
            Formula(f"=IF(D{r}=0,0,E{r}/D{r})", spent_share(budget, a)),
        ]
        for i, (r, b, budget, a) in enumerate(
            zip(range(first, last + 1), lines, budgets, actuals, strict=True), start=1
        )
    ]
    sh.table(
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
    budget, actual_total = sum(budgets), sum(actuals)
    sh.total_row(
        total,
        [
            ("Total", "text"),
            (f"{len(lines)} lines", "text"),
            (None, ""),
            (_sum("D", first, last, _pounds(budget)), budget_fmt),
            (_sum("E", first, last, _pounds(actual_total)), money),
            (_sum("F", first, last, _pounds(budget - actual_total)), money),
            (Formula(f"=IF(D{total}=0,0,E{total}/D{total})", spent_share(budget, actual_total)),
             PERCENT_FORMAT),
        ],
    )  # fmt: skip
    refs = {
        "budget": _ref(BUDGET, f"D{total}", budget),
        "actual": _ref(BUDGET, f"E{total}", actual_total),
        "variance": _ref(BUDGET, f"F{total}", budget - actual_total),
    }

    row = sh.section(total + 2, "By category")
    categories = [c for c in BUDGET_CATEGORIES if any(b.category == c for b in lines)]
    cat_first, cat_last = row + 1, row + len(categories)
    by_cat = [
        (
            sum(x for b, x in zip(lines, budgets, strict=True) if b.category == cat),
            sum(x for b, x in zip(lines, actuals, strict=True) if b.category == cat),
        )
        for cat in categories
    ]
    sh.table(
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
                Formula(f"=SUMIF($B${first}:$B${last},B{r},$D${first}:$D${last})", _pounds(b)),
                Formula(f"=SUMIF($B${first}:$B${last},B{r},$E${first}:$E${last})", _pounds(a)),
                Formula(f"=D{r}-E{r}", _pounds(b - a)),
            ]
            for r, cat, (b, a) in zip(range(cat_first, cat_last + 1), categories, by_cat,
                                      strict=True)
        ],
        name=f"By category {label}",
        first_row=row,
    )  # fmt: skip
    cat_budget, cat_actual = sum(b for b, _ in by_cat), sum(a for _, a in by_cat)
    sh.total_row(
        cat_last + 1,
        [
            ("Total", "text"),
            (None, ""),
            (None, ""),
            (_sum("D", cat_first, cat_last, _pounds(cat_budget)), budget_fmt),
            (_sum("E", cat_first, cat_last, _pounds(cat_actual)), money),
            (_sum("F", cat_first, cat_last, _pounds(cat_budget - cat_actual)), money),
        ],
    )

    row = sh.section(cat_last + 3, "Earmarked reserves")
    res = data.reserves
    res_money = _money_format([r.opening for r in res] + [r.movements for r in res])
    res_first, res_last = row + 1, row + len(res)
    opening = sum(r.opening or 0 for r in res)
    moved = sum(r.movements or 0 for r in res)
    sh.table(
        [
            XColumn("Line", width=6),
            XColumn("Reserve", width=22),  # the Category column above
            XColumn("Purpose", width=58, wrap=True),
            XColumn("Opening", "money", 13),
            XColumn("In year", "money", 13),
            XColumn("Closing", "formula", 13, res_money),
        ],
        [
            ["", r.name, r.purpose, r.opening, r.movements,
             Formula(f"=D{n}+E{n}", _pounds((r.opening or 0) + (r.movements or 0)))]
            for n, r in enumerate(res, start=res_first)
        ],
        name=f"Reserves {label}",
        first_row=row,
    )  # fmt: skip
    sh.total_row(
        res_last + 1,
        [
            ("Total", "text"),
            (None, ""),
            (None, ""),
            (_sum("D", res_first, res_last, _pounds(opening)), res_money),
            (_sum("E", res_first, res_last, _pounds(moved)), res_money),
            (_sum("F", res_first, res_last, _pounds(opening + moved)), res_money),
        ],
    )
    refs["transfers"] = _ref(BUDGET, f"E{res_last + 1}", moved if res else 0)
    sh.finish(start, f"Budget and spend {label}", data.marking)
    return refs


def _spend_sheet(sh: _Sheet, data: FundingData) -> None:
    label = data.year.label
    numbers = {b.id: i for i, b in enumerate(data.lines, start=1)}
    start = sh.title_rows(f"Spend {label}", "Every payment against the budget lines")
    assert start == 4  # the Budget sheet's SUMIFs point at rows from 5
    entries = data.spend
    money = _money_format([s.amount for s in entries])
    first, last = start + 1, start + len(entries)
    sh.table(
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
    spent = sum(s.amount for s in entries)
    sh.total_row(
        last + 1,
        [("Total", "text"), (f"{len(entries)} entries", "text"), *[(None, "")] * 5,
         (_sum("H", first, last, _pounds(spent)), money)],
    )  # fmt: skip
    sh.finish(start, f"Spend {label}", data.marking)


def _years_sheet(sh: _Sheet, data: FundingData) -> None:
    history = data.history
    years = history.years
    label = data.year.label
    start = sh.title_rows(
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
    last_col = _column(2 + n)
    prev_col = _column(1 + n) if n > 1 else None
    columns += [
        XColumn("Change", "formula", 12, money),
        XColumn("Change %", "formula", 10, PERCENT_FORMAT),
    ]
    first = start + 1
    rows = []
    for r, (org_id, name, kind) in enumerate(history.organisations, start=first):
        agreed = [history.agreed.get((org_id, y.id)) for y in years]
        cells: list[Any] = [name, kind, *agreed]
        if prev_col:  # blank where there is nothing to compare with
            prev, now = agreed[-2], agreed[-1]
            change = "" if prev is None or now is None else _pounds(now - prev)
            pct = "" if not prev or now is None else now / prev - 1
            cells += [
                Formula(f'=IF(OR({prev_col}{r}="",{last_col}{r}=""),"",'
                        f"{last_col}{r}-{prev_col}{r})", change),
                Formula(f'=IF(OR(N({prev_col}{r})=0,{last_col}{r}=""),"",'
                        f"{last_col}{r}/{prev_col}{r}-1)", pct),
            ]  # fmt: skip
        else:  # the first year: no change to show
            cells += [None, None]
        rows.append(cells)
    sh.table(columns, rows, name=f"Years to {label}", first_row=start)
    last = first + len(rows) - 1
    total = last + 1
    totals = [
        sum(history.agreed.get((org_id, y.id)) or 0 for org_id, _, _ in history.organisations)
        for y in years
    ]
    values: list[_Total] = [("Total", "text"), (None, "")]
    for i in range(n):
        values.append((_sum(_column(3 + i), first, last, _pounds(totals[i])), money))
    if prev_col:
        prev_total, now_total = totals[-2], totals[-1]
        values.append(
            (
                Formula(f"={last_col}{total}-{prev_col}{total}", _pounds(now_total - prev_total)),
                money,
            )
        )
        values.append((Formula(f'=IF(N({prev_col}{total})=0,"",'
                               f"{last_col}{total}/{prev_col}{total}-1)",
                               "" if not prev_total else now_total / prev_total - 1),
                       PERCENT_FORMAT))  # fmt: skip
    sh.total_row(total, values)
    # Budget, spend and variance per year beneath.
    for offset, (text, source) in enumerate(
        (("Budget", history.budget), ("Actual spend", history.actual))
    ):
        r = total + 2 + offset
        sh.put(r, 1, text, {"bold": True})
        row_fmt = {"num_format": _money_format(list(source.values()))}
        for i, y in enumerate(years):
            sh.put(r, 3 + i, _pounds(source.get(y.id, 0)), row_fmt)
    r = total + 4
    sh.put(r, 1, "Variance (budget less actual)", {"bold": True})
    for i, y in enumerate(years):
        col = _column(3 + i)
        variance = history.budget.get(y.id, 0) - history.actual.get(y.id, 0)
        sh.put(r, 3 + i, Formula(f"={col}{total + 2}-{col}{total + 3}", _pounds(variance)),
               {"num_format": spend_fmt})  # fmt: skip
    sh.finish(start, f"Contributions over the years to {label}", data.marking)


def _summary_sheet(sh: _Sheet, data: FundingData, refs: dict[str, _Ref]) -> None:
    label = data.year.label
    s = data.summary
    start = sh.title_rows(
        f"Funding {label}" + (f": {data.partnership}" if data.partnership else ""),
        f"Financial year {data.year.fy.start:%d/%m/%Y} to {data.year.fy.end:%d/%m/%Y}; "
        "figures are formulas over the other sheets",
    )
    r0 = start + 1

    def ref(key: str) -> Formula:
        return Formula(f"={refs[key][0]}", _pounds(refs[key][1]))

    opening = s.year.opening_reserve or 0
    received, outstanding = refs["received"][1], refs["outstanding"][1]
    income = received + outstanding
    budget, actual, moved = refs["budget"][1], refs["actual"][1], refs["transfers"][1]
    # a year over carries forward only what was received and spent
    closing = opening + (received if s.ended else income) - actual - moved
    # (label, formula or typed value, the app's own figure: its pence decide the format)
    rows: list[tuple[str, Formula | int, int]] = [
        ("Opening reserve brought forward", s.year.opening_reserve, s.year.opening_reserve),
        ("Contributions agreed", ref("agreed"), s.agreed),
        ("Received", ref("received"), s.received),
        ("Outstanding", ref("outstanding"), s.outstanding),
        ("Income (received plus outstanding)",
         Formula(f"=B{r0 + 2}+B{r0 + 3}", _pounds(income)), s.income),
        ("Budget", ref("budget"), s.budget),
        ("Actual spend", ref("actual"), s.actual),
        ("Variance (budget less actual)",
         Formula(f"=B{r0 + 5}-B{r0 + 6}", _pounds(budget - actual)), s.variance),
        ("Net transfers to earmarked reserves", ref("transfers"), s.reserve_transfers),
        (
            closing_label(s),
            Formula(f"=B{r0}+B{r0 + 2 if s.ended else r0 + 4}-B{r0 + 6}-B{r0 + 8}",
                    _pounds(closing)),
            s.closing_reserve,
        ),
        ("In-kind contributions (notional value)", ref("in_kind"), s.in_kind_notional),
    ]  # fmt: skip
    if not s.ended:
        forecast = opening + income - max(budget, actual) - moved
        rows.append(
            (
                "Forecast reserve carried forward (the rest of the budget spent)",
                Formula(f"=B{r0}+B{r0 + 4}-MAX(B{r0 + 5},B{r0 + 6})-B{r0 + 8}", _pounds(forecast)),
                s.forecast_closing,
            )
        )
    sh.table(
        [XColumn("Item", width=60), XColumn("Amount", "formula", 16)],
        [[text, Formula("=0", 0)] for text, _, _ in rows],
        name=f"Summary {label}",
        first_row=start,
    )
    for r, (_, value, figure) in enumerate(rows, start=r0):
        amount = value if isinstance(value, Formula) else None if value is None else _pounds(value)
        sh.put(r, 2, amount, {"valign": "top", "num_format": _money_format([figure])})
    sh.finish(start, f"Funding {label}", data.marking)
