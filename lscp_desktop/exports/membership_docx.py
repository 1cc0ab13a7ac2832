"""Membership of the partnership: each current body with its members, roles and deputies."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES, Membership
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
