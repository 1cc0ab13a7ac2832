"""What an email says and to whom, before it is written as a draft (no file format here)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Addressee:
    """One recipient: their name, address (empty when none is held), and why they get it."""

    name: str
    email: str
    organisation: str = ""
    role: str = ""

    @property
    def label(self) -> str:
        """'Aisha Dixon (Metropolitan Police)'."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


@dataclass(frozen=True)
class Table:
    """A table in the body of an email: headings and rows of text."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


#: A paragraph (text; a blank line inside starts a new one) or a table.
Block = str | Table


@dataclass(frozen=True)
class Attach:
    """Something to attach, said by what it is; the exports layer makes or finds the file.

    ``kind``: "file" (an existing file at ``path``), "cover-sheet" (the item's cover sheet,
    ``item_id``) or "board-pack" (the meeting's pack, ``meeting_id``, without the papers for
    members only unless ``with_members_only``)."""

    kind: str
    name: str
    path: str = ""
    item_id: int | None = None
    meeting_id: int | None = None
    with_members_only: bool = True


@dataclass(frozen=True)
class Invitation:
    """A meeting as a calendar invitation: REQUEST (new or changed) or CANCEL."""

    meeting_id: int
    method: str  # "REQUEST" or "CANCEL"
    sequence: int
    summary: str
    start: str  # ISO date and time, local (Europe/London)
    minutes: int
    location: str
    description: str
    online_link: str = ""


@dataclass
class Mail:
    """One draft: its recipients, subject, body and what goes with it."""

    kind: str
    to: list[Addressee]
    subject: str
    blocks: list[Block]
    file_stem: str
    attachments: list[Attach] = field(default_factory=list)
    invitation: Invitation | None = None
    #: What to record once the draft is written: ("actions", ids) chased, ("papers", ids)
    #: requested.
    records: tuple[str, tuple[int, ...]] | None = None
    #: The protective marking of what is attached ("" when nothing marked goes with it).
    marking: str = ""


@dataclass(frozen=True)
class NotSent:
    """Someone who should have had an email but cannot be sent one, and why."""

    who: str
    reason: str


@dataclass
class Batch:
    """The drafts of one task and the people left out of them (never silently)."""

    kind: str
    mails: list[Mail] = field(default_factory=list)
    not_sent: list[NotSent] = field(default_factory=list)
    #: A sentence saying what was chosen: "Chasing 4 owners for 11 actions".
    summary: str = ""


@dataclass
class Written:
    """What writing a batch produced: the files, the people left out, what was recorded."""

    kind: str
    paths: list[str] = field(default_factory=list)
    not_sent: list[NotSent] = field(default_factory=list)
    recorded: str = ""
    notes: list[str] = field(default_factory=list)
