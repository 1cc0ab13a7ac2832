"""The shared Excel writer: types, formats, tables, and user text that stays text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lscp_desktop.exports.excel import (
    XColumn,
    new_workbook,
    print_setup,
    save_workbook,
    table_name,
    write_table,
)

HOSTILE = ["=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-2", "bell\x07 and \ufffe", "lone \ud800"]


def _save(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = new_workbook()
    ws = wb.create_sheet("Data")
    columns = [
        XColumn("Name"),
        XColumn("Amount", "money"),
        XColumn("Due", "date"),
        XColumn("Count", "int"),
    ]
    write_table(ws, columns, rows, name="Data 2025/26")
    print_setup(ws, title="Test & title")
    return save_workbook(wb, tmp_path / "t.xlsx")


def test_values_keep_their_types_and_formats(tmp_path: Path) -> None:
    path = _save(tmp_path, [["Police", 3459250, "2026-03-31", 3], ["ICB", 4000000, None, 0]])
    ws = load_workbook(path)["Data"]
    assert ws["A2"].value == "Police"
    assert ws["B2"].value == pytest.approx(34592.50)
    assert Decimal(str(ws["B2"].value)) == Decimal("34592.5")
    assert ws["B2"].number_format.startswith("£#,##0.00")
    assert ws["B3"].number_format == ws["B2"].number_format  # one format for the column
    assert ws["C2"].value == dt.datetime(2026, 3, 31)
    assert ws["C2"].number_format == "dd/mm/yyyy"
    assert ws["C3"].value is None
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws.oddHeader.left.text == ws.oddFooter.right.text == "&BOFFICIAL&B"
    assert list(ws.tables) == ["Data_2025_26"]
    assert ws.tables["Data_2025_26"].ref == "A1:D3"


def test_whole_pounds_column_and_text_set_apart_from_amounts(tmp_path: Path) -> None:
    path = _save(tmp_path, [["Police", 3459200, "2026-03-31", 3], ["ICB", 4000000, None, 0]])
    ws = load_workbook(path)["Data"]
    assert ws["B2"].number_format == ws["B3"].number_format == "£#,##0;[Red]-£#,##0"
    assert ws["A2"].alignment.indent == 0  # the first column has nothing to its left


def test_user_text_is_never_a_formula_and_never_crashes(tmp_path: Path) -> None:
    path = _save(tmp_path, [[text, 100, None, 1] for text in HOSTILE])
    ws = load_workbook(path)["Data"]
    values = [ws.cell(row=r, column=1).value for r in range(2, 2 + len(HOSTILE))]
    assert values[:4] == HOSTILE[:4]
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 2 + len(HOSTILE)))
    assert values[4] == "bell and "
    assert values[5] == "lone \ufffd"


def test_empty_table_has_a_header_and_no_table(tmp_path: Path) -> None:
    path = _save(tmp_path, [])
    ws = load_workbook(path)["Data"]
    assert [c.value for c in ws[1]] == ["Name", "Amount", "Due", "Count"]
    assert not ws.tables


def test_table_names_are_valid() -> None:
    assert table_name("Contributions 2025/26") == "Contributions_2025_26"
    assert table_name("2025 budget") == "T_2025_budget"
    assert table_name("!!!") == "Table"


def test_counting_wrapped_lines_agrees_with_textwrap() -> None:
    """excel._lines counts what textwrap would, without textwrap for the common paragraph."""
    import random
    import textwrap

    from lscp_desktop.exports.excel import _lines

    rng = random.Random(21)
    pieces = ["a", "word", "Zoë", " ", "  ", "-", "--", "\xa0", "\u2028", "\r", "\x0b", "\t",
              "x" * 30, "£5", ".", "well-being", "e.g.", "—", "\x1c", "\x85", "\x00"]  # fmt: skip
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        width = rng.randint(1, 45)
        assert _lines(text, width) == len(textwrap.wrap(text, width)), (text, width)
    for _ in range(20_000):  # single-spaced words, the common paragraph
        text = " ".join("".join(rng.choice("abcdefgh.,é£") for _ in range(rng.randint(1, 14)))
                        for _ in range(rng.randint(1, 20)))  # fmt: skip
        width = rng.randint(1, 45)
        assert _lines(text, width) == len(textwrap.wrap(text, width)), (text, width)
