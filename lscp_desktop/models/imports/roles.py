"""Import kind: partnership roles (Lead and Delegated Safeguarding Partners, scrutineers, lay
members…), checked with the Working Together 2023 rules as in the window; people are found by
name or created, partners found by name or alias."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.headings import ORG_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.people import PERSON_FIELDS, person_details, person_name
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES
from lscp_desktop.models.membership.roles import list_roles, save_role_checked
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    *PERSON_FIELDS[:3],
    ImportField(
        "role",
        "Role",
        ("partnership role", "position", "capacity", "title"),
        required=True,
        help=", ".join(PARTNERSHIP_ROLES),
    ),
    ImportField(
        "on_behalf_of",
        "On behalf of",
        ("for", "partner", "safeguarding partner", "statutory partner", "representing", *ORG_NAMES),
        help="the partner an LSP or DSP acts for (found by name or alias)",
    ),
    ImportField("start_date", "Start date", ("start", "from", "appointed"), type="date"),
    ImportField("end_date", "End date", ("end", "to", "until", "left"), type="date"),
    PERSON_FIELDS[3],
    ImportField("employer", "Employer", ("employed by", "works for", "person s organisation")),
    ImportField("notes", "Notes", ("comments", "remarks")),
)

_SHORT = {"lsp": "Lead Safeguarding Partner", "dsp": "Delegated Safeguarding Partner"}


def _role(value: str) -> str:
    text = " ".join(value.lower().replace("-", " ").split())
    if text in _SHORT:
        return _SHORT[text]
    for role in PARTNERSHIP_ROLES:
        if text == role.lower().replace("-", " "):
            return role
    raise ValidationError(
        f"'{value}' is not a partnership role; use one of: {', '.join(PARTNERSHIP_ROLES)}.", "role"
    )


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    name = person_name(values)
    notes: list[str] = []
    role = _role(values["role"])
    person_id = ctx.find_person(name)
    if person_id is None:
        employer = values.get("employer") or values.get("on_behalf_of")
        given = {k: values[k] for k in ("job_title",) if k in values}
        details = person_details(ctx, {**given, "organisation": employer}, notes)
        person_id = ctx.person(name, notes, details)
    org_id = ctx.organisation(values["on_behalf_of"], notes) if "on_behalf_of" in values else None
    start: dt.date = values.get("start_date") or ctx.today
    match = next(
        (
            r
            for r in list_roles(ctx.store, person_id=person_id)
            if r.role == role and r.start_date == start.isoformat()
        ),
        None,
    )
    clean = {
        "person_id": person_id,
        "role": role,
        "organisation_id": org_id if org_id or match is None else match.organisation_id,
        "start_date": start,
        "end_date": values.get("end_date", match.end_date if match else None),
        "notes": values.get("notes", match.notes if match else ""),
    }
    saved = save_role_checked(ctx.store, clean, match.id if match else None)
    notes += [f"warning: {w}" for w in saved.warnings]
    return Outcome("updated" if match else "imported", saved.id, f"{name}: {role}", notes)


def export_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "name": r.person,
            "role": r.role,
            "on_behalf_of": r.organisation,
            "start_date": dt.date.fromisoformat(r.start_date),
            "end_date": dt.date.fromisoformat(r.end_date) if r.end_date else None,
            "notes": r.notes,
        }
        for r in list_roles(store)
    ]


KIND = ImportKind(
    key="roles",
    label="Partnership roles",
    description="Lead and Delegated Safeguarding Partners, scrutineers, lay members and other "
    "roles, checked against Working Together 2023; matched by person, role and start date.",
    fields=FIELDS,
    import_row=import_row,
    identity=("name", "first_name", "last_name"),
    export_rows=export_rows,
)
