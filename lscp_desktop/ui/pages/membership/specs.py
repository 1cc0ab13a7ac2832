"""What each membership register shows and how it saves: columns, form fields, model calls."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import delete_body, list_bodies, save_body
from lscp_desktop.models.membership.body_records import Body, Membership, PartnershipRole
from lscp_desktop.models.membership.memberships import (
    delete_membership,
    list_memberships,
    principal_choices,
    save_membership,
)
from lscp_desktop.models.membership.organisations import (
    delete_organisation,
    list_organisations,
    save_organisation,
    set_organisation_active,
)
from lscp_desktop.models.membership.people import (
    delete_person,
    list_people,
    save_person,
    set_person_active,
)
from lscp_desktop.models.membership.records import (
    BODY_KINDS,
    MEMBERSHIP_ROLES,
    ORGANISATION_KINDS,
    PARTNERSHIP_ROLES,
    SECTORS,
    Organisation,
    Person,
)
from lscp_desktop.models.membership.roles import (
    delete_role,
    list_roles,
    role_is_current,
    role_warnings,
)
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import Field
from lscp_desktop.ui.pages.membership.succession import (
    handover_records,
    save_offering_handover,
)
from lscp_desktop.ui.register_view import RegisterSpec
from lscp_desktop.ui.table import Column


def save_role_asking(store: Store, values: dict[str, Any], record_id: int | None) -> int:
    """Save a role, first asking about a warning (an independent scrutineer employed by a
    partner): Yes saves, No leaves the form open; a new Lead Safeguarding Partner is offered
    the hand-over from their predecessor."""
    warnings = role_warnings(store, values, record_id)
    if warnings:
        answer = QMessageBox.question(
            None,
            "Independent scrutiny",
            "\n\n".join(warnings) + "\n\nSave the role anyway?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            raise ValidationError("Not saved: " + warnings[0])
    return save_offering_handover(store, values, record_id)


def _yes(flag: int) -> str:
    return "Yes" if flag else "No"


def _organisation_options(store: Store) -> list[tuple[str, object]]:
    return [(o.name, o.id) for o in list_organisations(store) if o.active]


def organisations_spec() -> RegisterSpec[Organisation]:
    return RegisterSpec(
        noun="organisation",
        plural="organisations",
        table="organisations",
        columns=[
            Column("Name", lambda o: o.name, stretch=True),
            Column(
                "Kind",
                lambda o: o.kind + (" (safeguarding partner)" if o.safeguarding_partner else ""),
            ),
            Column("Sector", lambda o: o.sector),
            Column("Local authority area", lambda o: o.local_authority),
            Column(
                "People",
                lambda o: str(o.people_count),
                sort_key=lambda o: o.people_count,
                align_right=True,
            ),
            Column("Active", lambda o: _yes(o.active)),
        ],
        load=lambda store: list_organisations(store),
        fields=lambda store: [
            Field("name", "Name", optional=False),
            Field("kind", "Kind", "choice", choices=ORGANISATION_KINDS),
            Field("sector", "Sector", "choice", choices=SECTORS),
            Field("local_authority", "Local authority area", placeholder="if it serves one area"),
            Field(
                "safeguarding_partner",
                "Named a safeguarding partner beside the statutory three (e.g. Education)",
                "check",
            ),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda o: vars(o),
        save=save_organisation,
        delete=delete_organisation,
        title_of=lambda o: o.name,
        is_inactive=lambda o: not o.active,
        set_active=set_organisation_active,
        new_values=lambda: {"kind": "relevant agency", "sector": "other"},
    )


def people_spec() -> RegisterSpec[Person]:
    return RegisterSpec(
        noun="person",
        plural="people",
        table="people",
        columns=[
            Column("Name", lambda p: p.name, stretch=True),
            Column("Job title", lambda p: p.job_title, stretch=True),
            Column("Organisation", lambda p: p.organisation, stretch=True),
            Column("Email", lambda p: p.email),
            Column("Phone", lambda p: p.phone),
            Column("Active", lambda p: _yes(p.active)),
        ],
        load=lambda store: list_people(store),
        fields=lambda store: [
            Field("name", "Name", optional=False),
            Field("job_title", "Job title"),
            Field(
                "organisation_id",
                "Organisation",
                "ref",
                options=lambda: _organisation_options(store),
            ),
            Field("email", "Email", placeholder="name@organisation.gov.uk"),
            Field("phone", "Phone"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda p: vars(p),
        save=save_person,
        delete=delete_person,
        title_of=lambda p: p.name,
        is_inactive=lambda p: not p.active,
        set_active=set_person_active,
    )


def bodies_spec() -> RegisterSpec[Body]:
    return RegisterSpec(
        noun="body",
        plural="bodies",
        table="bodies",
        columns=[
            Column("Code", lambda b: b.code),
            Column("Name", lambda b: b.name, stretch=True),
            Column("Kind", lambda b: b.kind),
            Column("Reports to", lambda b: b.reports_to),
            Column("Hosted by", lambda b: b.hosted_by),
            Column(
                "Members",
                lambda b: str(b.member_count),
                sort_key=lambda b: b.member_count,
                align_right=True,
            ),
            Column("From", lambda b: uk(b.start_date), sort_key=lambda b: b.start_date),
            Column("To", lambda b: uk(b.end_date), sort_key=lambda b: b.end_date),
        ],
        load=lambda store: list_bodies(store),
        fields=lambda store: [
            Field("name", "Name", optional=False),
            Field(
                "code",
                "Short code",
                optional=False,
                placeholder="e.g. EXEC (used in action references)",
            ),
            Field("kind", "Kind", "choice", choices=BODY_KINDS),
            Field(
                "reports_to_id",
                "Reports to",
                "ref",
                options=lambda: [(b.name, b.id) for b in list_bodies(store)],
            ),
            Field("local_authority", "Local authority area", placeholder="for a local group"),
            Field(
                "hosted_by",
                "Hosted by (a body shared with other partnerships)",
                placeholder="blank for the partnership's own",
            ),
            Field("purpose", "Purpose", "multiline"),
            Field("start_date", "From", "date", optional=False),
            Field("end_date", "To", "date", placeholder="dd/mm/yyyy, blank if standing"),
        ],
        values_of=lambda b: vars(b),
        save=save_body,
        delete=delete_body,
        title_of=lambda b: b.name,
        is_inactive=lambda b: not b.active or b.end_date is not None,
        inactive_label="Show ended",
        new_values=lambda: {"kind": "subgroup"},
        default_sort=None,  # the order they were set up: executive first, then down the tree
    )


def memberships_spec() -> RegisterSpec[Membership]:
    return RegisterSpec(
        noun="membership",
        plural="memberships",
        table="memberships",
        columns=[
            Column("Body", lambda x: x.body),
            Column("Person", lambda x: x.person),
            Column("Organisation", lambda x: x.organisation, stretch=True),
            Column("Role", lambda x: x.role),
            Column("Deputy for", lambda x: x.deputy_for),
            Column("Delegated authority", lambda x: _yes(x.delegated_authority)),
            Column("From", lambda x: uk(x.start_date), sort_key=lambda x: x.start_date),
            Column("To", lambda x: uk(x.end_date), sort_key=lambda x: x.end_date),
        ],
        load=lambda store: list_memberships(store),
        fields=lambda store: [
            Field(
                "body_id",
                "Body",
                "ref",
                optional=False,
                options=lambda: [(b.name, b.id) for b in list_bodies(store, active_only=True)],
            ),
            Field(
                "person_id",
                "Person",
                "ref",
                optional=False,
                options=lambda: [
                    (f"{p.name} — {p.organisation}", p.id)
                    for p in list_people(store, active_only=True)
                ],
            ),
            Field("role", "Role", "choice", choices=MEMBERSHIP_ROLES),
            Field(
                "deputy_for_id",
                "Deputy for (a member of that body)",
                "ref",
                depends="body_id",
                options_for=lambda body_id: list(principal_choices(store, body_id)),
                placeholder="for a deputy: type the member's name",
            ),
            Field("delegated_authority", "Has delegated authority", "check"),
            Field("start_date", "From", "date", optional=False),
            Field(
                "term_months",
                "Term (months)",
                placeholder="e.g. 18: the end date then follows from the start",
            ),
            Field("end_date", "To", "date", placeholder="dd/mm/yyyy, blank if continuing"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda x: vars(x) | {"term_months": x.term_months or ""},
        save=save_membership,
        delete=delete_membership,
        title_of=lambda x: f"{x.person} on {x.body}",
        is_inactive=lambda x: not x.is_current(),
        inactive_label="Show past",
        default_sort=None,  # by body, chair first, then by name
        new_values=lambda: {"role": "member", "delegated_authority": False},
    )


def roles_spec() -> RegisterSpec[PartnershipRole]:
    return RegisterSpec(
        noun="partnership role",
        plural="partnership roles",
        table="partnership_roles",
        columns=[
            Column("Role", lambda r: r.role),
            Column("Person", lambda r: r.person),
            Column("On behalf of", lambda r: r.organisation),
            Column("From", lambda r: uk(r.start_date), sort_key=lambda r: r.start_date),
            Column("To", lambda r: uk(r.end_date), sort_key=lambda r: r.end_date),
            Column("Notes", lambda r: r.notes, stretch=True),
        ],
        load=lambda store: list_roles(store),
        fields=lambda store: [
            Field("role", "Role", "choice", choices=PARTNERSHIP_ROLES),
            Field(
                "person_id",
                "Person",
                "ref",
                optional=False,
                options=lambda: [
                    (f"{p.name} — {p.organisation}", p.id)
                    for p in list_people(store, active_only=True)
                ],
            ),
            Field(
                "organisation_id",
                "On behalf of",
                "ref",
                options=lambda: _organisation_options(store),
            ),
            Field("start_date", "From", "date", optional=False),
            Field("end_date", "To", "date", placeholder="dd/mm/yyyy, blank if continuing"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda r: vars(r),
        save=save_role_asking,
        delete=delete_role,
        title_of=lambda r: f"{r.person} as {r.role}",
        is_inactive=lambda r: not role_is_current(r),
        inactive_label="Show past",
        new_values=lambda: {"role": "Delegated Safeguarding Partner"},
        also_changes=handover_records,
    )
