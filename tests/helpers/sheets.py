"""Build spreadsheets for import tests: plain workbooks, CSVs, and hostile files."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "Sheet1") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    """Copy a workbook, replacing (or adding) one part of its zip."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        names = set()
        for info in src.infolist():
            names.add(info.filename)
            out.writestr(info.filename, data if info.filename == part else src.read(info.filename))
        if part not in names:
            out.writestr(part, data)
    return target


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Organisation</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>"""


#: Random bytes to lower-case letters, for text that packs no better than real cell text.
_LETTERS = bytes(ord("a") + i % 26 for i in range(256))


def sheet_xml(rows: int, *, padding: int = 0) -> bytes:
    """A worksheet part with a header and *rows* rows of varied text (not very compressible)."""
    import random

    width = 16 + padding
    letters = random.Random(rows).randbytes(rows * width).translate(_LETTERS).decode()
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Organisation</t></is></c></row>'
    ]
    for r in range(2, rows + 2):
        word = letters[(r - 2) * width : (r - 1) * width]
        parts.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{word}</t></is></c></row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def zip_bomb_xlsx(source: Path, target: Path, megabytes: int = 200) -> Path:
    """A workbook whose sheet is a few hundred KB packed but *megabytes* unpacked."""
    head = sheet_xml(1).replace(b"</sheetData></worksheet>", b"")
    filler = b" " * (megabytes * 1024 * 1024)
    return replace_part(
        source, target, "xl/worksheets/sheet1.xml", head + filler + b"</sheetData></worksheet>"
    )
