"""New actions saved many at a time (an import of tens of thousands of them).

:meth:`NewActions.add` checks one new action by the rules :func:`.saving.save_action` applies
to it (its values, its reference, the status change it starts with, its notes, every text
through the store's door) and raises the same :class:`ValidationError` for the first one broken,
having held nothing; :meth:`NewActions.flush` then writes the actions held, a table at a time:
the same rows, references, notes and audit entries as ``save_action`` (and ``add_note``) write
one action at a time. The caller holds the transaction; a body's numbering is held from the
first action numbered in it (:meth:`Store.lock_numbering`) to its end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.notes import recorded_by
from lscp_desktop.models.actions.saving import checked_values
from lscp_desktop.models.actions.status import planned_change
from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.dates import parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.store.database import Store

#: The columns of a note, in the order :func:`.notes.insert_note` writes them.
NOTE_COLUMNS = ("action_id", "note_date", "author_id", "kind", "text", "recorded_by")


@dataclass(slots=True)
class NewAction:
    """One new action held for the next :meth:`NewActions.flush` (its id known after it)."""

    row: dict[str, Any]
    #: The status change made just after it is added ({} for none), as ``save_action`` makes it.
    change: dict[str, Any]
    #: Its notes: (kind, text, ISO date), admitted.
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    id: int = 0

    @property
    def reference(self) -> str:
        return str(self.row["reference"])

    @property
    def title(self) -> str:
        return str(self.row["title"])

    @property
    def status(self) -> str:
        return str(self.change.get("status", self.row["status"]))


class NewActions:
    """New actions checked one by one and written together (see the module)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: list[NewAction] = []
        self._next: dict[int, int] = {}  # body id -> its next number, counting those held
        self._taken: set[tuple[int, int]] = set()  # (body id, number) of those held
        self._organisation_of: dict[int, int | None] = {}
        self._by = recorded_by(store)

    def check(
        self, values: dict[str, Any], *, code: str, on: dt.date, number: int | None = None
    ) -> NewAction:
        """A new action checked as ``save_action(store, values, allow_owner_left=True, on=on,
        number=number)`` would check it (the body, owner, organisation, priority and risk named
        are taken to exist: the caller found them), or what that would raise; not yet held
        (:meth:`hold`)."""
        clean, status, completed_on = checked_values(values, on)
        body_id = int(clean["body_id"])
        owner_id = clean["owner_id"]
        if owner_id is not None and clean["organisation_id"] is None:
            clean["organisation_id"] = self._organisation(owner_id)
        if number is not None:
            if (
                number < 1
                or (body_id, number) in self._taken
                or (q.action_number_used(self.store, body_id, number))
            ):
                raise ValidationError(
                    f"The reference {code}-{number:04d} is already used by another action.",
                    "reference",
                )
        else:
            number = self._next_number(body_id)
        row = {**clean, "status": "open", "completion_note": "", "number": number,
               "reference": f"{code}-{number:04d}"}  # fmt: skip
        row = text_policy.admit_values("actions", row)
        new = NewAction(row, {})
        if status != "open" or values.get("completion_note"):
            current = {**row, "completed_date": None, "reopened_count": 0}
            completion = as_text(values.get("completion_note"))
            changes, note_row = planned_change(current, status, completion, on, "", completed_on)
            if any(current[k] != v for k, v in changes.items()):
                new.change = {
                    k: text_policy.admit("actions", k, v) if isinstance(v, str) else v
                    for k, v in changes.items()
                }
            if note_row is not None:
                new.notes.append(self._note(note_row[0], note_row[1], on.isoformat()))
        return new

    def add_note(self, new: NewAction, text: str, on: dt.date) -> None:
        """Add a progress note to *new* (checked, not yet held) as ``add_note`` would."""
        body = as_text(text).strip()
        if not body:
            raise ValidationError("Write the progress note.", "text")
        day = parse_date(on, "date of the note")
        new.notes.append(self._note("progress", body, day.isoformat()))

    def hold(self, new: NewAction) -> None:
        """Hold *new* (checked) for the next :meth:`flush`: its number is taken from now."""
        body_id, number = int(new.row["body_id"]), int(new.row["number"])
        self.pending.append(new)
        self._taken.add((body_id, number))
        self._next[body_id] = max(self._next_number(body_id), number + 1)

    def latest_note(self, new: NewAction) -> tuple[str, str | None]:
        """The latest note (text, date) of *new* as the log would read it once written."""
        if not new.notes:
            return "", None
        _kind, text, day = max(reversed(new.notes), key=lambda n: n[2])
        return text, day

    def flush(self) -> list[NewAction]:
        """Write every action held (each gets its id); returns them."""
        done, self.pending = self.pending, []
        self._next.clear()  # read again: other writes may follow before the next batch
        self._taken.clear()
        if not done:
            return done
        store = self.store
        start = 0
        while start < len(done):  # runs of actions with the same columns (all, usually)
            columns = tuple(done[start].row)
            end = start
            while end < len(done) and tuple(done[end].row) == columns:
                end += 1
            run = done[start:end]
            ids = store.insert_many("actions", columns, [tuple(a.row.values()) for a in run])
            for a, new_id in zip(run, ids, strict=True):
                a.id = new_id
            start = end
        store.update_many(
            "actions",
            [(a.id, {**a.row, "completed_date": None, "row_version": 1}, a.change)
             for a in done if a.change],
        )  # fmt: skip
        store.insert_many(
            "action_notes",
            NOTE_COLUMNS,
            [(a.id, day, None, kind, text, self._by) for a in done for kind, text, day in a.notes],
        )
        return done

    def _note(self, kind: str, text: str, day: str) -> tuple[str, str, str]:
        return kind, text_policy.admit("action_notes", "text", text), day

    def _organisation(self, owner_id: int) -> int | None:
        if owner_id not in self._organisation_of:
            owner = self.store.require("people", owner_id, "person")
            self._organisation_of[owner_id] = owner["organisation_id"]
        return self._organisation_of[owner_id]

    def _next_number(self, body_id: int) -> int:
        if body_id not in self._next:
            self.store.lock_numbering("actions", body_id)
            self._next[body_id] = q.next_action_number(self.store, body_id)
        return self._next[body_id]
