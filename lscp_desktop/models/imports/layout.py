"""Find a sheet's header row and which column each of a kind's fields comes from.

:func:`inspect_file` opens a file, finds its header row and proposes a mapping: what the import
window previews, and where :func:`~lscp_desktop.models.imports.engine.run_import` starts.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lscp_desktop.models.imports.kinds import ImportField, ImportKind
from lscp_desktop.models.imports.reading import ImportFileError, Row, Table, cell_text, open_table
from lscp_desktop.models.imports.values import to_text

#: How far down the sheet the header row is looked for.
HEADER_SCAN_ROWS = 30
PREVIEW_ROWS = 12


@dataclass
class ImportOptions:
    sheet: str | None = None
    #: Explicit mapping: field key (or label) -> header text; "" means "do not import it".
    columns: dict[str, str] = field(default_factory=dict)
    year: str | None = None
    dry_run: bool = False
    #: The user's kind and sector for organisations the import creates, by name (the
    #: window's check shows the guesses; ``--organisation NAME=KIND[,SECTOR]``).
    organisations: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class Layout:
    """Where a sheet's header is and which column each field comes from."""

    table: Table
    header_row: int
    headers: list[str]
    #: field key -> column index (0-based); fields without a column are absent.
    mapping: dict[str, int]
    #: The first data rows, as text, for a preview.
    preview: list[tuple[int, list[str]]]
    #: Roughly the number of the last row (for progress only).
    last_row: int
    #: Fields found by a synonym or partial match rather than an exact heading (for the UI).
    guessed: set[str] = field(default_factory=set)

    def header_for(self, key: str) -> str:
        index = self.mapping.get(key)
        return self.headers[index] if index is not None else ""


def norm_header(value: Any) -> str:
    text = to_text(value).casefold().replace("&", " and ")
    without_brackets = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    if without_brackets.strip():
        text = without_brackets
    return " ".join(re.sub(r"[^0-9a-z£]+", " ", text).split())


@functools.lru_cache(maxsize=512)
def _normed_names(f: ImportField) -> list[str]:
    return [norm_header(n) for n in f.names()]


def _match_score(header: str, f: ImportField) -> int:
    """3: the header is one of the field's names; 1+: it contains one of them as words."""
    if not header:
        return 0
    names = _normed_names(f)
    if header in names:
        return 3
    words = header.split()
    best = 0
    for name in names:
        parts = name.split()
        if parts and all(p in words for p in parts) and len(words) <= len(parts) + 3:
            best = max(best, 1 + (len(parts) > 1))
    return min(best, 2)


def resolve_field(kind: ImportKind, name: str) -> ImportField:
    """A field named by its key, its label or one of its synonyms."""
    wanted = norm_header(name)
    for f in kind.fields:
        if wanted in {norm_header(n) for n in f.names()}:
            return f
    raise ImportFileError(
        f"'{name}' is not a field of a {kind.label.lower()} import; the fields are: "
        f"{', '.join(f.key for f in kind.fields)}."
    )


def _explicit(kind: ImportKind, columns: Mapping[str, str]) -> dict[str, str]:
    return {resolve_field(kind, k).key: v for k, v in columns.items()}


def map_headers(
    kind: ImportKind, headers: list[str], explicit: Mapping[str, str] | None = None
) -> tuple[dict[str, int], int, set[str]]:
    """(field -> column, score, guessed fields) for one candidate header row."""
    explicit = explicit or {}
    normed = [norm_header(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    score = 0
    for key, header in explicit.items():
        if not header.strip():
            continue
        wanted = norm_header(header)
        for i, h in enumerate(normed):
            if h == wanted and i not in used:
                mapping[key] = i
                used.add(i)
                score += 3
                break
    guessed: set[str] = set()
    candidates = []
    for order, f in enumerate(kind.fields):
        if f.key in explicit:
            continue
        for i, h in enumerate(normed):
            s = _match_score(h, f)
            if s:
                candidates.append((-s, order, i, f.key))
    for neg_score, _order, i, key in sorted(candidates):
        if key in mapping or i in used:
            continue
        mapping[key] = i
        used.add(i)
        score += -neg_score
        if -neg_score < 3:
            guessed.add(key)
    return mapping, score, guessed


def inspect_file(
    kind: ImportKind, path: str | Path, options: ImportOptions | None = None
) -> Layout:
    """Open *path*, find the header row and propose a mapping. Raises ImportFileError.

    Without a sheet named in *options*, the sheet named after the kind is read (e.g. the
    funding workbook's "Contributions"), else the first; if that has no header row, the first
    other sheet that has one (a workbook opening with a sheet of notes). The workbook is let go
    of on return (its layout's rows load it again); :func:`inspected` keeps it loaded.
    """
    with inspected(kind, path, options) as layout:
        return layout


@contextlib.contextmanager
def inspected(
    kind: ImportKind, path: str | Path, options: ImportOptions | None = None
) -> Iterator[Layout]:
    """:func:`inspect_file`, keeping the workbook loaded until the block ends, so an import
    that follows reads the file's parts (shared strings, styles) only once."""
    options = options or ImportOptions()
    explicit = _explicit(kind, options.columns)
    table = open_table(path, options.sheet, prefer=kind.label, keep=True)
    with table:
        try:
            layout = _inspect_table(kind, table, explicit)
        except _NoHeader:
            if options.sheet is not None:
                raise
            layout = _other_sheet(kind, path, table, explicit)
        with layout.table:
            yield layout


def _other_sheet(
    kind: ImportKind, path: str | Path, first: Table, explicit: dict[str, str]
) -> Layout:
    """The first sheet after *first* that has a header row (else *first*'s error, again)."""
    for other in first.sheet_names:
        if other == first.sheet:
            continue
        table = open_table(path, other, keep=True)
        try:
            return _inspect_table(kind, table, explicit)
        except ImportFileError:
            table.close()
    return _inspect_table(kind, first, explicit)


class _NoHeader(ImportFileError):
    """No row of the sheet looks like the kind's headings."""


def _inspect_table(kind: ImportKind, table: Table, explicit: dict[str, str]) -> Layout:
    best: tuple[tuple[int, int], int, list[str], dict[str, int], set[str]] | None = None
    scanned = 0
    rows_after: list[tuple[int, Row]] = []
    any_content = False
    for number, cells in table.rows():
        if not cells:
            continue
        any_content = True
        if scanned >= HEADER_SCAN_ROWS and (best is None or len(rows_after) >= PREVIEW_ROWS):
            break  # the rest of the file is read only when importing
        if scanned < HEADER_SCAN_ROWS:
            scanned += 1
            headers = [to_text(c) for c in cells]
            mapping, score, guessed = map_headers(kind, headers, explicit)
            identity = sum(1 for k in kind.identity_fields() if k in mapping)
            key = (identity, score)
            enough = identity > 0 or len(mapping) >= 2
            if enough and (best is None or key > best[0]):
                best = (key, number, headers, mapping, guessed)
                rows_after = []
                continue
        if best is not None and len(rows_after) < PREVIEW_ROWS:
            rows_after.append((number, cells))
    name = table.path.name + ("" if table.path.suffix.lower() == ".csv" else f", '{table.sheet}'")
    if not any_content:
        raise ImportFileError(
            f"{name} is empty: there are no rows to import."
            + (
                f" The workbook's sheets are: {', '.join(table.sheet_names)}; choose one."
                if len(table.sheet_names) > 1
                else ""
            )
        )
    if best is None:
        wanted = ", ".join(f.label.lower() for f in kind.fields[:6])
        raise _NoHeader(
            f"No header row was recognised in {name}: none of its first {HEADER_SCAN_ROWS} rows "
            f"has column headings such as {wanted}. Add a heading row, or name the columns "
            "with --column FIELD=HEADER (Import window: choose each field's column)."
        )
    _score, header_row, headers, mapping, guessed = best
    for field_key, header in explicit.items():
        if header.strip() and field_key not in mapping:
            raise ImportFileError(
                f"There is no column headed '{header}' in row {header_row} of {name}; the "
                f"headings there are: {', '.join(h for h in headers if h) or '(none)'}."
            )
    preview = [
        (n, [cell_text(c) for c in cells])
        for n, cells in rows_after
        if not is_header_repeat(cells, headers)
    ]
    last_row = max(table.estimated_rows, header_row + len(preview))
    return Layout(table, header_row, headers, mapping, preview, last_row, guessed)


def is_header_repeat(cells: Row, headers: list[str]) -> bool:
    if cells and (len(cells) > len(headers) or to_text(cells[0]) != headers[0]):
        return False  # the usual answer, without reading every cell of the row
    return [to_text(c) for c in cells] == headers[: len(cells)]
