"""Inline-string cells read by the quick way (:mod:`.sheet_cells`) give exactly the values
openpyxl's own read-only parser gives, whatever their shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from helpers.sheets import replace_part, write_xlsx
from openpyxl.worksheet import _read_only
from openpyxl.worksheet._reader import WorkSheetParser

from lscp_desktop.models.imports.reading import _trim, open_table

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CELLS = [
    '<c r="A{n}" t="inlineStr"><is><t>Plain text</t></is></c>',
    '<c r="B{n}" t="inlineStr"><is><t xml:space="preserve">  spaced  </t></is></c>',
    '<c r="C{n}" t="inlineStr"><is><t/></is></c>',
    '<c r="D{n}" t="inlineStr" s="1"><is><t>styled &amp; escaped &lt;x&gt; é</t></is></c>',
    '<c r="E{n}" t="inlineStr"><is><r><t>rich</t></r><r><rPr><b/></rPr><t> runs</t></r></is></c>',
    '<c r="F{n}" t="inlineStr"><is><t>with</t><rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c>',
    '<c r="G{n}" t="inlineStr"><is/></c>',
    '<c r="H{n}" t="inlineStr"><f>1+1</f><is><t>formula</t></is></c>',
    '<c t="inlineStr"><is><t>no reference</t></is></c>',
    '<c r="K{n}" t="inlineStr"><is><t>line\nbreak</t></is></c>',
    '<c r="L{n}"><v>42</v></c>',
    '<c r="M{n}" t="inlineStr"></c>',
]


def _sheet(rows: int) -> bytes:
    body = "".join(
        f'<row r="{n}">' + "".join(c.format(n=n) for c in CELLS) + "</row>"
        for n in range(1, rows + 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{body}'
        "</sheetData></worksheet>"
    ).encode()


def _openpyxl_rows(path: Path) -> list[Any]:
    """Every row as openpyxl's own parser reads it."""
    quick = _read_only.WorkSheetParser
    _read_only.WorkSheetParser = WorkSheetParser
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = book[book.sheetnames[0]]
        ws.reset_dimensions()
        rows = list(ws.iter_rows(values_only=True))
        book.close()
    finally:
        _read_only.WorkSheetParser = quick
    return rows


def test_inline_strings_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx", [["x"]])
    path = replace_part(plain, tmp_path / "inline.xlsx", "xl/worksheets/sheet1.xml", _sheet(3))
    ours = [cells for _n, cells in open_table(path).rows()]
    assert _read_only.WorkSheetParser is not WorkSheetParser  # the quick way was used
    theirs = _openpyxl_rows(path)
    assert ours == [_trim(r) for r in theirs]  # (trailing blanks cut, as every row's are)
    assert ours[0][:4] == ("Plain text", "  spaced  ", "", "styled & escaped <x> é")
