"""Find the header, map columns to fields, and import every row in one transaction.

:func:`inspect_file` opens a file, finds its header row and proposes a mapping (what the import
window previews); :func:`run_import` imports it. Every row is tried, each in its own savepoint,
so the report lists every problem at once; then, if any row failed or this is a dry run, the
whole transaction is rolled back: the file is imported completely or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.imports.kinds import ImportField, ImportKind
from lscp_desktop.models.imports.reading import (
    MAX_ROWS,
    ImportFileError,
    Row,
    Table,
    cell_text,
    open_table,
)
from lscp_desktop.models.imports.values import (
    RAG_WORDS,
    STATUS_WORDS,
    normalise_name,
    parse_import_date,
    parse_import_money,
    parse_import_time,
    parse_word,
    parse_yes_no,
    to_text,
)
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.organisations import list_organisations, save_organisation
from lscp_desktop.models.membership.people import list_people, save_person
from lscp_desktop.models.membership.records import Body
from lscp_desktop.models.store.database import Store

#: How far down the sheet the header row is looked for.
HEADER_SCAN_ROWS = 30
PREVIEW_ROWS = 12
_TOTAL_WORDS = re.compile(r"^(grand\s+)?(sub\s*-?\s*)?totals?\b|^sum\b|^overall\s+total\b")

ProgressFn = Callable[[int, int, str], None]
_T = TypeVar("_T")
Status = Literal["imported", "updated", "unchanged", "skipped", "error"]


class _Rollback(Exception):
    """Raised inside the transaction to undo it (a dry run, or a file with bad rows)."""


# --------------------------------------------------------------------------- options, layout


@dataclass
class ImportOptions:
    sheet: str | None = None
    #: Explicit mapping: field key (or label) -> header text; "" means "do not import it".
    columns: dict[str, str] = field(default_factory=dict)
    year: str | None = None
    dry_run: bool = False


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
    other sheet that has one (a workbook opening with a sheet of notes).
    """
    options = options or ImportOptions()
    table = open_table(path, options.sheet, prefer=kind.label)
    explicit = _explicit(kind, options.columns)
    try:
        return _inspect_table(kind, table, explicit)
    except _NoHeader:
        if options.sheet is not None:
            raise
        for other in table.sheet_names:
            if other == table.sheet:
                continue
            with contextlib.suppress(ImportFileError):
                return _inspect_table(kind, open_table(path, other), explicit)
        raise


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
        if not _is_header_repeat(cells, headers)
    ]
    last_row = max(table.estimated_rows, header_row + len(preview))
    return Layout(table, header_row, headers, mapping, preview, last_row, guessed)


def _is_header_repeat(cells: Row, headers: list[str]) -> bool:
    return [to_text(c) for c in cells] == headers[: len(cells)]


# --------------------------------------------------------------------------- report


@dataclass
class ReportLine:
    row: int
    status: Status
    column: str = ""
    value: str = ""
    reason: str = ""
    #: The record the row became, e.g. "Jo Bloggs: chair, Executive" (rows that worked).
    record: str = ""


@dataclass
class ImportReport:
    kind: ImportKind
    path: Path
    sheet: str
    header_row: int
    mapping: dict[str, str]
    dry_run: bool
    lines: list[ReportLine] = field(default_factory=list)
    #: Records created along the way (organisations and people), said once each.
    created: list[str] = field(default_factory=list)
    committed: bool = False

    def count(self, status: Status) -> int:
        rows = {line.row for line in self.lines if line.status == status}
        return len(rows)

    @property
    def errors(self) -> list[ReportLine]:
        return [line for line in self.lines if line.status == "error"]

    def summary(self) -> str:
        counts = {s: self.count(s) for s in ("imported", "updated", "unchanged", "skipped")}
        done = (
            f"{counts['imported']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} already up to date, {counts['skipped']} skipped"
        )
        if self.errors and self.dry_run:
            n = self.count("error")
            return (
                f"The check found problems in {n} row{'s' if n != 1 else ''}; fix them in the "
                f"spreadsheet (or change the columns) and check again (otherwise {done})."
            )
        if self.errors:
            n = self.count("error")
            return (
                f"Nothing was imported: {n} row{'s' if n != 1 else ''} "
                f"{'have' if n != 1 else 'has'} problems to fix first "
                f"(otherwise {done})."
            )
        if self.dry_run:
            return f"Dry run, nothing saved. The import would give: {done}."
        return f"Imported {self.path.name}: {done}."

    def created_summary(self) -> str:
        """One sentence on the organisations and people created along the way ('' if none)."""
        if not self.created:
            return ""
        orgs = sum(1 for t in self.created if t.startswith("created organisation"))
        people = sum(1 for t in self.created if t.startswith("created person"))
        parts = []
        if orgs:
            parts.append(f"{orgs} organisation{'s' if orgs != 1 else ''}")
        if people:
            parts.append(f"{people} {'person' if people == 1 else 'people'}")
        verb = "would be" if self.dry_run or self.errors else "were"
        return f"New along the way ({verb} created): {' and '.join(parts)}; check their details."

    def text_lines(self) -> list[str]:
        """The report as lines for the command line."""
        out = [
            f"{self.kind.label} from {self.path.name}"
            + ("" if self.path.suffix.lower() == ".csv" else f", sheet '{self.sheet}'")
            + f", headings in row {self.header_row}",
            "Columns: " + "; ".join(f"{k} <- {h!r}" for k, h in self.mapping.items() if h) + ".",
        ]
        for line in self.lines:
            where = f"row {line.row}"
            if line.column:
                where += f", {line.column}"
            value = f" {line.value!r}" if line.value else (f" {line.record}" if line.record else "")
            out.append(
                f"  {where}:{value} {line.status}" + (f": {line.reason}" if line.reason else "")
            )
        if self.created:
            out.append(self.created_summary())
        out.append(self.summary())
        return out


# --------------------------------------------------------------------------- context


class ImportContext:
    """What a kind's row function can use: the store, the year, and find-or-create helpers."""

    def __init__(self, store: Store, report: ImportReport, year: FinancialYear | None) -> None:
        self.store = store
        self.report = report
        self.year = year
        self.today = dt.date.today()
        self._orgs: dict[str, int] | None = None
        self._people: dict[str, int] | None = None
        self._bodies: dict[str, Body] | None = None
        #: For kinds' own look-ups (risks by reference, priorities by name…); emptied with
        #: the other caches when a row's savepoint is rolled back.
        self.cache: dict[str, Any] = {}
        #: For kinds' large look-ups (a 20,000-action log) that they change only at the end
        #: of a row that worked, so they stay right when a row fails; never emptied.
        self.lasting: dict[str, Any] = {}

    def cached(self, key: str, load: Callable[[], _T]) -> _T:
        """``cache[key]``, loaded by *load* the first time it is asked for."""
        if key not in self.cache:
            self.cache[key] = load()
        value: _T = self.cache[key]
        return value

    def require_year(self) -> FinancialYear:
        if self.year is None:
            raise LscpError(
                f"Say which financial year a {self.report.kind.label.lower()} import is for "
                "(--year 2025/26)."
            )
        return self.year

    # ---- organisations
    def find_organisation(self, name: str) -> int | None:
        if self._orgs is None:
            self._orgs = {normalise_name(o.name): o.id for o in list_organisations(self.store)}
        return self._orgs.get(normalise_name(name))

    def organisation(self, name: str, notes: list[str], kind: str | None = None) -> int:
        """The id of the organisation called *name*, created (and said so) if there is none.

        A new organisation's kind is *kind* if given (e.g. a "Kind of partner" column), else
        guessed from its name, as is its sector.
        """
        found = self.find_organisation(name)
        if found is not None:
            return found
        from lscp_desktop.models.imports.organisations import guess_kind_and_sector

        guessed, sector = guess_kind_and_sector(name)
        kind = kind or guessed
        new_id = save_organisation(self.store, {"name": name, "kind": kind, "sector": sector})
        assert self._orgs is not None
        self._orgs[normalise_name(name)] = new_id
        text = f"created organisation '{' '.join(name.split())}' ({kind}, {sector}; check these)"
        self._note(text, notes)
        return new_id

    def _note(self, text: str, notes: list[str]) -> None:
        notes.append(text)
        if text not in self.report.created:
            self.report.created.append(text)

    def remember_organisation(self, name: str, org_id: int) -> None:
        if self._orgs is not None:
            self._orgs[normalise_name(name)] = org_id

    # ---- people
    def find_person(self, name: str) -> int | None:
        if self._people is None:
            self._people = {}
            for p in list_people(self.store):
                self._people.setdefault(normalise_name(p.name), p.id)
        return self._people.get(normalise_name(name))

    def person(self, name: str, notes: list[str], extra: dict[str, Any] | None = None) -> int:
        """The id of the person called *name*, created (and said so) if there is none."""
        found = self.find_person(name)
        if found is not None:
            return found
        new_id = save_person(self.store, {"name": name, **(extra or {})})
        self.remember_person(name, new_id)
        self._note(f"created person '{' '.join(name.split())}'", notes)
        return new_id

    def remember_person(self, name: str, person_id: int) -> None:
        if self._people is not None:
            self._people[normalise_name(name)] = person_id

    # ---- bodies
    def body(self, name_or_code: str) -> Body:
        """A body by name or short code; never created (it needs a code, kind and purpose)."""
        if self._bodies is None:
            self._bodies = {}
            for b in list_bodies(self.store):
                self._bodies[normalise_name(b.name)] = b
                self._bodies[normalise_name(b.code)] = b
        found = self._bodies.get(normalise_name(name_or_code))
        if found is None:
            names = sorted({b.name for b in self._bodies.values()})
            raise ValidationError(
                f"There is no body called '{name_or_code}'. Add it on the Membership page first, "
                f"or use one of: {', '.join(names) or '(no bodies yet)'}.",
                "body",
            )
        return found

    def forget(self) -> None:
        """Drop the caches (after a row's savepoint was rolled back)."""
        self._orgs = self._people = None
        self._bodies = None
        self.cache.clear()


# --------------------------------------------------------------------------- running


def parse_cell(f: ImportField, value: Any) -> Any:
    if f.type == "date":
        return parse_import_date(value, f.label.lower())
    if f.type == "time":
        return parse_import_time(value, f.label.lower())
    if f.type == "money":
        return parse_import_money(value, f.label.lower())
    if f.type == "bool":
        return parse_yes_no(value, f.label.lower())
    if f.type == "int":
        text = to_text(value).replace(",", "")
        if not re.fullmatch(r"-?\d+", text):
            raise ValidationError(f"The {f.label.lower()} '{value}' should be a whole number.")
        return int(text)
    if f.type == "rag":
        return parse_word(value, RAG_WORDS, "RAG rating")
    if f.type == "status":
        return parse_word(value, STATUS_WORDS, "status")
    return to_text(value) if not isinstance(value, str) else value.strip()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def run_import(
    store: Store,
    kind: ImportKind,
    path: str | Path,
    options: ImportOptions | None = None,
    progress: ProgressFn | None = None,
) -> ImportReport:
    """Import *path* as *kind*: all rows or none. A dry run always rolls back.

    File problems raise :class:`ImportFileError`; row problems are listed in the report (and
    nothing is saved). Anything raised by *progress* (a cancel) also rolls everything back.
    """
    options = options or ImportOptions()
    year = FinancialYear.parse(options.year) if options.year else None
    if kind.needs_year and year is None:
        raise ImportFileError(
            f"Say which financial year the {kind.label.lower()} are for (--year 2025/26)."
        )
    layout = inspect_file(kind, path, options)
    report = ImportReport(
        kind,
        Path(path),
        layout.table.sheet,
        layout.header_row,
        {f.key: layout.header_for(f.key) for f in kind.fields},
        options.dry_run,
    )
    missing = [f.label for f in kind.fields if f.required and f.key not in layout.mapping]
    if missing:
        raise ImportFileError(
            f"No column was found for {', '.join(missing)} (headings in row {layout.header_row}: "
            f"{', '.join(h for h in layout.headers if h)}). Name it with --column "
            f"{kind.fields[0].key}=HEADER, or choose it in the Import window."
        )
    with contextlib.suppress(_Rollback), store.transaction():
        ctx = ImportContext(store, report, year)
        _import_rows(ctx, kind, layout, report, progress)
        if report.errors or options.dry_run:
            raise _Rollback
        report.committed = True
    return report


def _import_rows(
    ctx: ImportContext,
    kind: ImportKind,
    layout: Layout,
    report: ImportReport,
    progress: ProgressFn | None,
) -> None:
    identity = kind.identity_fields()
    records = 0
    after_totals = False
    other_table: ReportLine | None = None
    rows_below = 0
    total = max(layout.last_row - layout.header_row, 1)
    for number, cells in layout.table.rows():
        if number <= layout.header_row:
            continue
        if progress and number % 100 == 0:
            progress(number - layout.header_row, total, f"Row {number}")
        if not cells or all(_blank(c) for c in cells):
            continue
        if other_table is not None:
            rows_below += 1
            continue
        if after_totals and _looks_like_headings(kind, cells):
            # A second table under the first one's totals (the funding workbook's "By kind of
            # partner" and "In kind" tables): the table being imported has ended.
            other_table = ReportLine(
                number, "skipped", value=", ".join(to_text(c) for c in cells if not _blank(c))
            )
            report.lines.append(other_table)
            continue
        if _is_header_repeat(cells, layout.headers):
            report.lines.append(ReportLine(number, "skipped", reason="the headings repeated"))
            continue
        raw = {
            key: cells[i]
            for key, i in layout.mapping.items()
            if i < len(cells) and not _blank(cells[i])
        }
        texts = [to_text(c) for c in cells if not _blank(c)]
        if (
            texts
            and _TOTAL_WORDS.match(norm_header(texts[0]))
            and (
                not any(k in raw for k in identity)
                or any(_TOTAL_WORDS.match(norm_header(raw[k])) for k in identity if k in raw)
            )
        ):
            report.lines.append(
                ReportLine(number, "skipped", value=texts[0], reason="a totals row")
            )
            after_totals = True
            continue
        if after_totals and len(texts) == 1:
            report.lines.append(
                ReportLine(number, "skipped", value=texts[0][:60], reason="a note below the totals")
            )
            continue
        if not any(k in raw for k in identity):
            labels = " or ".join(kind.field(k).label.lower() for k in identity)
            report.lines.append(
                ReportLine(
                    number, "skipped", value=texts[0][:60], reason=f"no {labels}, so not a record"
                )
            )
            continue
        missing = [k for k, f in _required(kind) if k not in raw]
        if missing and len(texts) == 1:
            report.lines.append(
                ReportLine(
                    number,
                    "skipped",
                    value=texts[0][:60],
                    reason=f"a note, not a record (only one cell filled and no "
                    f"{kind.field(missing[0]).label.lower()})",
                )
            )
            continue
        records += 1
        if records > MAX_ROWS:
            raise ImportFileError(
                f"{layout.table.path.name} has more than {MAX_ROWS:,} rows; split it into "
                "smaller files and import them one by one."
            )
        _import_one(ctx, kind, layout, report, number, raw)
    if other_table is not None:
        below = (
            f" and the {rows_below} row{'s' if rows_below != 1 else ''} under them"
            if (rows_below)
            else ""
        )
        other_table.value = other_table.value[:60]
        other_table.reason = (
            f"the headings of another table below the totals; they{below} are not imported"
        )
    if progress:
        progress(total, total, "Checked every row")


def _looks_like_headings(kind: ImportKind, cells: Row) -> bool:
    """Two or more text cells, one of them exactly a field's heading: a new table starts."""
    filled = [c for c in cells if not _blank(c)]
    if len(filled) < 2 or not all(isinstance(c, str) for c in filled):
        return False
    names = {norm_header(n) for f in kind.fields for n in f.names()}
    return any(norm_header(c) in names for c in filled)


def _import_one(
    ctx: ImportContext,
    kind: ImportKind,
    layout: Layout,
    report: ImportReport,
    number: int,
    raw: dict[str, Any],
) -> None:
    values: dict[str, Any] = {}
    failed = False
    for key, value in raw.items():
        f = kind.field(key)
        try:
            values[key] = parse_cell(f, value)
        except ValidationError as exc:
            failed = True
            report.lines.append(
                ReportLine(number, "error", layout.header_for(key), cell_text(value), str(exc))
            )
    missing = [f for f in kind.fields if f.required and f.key not in values and f.key not in raw]
    for f in missing:
        failed = True
        report.lines.append(
            ReportLine(
                number, "error", layout.header_for(f.key), "", f"Enter the {f.label.lower()}."
            )
        )
    if failed:
        return
    try:
        with ctx.store.transaction():  # a savepoint: a failed row leaves nothing behind
            outcome = kind.import_row(ctx, values)
    except ValidationError as exc:
        ctx.forget()
        bad = _field_of(kind, exc.field)
        report.lines.append(
            ReportLine(
                number,
                "error",
                layout.header_for(bad) if bad else "",
                cell_text(raw.get(bad)) if bad else "",
                str(exc),
            )
        )
        return
    except LscpError as exc:
        ctx.forget()
        report.lines.append(ReportLine(number, "error", reason=str(exc)))
        return
    reason = "; ".join(outcome.notes)
    report.lines.append(ReportLine(number, outcome.action, reason=reason, record=outcome.what))


def _required(kind: ImportKind) -> list[tuple[str, ImportField]]:
    return [(f.key, f) for f in kind.fields if f.required]


def _field_of(kind: ImportKind, name: str | None) -> str | None:
    if not name:
        return None
    keys = {f.key for f in kind.fields}
    if name in keys:
        return name
    trimmed = name.removesuffix("_id")
    if trimmed in keys:
        return trimmed
    return None
