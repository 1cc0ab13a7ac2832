"""Import kind: organisations (partner agencies, schools, the voluntary sector…)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.membership.organisations import (
    get_organisation,
    list_organisations,
    save_organisation,
)
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.engine import ImportContext

ORGANISATION_NAMES = (
    "organisation",
    "organisation name",
    "organization",
    "agency",
    "agency name",
    "partner",
    "partner agency",
    "partner organisation",
    "funding body",
    "member organisation",
    "org",
    "name",
)

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

_KIND_WORDS = {
    "statutory partner": (
        "statutory",
        "safeguarding partner",
        "statutory partners",
        "lead partner",
    ),
    "relevant agency": ("relevant", "relevant agencies", "agency"),
    "education": ("school", "schools", "academy", "college", "early years", "education setting"),
    "voluntary & community": (
        "voluntary",
        "voluntary and community",
        "voluntary sector",
        "vcs",
        "vcse",
        "charity",
        "community",
        "third sector",
    ),
    "other": ("others",),
}
_SECTOR_WORDS = {
    "local authority": ("la", "council", "children s services", "childrens services"),
    "health/ICB": ("health", "icb", "ccg", "nhs icb", "health icb", "integrated care board"),
    "NHS trust": ("nhs", "trust", "hospital", "nhs trust", "health trust"),
    "police": ("constabulary", "police force"),
    "education": ("school", "schools"),
    "probation": ("probation service",),
    "Cafcass": (),
    "fire": ("fire and rescue", "fire service"),
    "housing": ("housing association",),
    "other": (),
}


def _word(value: Any, words: dict[str, tuple[str, ...]]) -> str:
    """The canonical word for *value*, or *value* unchanged (so the model's check explains)."""
    text = " ".join(re.sub(r"[^a-z0-9&]+", " ", str(value).lower()).split())
    for canonical, synonyms in words.items():
        if text in {canonical.lower(), canonical.lower().replace("&", "and"), *synonyms}:
            return canonical
    return str(value)


def guess_kind_and_sector(name: str) -> tuple[str, str]:
    """A first guess from an organisation's name, for organisations created by an import."""
    text = name.lower()
    rules = (
        (("police", "constabulary"), "statutory partner", "police"),
        (("integrated care board", " icb", "ccg"), "statutory partner", "health/ICB"),
        (("council", "borough", "county"), "statutory partner", "local authority"),
        (("nhs", "trust", "hospital", "health"), "relevant agency", "NHS trust"),
        (("school", "academy", "college", "nursery", "education"), "education", "education"),
        (("probation",), "relevant agency", "probation"),
        (("cafcass",), "relevant agency", "Cafcass"),
        (("fire",), "relevant agency", "fire"),
        (("housing", "homes"), "relevant agency", "housing"),
    )
    for needles, kind, sector in rules:
        if any(n in f" {text}" for n in needles):
            return kind, sector
    return "voluntary & community", "other"


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    name = values["name"]
    wanted: dict[str, Any] = {}
    if "kind" in values:
        wanted["kind"] = _word(values["kind"], _KIND_WORDS)
    if "sector" in values:
        wanted["sector"] = _word(values["sector"], _SECTOR_WORDS)
    for key in ("local_authority", "notes"):
        if key in values:
            wanted[key] = values[key]
    if "active" in values:
        wanted["active"] = int(values["active"])
    existing_id = ctx.find_organisation(name)
    if existing_id is None:
        guessed_kind, guessed_sector = guess_kind_and_sector(name)
        notes = []
        if "kind" not in wanted or "sector" not in wanted:
            notes.append("kind or sector guessed from the name; check them")
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
    }
    changed = [k for k in wanted if str(wanted[k]).casefold() != str(before[k]).casefold()]
    if not changed:
        return Outcome("unchanged", existing_id, current.name)
    save_organisation(ctx.store, {**before, **wanted}, existing_id)
    return Outcome("updated", existing_id, current.name, [f"changed {', '.join(changed)}"])


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
