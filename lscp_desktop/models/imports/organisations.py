"""Import kind: organisations (partner agencies, schools, the voluntary sector…)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lscp_desktop.models.imports.headings import ORGANISATION_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.organisation_kinds import (
    KIND_WORDS,
    SECTOR_WORDS,
    canonical_word,
)
from lscp_desktop.models.membership.organisations import (
    get_organisation,
    list_organisations,
    save_organisation,
)
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField("name", "Organisation", ORGANISATION_NAMES, required=True),
    ImportField(
        "kind",
        "Kind",
        ("type", "kind of organisation", "type of organisation", "category", "partner type"),
        help="statutory partner, relevant agency, education, voluntary & community or other",
    ),
    ImportField("sector", "Sector", ("service", "area of work")),
    ImportField(
        "local_authority",
        "Local authority",
        ("la", "council area", "borough", "authority", "area"),
    ),
    ImportField("active", "Active", ("current", "in use"), type="bool"),
    ImportField("notes", "Notes", ("comments", "remarks")),
)


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    name = values["name"]
    wanted: dict[str, Any] = {}
    if "kind" in values:
        wanted["kind"] = canonical_word(values["kind"], KIND_WORDS)
    if "sector" in values:
        wanted["sector"] = canonical_word(values["sector"], SECTOR_WORDS)
    for key in ("local_authority", "notes"):
        if key in values:
            wanted[key] = values[key]
    if "active" in values:
        wanted["active"] = int(values["active"])
    notes: list[str] = []
    existing_id = ctx.find_organisation(name, notes)
    if existing_id is None:
        guessed_kind, guessed_sector = ctx.guess(name, wanted.get("kind"))
        if "kind" not in wanted or "sector" not in wanted:
            notes.append("kind or sector from the name; check them")
        new_id = save_organisation(
            ctx.store, {"kind": guessed_kind, "sector": guessed_sector, "name": name, **wanted}
        )
        ctx.remember_organisation(name, new_id)
        return Outcome("imported", new_id, name, notes)
    current = get_organisation(ctx.store, existing_id)
    before = {
        "name": current.name,
        "kind": current.kind,
        "sector": current.sector,
        "local_authority": current.local_authority,
        "active": current.active,
        "notes": current.notes,
        "safeguarding_partner": current.safeguarding_partner,
    }
    changed = [k for k in wanted if str(wanted[k]).casefold() != str(before[k]).casefold()]
    if not changed:
        return Outcome("unchanged", existing_id, current.name, notes)
    save_organisation(ctx.store, {**before, **wanted}, existing_id)
    return Outcome("updated", existing_id, current.name, [*notes, f"changed {', '.join(changed)}"])


def export_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "name": o.name,
            "kind": o.kind,
            "sector": o.sector,
            "local_authority": o.local_authority,
            "active": "yes" if o.active else "no",
            "notes": o.notes,
        }
        for o in list_organisations(store)
    ]


KIND = ImportKind(
    key="organisations",
    label="Organisations",
    description="Partner agencies, schools and voluntary organisations, matched by name.",
    fields=FIELDS,
    import_row=import_row,
    export_rows=export_rows,
)
