"""Reading files: CSV encodings and delimiters, and every hostile or broken file refused."""

from __future__ import annotations

import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from helpers.sheets import (
    BILLION_LAUGHS,
    replace_part,
    sheet_xml,
    write_csv,
    write_xlsx,
    zip_bomb_xlsx,
)

from lscp_desktop.models.imports import reading
from lscp_desktop.models.imports.layout import ImportOptions, inspect_file
from lscp_desktop.models.imports.reading import (
    ImportFileError,
    detect_encoding,
    open_table,
)
from lscp_desktop.models.imports.registry import import_kind

ORGS = import_kind("organisations")
CSV_TEXT = (
    "Agency,Sector,Notes\nSt Mary’s Café – Families,other,£50 grant\nNorthshire Police,police,\n"
)


def rows_of(path: Path) -> list[tuple[object, ...]]:
    return [cells for _n, cells in open_table(path).rows() if cells]


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_csv_encodings_read_the_same_text(tmp_path: Path, encoding: str, detected: str) -> None:
    path = write_csv(tmp_path / "orgs.csv", CSV_TEXT, encoding)
    assert detect_encoding(path) == detected
    rows = rows_of(path)
    assert rows[0] == ("Agency", "Sector", "Notes")  # no BOM stuck to the first heading
    assert rows[1] == ("St Mary’s Café – Families", "other", "£50 grant")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = CSV_TEXT.replace(",", delimiter)
    path = write_csv(tmp_path / "orgs.csv", text)
    assert rows_of(path)[2] == ("Northshire Police", "police")


def test_quoted_commas_and_line_breaks_in_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", 'Agency,Notes\n"Smith, Jones & Co","two\nlines"\n')
    assert rows_of(path)[1] == ("Smith, Jones & Co", "two\nlines")


# --------------------------------------------------------------------------- hostile files


def _refused(path: Path, *needles: str, sheet: str | None = None) -> str:
    """The file is refused with a message containing *needles*, using < 200 MB of memory."""
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as caught:
            inspect_file(ORGS, path, ImportOptions(sheet=sheet))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    for needle in needles:
        assert needle in message
    assert "\n" not in message and "Traceback" not in message
    assert peak < 200 * 1024 * 1024
    return message


@pytest.fixture
def plain_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "plain.xlsx", [["Organisation"], ["Northshire Police"]])


def test_a_plain_workbook_is_accepted(plain_xlsx: Path) -> None:
    assert inspect_file(ORGS, plain_xlsx).mapping == {"name": 0}


def test_zip_bomb_is_refused_by_its_compression_ratio(plain_xlsx: Path, tmp_path: Path) -> None:
    bomb = zip_bomb_xlsx(plain_xlsx, tmp_path / "bomb.xlsx", megabytes=12)
    assert bomb.stat().st_size < 200 * 1024
    _refused(bomb, "zip bomb", "bomb.xlsx")


def test_huge_part_is_refused_before_it_is_inflated(plain_xlsx: Path, tmp_path: Path) -> None:
    bomb = zip_bomb_xlsx(plain_xlsx, tmp_path / "huge.xlsx", megabytes=64)
    _refused(bomb, "unpacks to 64 MB", "limit is 32 MB")


def test_a_50_mb_sheet_is_refused_with_a_clear_message(plain_xlsx: Path, tmp_path: Path) -> None:
    """Real (incompressible-ish) sheet data, 50 MB of XML: too big, said plainly, quickly."""
    data = sheet_xml(50 * 1024 * 1024 // 110, padding=40)
    assert len(data) > 50 * 1024 * 1024
    big = replace_part(plain_xlsx, tmp_path / "big.xlsx", "xl/worksheets/sheet1.xml", data)
    del data
    _refused(big, "big.xlsx", "smaller workbook or CSV")


def test_billion_laughs_inside_a_workbook_is_refused(plain_xlsx: Path, tmp_path: Path) -> None:
    evil = replace_part(
        plain_xlsx, tmp_path / "laughs.xlsx", "xl/worksheets/sheet1.xml", BILLION_LAUGHS
    )
    _refused(evil, "entity definitions")


def test_entities_hidden_past_the_first_bytes_are_stopped_by_defusedxml(
    plain_xlsx: Path, tmp_path: Path
) -> None:
    padded = BILLION_LAUGHS.replace(
        b'standalone="yes"?>', b'standalone="yes"?>' + b"<!--" + b"x" * 8192 + b"-->"
    )
    evil = replace_part(plain_xlsx, tmp_path / "hidden.xlsx", "xl/worksheets/sheet1.xml", padded)
    _refused(evil, "entity definitions")


def _open_files() -> set[str]:
    fds = Path("/proc/self/fd")
    return {os.readlink(fd) for fd in fds.iterdir() if fd.is_symlink()}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists open files on Linux")
def test_a_workbook_refused_while_it_is_read_is_closed_at_once(
    plain_xlsx: Path, tmp_path: Path
) -> None:
    """openpyxl leaves a file it opened open when a part fails to parse; the reader opens and
    closes it itself, so nothing waits for the garbage collector (a ResourceWarning)."""
    padded = BILLION_LAUGHS.replace(
        b'standalone="yes"?>', b'standalone="yes"?>' + b"<!--" + b"x" * 8192 + b"-->"
    )
    evil = replace_part(plain_xlsx, tmp_path / "hidden.xlsx", "xl/worksheets/sheet1.xml", padded)
    with pytest.raises(ImportFileError) as caught:
        inspect_file(ORGS, evil)
    assert caught.value.__cause__ is not None  # the error and its traceback are still held
    assert str(evil) not in _open_files()


def test_text_renamed_to_xlsx_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "minutes.xlsx"
    fake.write_text("Organisation\nNorthshire Police\n", encoding="utf-8")
    _refused(fake, "not really an Excel workbook", "renamed")


def test_old_xls_or_encrypted_workbook_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "old.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _refused(fake, "password-protected")


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("photo.txt", "not a workbook")
    _refused(path, "not an Excel workbook")


def test_xlsm_is_refused_by_name(plain_xlsx: Path, tmp_path: Path) -> None:
    macro = tmp_path / "tracker.xlsm"
    macro.write_bytes(plain_xlsx.read_bytes())
    _refused(macro, "macro-enabled", "Save As")


def test_macros_renamed_to_xlsx_are_refused(plain_xlsx: Path, tmp_path: Path) -> None:
    evil = replace_part(plain_xlsx, tmp_path / "renamed.xlsx", "xl/vbaProject.bin", b"\0" * 64)
    _refused(evil, "macros")


def test_empty_sheet_is_reported(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    _refused(path, "is empty")


def test_empty_csv_is_reported(tmp_path: Path) -> None:
    _refused(write_csv(tmp_path / "empty.csv", "\n\n"), "is empty")


def test_no_recognisable_header_is_reported(tmp_path: Path) -> None:
    rows = [["Quarter", "Spend"], ["Q1", 100], ["Q2", 200]]
    path = write_xlsx(tmp_path / "spend.xlsx", rows)
    _refused(path, "No header row was recognised", "--column")


def test_missing_sheet_lists_the_sheets(plain_xlsx: Path) -> None:
    _refused(plain_xlsx, "no sheet called 'Budget'", "Sheet1", sheet="Budget")


def test_a_damaged_zip_is_refused(plain_xlsx: Path, tmp_path: Path) -> None:
    broken = tmp_path / "cut.xlsx"
    broken.write_bytes(plain_xlsx.read_bytes()[:600])
    _refused(broken, "cut.xlsx")


def test_limit_is_what_the_message_says(
    plain_xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal names the limit that was applied, whatever it is set to."""
    part = zip_bomb_xlsx(plain_xlsx, tmp_path / "four.xlsx", megabytes=4)
    monkeypatch.setattr(reading, "MAX_PART_BYTES", 3 * 1024 * 1024)
    _refused(part, "unpacks to 4 MB", "(the limit is 3 MB)")
    monkeypatch.setattr(reading, "MAX_PART_BYTES", 5 * 1024 * 1024)
    assert "limit" not in _refused(part, "zip bomb")  # within the limit: refused for its ratio


def test_a_sheet_that_says_it_is_too_long_is_refused_at_once(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "long.xlsx", [["Organisation"], ["A"]])
    xml = sheet_xml(1).replace(b"<sheetData>", b'<dimension ref="A1:A60000"/><sheetData>')
    long = replace_part(path, tmp_path / "long2.xlsx", "xl/worksheets/sheet1.xml", xml)
    _refused(long, "has 60,000 rows, more than the 50,000")


def test_a_sheet_with_no_stated_size_and_too_many_rows_is_refused_when_opened(
    tmp_path: Path,
) -> None:
    """openpyxl's write-only workbooks (and other programs') state no size: the rows are
    counted before any is imported."""
    path = write_xlsx(tmp_path / "long.xlsx", [["Organisation"], ["A"]])
    long = replace_part(
        path, tmp_path / "long2.xlsx", "xl/worksheets/sheet1.xml", sheet_xml(60_000)
    )
    _refused(long, "more than the 50,000")


def test_a_csv_mixing_two_encodings_is_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "Agency,Sector\nSt Mary’s Café,other\nNorthshire Police,police\n".encode()
        + "Société Générale,other\n".encode("cp1252")
        + "Ærø Trust,other\n".encode()
    )
    message = _refused(path, "line 4")
    assert "UTF-8" in message


def test_the_row_count_reads_tags_not_text_and_leaves_out_empty_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    monkeypatch.setattr(reading, "HEADROOM", 0)
    rows = "".join(
        f'<x:row r="{r}"><x:c r="A{r}" t="inlineStr"><x:is><x:t>&lt;row {r}</x:t></x:is>'
        "</x:c></x:row>"
        for r in range(1, 4)
    )
    empty = "".join(f'<x:row r="{r}" s="2" customFormat="1"/>' for r in range(4, 100))
    xml = (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<x:sheetData>{rows}{empty}</x:sheetData></x:worksheet>"
    ).encode()
    path = write_xlsx(tmp_path / "p.xlsx", [["Organisation"]])
    three = replace_part(path, tmp_path / "three.xlsx", "xl/worksheets/sheet1.xml", xml)
    assert open_table(three).sheet == "Sheet1"  # three rows: at the limit, accepted
    four = xml.replace(b"</x:sheetData>", b'<x:row r="100"><x:c r="A100"/></x:row></x:sheetData>')
    _refused(replace_part(path, tmp_path / "four.xlsx", "xl/worksheets/sheet1.xml", four),
             "more than the 3 rows")  # fmt: skip


def test_a_csv_at_the_limit_is_read_and_one_row_more_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 10)
    monkeypatch.setattr(reading, "HEADROOM", 2)
    text = "Agency,Sector\n\n\n" + "".join(f"Org {n},other\n" for n in range(11))
    assert open_table(write_csv(tmp_path / "ok.csv", text)).estimated_rows == 14  # blank rows free
    _refused(write_csv(tmp_path / "long.csv", text + "One more,other\n"), "more than the 10 rows")


def test_a_windows_1252_line_before_the_utf8_ones_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"Agency,Sector\n"
        + "Société Générale,other\n".encode("cp1252")
        + "St Mary’s Café,other\n".encode()
    )
    _refused(path, "line 2 is in Windows-1252", "line 3 is in UTF-8")


@pytest.mark.parametrize("stated", [None, b'<dimension ref="A1:C40"/>', b'<dimension ref="B3"/>'])
def test_a_sheets_stated_size_is_what_openpyxl_finds_without_reading_its_rows(
    tmp_path: Path, stated: bytes | None
) -> None:
    """A sheet's size is read where it is stated (before the rows), not by parsing every row
    to learn that none is stated; the same size openpyxl's own look-up gives."""
    import openpyxl
    from openpyxl.worksheet._read_only import read_dimension

    from lscp_desktop.models.imports.sheet_size import read_stated_size_only

    xml = sheet_xml(3000)
    if stated:
        xml = xml.replace(b"<sheetData>", stated + b"<sheetData>")
    path = replace_part(
        write_xlsx(tmp_path / "a.xlsx", [["Organisation"]]), tmp_path / "b.xlsx",
        "xl/worksheets/sheet1.xml", xml,
    )  # fmt: skip
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as fh:
        theirs = read_dimension(fh)
    read_stated_size_only()
    book = openpyxl.load_workbook(path, read_only=True)
    ws = book.worksheets[0]
    ours = (ws.min_column, ws.min_row, ws.max_column, ws.max_row) if theirs else ws.max_row
    book.close()
    assert ours == (theirs or None)


def test_rows_are_cut_at_the_column_limit_and_trimmed_of_empty_cells(tmp_path: Path) -> None:
    wide = [f"c{n}" for n in range(reading.MAX_COLUMNS + 10)]
    path = write_xlsx(tmp_path / "w.xlsx", [["Organisation", None, ""], wide, [], ["A", "", None]])
    with reading.open_table(path, keep=True) as table:
        rows = dict(table.rows())
    assert rows[1] == ("Organisation",)
    assert rows[2] == tuple(wide[: reading.MAX_COLUMNS])
    assert rows.get(3, ()) == () and rows[4] == ("A",)
