"""The funding workbook: rows and totals of the published tables, live formulas, and totals a
spreadsheet program computes that equal the app's own to the penny."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers.funding import (
    LAMBETH_BUDGET,
    LAMBETH_CONTRIBUTIONS,
    LEWISHAM_CONTRIBUTIONS,
    LEWISHAM_SPEND,
    load_lambeth,
    load_lewisham,
)
from helpers.office import convert, needs_soffice
from openpyxl import load_workbook

from lscp_desktop.exports import funding_xlsx as fx
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.finance import analysis
from lscp_desktop.models.finance.analysis import closing_label, shares_by_kind
from lscp_desktop.models.finance.budget import list_budget_lines, save_budget_line, save_spend
from lscp_desktop.models.finance.contributions import list_contributions, save_contribution
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.years import ensure_year, get_year
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.store.database import Store

HOSTILE = ["=cmd|' /C calc'!A0", "@SUM(1)"]
TODAY = dt.date(2026, 11, 22)


def _export(store: Store, year: str, path: Path) -> Path:
    return find_kind("funding").run(store, ExportOptions(year=year), path, lambda *_: None)


def _pence(value: Any) -> int:
    """A cell's number as pence, to the nearest penny (spreadsheets compute in binary floats)."""
    return int((Decimal(str(value)) * 100).quantize(Decimal(1)))


def _table_rows(ws: Any, header: str) -> tuple[int, list[tuple[Any, ...]], int]:
    """(header row, data rows, total row) of the table whose first heading is *header*."""
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == header)
    rows = []
    r = head + 1
    while not str(ws.cell(row=r, column=1).value or "").startswith("Total"):
        rows.append(tuple(c.value for c in ws[r]))
        r += 1
    return head, rows, r


def _recalculated(path: Path, tmp_path: Path) -> Any:
    """The workbook as LibreOffice computes it afresh (not the values the workbook holds):
    converted to xlsx, read back as values."""
    out = tmp_path / "recalculated"
    out.mkdir()
    return load_workbook(convert(path, "xlsx", out, recalculate=True), data_only=True)


# --------------------------------------------------------------------------- published tables


def test_lambeth_rows_and_totals(store: Store, tmp_path: Path) -> None:
    load_lambeth(store)
    wb = load_workbook(_export(store, "2018/19", tmp_path / "lambeth.xlsx"))
    assert wb.sheetnames == ["Summary", "Contributions", "Budget and spend", "Spend", "Years"]
    ws = wb["Contributions"]
    head, rows, total = _table_rows(ws, "Organisation")
    assert [(r[0], r[1], _pence(r[2])) for r in rows] == LAMBETH_CONTRIBUTIONS
    assert ws.cell(row=total, column=3).value == f"=SUM(C{head + 1}:C{head + 7})"
    assert ws.cell(row=head + 1, column=7).value == f'=IF($C${total}=0,"—",C{head + 1}/$C${total})'
    budget = wb["Budget and spend"]
    head, rows, total = _table_rows(budget, "Line")
    assert [(r[2], r[1], _pence(r[3])) for r in rows] == LAMBETH_BUDGET
    assert [r[0] for r in rows] == list(range(1, 17))
    assert budget.cell(row=head + 1, column=6).value == f"=D{head + 1}-E{head + 1}"
    assert budget.cell(row=total, column=4).value == f"=SUM(D{head + 1}:D{head + 16})"


def test_lewisham_rows_and_totals(store: Store, tmp_path: Path) -> None:
    load_lewisham(store)
    wb = load_workbook(_export(store, "2018/19", tmp_path / "lewisham.xlsx"))
    _, rows, _ = _table_rows(wb["Contributions"], "Organisation")
    assert [(r[0], _pence(r[2])) for r in rows] == [(n, p) for n, _, p in LEWISHAM_CONTRIBUTIONS]
    _, rows, _ = _table_rows(wb["Spend"], "Date")
    assert [(r[2], r[3], _pence(r[7])) for r in rows] == LEWISHAM_SPEND
    assert rows[0][0] == dt.datetime(2019, 3, 31)
    # The budget's actual column adds up the Spend sheet by line number: it stays live.
    budget = wb["Budget and spend"]
    head, _, _ = _table_rows(budget, "Line")
    assert budget.cell(row=head + 1, column=5).value.startswith("=SUMIF('Spend'!$B$5:$B$7,A")


@needs_soffice
@pytest.mark.parametrize("which", ["lambeth", "lewisham"])
def test_spreadsheet_totals_equal_the_apps_for_the_published_tables(
    store: Store, tmp_path: Path, which: str
) -> None:
    fy = load_lambeth(store) if which == "lambeth" else load_lewisham(store)
    path = _export(store, "2018/19", tmp_path / f"{which}.xlsx")
    recalculated = _recalculated(path, tmp_path)
    _check_against_app(store, fy, recalculated)
    _check_cached_values(path, recalculated)
    s = analysis.summary(store, fy.id)
    expected = 282_000_00 if which == "lambeth" else 182_550_00
    assert s.agreed == expected
    assert s.budget == expected


@needs_soffice
def test_spreadsheet_totals_equal_the_apps_for_the_demo(demo_store: Store, tmp_path: Path) -> None:
    fy = get_year(demo_store, "2026/27")
    data = fx.funding_data(demo_store, "2026/27", today=TODAY)
    path = fx.write_funding_workbook(data, tmp_path / "demo.xlsx")
    recalculated = _recalculated(path, tmp_path)
    _check_against_app(demo_store, fy, recalculated, today=TODAY)
    _check_cached_values(path, recalculated)


def _check_cached_values(path: Path, recalculated: Any) -> None:
    """Every formula's cell holds the value LibreOffice computes for it, so a reader that
    does not recalculate shows the same figures."""
    formulas, cached = load_workbook(path), load_workbook(path, data_only=True)
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                mine = cached[ws.title][cell.coordinate].value
                theirs = recalculated[ws.title][cell.coordinate].value
                where = (ws.title, cell.coordinate, cell.value)
                if isinstance(theirs, (int, float)) and not isinstance(theirs, bool):
                    assert isinstance(mine, (int, float)), where
                    assert abs(mine - theirs) <= 1e-9 * max(1, abs(theirs)), (*where, mine, theirs)
                else:
                    assert (mine or "") == (theirs or ""), (*where, mine, theirs)
                checked += 1
    assert checked > 20


def _check_against_app(store: Store, fy: FinanceYear, wb: Any, today: dt.date = TODAY) -> None:
    s = analysis.summary(store, fy.id, today=today)
    cs = list_contributions(store, fy.id, today=today)
    lines = list_budget_lines(store, fy.id)

    summary = {r[0].value: r[1].value for r in wb["Summary"].iter_rows(min_row=5) if r[0].value}
    assert _pence(summary["Opening reserve brought forward"]) == s.year.opening_reserve
    assert _pence(summary["Contributions agreed"]) == s.agreed
    assert _pence(summary["Received"]) == s.received
    assert _pence(summary["Outstanding"]) == s.outstanding
    assert _pence(summary["Income (received plus outstanding)"]) == s.income
    assert _pence(summary["Budget"]) == s.budget
    assert _pence(summary["Actual spend"]) == s.actual
    assert _pence(summary["Variance (budget less actual)"]) == s.variance
    assert _pence(summary["Net transfers to earmarked reserves"]) == s.reserve_transfers
    assert _pence(summary[closing_label(s)]) == s.closing_reserve
    if not s.ended:
        forecast = summary["Forecast reserve carried forward (the rest of the budget spent)"]
        assert _pence(forecast) == s.forecast_closing
    assert _pence(summary["In-kind contributions (notional value)"]) == s.in_kind_notional

    ws = wb["Contributions"]
    _, rows, total = _table_rows(ws, "Organisation")
    assert [_pence(r[4]) for r in rows] == [c.outstanding for c in cs]
    shares = analysis.shares(cs)
    for row, share in zip(rows, shares, strict=True):
        assert abs(
            Decimal(str(row[6])) - Decimal(share.share.numerator) / share.share.denominator
        ) < Decimal("1e-12")
    assert _pence(ws.cell(row=total, column=3).value) == s.agreed
    assert Decimal(str(ws.cell(row=total, column=7).value)) == 1
    _, kinds, _ = _table_rows(ws, "Kind of partner")
    assert [(k[0], k[1], _pence(k[2])) for k in kinds] == [
        (k.name, k.count, k.agreed) for k in shares_by_kind(cs)
    ]

    budget = wb["Budget and spend"]
    _, rows, total = _table_rows(budget, "Line")
    assert [(_pence(r[4]), _pence(r[5])) for r in rows] == [(b.actual, b.variance) for b in lines]
    assert _pence(budget.cell(row=total, column=6).value) == s.variance

    years = wb["Years"]
    head, rows, total = _table_rows(years, "Organisation")
    col = [c.value for c in years[head]].index(fy.label) + 1
    assert _pence(years.cell(row=total, column=col).value) == s.agreed


# --------------------------------------------------------------------------- the demo and safety


def test_demo_workbook_is_live_and_laid_out_for_print(demo_store: Store, tmp_path: Path) -> None:
    path = _export(demo_store, "2026/27", tmp_path / "funding.xlsx")
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A5"
        assert ws.print_title_rows == "$4:$4"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1)  # absent means 1 (ECMA-376)
        assert ws.tables, ws.title
    assert wb["Contributions"].page_setup.orientation == "landscape"
    assert set(wb["Contributions"].tables) == {
        "Contributions_2026_27", "By_kind_2026_27", "In_kind_2026_27",
    }  # fmt: skip
    ws = wb["Contributions"]
    assert ws["C5"].number_format.startswith("£#,##0")
    assert ws["E5"].value == '=IF(F5="waived",0,C5-D5)'
    assert ws["G5"].number_format == "0.0%"
    summary = wb["Summary"]
    assert summary["B6"].value == "='Contributions'!C17"
    years = wb["Years"]
    assert [c.value for c in years[4]][2:5] == ["2024/25", "2025/26", "2026/27"]


def test_formula_like_names_are_text(store: Store, tmp_path: Path) -> None:
    fy = ensure_year(store, "2025/26")
    for i, name in enumerate(HOSTILE):
        org = save_organisation(store, {"name": name, "kind": "relevant agency", "sector": "other"})
        save_contribution(
            store,
            {"year_id": fy.id, "organisation_id": org, "agreed": 100 * (i + 1),
             "notes": "=HYPERLINK(\"http://x\")\x07"},
        )  # fmt: skip
    line = save_budget_line(
        store, {"year_id": fy.id, "category": "office", "description": "+1+1", "budget": 100}
    )
    save_spend(
        store, {"budget_line_id": line, "spent_on": "2025-05-01", "amount": 50, "payee": "-2"}
    )
    wb = load_workbook(_export(store, "2025/26", tmp_path / "hostile.xlsx"))
    ws = wb["Contributions"]
    assert [ws["A5"].value, ws["A6"].value] == HOSTILE
    assert all(ws[c].data_type == "s" for c in ("A5", "A6", "K5"))
    assert ws["K5"].value == '=HYPERLINK("http://x")'
    assert wb["Budget and spend"]["C5"].data_type == "s"
    assert wb["Spend"]["E5"].value == "-2"
    assert wb["Years"]["A5"].data_type == "s"


def test_an_empty_year_still_exports(store: Store, tmp_path: Path) -> None:
    ensure_year(store, "2025/26")
    wb = load_workbook(_export(store, "2025/26", tmp_path / "empty.xlsx"))
    _, rows, total = _table_rows(wb["Contributions"], "Organisation")
    assert rows == [] and wb["Contributions"].cell(row=total, column=3).value == 0


def test_unknown_year_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    from lscp_desktop.models.core.errors import NotFoundError

    with pytest.raises(NotFoundError, match="2030/31 has not been set up"):
        _export(store, "2030/31", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


@needs_soffice
def test_a_year_of_nil_contributions_shows_no_shares_and_no_change(
    store: Store, tmp_path: Path
) -> None:
    """Seed 002 publishes its contributors without amounts: every share, and their total,
    reads "—" (not 0% each and 100% in all); with one year there is no change to show."""
    from lscp_desktop.models.finance.funding_table import load_funding_table

    table = [("Lambeth Council", "statutory partner", 0), ("Cafcass", "relevant agency", 0)]
    load_funding_table(store, "2024/25", contributions=table)
    path = _export(store, "2024/25", tmp_path / "nil.xlsx")
    wb = _recalculated(path, tmp_path)
    _check_cached_values(path, wb)
    ws = wb["Contributions"]
    _, rows, total = _table_rows(ws, "Organisation")
    assert [r[6] for r in rows] == ["—", "—"]
    assert ws.cell(row=total, column=7).value == "—"
    _, kinds, kind_total = _table_rows(ws, "Kind of partner")
    assert {k[3] for k in kinds} == {"—"} and ws.cell(row=kind_total, column=4).value == "—"
    years = wb["Years"]
    head, rows, _ = _table_rows(years, "Organisation")
    change = [c.value for c in years[head]].index("Change")
    assert [r[change] for r in rows] == [None, None]  # blank, not 0
