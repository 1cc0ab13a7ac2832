"""Membership of the partnership — an appendix to the published arrangements: the safeguarding
partners, the relevant agencies the arrangements name and how education settings are
represented (as Working Together requires the arrangements to say), the partnership roles, and
each current body with its members, roles and deputies."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.body_records import Membership
from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES
from lscp_desktop.models.membership.roles import list_roles, role_is_current
from lscp_desktop.models.store.database import Store


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    today = dt.date.today()
    partnership = get_partnership(store)
    name = partnership.name if partnership else "Safeguarding Children Partnership"
    doc = WordDocument(
        title=f"Membership of {name}",
        partnership=name,
        marking=options.marking,
        template=options.template,
    )
    doc.title("Membership of the partnership", f"{name}, as at {uk(today)}")
    order = {role: i for i, role in enumerate(PARTNERSHIP_ROLES)}
    roles = sorted(
        (r for r in list_roles(store) if role_is_current(r, today)),
        key=lambda r: (order.get(r.role, 99), r.person),
    )
    if roles:
        doc.heading("Partnership roles", 1)
        doc.table(
            ["Role", "Name", "On behalf of"],
            [[r.role, r.person, r.organisation] for r in roles],
            widths_cm=[6, 5, 5.6],
        )
    memberships = [x for x in list_memberships(store) if x.is_current(today)]
    write_partners(doc, store, memberships)
    by_body: dict[int, list[Membership]] = defaultdict(list)
    for x in memberships:
        by_body[x.body_id].append(x)
    bodies = [b for b in list_bodies(store) if b.active and not b.end_date]
    for i, body in enumerate(bodies):
        progress(i, len(bodies), body.name)
        doc.heading(f"{body.name} ({body.code})", 1)
        details = body.kind.capitalize()
        if body.reports_to:
            details += f", reporting to the {body.reports_to}"
        if body.hosted_by:
            details += f"; shared with other partnerships ({body.hosted_by})"
        doc.paragraph(details + ".")
        if body.purpose:
            doc.paragraph(body.purpose, italic=True)
        rows = [
            [x.person, x.organisation, x.role + (f" for {x.deputy_for}" if x.deputy_for else ""),
             "Yes" if x.delegated_authority else ""]
            for x in by_body.get(body.id, [])
        ]  # fmt: skip
        if rows:
            doc.table(
                ["Name", "Organisation", "Role", "Delegated authority"],
                rows,
                widths_cm=[4.5, 6, 3.6, 2.5],
            )
        else:
            doc.paragraph("No current members are recorded.")
    progress(len(bodies), len(bodies), "Saving")
    return doc.save(path)


def write_partners(doc: WordDocument, store: Store, memberships: list[Membership]) -> None:
    """The safeguarding partners, the relevant agencies named, and education's representation."""
    organisations = [o for o in list_organisations(store) if o.active]
    seats: dict[str, list[str]] = defaultdict(list)
    for x in memberships:
        if x.body not in seats[x.organisation]:
            seats[x.organisation].append(x.body)
    partners = [o for o in organisations if o.is_partner]
    doc.heading("Safeguarding partners", 1)
    if partners:
        doc.table(
            ["Partner", "Kind", "Local authority area"],
            [[o.name, "statutory partner" if o.kind == "statutory partner"
              else "safeguarding partner named by the arrangements", o.local_authority]
             for o in partners],
            widths_cm=[7.6, 5.6, 3.4],
        )  # fmt: skip
    else:
        doc.paragraph("No safeguarding partners are recorded yet.")
    agencies = [o for o in organisations if o.kind == "relevant agency"]
    doc.heading("Relevant agencies", 1)
    doc.paragraph(
        "The organisations these arrangements name as relevant agencies, which must act in "
        "accordance with them, and the bodies on which each is represented."
    )
    if agencies:
        doc.table(
            ["Relevant agency", "Sector", "Represented on"],
            [[o.name, o.sector, ", ".join(seats.get(o.name, [])) or "—"] for o in agencies],
            widths_cm=[6.6, 3.2, 6.8],
        )
    else:
        doc.paragraph("No relevant agencies are recorded yet.")
    education = [o for o in organisations if o.kind == "education" or o.sector == "education"]
    doc.heading("Education settings", 1)
    doc.paragraph(
        "How early years settings, schools, colleges and other educational establishments are "
        "represented in the arrangements."
    )
    if education:
        doc.table(
            ["Education setting or representative body", "Represented on"],
            [[o.name, ", ".join(seats.get(o.name, [])) or "—"] for o in education],
            widths_cm=[8.0, 8.6],
        )
    else:
        doc.paragraph("No education settings or representatives are recorded yet.")
