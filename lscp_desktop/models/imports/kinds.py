"""What an import kind declares: its fields (with synonyms) and how one row becomes a record.

A kind's ``import_row(ctx, values)`` receives the row's values already parsed by field type
(dates as ``datetime.date``, times as ``HH:MM``, money as pence, yes/no as bool; text
stripped; a blank cell is absent) and saves through the domain's own ``save_…`` functions, so
the same validation applies as in the window. It returns a :class:`Outcome`; a
:class:`ValidationError` marks the row bad.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FieldType = Literal["text", "date", "time", "money", "bool", "int", "rag", "status"]
Action = Literal["imported", "updated", "unchanged"]


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    type: FieldType = "text"
    help: str = ""

    def names(self) -> tuple[str, ...]:
        """Every header that means this field (its key and label first)."""
        return (self.key.replace("_", " "), self.label, *self.synonyms)


@dataclass
class Outcome:
    action: Action
    record_id: int | None = None
    #: A short description of the record for the report, e.g. "Jo Bloggs on the Executive".
    what: str = ""
    #: Extra things the user should know (e.g. "created organisation X").
    notes: list[str] = field(default_factory=list)


RowFunction = Callable[["ImportContext", dict[str, Any]], Outcome]
#: Checks a row and holds it to be written with others (see ``ImportKind.queue_row``).
QueueFunction = Callable[["ImportContext", dict[str, Any]], "Outcome | None"]


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str
    description: str
    fields: tuple[ImportField, ...]
    import_row: RowFunction
    #: Fields of which at least one must be present for a row to be a record at all; a row
    #: with none of them (a note under the table, a subtotal) is skipped, and says so.
    identity: tuple[str, ...] = ()
    needs_year: bool = False
    #: Optional: the kind's current records as rows of field values, for templates and
    #: round-trip tests.
    export_rows: Callable[[Any], list[dict[str, Any]]] | None = None
    #: The field behind a database column whose name differs from the field's, so a refusal
    #: from the store (which names the column) points at the spreadsheet's column.
    column_fields: dict[str, str] = field(default_factory=dict)
    #: Optional: checks a row as ``import_row`` would and holds it, to be written with other
    #: rows (``ImportContext.flush``), returning its outcome; or returns None (having changed
    #: nothing) for a row ``import_row`` must import. It writes nothing itself, so a row it
    #: refuses needs no savepoint to leave nothing behind.
    queue_row: QueueFunction | None = None

    def field(self, key: str) -> ImportField:
        return self._by_key[key]

    @functools.cached_property
    def required_fields(self) -> tuple[ImportField, ...]:
        """The fields every row must fill (asked for once per imported row)."""
        return tuple(f for f in self.fields if f.required)

    @functools.cached_property
    def _by_key(self) -> dict[str, ImportField]:
        """The fields by key (asked for once per cell of every imported row)."""
        return {f.key: f for f in self.fields}

    def identity_fields(self) -> tuple[str, ...]:
        return self.identity or tuple(f.key for f in self.fields if f.required)
