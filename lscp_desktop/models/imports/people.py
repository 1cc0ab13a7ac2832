"""Import kind: people (with their organisation, created if it is new)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.headings import ORG_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.membership.people import get_person, list_people, save_person
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

PERSON_NAMES = (
    "full name",
    "person",
    "member",
    "member name",
    "contact",
    "contact name",
    "staff name",
    "representative",
    "name",
)

PERSON_FIELDS = (
    ImportField("name", "Name", PERSON_NAMES),
    ImportField("first_name", "First name", ("forename", "given name", "first")),
    ImportField("last_name", "Surname", ("last name", "family name", "second name")),
    ImportField(
        "job_title", "Job title", ("position", "post", "role", "designation", "job", "title role")
    ),
    ImportField("organisation", "Organisation", ORG_NAMES),
    ImportField("email", "Email", ("e mail", "email address", "e mail address", "mail")),
    ImportField(
        "phone",
        "Phone",
        ("telephone", "tel", "mobile", "phone number", "telephone number", "contact number"),
    ),
)
FIELDS = (
    *PERSON_FIELDS,
    ImportField("active", "Active", ("current", "in post"), type="bool"),
    ImportField("notes", "Notes", ("comments", "remarks")),
)


def person_name(values: dict[str, Any]) -> str:
    """The row's full name, from a Name column or from first name and surname."""
    name = str(values.get("name") or "").strip()
    if not name:
        name = " ".join(
            str(values.get(k) or "").strip() for k in ("first_name", "last_name")
        ).strip()
    if not name:
        raise ValidationError("Enter the person's name.", "name")
    return " ".join(name.split())


def person_details(ctx: ImportContext, values: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """The person fields a row gives (organisation found or created), for save_person."""
    details: dict[str, Any] = {
        k: values[k] for k in ("job_title", "email", "phone", "notes") if k in values
    }
    if values.get("organisation"):
        details["organisation_id"] = ctx.organisation(values["organisation"], notes)
    if "active" in values:
        details["active"] = int(values["active"])
    return details


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    name = person_name(values)
    notes: list[str] = []
    details = person_details(ctx, values, notes)
    existing_id = ctx.find_person(name)
    if existing_id is None:
        new_id = save_person(ctx.store, {"name": name, **details})
        ctx.remember_person(name, new_id)
        return Outcome("imported", new_id, name, notes)
    current = get_person(ctx.store, existing_id)
    before = {
        "name": current.name,
        "job_title": current.job_title,
        "organisation_id": current.organisation_id,
        "email": current.email,
        "phone": current.phone,
        "active": current.active,
        "notes": current.notes,
    }
    changed = [k for k, v in details.items() if v != before[k]]
    if not changed:
        return Outcome("unchanged", existing_id, current.name, notes)
    save_person(ctx.store, {**before, **details}, existing_id)
    labels = [k.removesuffix("_id").replace("_", " ") for k in changed]
    return Outcome("updated", existing_id, current.name, [*notes, f"changed {', '.join(labels)}"])


def export_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "job_title": p.job_title,
            "organisation": p.organisation,
            "email": p.email,
            "phone": p.phone,
            "active": "yes" if p.active else "no",
            "notes": p.notes,
        }
        for p in list_people(store)
    ]


KIND = ImportKind(
    key="people",
    label="People",
    description="People with their job title, organisation and contact details, matched by name.",
    fields=FIELDS,
    import_row=import_row,
    identity=("name", "first_name", "last_name"),
    export_rows=export_rows,
)
