"""What the privacy area hands to the window, the command line and the subject access document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class StoredIdentity:
    """A stored text that looks like part of a child's identity, and where it is."""

    table: str
    record_id: int
    #: The record in words: "Action EXEC-0042 Chase the GP", "History of people #12".
    record: str
    field: str
    #: What was found: "a date of birth: 'born 14/03/2026'".
    found: str
    #: Where it opens: a page key or "page:part" (as on the Home page), and the record's id.
    page: str | None
    open_id: int | None
    #: For a history entry: the audit log entry's id (its detail can be cleared).
    audit_id: int | None = None


@dataclass(frozen=True)
class Section:
    """One part of a subject access document: a heading, a sentence, and a table."""

    title: str
    intro: str
    headings: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


@dataclass(frozen=True)
class SubjectAccess:
    """Everything the partnership holds about one person, in words a lay person can read."""

    partnership: str
    person: str
    person_id: int
    produced: dt.date
    sections: list[Section]


@dataclass(frozen=True)
class Mention:
    """A text field that names the person exactly (their name, email or phone)."""

    table: str
    record_id: int
    column: str
    what: str  # "Progress note on EXEC-0042"
    text: str
    #: Kept as it is: the partnership's formal record (minutes and decisions of a held meeting,
    #: a published review or report), held for its public task (UK GDPR Art 17(3)(b)).
    formal: bool


@dataclass
class ErasurePlan:
    """What "Erase this person" will change, for the confirmation."""

    person_id: int
    name: str
    label: str
    #: Records that point at the person, kept (they show the label): {"memberships": 3, …}.
    linked: dict[str, int]
    mentions: list[Mention]
    history_entries: int
    same_name: int
    backups: list[Path]
    deleted: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def replaced(self) -> list[Mention]:
        return [m for m in self.mentions if not m.formal]

    @property
    def kept(self) -> list[Mention]:
        return [m for m in self.mentions if m.formal]


@dataclass(frozen=True)
class Proposal:
    """One thing the retention schedule proposes to erase or clear."""

    kind: str  # "person", "deleted person", "history", "review"
    record_id: int
    what: str
    why: str
