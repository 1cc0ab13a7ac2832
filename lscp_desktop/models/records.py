"""The base of the domain's dataclass records: build one from a database row."""

from __future__ import annotations

from dataclasses import fields
from typing import ClassVar, Self

from lscp_desktop.models.store import Row


class Record:
    """``from_row`` builds a dataclass from a row, ignoring columns it does not declare.

    The field names are worked out once per class: lists build hundreds of records at a time.
    """

    _field_names: ClassVar[dict[type, frozenset[str]]] = {}

    @classmethod
    def from_row(cls, row: Row) -> Self:
        names = Record._field_names.get(cls)
        if names is None:
            names = Record._field_names[cls] = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
        return cls(**{k: v for k, v in row.items() if k in names})
