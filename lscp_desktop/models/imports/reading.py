"""Read the rows of a spreadsheet safely: .xlsx through openpyxl, .csv through the csv module.

A workbook is an untrusted zip of XML. Before openpyxl touches it the archive is checked: it
must really be a zip, hold no macros, and no part may be too large or too highly compressed
(a zip bomb); no XML part may declare a DOCTYPE (entity expansion). openpyxl then reads it with
``read_only=True`` (streaming) and, because defusedxml is installed, with defused parsers.
Rows are streamed, never held all at once, so memory stays flat whatever the file's size.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.imports.sheet_cells import read_inline_strings_fast
from lscp_desktop.models.imports.sheet_size import read_stated_size_only

#: Largest .csv file read.
MAX_CSV_BYTES = 40 * 1024 * 1024
#: Largest single part (a sheet's XML, the shared strings) of a workbook, uncompressed. The
#: app's own action log workbook of the large demo (20,000 actions, 18 columns) is 23 MB.
MAX_PART_BYTES = 32 * 1024 * 1024
#: Largest total of every part of a workbook, uncompressed (that workbook is 34 MB in all).
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: A part that inflates more than this many times over (and is larger than 1 MB) is a zip bomb.
MAX_RATIO = 100
MAX_ZIP_ENTRIES = 2_000
#: Most records (non-blank rows) in one sheet; the large demo's action log is 20,000.
MAX_ROWS = 50_000
#: Rows allowed beyond MAX_ROWS before a file is refused unread: titles, totals and notes.
HEADROOM = 1_000
#: Columns beyond this are ignored (a hostile file can claim 16,384).
MAX_COLUMNS = 120

Cell = Any  # str | int | float | Decimal | datetime | date | time | bool | None
Row = tuple[Cell, ...]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted workbook
_MACRO_SUFFIXES = {".xlsm", ".xltm", ".xlsb", ".xlam"}


class ImportFileError(LscpError):
    """The file cannot be read as a spreadsheet; nothing was imported."""


@dataclass
class Table:
    """One sheet (or a CSV file) opened for reading; :meth:`rows` streams it from the start.

    A workbook opened by :func:`open_table` stays loaded (its shared strings, styles and
    sheets read once) until :meth:`close`, so finding the header and importing every row read
    the file's parts once, not once each; after :meth:`close`, :meth:`rows` loads it again.
    """

    path: Path
    sheet: str
    sheet_names: list[str] = field(default_factory=list)
    #: Roughly how many rows there are (from the sheet's stated size), for progress only.
    estimated_rows: int = 0
    _book: Any = field(default=None, repr=False, compare=False)
    _kept: contextlib.ExitStack | None = field(default=None, repr=False, compare=False)

    def rows(self) -> Iterator[tuple[int, Row]]:
        """(row number as the user sees it, cells) for every row, blank ones included."""
        if self.path.suffix.lower() == ".csv":
            yield from _csv_rows(self.path)
        elif self._book is not None:
            yield from _sheet_rows(self.path, self._book, self.sheet)
        else:
            with _workbook(self.path) as book:
                yield from _sheet_rows(self.path, book, self.sheet)

    def close(self) -> None:
        """Let go of the workbook (and its file); :meth:`rows` still works, loading it again."""
        kept, self._kept, self._book = self._kept, None, None
        if kept is not None:
            kept.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_table(
    path: str | Path, sheet: str | None = None, prefer: str | None = None, *, keep: bool = False
) -> Table:
    """Check *path* and open one of its sheets; a clear :class:`ImportFileError` if it cannot.

    Without *sheet*, a sheet named *prefer* (e.g. "Contributions" in the funding workbook) is
    opened if there is one, else the first. With *keep*, a workbook stays loaded until the
    table is closed (``with table:``).
    """
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"There is no file at {path}.")
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder; choose a spreadsheet file.")
    suffix = path.suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise ImportFileError(
            f"{path.name} is a macro-enabled workbook ({suffix}), which is not imported because "
            "macros can carry harmful code. In Excel use File > Save As > Excel Workbook (.xlsx)."
        )
    if suffix == ".csv":
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ImportFileError(
                f"{path.name} is {size / 1024 / 1024:.0f} MB, more than the "
                f"{MAX_CSV_BYTES // 1024 // 1024} MB an import can take; split it into "
                "smaller files."
            )
        if sheet:
            raise ImportFileError(f"{path.name} is a CSV file, which has no sheets to choose.")
        return Table(path, path.stem, [path.stem], _count_csv_rows(path))
    if suffix == ".xls":
        raise ImportFileError(
            f"{path.name} is an old-style Excel file (.xls). Open it in Excel and save it as an "
            "Excel Workbook (.xlsx) or CSV, then import that."
        )
    if suffix not in {".xlsx", ".xltx"}:
        raise ImportFileError(
            f"{path.name} is not a spreadsheet LSCP Desktop can read; save it from Excel as an "
            ".xlsx workbook or a .csv file."
        )
    check_workbook(path)
    with contextlib.ExitStack() as stack:
        book = stack.enter_context(_workbook(path))
        sizes, parts = _sheet_sizes(book)
        if sheet is None and prefer:
            sheet = next((n for n in sizes if " ".join(n.split()).lower() == prefer.lower()), None)
        table = _open_sheet(path, sizes, sheet)
        if sizes[table.sheet] is None and table.sheet in parts:
            # no stated size: count the rows before any is imported (one that states a wrong
            # size is still stopped at MAX_ROWS records while it is imported)
            _count_rows(path, parts[table.sheet], table.sheet)
        if keep:
            table._book, table._kept = book, stack.pop_all()
    return table


def _too_many_rows(path: Path, sheet: str | None, rows: int | None = None) -> ImportFileError:
    where = f"Sheet '{sheet}' of {path.name}" if sheet else path.name
    has = (
        f"has {rows:,} rows, more than the {MAX_ROWS:,} an import can take"
        if rows
        else f"has more than the {MAX_ROWS:,} rows an import can take"
    )
    return ImportFileError(
        f"{where} {has}; split it into smaller files and import them one by one."
    )


# --------------------------------------------------------------------------- xlsx


def check_workbook(path: Path) -> None:
    """Refuse anything but a plain, reasonably sized workbook.

    Every check here reads only the zip's directory and the first bytes of each XML part,
    so a hostile file is turned away in milliseconds without being inflated.
    """
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(_OLE_MAGIC):
        raise ImportFileError(
            f"{path.name} is an old-style (.xls) or password-protected workbook. Remove the "
            "password, or save it from Excel as an Excel Workbook (.xlsx), then import that."
        )
    if not magic.startswith(_ZIP_MAGIC):
        raise ImportFileError(
            f"{path.name} is not really an Excel workbook (it may be another kind of file "
            "renamed to .xlsx). Open it in Excel and save it as an Excel Workbook (.xlsx) or CSV."
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name} is damaged and cannot be opened ({_one_line(exc)})."
        ) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise _refused(path, f"it holds {len(infos):,} parts")
        total = 0
        for info in infos:
            name = info.filename
            if name.lower().endswith("vbaproject.bin") or "activex" in name.lower():
                raise ImportFileError(
                    f"{path.name} contains macros or ActiveX controls, which are not imported "
                    "because they can carry harmful code. Save a copy as an Excel Workbook "
                    "(.xlsx) and import that."
                )
            total += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise _refused(
                    path,
                    f"its part {name} unpacks to {info.file_size / 1024 / 1024:,.0f} MB "
                    f"(the limit is {MAX_PART_BYTES // 1024 // 1024} MB)",
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                raise _refused(
                    path,
                    f"its part {name} would unpack {ratio:,.0f} times over, the mark of a "
                    "'zip bomb' rather than a spreadsheet",
                )
        if total > MAX_TOTAL_BYTES:
            raise _refused(
                path,
                f"it unpacks to {total / 1024 / 1024:,.0f} MB "
                f"(the limit is {MAX_TOTAL_BYTES // 1024 // 1024} MB)",
            )
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise ImportFileError(
                f"{path.name} is a zip file but not an Excel workbook; save it from Excel as an "
                "Excel Workbook (.xlsx) or CSV."
            )
        content_types = _head(archive, "[Content_Types].xml")
        if b"macroEnabled" in content_types:
            raise ImportFileError(
                f"{path.name} is a macro-enabled workbook renamed to .xlsx; macros are not "
                "imported. Save a copy from Excel as an Excel Workbook (.xlsx)."
            )
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                head = _head(archive, info.filename)
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    raise ImportFileError(
                        f"{path.name} contains XML entity definitions ({info.filename}), which "
                        "Excel never writes and which are used to attack programs that read "
                        "the file. It was not opened."
                    )


def _head(archive: zipfile.ZipFile, name: str, size: int = 4096) -> bytes:
    try:
        with archive.open(name) as part:
            return part.read(size)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise ImportFileError(f"Part of the workbook ({name}) is damaged: {exc}.") from exc


def _refused(path: Path, why: str) -> ImportFileError:
    return ImportFileError(
        f"{path.name} was not opened: {why}. If it is a genuine spreadsheet, save just the rows "
        "to import as a smaller workbook or CSV file."
    )


_DEFUSED = {"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"}


def _is_defused(exc: BaseException | None) -> bool:
    """Whether defusedxml stopped the parse, anywhere in the exception's chain."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__name__ in _DEFUSED:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _entity_error(path: Path, exc: BaseException) -> ImportFileError:
    return ImportFileError(
        f"{path.name} contains XML entity definitions, which Excel never writes and which are "
        "used to attack programs that read the file. It was not opened."
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


@contextlib.contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    """The workbook, read-only. Its file is opened here and closed on the way out, whatever
    happened: openpyxl leaves a file it opened itself open when a part fails to parse."""
    import openpyxl  # slow to import; kept off the start path

    read_stated_size_only()
    read_inline_strings_fast()
    with path.open("rb") as fh:
        try:
            book = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            if _is_defused(exc):
                raise _entity_error(path, exc) from exc
            raise ImportFileError(
                f"{path.name} could not be read as a workbook ({_one_line(exc)}). Open it in "
                "Excel and save it again as an Excel Workbook (.xlsx)."
            ) from exc
        try:
            yield book
        finally:
            book.close()


def _sheet_sizes(book: Any) -> tuple[dict[str, int | None], dict[str, str]]:
    """Each worksheet's name and the number of rows its <dimension> says it has (None where
    it states none); and the name of the part of the zip that holds it (where openpyxl says)."""
    sizes: dict[str, int | None] = {}
    parts = {}
    for ws in book.worksheets:
        try:
            sizes[ws.title] = None if ws.max_row is None else int(ws.max_row)
        except (TypeError, ValueError):
            sizes[ws.title] = None
        part = getattr(ws, "_worksheet_path", None)  # openpyxl's read-only sheets have it
        if isinstance(part, str):
            parts[ws.title] = part
    return sizes, parts


# A row element's start tag, with any namespace prefix; "<row …/>" is a row with no cells.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?:\s[^<>]*)?>")


def _count_rows(path: Path, part: str, sheet: str) -> None:
    """Refuse a sheet with too many rows, counted from the row tags of its XML as it is
    unpacked (no XML parsed, stopping as soon as there are too many): a sheet that states
    no size, or a wrong one, is refused before any row is imported."""
    limit, count, tail = MAX_ROWS + HEADROOM, 0, b""
    with zipfile.ZipFile(path) as archive, archive.open(part) as fh:
        while chunk := fh.read(1024 * 1024):
            data = tail + chunk
            cut = data.rfind(b"<")  # a tag is never split: it ends before the next "<"
            cut = len(data) if cut < 0 else cut
            count += sum(1 for m in _ROW_TAG.finditer(data, 0, cut) if not m[0].endswith(b"/>"))
            if count > limit:
                raise _too_many_rows(path, sheet)
            tail = data[cut:]


def _open_sheet(path: Path, sizes: dict[str, int | None], sheet: str | None) -> Table:
    names = list(sizes)
    if not names:
        raise ImportFileError(f"{path.name} has no worksheets.")
    chosen = names[0] if sheet is None else None
    wanted = " ".join((sheet or "").split()).lower()
    for name in names:
        if chosen is None and " ".join(name.split()).lower() == wanted:
            chosen = name
    if chosen is not None:
        # Excel records each sheet's size; a sheet saying it is too long is refused at once
        # (one that lies is still stopped at MAX_ROWS while it is read).
        size = sizes[chosen] or 0
        if size > MAX_ROWS + HEADROOM:
            raise _too_many_rows(path, chosen, size)
        return Table(path, chosen, names, size)
    raise ImportFileError(
        f"{path.name} has no sheet called '{sheet}'; its sheets are: {', '.join(names)}."
    )


def _sheet_rows(path: Path, book: Any, sheet: str) -> Iterator[tuple[int, Row]]:
    ws = book[sheet]
    ws.reset_dimensions()  # never trust the file's claimed size
    number = 0
    try:
        # Each row as wide as its last cell (not padded to MAX_COLUMNS and trimmed back: an
        # 18-column log made 100 empty cells a row), then cut at MAX_COLUMNS.
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, _trim(values[:MAX_COLUMNS])
    except ImportFileError:
        raise
    except Exception as exc:
        if _is_defused(exc):
            raise _entity_error(path, exc) from exc
        raise ImportFileError(
            f"Row {number + 1} of sheet '{sheet}' in {path.name} could not be read "
            f"({_one_line(exc)})."
        ) from exc


def _trim(values: tuple[Cell, ...]) -> Row:
    if values and values[-1] is not None and values[-1] != "":
        return values  # the usual row: its last cell is its last value
    end = len(values)
    while end and (values[end - 1] is None or values[end - 1] == ""):
        end -= 1
    return tuple(values[:end])


# --------------------------------------------------------------------------- csv


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else Windows-1252.

    A file with lines in each of UTF-8 and Windows-1252 (one row pasted in from elsewhere) is
    refused, naming a line of each: read either way, some names would be garbled.
    """
    with path.open("rb") as fh:
        start = fh.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            _refuse_mixed_encodings(path)
            return "cp1252"  # what Excel on Windows writes for "CSV (Comma delimited)"
    return "utf-8"


def _refuse_mixed_encodings(path: Path) -> None:
    """Refuse a file that is not UTF-8 throughout but has UTF-8 lines (beyond plain ASCII)."""
    utf8_line = other_line = 0
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                utf8_line = utf8_line or number
            except UnicodeDecodeError:
                other_line = other_line or number
            if utf8_line and other_line:
                raise ImportFileError(
                    f"{path.name} mixes two kinds of text encoding: line {other_line} is in "
                    f"Windows-1252 (ANSI) but line {utf8_line} is in UTF-8, so some names would "
                    "be garbled. Save it again from Excel as 'CSV UTF-8 (Comma delimited)' and "
                    "import that."
                )


def _count_csv_rows(path: Path) -> int:
    """How many rows the file has (for progress), refusing it at once, before any row is
    imported, if it has more than an import can take."""
    rows = records = 0
    for number, cells in _csv_rows(path):
        rows, records = number, records + bool(cells)
        if records > MAX_ROWS + HEADROOM:
            raise _too_many_rows(path, None)
    return max(rows, 1)


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel


def _csv_rows(path: Path) -> Iterator[tuple[int, Row]]:
    encoding = detect_encoding(path)
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        sample = text.read(16 * 1024)
        text.seek(0)
        reader = csv.reader(text, _dialect(sample))
        try:
            for number, values in enumerate(reader, start=1):
                yield number, _trim(tuple(v.strip() for v in values[:MAX_COLUMNS]))
        except csv.Error as exc:
            raise ImportFileError(
                f"Line {reader.line_num} of {path.name} is not valid CSV ({exc})."
            ) from exc


def cell_text(value: Cell) -> str:
    """A cell as the text the user would see (for previews and the report)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%d/%m/%Y")
            if value.time() == dt.time()
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
