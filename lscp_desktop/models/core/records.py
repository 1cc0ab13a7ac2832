"""The base of the domain's dataclass records: build one from a database row."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, ClassVar, Self

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Row, Store


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


def save_record(store: Store, table: str, record_id: int | None, values: dict[str, Any]) -> int:
    """Insert *values* as a new row (*record_id* None) or update that row; return its id."""
    if record_id is None:
        return store.insert(table, values)
    store.update(table, record_id, values)
    return record_id


def optional_id(values: dict[str, Any], key: str) -> int | None:
    """The record id a form chose under *key*, or None when nothing was chosen."""
    value = values.get(key)
    if value in (None, "", 0):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"'{value}' is not a record number.", key) from None


def required_id(values: dict[str, Any], key: str, label: str) -> int:
    """The id of the record a form chose under *key*; nothing chosen is refused with
    "Choose the *label*." (a picker left blank)."""
    raw = values.get(key)
    if raw is None or raw == "":
        raise ValidationError(f"Choose the {label}.", key)
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationError(f"Choose the {label}.", key) from None
