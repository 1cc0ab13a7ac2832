"""The meetings page's forms open the record they edit at the version its values were read at
(issue 22): a save over a colleague's change since is refused and the form asks (keep theirs,
overwrite with mine, back to the form; :meth:`~lscp_desktop.ui.forms.RecordDialog.ask`).

Some forms show values made from the record rather than its columns (a meeting's end time from
its start and length, a cadence's month by name): keeping theirs shows their version the way
the form does, through *as_form*."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.models.store.versions import OpenedRecord


@dataclass
class FormRecord(OpenedRecord):
    """An opened record whose form shows *as_form* of it (None: its columns as they are)."""

    as_form: Callable[[Row], dict[str, Any]] | None = None

    def take_theirs(self) -> Row:
        row = super().take_theirs()
        return row if self.as_form is None else self.as_form(row)


def open_record(
    store: Store,
    table: str,
    record_id: int | None,
    version: int | None = None,
    as_form: Callable[[Row], dict[str, Any]] | None = None,
) -> FormRecord | None:
    """The record a form edits, at *version* (the one its values were read at; None: now);
    None when there is no record yet (the form adds one) or its table keeps no versions."""
    if record_id is None:
        return None
    opened = OpenedRecord.open(store, table, record_id, version)
    if opened is None:
        return None
    return FormRecord(opened.store, opened.table, opened.record_id, opened.version,
                      opened.since, as_form=as_form)  # fmt: skip


def kept_theirs(opened: OpenedRecord | None) -> bool:
    """Whether the user kept a colleague's changes instead of saving (the page then shows
    them, though the form was closed without saving)."""
    return opened is not None and opened.reloaded


def outcome(saved: object, opened: OpenedRecord | None, what: str) -> str:
    """What a form for a record the page does not show did, for the status bar: "Cadence
    saved.", "A colleague's cadence was kept; nothing of yours was saved.", or "" (cancelled)."""
    if saved is not None:
        return f"{what} saved."
    if kept_theirs(opened):
        return f"A colleague's {what.lower()} was kept; nothing of yours was saved."
    return ""
