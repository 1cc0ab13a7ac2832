"""The documents and workbooks the Reports page and ``lscp-desktop export`` can produce.

Each kind names a build function as "module:function", imported only when used, with the
signature ``build(store, options, path, progress) -> Path``. ``progress(done, total, text)``
may raise to cancel; builders write through ``write_atomically`` so a cancelled or failed
export leaves no half-written file.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.meetings.preflight import Preflight

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportOptions:
    marking: str = "OFFICIAL"
    template: str | None = None
    meeting_id: int | None = None
    item_id: int | None = None
    year: str | None = None
    body_id: int | None = None
    register: str | None = None
    person_id: int | None = None
    #: Also save a tagged PDF beside a Word document (:mod:`lscp_desktop.exports.pdf`).
    pdf: bool = False


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    description: str
    suffix: str
    build: str
    #: What the user must choose first: "", "meeting", "item", "year", "body" or "person".
    needs: str = ""
    #: What the user may choose to narrow it, left empty for "all" (e.g. "body").
    optional: tuple[str, ...] = ()
    #: The document has a pre-flight check (:mod:`lscp_desktop.models.meetings.preflight`).
    checked: bool = False

    def run(self, store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
        """Build the file; with ``options.pdf``, a Word document is also saved as a PDF beside
        it (its path: the result's with ``.pdf``)."""
        module, _, name = self.build.partition(":")
        fn: Any = getattr(importlib.import_module(module), name)
        result: Path = fn(store, options, path, progress)
        if options.pdf and self.suffix == ".docx":
            from lscp_desktop.exports.pdf import save_pdf

            progress(0, 0, "Saving the PDF")
            save_pdf(result)
        return result

    def default_name(self, detail: str = "", today: dt.date | None = None) -> str:
        """A file name from the document and the date: "Board pack - EXEC 16-12-2026.docx",
        or "Risk register - 05-12-2026.xlsx" (today's date when *detail* holds no date)."""
        detail = " ".join(detail.replace("/", "-").split())
        parts = [self.label, detail] if detail else [self.label]
        if not re.search(r"\d{2}-\d{2}-\d{4}", detail):
            parts.append(f"{today or dt.date.today():%d-%m-%Y}")
        return " - ".join(parts) + self.suffix


EXPORT_KINDS: list[ExportKind] = [
    ExportKind(
        "membership",
        "Membership of the partnership",
        "Who sits on each body, in what role, with deputies and organisations: the usual "
        "appendix to terms of reference and to the yearly report.",
        ".docx",
        "lscp_desktop.exports.membership_docx:build",
    ),
    ExportKind(
        "calendar",
        "Meetings calendar",
        "Every meeting of one body, or of all bodies, as a calendar file for Outlook. "
        "Importing a newer file updates the entries; cancelled meetings show as cancelled.",
        ".ics",
        "lscp_desktop.exports.calendar_ics:build",
        optional=("body",),
    ),
    ExportKind(
        "funding",
        "Funding workbook",
        "The year's partner contributions (agreed, received, outstanding, shares), budget and "
        "spend with variances, reserves and a comparison over the years, as a live Excel "
        "workbook whose totals are formulas.",
        ".xlsx",
        "lscp_desktop.exports.funding_xlsx:build",
        needs="year",
    ),
    ExportKind(
        "actions",
        "Action log workbook",
        "Every action of the partnership (or, from the command line, one body's) with owner, "
        "dates, status, RAG and latest note, and a second sheet of progress notes: an Excel "
        "table to filter, share or read back in.",
        ".xlsx",
        "lscp_desktop.exports.actions_xlsx:build_actions",
        optional=("body",),
    ),
    ExportKind(
        "risks",
        "Risk registers workbook",
        "The strategic, operational and subgroup risk registers with inherent, residual and "
        "target scores, appetite, controls and review dates, and every review on a second sheet.",
        ".xlsx",
        "lscp_desktop.exports.actions_xlsx:build_risks",
        optional=("register",),
    ),
    ExportKind(
        "escalations",
        "Escalation log workbook",
        "The professional challenge and escalation log (one financial year's, or all of it): "
        "who raised each challenge with whom, why, each stage and its date, the outcome and "
        "learning, with counts by stage, agency, reason and outcome on a second sheet.",
        ".xlsx",
        "lscp_desktop.exports.escalations_xlsx:build",
        optional=("year",),
    ),
    # ---- board papers (issue 5): lscp_desktop/exports/board/
    ExportKind(
        "agenda",
        "Agenda",
        "The meeting's agenda: date, time and venue, each item with its number, purpose, "
        "presenter, start time and paper reference, members invited and apologies received.",
        ".docx",
        "lscp_desktop.exports.board.papers:build_agenda",
        needs="meeting",
        checked=True,
    ),
    ExportKind(
        "cover-sheet",
        "Cover sheet",
        "The report cover sheet for one agenda item: author, purpose, summary, "
        "recommendations, risks and implications and the voice of the child.",
        ".docx",
        "lscp_desktop.exports.board.papers:build_cover_sheet",
        needs="item",
    ),
    ExportKind(
        "board-pack",
        "Board pack",
        "The whole pack for a meeting: contents, agenda, then each item's cover sheet, standard "
        "report and the partners' Word papers appended in agenda order, with page numbers "
        "throughout and other papers listed in an annex.",
        ".docx",
        "lscp_desktop.exports.board.pack:build",
        needs="meeting",
        checked=True,
    ),
    ExportKind(
        "minutes",
        "Minutes",
        "Minutes of a meeting: present, apologies, deputies, declarations, each item's minute "
        "and decisions, and the new actions with owners and dates.",
        ".docx",
        "lscp_desktop.exports.board.minutes:build",
        needs="meeting",
        checked=True,
    ),
    ExportKind(
        "decisions",
        "Decisions register",
        "Every decision minuted by every body (or one body's), newest first by financial "
        "year, with whether the minutes recording it have been approved.",
        ".docx",
        "lscp_desktop.exports.decisions:build_docx",
        optional=("body",),
    ),
    ExportKind(
        "decisions-workbook",
        "Decisions register workbook",
        "The decisions register as an Excel table to filter: date, body, item, decision and "
        "when the minutes were approved.",
        ".xlsx",
        "lscp_desktop.exports.decisions:build_xlsx",
        optional=("body",),
    ),
    ExportKind(
        "action-log",
        "Action log report",
        "One body's open actions and those finished since it last met, with RAG in words and "
        "colour, for its next meeting.",
        ".docx",
        "lscp_desktop.exports.board.reports:build_action_log",
        needs="body",
    ),
    ExportKind(
        "risk-summary",
        "Risk summary",
        "The strategic risk register at a glance: heat maps before and after controls, the top "
        "risks and the reviews overdue.",
        ".docx",
        "lscp_desktop.exports.board.reports:build_risk_summary",
    ),
    ExportKind(
        "finance-summary",
        "Finance summary",
        "The year's contributions received against agreed, and budget against actual spend.",
        ".docx",
        "lscp_desktop.exports.board.reports:build_finance_summary",
        needs="year",
    ),
    ExportKind(
        "annual-report",
        "Yearly report draft",
        "A draft of the partnership's yearly report with the sections Working Together "
        "expects, as at the year's end: meetings and attendance, the forum and learning hubs, "
        "priorities, reviews, audits and their findings, training, the risks as they stood on "
        "31 March, the partners, chairs, scrutineer and members of the year, money and in-kind "
        "contributions, with charts and placeholders for the narrative.",
        ".docx",
        "lscp_desktop.exports.board.annual:build",
        needs="year",
    ),
    ExportKind(
        "subject-access",
        "Subject access",
        "Everything the partnership holds about one person (UK GDPR Article 15): their record, "
        "roles, memberships, meetings, declarations, actions, notes, risks, training, other "
        "records that name them and the changes recorded, written for them to read.",
        ".docx",
        "lscp_desktop.exports.subject_access_docx:build",
        needs="person",
    ),
    ExportKind(
        "scrutineer-report",
        "Independent scrutineer's report draft",
        "A draft of the independent scrutineer's yearly report under the headings the "
        "arrangements set (seed 000, paragraph 76), pre-filled with the year's Section 11 and "
        "multi-agency audits, attendance and the minimum rules, escalations, practice reviews "
        "and their timescales, with placeholders for the scrutineer's judgements.",
        ".docx",
        "lscp_desktop.exports.board.scrutineer:build",
        needs="year",
    ),
    ExportKind(
        "yearly-report-dispatch",
        "Yearly report dispatch checklist",
        "One page for the business unit: who must receive the published yearly report and by "
        "when (the national Panel and What Works within seven days), and what has been sent.",
        ".docx",
        "lscp_desktop.exports.board.dispatch:build",
        needs="year",
    ),
]


def preflight(store: Store, kind: ExportKind, options: ExportOptions) -> Preflight | None:
    """The kind's pre-flight check for the chosen meeting, or None for other kinds."""
    if not kind.checked or options.meeting_id is None:
        return None
    from lscp_desktop.models.meetings.preflight import preflight as check

    return check(store, options.meeting_id, kind.key)


def find_kind(key: str) -> ExportKind:
    for kind in EXPORT_KINDS:
        if kind.key == key:
            return kind
    raise KeyError(key)


def choices_for(needs: str, store: Store) -> list[tuple[str, object]]:
    """What the user can pick for a kind's ``needs``: (label, value) pairs, newest first
    (meetings from the next one)."""
    from lscp_desktop.models.core.dates import FinancialYear
    from lscp_desktop.models.membership.bodies import list_bodies

    if needs == "year":
        current = FinancialYear.containing(dt.date.today())
        years = [FinancialYear(current.start_year - i) for i in range(10)]
        return [(y.label, y.label) for y in years]
    if needs == "body":
        return [(b.name, b.id) for b in list_bodies(store, active_only=True)]
    if needs == "register":
        from lscp_desktop.models.risks.records import REGISTER_LABELS

        return [(label, key) for key, label in REGISTER_LABELS.items()]
    provider = CHOICE_PROVIDERS.get(needs)
    if provider is None:
        return []
    module, _, name = provider.partition(":")
    fn: Any = getattr(importlib.import_module(module), name)
    result: list[tuple[str, object]] = fn(store)
    return result


#: Other domains add "module:function" providers for what their documents need (e.g. meetings).
CHOICE_PROVIDERS: dict[str, str] = {
    "meeting": "lscp_desktop.models.meetings.meetings:meeting_choices",
    "item": "lscp_desktop.models.meetings.agenda:item_choices",
    "person": "lscp_desktop.models.privacy.subject_access:person_choices",
}
