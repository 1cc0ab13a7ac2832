"""Import kind: who sits on which body, in what role, from when to when.

The body must already exist (found by name or short code); people and their organisations are
found by name, or created and reported.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.people import PERSON_FIELDS, person_details, person_name
from lscp_desktop.models.membership.body_records import Body, Membership
from lscp_desktop.models.membership.memberships import (
    list_memberships,
    save_membership,
    term_end,
)
from lscp_desktop.models.membership.records import MEMBERSHIP_ROLES
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField("person", "Person", PERSON_FIELDS[0].synonyms),
    *PERSON_FIELDS[1:3],
    ImportField(
        "body",
        "Body",
        (
            "group",
            "board",
            "meeting",
            "committee",
            "subgroup",
            "sub group",
            "forum",
            "body name",
            "group name",
            "board or group",
            "body code",
            "code",
        ),
        required=True,
        help="the body's name or short code, e.g. EXEC",
    ),
    ImportField(
        "role",
        "Role",
        ("membership role", "capacity", "member type", "membership type", "type", "role on body"),
        help="chair, vice-chair, co-chair, member, deputy, virtual member, co-opted, observer, "
        "adviser, secretariat (blank: member)",
    ),
    ImportField(
        "deputy_for",
        "Deputy for",
        ("deputising for", "deputises for", "substitute for", "deputy to", "principal"),
    ),
    ImportField(
        "delegated_authority",
        "Delegated authority",
        ("can make decisions", "decision making", "authority to decide"),
        type="bool",
    ),
    ImportField(
        "start_date",
        "Start date",
        ("start", "from", "date joined", "joined", "appointed", "date appointed", "member since"),
        type="date",
    ),
    ImportField(
        "end_date",
        "End date",
        ("end", "to", "until", "date left", "left", "term ends", "membership ends"),
        type="date",
    ),
    ImportField(
        "term_months",
        "Term (months)",
        ("term", "term in months", "term months", "length of term"),
        type="int",
        help="the end date follows from the start (lay members for 18 months)",
    ),
    *PERSON_FIELDS[3:],
    ImportField("notes", "Notes", ("comments", "remarks")),
)

_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "chair": ("chair", "chairperson", "chairman", "chairwoman", "independent chair"),
    "vice-chair": ("vice chair", "vicechair", "deputy chair", "vice chairperson"),
    "co-chair": ("co chair", "cochair", "joint chair"),
    "member": ("member", "full member", "core member", "voting member", "attendee", "rep"),
    "deputy": ("deputy", "substitute", "nominated deputy", "sub", "alternate", "deputy member"),
    "virtual member": ("virtual", "virtual member", "corresponding member"),
    "co-opted": ("co opted", "coopted", "co optee", "co opted member"),
    "observer": ("observer", "participant observer", "in attendance"),
    "adviser": ("adviser", "advisor", "professional adviser", "professional advisor", "advisory"),
    "secretariat": ("secretariat", "minute taker", "minutes", "business support", "clerk"),
}


def role_word(value: Any) -> str:
    text = " ".join(re.sub(r"[^a-z]+", " ", str(value or "").lower()).split())
    if not text and not str(value or "").strip():
        return "member"
    for role, words in _ROLE_WORDS.items():
        if text == role.replace("-", " ") or text in words:
            return role
    raise ValidationError(
        f"'{value}' is not a membership role; use one of: {', '.join(MEMBERSHIP_ROLES)}.",
        "role",
    )


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    name = person_name({**values, "name": values.get("person")})
    body = ctx.body(values["body"])
    role = role_word(values.get("role"))
    notes: list[str] = []
    person_id = ctx.find_person(name)
    if person_id is None:
        person_id = ctx.person(name, notes, person_details(ctx, values, notes))
    start: dt.date | None = values.get("start_date")
    end: dt.date | None = values.get("end_date")
    existing = list_memberships(ctx.store, body_id=body.id, person_id=person_id)
    match = _matching(existing, start, ctx.today)
    if start is None:
        start = dt.date.fromisoformat(match.start_date) if match else ctx.today
        if match is None:
            notes.append("no start date, so today's date was used")
    deputy_for_id = None
    if role == "deputy":
        deputy_for_id = _principal(ctx, values, body, start, name)
    clean: dict[str, Any] = {
        "person_id": person_id,
        "body_id": body.id,
        "role": role,
        "deputy_for_id": deputy_for_id,
        "delegated_authority": values.get(
            "delegated_authority", bool(match.delegated_authority) if match else False
        ),
        "start_date": start,
        "end_date": end if "end_date" in values else (match.end_date if match else None),
        "term_months": values.get("term_months", match.term_months if match else None),
        "notes": values.get("notes", match.notes if match else ""),
    }
    what = f"{name}: {role}, {body.name}"
    if match is None:
        new_id = save_membership(ctx.store, clean)
        return Outcome("imported", new_id, what, notes)
    before = {
        "role": match.role,
        "deputy_for_id": match.deputy_for_id,
        "delegated_authority": bool(match.delegated_authority),
        "start_date": match.start_date,
        "end_date": match.end_date,
        "term_months": match.term_months,
        "notes": match.notes,
    }
    after = {
        **{k: clean[k] for k in before},
        "delegated_authority": bool(clean["delegated_authority"]),
        "start_date": start.isoformat(),
        "end_date": clean["end_date"].isoformat()
        if isinstance(clean["end_date"], dt.date)
        else clean["end_date"],
    }
    if clean["term_months"]:  # the end date follows from the term
        after["end_date"] = term_end(start, clean["term_months"]).isoformat()
    changed = [k for k in before if before[k] != after[k]]
    if not changed:
        return Outcome("unchanged", match.id, what, notes)
    save_membership(ctx.store, clean, match.id)
    return Outcome("updated", match.id, what, [*notes, f"changed {', '.join(changed)}"])


def _matching(
    existing: list[Membership], start: dt.date | None, today: dt.date
) -> Membership | None:
    """The membership a row describes: the same start date, or (with none) the current one."""
    if start is not None:
        return next((m for m in existing if m.start_date == start.isoformat()), None)
    current = [m for m in existing if m.is_current(today)]
    return current[0] if current else None


def _principal(
    ctx: ImportContext, values: dict[str, Any], body: Body, start: dt.date, name: str
) -> int:
    principal = str(values.get("deputy_for") or "").strip()
    if not principal:
        raise ValidationError(
            f"Say whom {name} deputises for on {body.name} (a 'Deputy for' column).", "deputy_for"
        )
    principal_id = ctx.find_person(principal)
    on = start.isoformat()
    if principal_id is not None:
        for m in list_memberships(ctx.store, body_id=body.id, person_id=principal_id):
            if m.role != "deputy" and m.start_date <= on and (m.end_date or "9999") >= on:
                return m.id
    raise ValidationError(
        f"{principal} is not a member of {body.name} on {start:%d/%m/%Y}, so {name} cannot "
        "deputise for them. Put the member's own row above their deputy's.",
        "deputy_for",
    )


def export_rows(store: Store) -> list[dict[str, Any]]:
    """Every membership, deputies after the members they stand in for."""
    rows = list_memberships(store)
    rows.sort(key=lambda m: m.role == "deputy")
    return [
        {
            "person": m.person,
            "organisation": m.organisation,
            "body": m.body,
            "role": m.role,
            "deputy_for": m.deputy_for,
            "delegated_authority": "yes" if m.delegated_authority else "no",
            "start_date": dt.date.fromisoformat(m.start_date),
            "end_date": dt.date.fromisoformat(m.end_date) if m.end_date else None,
            "term_months": m.term_months,
            "notes": m.notes,
        }
        for m in rows
    ]


KIND = ImportKind(
    key="memberships",
    label="Memberships",
    description="Who sits on which body, in what role and from when; bodies must exist already.",
    fields=FIELDS,
    import_row=import_row,
    identity=("person", "first_name", "last_name"),
    export_rows=export_rows,
)
