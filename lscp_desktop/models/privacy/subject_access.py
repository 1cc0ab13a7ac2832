"""Subject access: everything the partnership holds about one person, in plain words.

UK GDPR Article 15 gives each member of the partnership the right to a copy of their personal
data. :func:`subject_access` gathers it from every area (the person's record, roles and
memberships, meetings attended and interests declared, actions owned and notes written, risks
owned and reviewed, papers and items presented, training delivered, every other record that
names them, and the history of changes that mention them); the document is written by
``exports/subject_access_docx.py``.
"""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import NotFoundError
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.privacy import queries
from lscp_desktop.models.privacy.mentions import history_naming, mentions_of
from lscp_desktop.models.privacy.records import Section, SubjectAccess
from lscp_desktop.models.store.database import Row, Store

_STATUS = {
    "present": "present",
    "apologies": "sent apologies",
    "absent": "absent",
    "represented": "represented by a deputy",
}


def _yes(flag: object) -> str:
    return "Yes" if flag else "No"


def _rows(rows: list[Row], *keys: str) -> list[tuple[str, ...]]:
    return [tuple(_cell(r.get(k)) for k in keys) for r in rows]


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return uk(text) if len(text) == 10 and text[4] == "-" and text[7] == "-" else text


def subject_access(store: Store, person_id: int, *, today: dt.date | None = None) -> SubjectAccess:
    """What the partnership holds about person *person_id*, section by section."""
    person = queries.person(store, person_id)
    if person is None:
        raise NotFoundError(f"There is no person with id {person_id}.")
    partnership = get_partnership(store)
    name = str(person["name"])
    sections = [
        Section(
            "Your details",
            "The record kept about you so the partnership can invite you to meetings and "
            "reach you.",
            ("Detail", "What we hold"),
            [
                ("Name", name),
                ("Job title", person["job_title"]),
                ("Organisation", person["organisation"]),
                ("Email", person["email"]),
                ("Phone", person["phone"]),
                ("Current member of the partnership", _yes(person["active"])),
                ("Notes", person["notes"]),
            ],
        ),
        Section(
            "Your roles in the partnership",
            "Roles such as Lead or Delegated Safeguarding Partner, with their dates.",
            ("Role", "On behalf of", "From", "To", "Notes"),
            _rows(
                queries.roles_of(store, person_id),
                "role",
                "organisation",
                "start_date",
                "end_date",
                "notes",
            ),
        ),
        Section(
            "The bodies you sit on",
            "Your membership of the partnership's boards, groups and subgroups.",
            ("Body", "Role", "Deputy for", "Delegated authority", "From", "To", "Notes"),
            [
                (
                    r["body"],
                    r["role"],
                    r["deputy_for"],
                    _yes(r["delegated_authority"]),
                    _cell(r["start_date"]),
                    _cell(r["end_date"]),
                    r["notes"],
                )
                for r in queries.memberships_of(store, person_id)
            ],
        ),
        Section(
            "Chairing in turn",
            "Bodies whose chair rotates among the partners, where you are named to take a "
            "partner's turn.",
            ("Body", "For", "Turn", "Each turn", "From", "Notes"),
            [
                (
                    r["body"],
                    r["organisation"],
                    str(r["position"]),
                    f"{r['every_months']} months",
                    _cell(r["start_date"]),
                    r["notes"],
                )
                for r in queries.chair_turns_of(store, person_id)
            ],
        ),
        Section(
            "Meetings",
            "Whether you were recorded as present, sending apologies, absent or represented, "
            "and the meetings where you stood in for someone else.",
            ("Date", "Body", "Recorded as", "Deputy", "Standing in for", "Notes"),
            [_attended(r) for r in queries.attendance_of(store, person_id)],
        ),
        Section(
            "Interests you declared",
            "Declarations of interest recorded at meetings.",
            ("Date", "Body", "Agenda item", "Interest"),
            _rows(queries.declarations_of(store, person_id), "date", "body", "item", "interest"),
        ),
        Section(
            "Actions you own",
            "Actions in the partnership's action logs with you as the owner.",
            ("Reference", "Action", "Status", "Raised", "Due", "Completed"),
            _rows(
                queries.actions_owned(store, person_id),
                "reference",
                "title",
                "status",
                "raised_date",
                "due_date",
                "completed_date",
            ),
        ),
        Section(
            "Progress notes you wrote",
            "Notes on actions recorded as written by you.",
            ("Date", "Action", "Note"),
            _rows(queries.notes_written(store, person_id), "note_date", "reference", "text"),
        ),
        Section(
            "Risks you own or reviewed",
            "Risks on the partnership's registers with you as the owner, and reviews of risks "
            "you carried out.",
            ("Risk", "Title or note", "Status or date", "Raised", "Next review"),
            _rows(
                queries.risks_owned(store, person_id),
                "reference",
                "title",
                "status",
                "raised_date",
                "next_review",
            )
            + [
                ("Review of " + r["reference"], r["note"], _cell(r["review_date"]), "", "")
                for r in queries.risk_reviews_by(store, person_id)
            ],
        ),
        Section(
            "Items you presented and papers you wrote",
            "Agenda items with you as presenter, and papers with you as author.",
            ("Date", "Body", "Item or paper", "Your part"),
            [
                (_cell(r["date"]), str(r["body"]), str(r["title"]), "presented it")
                for r in queries.items_presented(store, person_id)
            ]
            + [
                (_cell(r["date"]), str(r["body"]), str(r["title"]), f"wrote it ({r['status']})")
                for r in queries.papers_written(store, person_id)
            ],
        ),
        Section(
            "Training you delivered",
            "Multi-agency training courses with you named as the trainer.",
            ("Date", "Course", "Level"),
            _rows(queries.training_delivered(store, name), "date", "course", "level"),
        ),
        Section(
            "Other records that mention you",
            "Anywhere else your name, email address or phone number is written: minutes, "
            "cover sheets, notes and the other registers.",
            ("Where", "Field", "Text"),
            [
                (m.what, text_policy.rule(m.table, m.column)[1], m.text)
                for m in mentions_of(store, person)
            ],
        ),
        Section(
            "Changes recorded about you",
            "The partnership's audit log records each change to its records: when, by which "
            "user on which computer, and from what to what. These are the entries about your "
            "record or that mention you.",
            ("When", "By", "Change", "From", "To"),
            _history(store, person),
        ),
    ]
    return SubjectAccess(
        partnership=partnership.name if partnership else "The partnership",
        person=name,
        person_id=person_id,
        produced=today or dt.date.today(),
        sections=sections,
    )


def _attended(r: Row) -> tuple[str, ...]:
    if r["deputising_for"]:  # the person stood in for someone else
        recorded, deputy = "attended as a deputy", ""
    else:
        recorded, deputy = str(_STATUS.get(r["status"], r["status"])), str(r["deputy"])
    if r["meeting_status"] == "cancelled":
        recorded += " (meeting cancelled)"
    return (_cell(r["date"]), str(r["body"]), recorded, deputy, str(r["deputising_for"]),
            str(r["notes"]))  # fmt: skip


def _history(store: Store, person: Row) -> list[tuple[str, ...]]:
    return [
        (
            f"{uk(e.at[:10])} {e.at[11:16]}",
            e.who,
            f"{e.action} {e.table.replace('_', ' ')} #{e.record_id}: {e.field}",
            e.old or "",
            e.new or "",
        )
        for e in history_naming(store, person)
    ]


def person_choices(store: Store) -> list[tuple[str, object]]:
    """Everyone, for the Reports page's choice of whose data to export (by name)."""
    return [(f"{p.name} — {p.organisation}" if p.organisation else p.name, p.id)
            for p in list_people(store)]  # fmt: skip
