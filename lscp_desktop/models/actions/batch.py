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
from lscp_desktop.models.core.dates import parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.core.text_policy import Admitted, RowDoor
from lscp_desktop.models.store.database import Store

#: The columns of a note, in the order :func:`.notes.insert_note` writes them.
NOTE_COLUMNS = ("action_id", "note_date", "author_id", "kind", "text", "recorded_by")


#: The values a new action has before its first status change (what that change compares).
_ADDED = {"status": "open", "completion_note": "", "completed_date": None, "row_version": 1}


@dataclass(slots=True)
class NewAction:
    """One new action held for the next :meth:`NewActions.flush` (its id known after it)."""

    columns: tuple[str, ...]
    row: Admitted
    body_id: int
    number: int
    reference: str
    title: str
    #: The status change made just after it is added ({} for none), as ``save_action`` makes it.
    change: dict[str, Any]
    #: Its notes, admitted (the action's id put in when it is written).
    notes: list[Admitted] = field(default_factory=list)
    id: int = 0
    #: The caller's own (an import's keys it knows the action by).
    keys: tuple[Any, ...] = ()

    @property
    def status(self) -> str:
        return str(self.change.get("status", "open"))


class NewActions:
    """New actions checked one by one and written together (see the module)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: list[NewAction] = []
        #: Each body's numbers used (read once, its numbering held from then), and its next.
        self._numbers: dict[int, set[int]] = {}
        self._next: dict[int, int] = {}
        self._organisation_of: dict[int, int | None] = {}
        self._by = recorded_by(store)
        self._doors: dict[tuple[str, ...], RowDoor] = {}
        self._notes = RowDoor("action_notes", NOTE_COLUMNS)

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
            if number < 1 or number in self._used(body_id):
                raise ValidationError(
                    f"The reference {code}-{number:04d} is already used by another action.",
                    "reference",
                )
        else:
            self._used(body_id)
            number = self._next[body_id]
        added = {**clean, "status": "open", "completion_note": "", "number": number,
                 "reference": f"{code}-{number:04d}"}  # fmt: skip
        columns = tuple(added)
        row = self._door(columns).admit(tuple(added.values()))
        reference, title = row[columns.index("reference")], row[columns.index("title")]
        new = NewAction(columns, row, body_id, number, reference, title, {})
        if status != "open" or values.get("completion_note"):
            current = {**_ADDED, "reference": reference, "reopened_count": 0,
                       "raised_date": row[columns.index("raised_date")]}  # fmt: skip
            completion = as_text(values.get("completion_note"))
            changes, note_row = planned_change(current, status, completion, on, "", completed_on)
            if any(current[k] != v for k, v in changes.items()):
                new.change = self._door(tuple(changes)).admit_values(changes)
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
        self.pending.append(new)
        self.numbered(new.body_id, new.number)

    def numbered(self, body_id: int, number: int) -> None:
        """Know that *number* is used in the body's log (by an action held, or one saved by
        ``save_action`` in this transaction)."""
        self._used(body_id).add(number)
        self._next[body_id] = max(self._next[body_id], number + 1)

    def latest_note(self, new: NewAction) -> tuple[str, str | None]:
        """The latest note (text, date) of *new* as the log would read it once written."""
        if not new.notes:
            return "", None
        latest = max(reversed(new.notes), key=lambda n: str(n[1]))  # by date (the last of a day)
        return str(latest[4]), str(latest[1])

    def flush(self) -> list[NewAction]:
        """Write every action held (each gets its id); returns them."""
        done, self.pending = self.pending, []
        if not done:
            return done
        store = self.store
        start = 0
        while start < len(done):  # runs of actions with the same columns (all, usually)
            columns = done[start].columns
            end = start
            while end < len(done) and done[end].columns == columns:
                end += 1
            run = done[start:end]
            # each written with its status change in, audited as added then changed
            ids = store.insert_changed(
                "actions", columns, [a.row for a in run], [(_ADDED, a.change) for a in run]
            )
            for a, new_id in zip(run, ids, strict=True):
                a.id = new_id
            start = end
        store.insert_many(
            "action_notes",
            NOTE_COLUMNS,
            [note.with_value(0, a.id) for a in done for note in a.notes],
        )
        return done

    def _door(self, columns: tuple[str, ...]) -> RowDoor:
        door = self._doors.get(columns)
        if door is None:
            door = self._doors[columns] = RowDoor("actions", columns)
        return door

    def _note(self, kind: str, text: str, day: str) -> Admitted:
        return self._notes.admit((0, day, None, kind, text, self._by))

    def _organisation(self, owner_id: int) -> int | None:
        if owner_id not in self._organisation_of:
            owner = self.store.require("people", owner_id, "person")
            self._organisation_of[owner_id] = owner["organisation_id"]
        return self._organisation_of[owner_id]

    def _used(self, body_id: int) -> set[int]:
        numbers = self._numbers.get(body_id)
        if numbers is None:
            self.store.lock_numbering("actions", body_id)  # till the transaction ends
            numbers = self._numbers[body_id] = set(q.action_numbers(self.store, body_id))
            self._next[body_id] = max(numbers, default=0) + 1
        return numbers
