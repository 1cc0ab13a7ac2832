"""Every sheet of every workbook prints landscape, fitted to the page width at a readable size,
with print titles and the protective marking in its header and footer; LibreOffice agrees."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.office import convert, needs_soffice, pdf_pages
from openpyxl import load_workbook

from lscp_desktop.exports.excel import READABLE_SCALE, printed_scale
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.store.database import Store

WORKBOOKS = ("funding", "actions", "risks", "decisions-workbook")


def workbook(store: Store, key: str, folder: Path, marking: str = "OFFICIAL") -> Path:
    options = ExportOptions(year="2025/26", marking=marking)
    return find_kind(key).run(store, options, folder / f"{key}.xlsx", lambda *_: None)


@pytest.mark.parametrize("key", WORKBOOKS)
def test_every_sheet_prints_landscape_at_a_readable_size_with_the_marking(
    demo_store: Store, tmp_path: Path, key: str
) -> None:
    wb = load_workbook(workbook(demo_store, key, tmp_path, "OFFICIAL-SENSITIVE"))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        # one page wide: fitToWidth absent means 1 (ECMA-376), as XlsxWriter writes it
        assert ws.page_setup.fitToWidth in (None, 1) and ws.sheet_properties.pageSetUpPr.fitToPage
        assert printed_scale(ws) >= READABLE_SCALE, (ws.title, printed_scale(ws))
        assert ws.print_title_rows, ws.title
        for part in (ws.oddHeader.left, ws.oddFooter.right):
            assert "OFFICIAL-SENSITIVE" in (part.text or ""), ws.title


@needs_soffice
def test_libreoffice_prints_the_workbooks_one_page_wide(demo_store: Store, tmp_path: Path) -> None:
    """LibreOffice lays each sheet out one page wide: no page holds a sheet's right-hand
    columns alone (a sheet of n rows then takes about the pages its rows need, no more)."""
    from pypdf import PdfReader

    for key in ("funding", "risks"):
        path = workbook(demo_store, key, tmp_path)
        pdf = convert(path, "pdf", tmp_path)
        reader = PdfReader(str(pdf))
        pages = [p.extract_text() for p in reader.pages]
        assert pdf_pages(pdf) == len(pages)
        for text in pages:  # every page starts with the marking and a heading row, not a
            assert "OFFICIAL" in text  # stray column from the page before
        if key == "risks":
            assert all("Reference" in t for t in pages)  # the print titles repeat
