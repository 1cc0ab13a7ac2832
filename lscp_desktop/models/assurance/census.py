"""The education settings and residential homes of each local authority, counted each year: the
census a partnership publishes in its arrangements (seed 003's table for three authorities;
seed 002: 499 early years providers, 63 primary schools…) and the yearly report's education
section draws on.

A count is kept per financial year, local authority and kind of setting, with an optional note
("7 main centres", "15 of the schools are academies"); entered in a grid, from the command line
or imported.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.assurance import queries
from lscp_desktop.models.assurance.records import SETTING_KINDS, CensusEntry, CensusTable
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ConflictError, ValidationError
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.models.store.versions import by, show

MAX_COUNT = 100_000
MAX_NOTE = 200


def list_census(store: Store, year: str | None = None) -> list[CensusEntry]:
    label = FinancialYear.parse(year).label if year else None
    return [CensusEntry.from_row(r) for r in queries.census(store, label)]


def census_years(store: Store) -> list[str]:
    return queries.census_years(store)


def local_authorities(store: Store) -> list[str]:
    partnership = get_partnership(store)
    return list(partnership.local_authorities) if partnership else []


def _authority(store: Store, value: Any) -> str:
    text = " ".join(str(value or "").split())
    known = local_authorities(store)
    if not text:
        if len(known) == 1:
            return known[0]
        raise ValidationError("Choose the local authority the count is for.", "local_authority")
    for name in known:
        if name.casefold() == text.casefold():
            return name
    if known:
        raise ValidationError(
            f"'{text}' is not one of the partnership's local authorities ({', '.join(known)}).",
            "local_authority",
        )
    return text


def setting_kind(value: Any) -> str:
    """A kind of setting by name, ignoring case, a final 's' and an apostrophe."""
    text = " ".join(str(value or "").lower().replace("’", "'").split())
    for kind in SETTING_KINDS:
        if text in (
            kind,
            kind.rstrip("s"),
            kind.replace("'", ""),
            kind.replace("'", "").rstrip("s"),
        ):
            return kind
    raise ValidationError(
        f"'{value}' is not a kind of setting; use one of: {', '.join(SETTING_KINDS)}.", "kind"
    )


def _count(value: Any) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = int(str(value).strip().replace(",", ""))
    except ValueError:
        raise ValidationError(f"'{value}' is not a whole number of settings.", "count") from None
    if not 0 <= number <= MAX_COUNT:
        raise ValidationError(f"Enter a count from 0 to {MAX_COUNT:,}.", "count")
    return number


#: :func:`set_count` without *shown*: the cell is saved whatever it holds now.
UNCHECKED: Any = object()


def _changed_since(store: Store, row: Row | None, cell: str, yours: int | None) -> ConflictError:
    """The refusal of a count over a colleague's change to the cell (or its removal)."""
    history = store.history("settings_census", int(row["id"])) if row is not None else []
    theirs = None if row is None else row["count"]
    return ConflictError(
        f"The count of {cell} was changed {by(history[-1] if history else None)}since you "
        f"saw it, so yours was not saved.\n• Count: theirs {show(theirs)}, yours {show(yours)}",
        "settings_census",
        0 if row is None else int(row["id"]),
        0 if row is None else int(row["row_version"]),
    )


def set_count(
    store: Store,
    *,
    year: str,
    local_authority: str,
    kind: str,
    count: Any,
    note: str | None = None,
    shown: Any = UNCHECKED,
) -> int | None:
    """Set one cell of the census (an empty count removes it); returns the entry's id. With
    *shown*, the count the user saw in the cell (None: empty), a cell a colleague has changed
    since is refused with a :class:`ConflictError` naming their count and yours."""
    label = FinancialYear.parse(year).label
    la = _authority(store, local_authority)
    which = setting_kind(kind)
    number = _count(count)
    text = as_text(note).strip() if note is not None else None
    if text is not None and len(text) > MAX_NOTE:
        raise ValidationError(f"Keep the note to {MAX_NOTE} characters or fewer.", "note")
    with store.transaction():
        row = queries.census_entry(store, label, la, which)
        if shown is not UNCHECKED and (None if row is None else row["count"]) != shown:
            raise _changed_since(store, row, f"{which} in {la} for {label}", number)
        if number is None:
            if row is not None:
                store.delete("settings_census", int(row["id"]))
            return None
        values = {"count": number, **({"note": text} if text is not None else {})}
        if row is None:
            return store.insert(
                "settings_census",
                {"year": label, "local_authority": la, "kind": which, **values},
            )
        store.update("settings_census", int(row["id"]), values)
        return int(row["id"])


def census_table(store: Store, year: str) -> CensusTable:
    """One year's census as a grid: every kind down, each local authority across."""
    label = FinancialYear.parse(year).label
    entries = list_census(store, label)
    las = local_authorities(store)
    for e in entries:
        if e.local_authority not in las:
            las.append(e.local_authority)
    table = CensusTable(label, las, list(SETTING_KINDS))
    for e in entries:
        table.counts[(e.kind, e.local_authority)] = e.count
        if e.note:
            table.notes[(e.kind, e.local_authority)] = e.note
    return table


def census_for_year(store: Store, year: FinancialYear) -> CensusTable | None:
    """The census of *year*, or the latest one before it (the settings change slowly); None
    when no census is recorded by then."""
    years = [y for y in census_years(store) if FinancialYear.parse(y) <= year]
    return census_table(store, years[-1]) if years else None


def copy_year(store: Store, source: str, target: str) -> int:
    """Start a year's census from another's counts (an entry already there is kept); returns
    how many were copied."""
    target_label = FinancialYear.parse(target).label
    copied = 0
    with store.transaction():
        for e in list_census(store, source):
            if queries.census_entry(store, target_label, e.local_authority, e.kind) is None:
                store.insert(
                    "settings_census",
                    {"year": target_label, "local_authority": e.local_authority,
                     "kind": e.kind, "count": e.count, "note": e.note},
                )  # fmt: skip
                copied += 1
    return copied


def _check(store: Store, row: Row, record_id: int) -> object:
    _count(row.get("count"))
    return setting_kind(row.get("kind"))


register("settings_census", check=_check)
