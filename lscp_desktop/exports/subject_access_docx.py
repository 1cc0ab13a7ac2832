"""The subject access document: everything the partnership holds about one person, for them.

Written for the person, not for the business unit: what the document is and why they have it,
a summary of what follows, each kind of record as a short explanation and a table, how long the
partnership keeps it, and their other rights. The data comes from
:func:`~lscp_desktop.models.privacy.subject_access.subject_access`.
"""

from __future__ import annotations

from pathlib import Path

from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.privacy.records import SubjectAccess
from lscp_desktop.models.privacy.subject_access import subject_access
from lscp_desktop.models.store.database import Store

#: Column widths (cm) of each part's table on a portrait A4 page (16.6 cm between margins).
_WIDTHS = {
    "Your details": [5.0, 11.6],
    "Your roles in the partnership": [4.6, 4.2, 2.2, 2.2, 3.4],
    "The bodies you sit on": [3.8, 1.9, 2.4, 2.1, 2.0, 2.0, 2.4],
    "Meetings": [2.1, 3.8, 3.1, 2.6, 2.6, 2.4],
    "Interests you declared": [2.1, 3.8, 4.2, 6.5],
    "Actions you own": [2.8, 5.6, 2.1, 2.0, 2.0, 2.1],
    "Progress notes you wrote": [2.1, 2.8, 11.7],
    "Risks you own or reviewed": [2.6, 7.0, 2.4, 2.2, 2.4],
    "Items you presented and papers you wrote": [2.1, 4.0, 6.9, 3.6],
    "Training you delivered": [2.1, 12.6, 1.9],
    "Other records that mention you": [4.6, 3.0, 9.0],
    "Changes recorded about you": [2.6, 3.2, 4.4, 3.2, 3.2],
}


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    if options.person_id is None:
        raise ValidationError("Choose the person whose data is to be exported.", "person")
    progress(0, 3, "Gathering what is held")
    data = subject_access(store, options.person_id)
    people_years = settings.get_int(store, "retention_people_years")
    audit_years = settings.get_int(store, "retention_audit_years")
    progress(1, 3, "Writing the document")
    doc = WordDocument(
        title=f"Personal data held about {data.person}",
        partnership=data.partnership,
        marking=options.marking,
        template=options.template,
    )
    _write(doc, data, people_years, audit_years)
    progress(2, 3, "Saving")
    saved = doc.save(path)
    progress(3, 3, "Done")
    return saved


def _write(doc: WordDocument, data: SubjectAccess, people_years: int, audit_years: int) -> None:
    produced = uk(data.produced)
    doc.title(
        f"Personal data held about {data.person}",
        f"{data.partnership} — produced on {produced}",
    )
    doc.heading("About this document", 1)
    doc.paragraph(
        f"This is a copy of the personal data {data.partnership} holds about you in its "
        "partnership records: the system its business unit uses to run the partnership's "
        "meetings, membership, action logs and registers. You have it because you asked for it: "
        "Article 15 of the UK General Data Protection Regulation gives you the right to a copy "
        f"of your personal data. It shows everything held on {produced}."
    )
    doc.paragraph(
        "The partnership holds it to do its statutory job of safeguarding children: to invite "
        "members to meetings, record who attended, the interests declared and the decisions "
        "and actions agreed, follow up actions and risks, and report on its work each year."
    )
    doc.heading("What this document contains", 1)
    doc.table(
        ["Part", "Records"],
        [[s.title, str(len(s.rows)) if s.rows else "None"] for s in data.sections[1:]],
        widths_cm=[12.0, 4.6],
        right_align=[1],
    )
    for section in data.sections:
        doc.heading(section.title, 1)
        intro = doc.paragraph(section.intro)
        intro.paragraph_format.keep_with_next = True  # never a heading alone at a page end
        if section.rows:
            table = doc.table(
                list(section.headings),
                [list(r) for r in section.rows],
                widths_cm=_WIDTHS.get(section.title),
            )
            for cell in table.rows[0].cells:  # nor a header row without its first row
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        else:
            doc.paragraph("Nothing is recorded.", italic=True)
    doc.heading("How long it is kept", 1)
    doc.paragraph(
        f"The partnership erases the details of people who left more than {people_years} years "
        "ago, unless they are linked to a child safeguarding practice review, and clears the "
        f"detail of its record of changes after {audit_years} years. The minutes and decisions "
        "of its meetings and its published reports are kept as the partnership's formal record."
    )
    doc.heading("Your other rights", 1)
    for text in (
        "To have anything wrong or incomplete corrected (Article 16).",
        "To have your personal data erased where the partnership no longer has a reason to "
        "keep it (Article 17). The partnership's formal record, such as approved minutes, is "
        "kept for its public task.",
        "To ask for its use to be restricted, or to object to it (Articles 18 and 21).",
        "To complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113) if "
        "you are unhappy with how your data is handled.",
    ):
        doc.bullet(text)
    doc.paragraph(
        "To use any of these rights, contact the partnership's business unit or the data "
        "protection officer of the organisation that hosts it."
    )
