"""The action logs' records and constants: statuses, sources, RAG ratings, and the records a log
shows (an action, its notes, a priority, an owner's chase entry, a meeting's action log)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError

STATUSES = ("open", "in progress", "on hold", "completed", "closed", "cancelled")
#: Statuses of an action still being worked on.
OPEN_STATUSES = frozenset({"open", "in progress", "on hold"})
#: Statuses that need a completion note.
DONE_STATUSES = frozenset({"completed", "closed"})
FINISHED_STATUSES = DONE_STATUSES | {"cancelled"}

SOURCES = ("meeting", "practice review", "audit", "risk", "other")
#: The column linking an action to the record it came from, per kind of source. Other domains
#: add theirs (e.g. ``"practice review": "review_id"``) after adding the column in a migration.
SOURCE_LINKS: dict[str, str] = {"meeting": "agenda_item_id", "risk": "risk_id"}

RAG_RED, RAG_AMBER, RAG_GREEN, RAG_COMPLETE, RAG_CANCELLED = (
    "red",
    "amber",
    "green",
    "complete",
    "cancelled",
)
RAGS = (RAG_RED, RAG_AMBER, RAG_GREEN, RAG_COMPLETE, RAG_CANCELLED)
RAG_LABELS = {
    RAG_RED: "Red",
    RAG_AMBER: "Amber",
    RAG_GREEN: "Green",
    RAG_COMPLETE: "Complete",
    RAG_CANCELLED: "Cancelled",
}


@dataclass(slots=True)
class Action:
    id: int
    body_id: int
    body_code: str
    body: str
    number: int
    reference: str
    title: str
    detail: str
    source: str
    agenda_item_id: int | None
    risk_id: int | None
    source_note: str
    source_label: str
    owner_id: int | None
    owner: str
    owner_email: str
    organisation_id: int | None
    organisation: str
    priority_id: int | None
    priority: str
    raised_date: str
    due_date: str
    status: str
    completed_date: str | None
    completion_note: str
    reopened_count: int
    #: When the owner was last asked for an update (a chase drafted), and how many times.
    chased_on: str | None
    times_chased: int
    latest_note: str
    latest_note_date: str | None
    next_meeting: str | None
    rag: str = ""
    search_text: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(slots=True)
class ActionNote:
    id: int
    action_id: int
    note_date: str
    author_id: int | None
    author: str
    kind: str
    text: str
    #: The operating-system user who recorded it ("" when not known: older notes, the demo).
    recorded_by: str = ""

    @property
    def by(self) -> str:
        """Whose note it is: the person named as its author, else who recorded it."""
        return self.author or self.recorded_by


@dataclass(slots=True)
class LogNote:
    """A note with its action's reference, for exports of a whole log."""

    reference: str
    note_date: str
    author: str
    kind: str
    text: str
    recorded_by: str = ""

    @property
    def by(self) -> str:
        return self.author or self.recorded_by


@dataclass
class Priority:
    id: int
    name: str
    description: str = ""
    position: int = 0
    active: int = 1
    action_count: int = 0
    #: The priority holds from and to these dates (ISO); both empty: while it is active.
    valid_from: str | None = None
    valid_to: str | None = None
    #: The version the record was read at (see models/store/versions.py).
    row_version: int = 1

    def holds_during(self, start: str, end: str) -> bool:
        """Whether the priority held at some time from *start* to *end* (ISO dates)."""
        if self.valid_from is None and self.valid_to is None:
            return bool(self.active)
        return (self.valid_from or "") <= end and (self.valid_to or "9999") >= start

    @property
    def period(self) -> str:
        """'from 01/04/2019 to 31/03/2021', 'from 01/04/2023', or '' when undated."""
        parts = [f"from {uk(self.valid_from)}" if self.valid_from else ""]
        parts.append(f"to {uk(self.valid_to)}" if self.valid_to else "")
        return " ".join(p for p in parts if p)


@dataclass
class ChaseEntry:
    """What one owner still owes: their open actions, overdue first."""

    owner_id: int | None
    owner: str
    organisation: str
    email: str
    has_left: bool
    actions: list[Action]

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.rag == RAG_RED)


@dataclass
class ActionsForMeeting:
    """The action log for a body's next meeting: open actions and those finished since the
    last meeting, in reference order."""

    body_id: int
    meeting_id: int | None
    meeting_date: str | None
    since: str | None
    actions: list[Action] = field(default_factory=list)


class OwnerHasLeftError(ValidationError):
    """The chosen owner is inactive or their membership has ended; the caller may confirm."""
