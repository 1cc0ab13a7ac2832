"""The check before an agenda, a board pack or minutes goes out: what is missing, said once,
in the window or on the command line — never printed in the document itself.

It lists items proposed and not agreed with the chair (left out of the documents until they
are), items without a presenter, an agenda that overruns the meeting, papers not received or
received without a file, cover sheets with sections not written (left out of the pack), a
meeting with no venue (its papers say "to be confirmed"), and for minutes, the attendance not
recorded and items with nothing minuted. The user can still export; the check then says what
the document shows in place of what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import coversheets
from lscp_desktop.models.meetings.agenda import agreed_agenda, list_items
from lscp_desktop.models.meetings.meetings import get_meeting
from lscp_desktop.models.meetings.minutes_cycle import get_minutes
from lscp_desktop.models.meetings.papers import list_papers
from lscp_desktop.models.meetings.queries import attendance as attendance_queries
from lscp_desktop.models.meetings.records import AgendaItem, Meeting
from lscp_desktop.models.store.database import Store

DOCUMENTS = {"agenda": "agenda", "board-pack": "board pack", "minutes": "minutes"}
#: The cover sheet's sections, as the check names them.
SHEET_SECTIONS = {
    "summary": "summary",
    "recommendations": "recommendations",
    "risks": "risks and implications",
    "voice_of_child": "voice of the child",
}


@dataclass(frozen=True)
class Finding:
    """One thing missing: a sentence saying what, and what the document does about it."""

    text: str
    item_id: int | None = None


@dataclass
class Preflight:
    document: str
    meeting: Meeting
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def label(self) -> str:
        return DOCUMENTS[self.document]

    def headline(self) -> str:
        what = f"The {self.label} for {self.meeting.body} on {uk(self.meeting.date)}"
        if self.ok:
            return f"{what}: nothing is missing."
        n = len(self.findings)
        return f"{what}: {n} thing{'s' if n != 1 else ''} to look at before sending."

    def lines(self) -> list[str]:
        return [f.text for f in self.findings]


def preflight(store: Store, meeting_id: int, document: str) -> Preflight:
    """What is missing from the meeting's *document* ("agenda", "board-pack" or "minutes")."""
    if document not in DOCUMENTS:
        raise ValidationError(
            f"'{document}' has no check; use one of: {', '.join(DOCUMENTS)}.", "document"
        )
    meeting = get_meeting(store, meeting_id)
    report = Preflight(document, meeting)
    add = report.findings.append
    everything = list_items(store, meeting_id)
    timing = agreed_agenda(store, meeting_id)
    items = timing.items
    for item in everything:
        if item.proposed:
            verb = "was never agreed" if document == "minutes" else "is not agreed with the chair"
            add(Finding(f"\u201c{item.title}\u201d is proposed and {verb}: it is left out of "
                        f"the {report.label}{'' if document == 'minutes' else ' until it is'}.",
                        item.id))  # fmt: skip
    if document == "minutes":
        _minutes_findings(store, meeting, items, add)
        return report
    for item in items:
        if not item.presenter and not item.standing:
            add(Finding(f"{_item(item)} has no presenter.", item.id))
    if timing.overrun_minutes > 0:
        add(Finding(timing.warning))
    if not meeting.venue and not meeting.online_link:
        add(Finding("No venue or online link is recorded: the papers say the venue is "
                    "\u201cto be confirmed\u201d."))  # fmt: skip
    numbers = {i.id: i for i in items}
    for paper in list_papers(store, meeting_id):
        on = numbers.get(paper.agenda_item_id or 0)
        if on is None or paper.status == "withdrawn":
            continue
        item = on
        if paper.status in ("requested", "late"):
            by = f" from {paper.author}" if paper.author else ""
            shown = "lists it as to follow" if document == "board-pack" else "gives its number"
            add(Finding(f"{_item(item)}: the paper \u201c{paper.title}\u201d{by} has not been "
                        f"received (due {uk(paper.deadline)}); the {report.label} {shown}.",
                        item.id))  # fmt: skip
        elif document == "board-pack" and not paper.stored_name:
            add(Finding(f"{_item(item)}: the paper \u201c{paper.title}\u201d has no file "
                        "attached; the pack lists it as circulated separately.",
                        item.id))  # fmt: skip
    if document == "board-pack":
        _cover_sheet_findings(store, meeting_id, items, add)
    return report


def _item(item: AgendaItem) -> str:
    return f"Item {item.position} \u201c{item.title}\u201d"


def _cover_sheet_findings(store: Store, meeting_id: int, items: list[AgendaItem], add: Any) -> None:
    """Items that have something to read in the pack whose cover sheet is not written."""
    sheets = coversheets.cover_sheets_for_meeting(store, meeting_id)
    reports = coversheets.meeting_reports([(i.id, i.title) for i in items], sheets)
    with_papers = {p.agenda_item_id for p in list_papers(store, meeting_id)
                   if p.status != "withdrawn"}  # fmt: skip
    for item in items:
        sheet = sheets.get(item.id) or coversheets.CoverSheet(agenda_item_id=item.id)
        if not (item.id in with_papers or reports[item.id] or not sheet.is_empty):
            continue  # a verbal item has no cover sheet
        missing = [
            label for key, label in SHEET_SECTIONS.items() if not getattr(sheet, key).strip()
        ]
        if not sheet.author.strip() and not item.presenter:
            missing.insert(0, "report author")
        if missing:
            add(Finding(f"{_item(item)}: the cover sheet has no {_and(missing)}; "
                        f"{'that is' if len(missing) == 1 else 'those are'} left out of the "
                        "pack.", item.id))  # fmt: skip


def _minutes_findings(store: Store, meeting: Meeting, items: list[AgendaItem], add: Any) -> None:
    if not attendance_queries.register_rows(store, meeting.id):
        add(Finding("No attendance is recorded: the minutes cannot say who was present."))
    record = get_minutes(store, meeting.id)
    shown = "marked \u201cNoted\u201d" if record.unminuted_items == "noted" else "left out"
    for item in items:
        if not item.minute_text.strip() and not item.decisions.strip():
            add(Finding(f"{_item(item)} has nothing minuted: it is {shown} in the minutes.",
                        item.id))  # fmt: skip


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
