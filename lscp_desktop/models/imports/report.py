"""What an import did, row by row: the report the window shows and the command line prints."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lscp_desktop.models.imports.kinds import ImportKind

Status = Literal["imported", "updated", "unchanged", "skipped", "error"]


@dataclass(slots=True)
class ReportLine:
    row: int
    status: Status
    column: str = ""
    value: str = ""
    reason: str = ""
    #: The record the row became, e.g. "Jo Bloggs: chair, Executive" (rows that worked).
    record: str = ""


@dataclass
class OrganisationGuess:
    """An organisation an import would create: the kind and sector it would get, and why.
    The window lets the user change them before importing (``ImportOptions.organisations``)."""

    name: str
    kind: str
    sector: str
    reason: str
    #: True when the kind came from the file or the user, not from the name.
    given: bool = False


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
    #: The organisations created along the way, with the kind each would get.
    guesses: list[OrganisationGuess] = field(default_factory=list)
    #: Names taken as an organisation already recorded ("'Met Police' taken as …").
    matched: list[str] = field(default_factory=list)
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
        return list(self.iter_text_lines())

    def iter_text_lines(self) -> Iterator[str]:
        """:meth:`text_lines` one at a time (a report of 48,000 rows is not held twice)."""
        yield (
            f"{self.kind.label} from {self.path.name}"
            + ("" if self.path.suffix.lower() == ".csv" else f", sheet '{self.sheet}'")
            + f", headings in row {self.header_row}"
        )
        yield "Columns: " + "; ".join(f"{k} <- {h!r}" for k, h in self.mapping.items() if h) + "."
        for line in self.lines:
            where = f"row {line.row}"
            if line.column:
                where += f", {line.column}"
            value = f" {line.value!r}" if line.value else (f" {line.record}" if line.record else "")
            yield f"  {where}:{value} {line.status}" + (f": {line.reason}" if line.reason else "")
        if self.created:
            yield self.created_summary()
        for guess in self.guesses:
            how = "as given" if guess.given else guess.reason
            yield f"  new organisation {guess.name}: {guess.kind}, {guess.sector} ({how})"
        for text in self.matched:
            yield f"  {text}"
        yield self.summary()
