"""Import kind: settings-census (education settings and residential homes per local authority
and year, one count a row). The year comes from a "Year" column or ``--year``; the local
authority may be left out when the partnership covers one. Saving goes through
:func:`~lscp_desktop.models.assurance.census.set_count`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lscp_desktop.models.assurance.census import list_census, set_count, setting_kind
from lscp_desktop.models.assurance.records import SETTING_KINDS
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField(
        "year",
        "Year",
        ("financial year", "census year", "as at"),
        help="e.g. 2025/26; blank: the year given with --year",
    ),
    ImportField(
        "local_authority",
        "Local authority",
        ("la", "borough", "authority", "area", "council area"),
        help="blank when the partnership covers one authority",
    ),
    ImportField(
        "kind",
        "Kind of setting",
        ("kind", "setting", "type of setting", "provider type", "education provider", "type"),
        required=True,
        help=", ".join(SETTING_KINDS),
    ),
    ImportField(
        "count",
        "Number",
        ("count", "number of settings", "total", "how many", "no"),
        required=True,
        type="int",
    ),
    ImportField("note", "Note", ("notes", "comments", "remarks")),
)  # fmt: skip


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    if values.get("year"):
        year = FinancialYear.parse(str(values["year"])).label
    elif ctx.year is not None:
        year = ctx.year.label
    else:
        raise ValidationError("Give the census year in a Year column, or with --year.", "year")
    kind = setting_kind(values["kind"])
    la = str(values.get("local_authority", ""))
    before = {(e.local_authority.casefold(), e.kind): e for e in list_census(ctx.store, year)}
    entry_id = set_count(ctx.store, year=year, local_authority=la, kind=kind,
                         count=values["count"], note=values.get("note"))  # fmt: skip
    saved = next(e for e in list_census(ctx.store, year) if e.id == entry_id)
    what = f"{saved.kind}, {saved.local_authority} {year}: {saved.count}"
    old = before.get((saved.local_authority.casefold(), saved.kind))
    if old is None:
        return Outcome("imported", entry_id, what)
    if (old.count, old.note) == (saved.count, saved.note):
        return Outcome("unchanged", entry_id, what)
    return Outcome("updated", entry_id, what, [f"was {old.count}"])


def export_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {"year": e.year, "local_authority": e.local_authority, "kind": e.kind,
         "count": e.count, "note": e.note}
        for e in list_census(store)
    ]  # fmt: skip


KIND = ImportKind(
    key="settings-census",
    label="Settings census",
    description="Education settings and residential homes per local authority and year (one "
    "count a row), matched by year, authority and kind of setting.",
    fields=FIELDS,
    import_row=import_row,
    identity=("kind", "count"),
    export_rows=export_rows,
)
