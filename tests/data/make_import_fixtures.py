"""Writes the messy spreadsheets the import tests use (run once; the .xlsx files are committed).

They are shaped like real partnership workbooks: a merged title over the table, a subtitle,
blank rows, dates typed every which way, money typed as text, notes and a totals row below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HERE = Path(__file__).parent


def membership_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Board members"
    ws["A1"] = "Northbridge Safeguarding Children Partnership"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:H1")
    ws["A2"] = "Membership of the partnership's groups — kept by the business unit, March 2026"
    ws.merge_cells("A2:H2")
    # row 3 blank
    ws.append([])
    ws.append(
        ["Member name", "Agency", "Group", "Role", "Deputising for", "Date appointed",
         "Term ends", "Email address"]
    )  # fmt: skip
    rows = [
        ["Callum Bailey", "Northbridge Borough Council", "Safeguarding Partnership Executive",
         "Chair", None, dt.datetime(2024, 4, 1), None, None],
        ["  PRIYA   shah ", "northbridge borough council", "exec", "Member", None,
         "01/09/2025", "31-Mar-27", "priya.shah@northbridge.gov.uk"],
        [],
        ["Tom Okafor", "Northshire Police", "Partnership Scrutiny Board", "Vice Chair", None,
         "1 April 2025", None, "tom.okafor@northshire.police.uk"],
        ["Grace Mensah", "Northbridge Dance Collective", "FORUM", "co-opted member", None,
         45748, "31/03/2026", None],
        ["Nadia Khan", "Northshire Police", "Partnership Scrutiny Board", "Substitute",
         "Tom Okafor", "2025-05-12", None, None],
        [],
        ["Vacancy: a school representative to be confirmed", None, None, None, None, None,
         None, None],
        ["Total members listed: 5"],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    ws.column_dimensions["A"].width = 26
    wb.save(path)


def contributions_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws["A1"] = "Read me: agreed contributions are on the next sheet."
    ws2 = wb.create_sheet("2025-26")
    ws2["A1"] = "Partner contributions 2025/26"
    ws2.merge_cells("A1:G1")
    ws2["A2"] = "Figures agreed at the Executive, 12/02/2025"
    ws2.merge_cells("A2:G2")
    ws2.append([])
    ws2.append(
        ["Funding body", "Agreed (£)", "Invoice no.", "Invoiced", "Received (£)",
         "Date received", "Comments"]
    )  # fmt: skip
    rows = [
        ["Northbridge Borough Council", "£120,000.00", "INV-2025-014", "1 April 2025",
         "120,000", "30-Apr-25", "paid in full"],
        ["NHS North Thames ICB", 80000, 10457, dt.datetime(2025, 4, 1), "£40,000",
         dt.datetime(2025, 5, 16), "first half"],
        ["Northshire Police", "34,592", "INV-2025-016", 45748, "17,296.50 ", "16/06/2025", None],
        [],
        ["Northbridge Education Partnership", "£5,000", None, None, None, None,
         "to be invoiced"],
        ["Total", "=SUM(B5:B9)", None, None, "=SUM(E5:E9)", None, None],
        ["Source: finance team ledger"],
    ]  # fmt: skip
    for row in rows:
        ws2.append(row)
    wb.save(path)


if __name__ == "__main__":
    membership_workbook(HERE / "messy-membership.xlsx")
    contributions_workbook(HERE / "messy-contributions.xlsx")
    print("written")
