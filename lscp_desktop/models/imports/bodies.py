"""Import kind: the partnership's bodies (boards, subgroups, forums…), with how often each
meets, matched by short code or name; a body reports to one listed above it or already saved."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.imports.headings import BODY_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.meetings.cadence import (
    cadence_values,
    get_cadence,
    parse_frequency,
    save_cadence,
)
from lscp_desktop.models.membership.bodies import get_body, list_bodies, save_body
from lscp_desktop.models.membership.records import BODY_KINDS
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField("name", "Name", ("body", "body name", "group name", "name of body", *BODY_NAMES)),
    ImportField("code", "Code", ("short code", "body code", "abbreviation", "acronym", "ref")),
    ImportField(
        "kind",
        "Kind",
        ("type", "kind of body", "type of body", "level"),
        help=", ".join(BODY_KINDS) + " (blank: subgroup)",
    ),
    ImportField(
        "reports_to",
        "Reports to",
        ("parent", "reporting to", "accountable to", "reports into", "parent body"),
    ),
    ImportField("purpose", "Purpose", ("remit", "terms of reference", "description", "role")),
    ImportField("local_authority", "Local authority", ("la", "borough", "authority", "area")),
    ImportField(
        "hosted_by",
        "Hosted by",
        ("host", "shared with", "hosted", "led by"),
        help="for a body shared with other partnerships",
    ),
    ImportField(
        "frequency",
        "Meets",
        ("frequency", "how often", "cadence", "meeting frequency", "meets how often"),
        help="e.g. every other month, quarterly, three times a year, twice a year, ad hoc",
    ),
    ImportField(
        "start_date", "Start date", ("start", "from", "established", "set up"), type="date"
    ),
    ImportField("end_date", "End date", ("end", "to", "until", "closed", "ended"), type="date"),
)


_BODY_KEYS = ("kind", "purpose", "local_authority", "hosted_by", "start_date", "end_date")


def _code(name: str, used: set[str]) -> str:
    """A short code from a name's initials (Case Review Subgroup → CRS), kept unique."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", name) if w.lower() not in {"and", "of", "the"}]
    letters = "".join(w[0] for w in words).upper()[:8] or "BODY"
    if not letters[0].isalpha():
        letters = "B" + letters
    code, n = (letters if len(letters) > 1 else letters + "G"), 2
    while code in used:
        code, n = f"{letters[:7]}{n}", n + 1
    return code


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    name = " ".join(str(values.get("name") or values.get("code") or "").split())
    notes: list[str] = []
    existing = {b.code.lower(): b for b in list_bodies(ctx.store)}
    by_name = {b.name.lower(): b for b in existing.values()}
    match = existing.get(str(values.get("code", "")).lower()) or by_name.get(name.lower())
    code = values.get("code") or (match.code if match else _code(name, set(existing)))
    if "code" not in values and match is None:
        notes.append(f"short code {code} made from the name")
    body_values: dict[str, Any] = dict(vars(match)) if match else {"kind": "subgroup"}
    body_values.update({k: values[k] for k in values if k in _BODY_KEYS})
    body_values.update({"name": name or (match.name if match else ""), "code": code})
    if "reports_to" in values:
        body_values["reports_to_id"] = ctx.body(values["reports_to"]).id
    body_id = save_body(ctx.store, body_values, match.id if match else None)
    ctx.forget_bodies()
    if "frequency" in values:
        cadence = cadence_values(get_cadence(ctx.store, body_id))
        frequency, months = parse_frequency(values["frequency"])
        cadence.update({"frequency": frequency, "body_id": body_id})
        if months:
            cadence["interval_months"] = months
        cadence.pop("standing_items", None)  # a new body starts from the usual items
        save_cadence(ctx.store, cadence)
    body = get_body(ctx.store, body_id)
    what = f"{body.name} ({body.code})"
    return Outcome("updated" if match else "imported", body_id, what, notes)


def export_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "name": b.name,
            "code": b.code,
            "kind": b.kind,
            "reports_to": b.reports_to,
            "purpose": b.purpose,
            "local_authority": b.local_authority,
            "hosted_by": b.hosted_by,
            "frequency": get_cadence(store, b.id).frequency,
            "start_date": b.start_date,
            "end_date": b.end_date,
        }
        for b in list_bodies(store)
    ]


KIND = ImportKind(
    key="bodies",
    label="Bodies",
    description="The partnership's boards, subgroups and forums with how often each meets, "
    "matched by code or name; a body reports to one above it or already saved.",
    fields=FIELDS,
    import_row=import_row,
    identity=("name", "code"),
    export_rows=export_rows,
)
