"""What a kind's row function works with: the store, the year, and find-or-create look-ups.

Organisations, people, bodies, priorities and risks are named by several kinds (an action's
owner and priority, a risk's owner); the look-ups here find them by name, create the ones that
may be created (and say so in the report), and forget what a failed row's savepoint undid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from lscp_desktop.models.actions.priorities import list_priorities, save_priority
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import STORAGE_FAULTS, LscpError, StoreError, ValidationError
from lscp_desktop.models.imports.report import ImportReport, OrganisationGuess
from lscp_desktop.models.imports.values import normalise_name
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.body_records import Body
from lscp_desktop.models.membership.organisations import (
    get_organisation,
    list_organisations,
    save_organisation,
)
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.people import list_people, save_person
from lscp_desktop.models.membership.public_bodies import classify, match_organisation
from lscp_desktop.models.membership.records import Organisation
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.store.database import Store

_T = TypeVar("_T")


class HeldRowsError(StoreError):
    """Rows checked and held could not be written: the whole import stops."""


class ImportContext:
    """What a kind's row function can use: the store, the year, and find-or-create helpers."""

    def __init__(
        self,
        store: Store,
        report: ImportReport,
        year: FinancialYear | None,
        choices: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.store = store
        self.report = report
        self.year = year
        self.today = dt.date.today()
        #: The user's kind and sector for organisations to be created, by normalised name.
        self.choices = {normalise_name(k): v for k, v in (choices or {}).items()}
        self._orgs: dict[str, int] | None = None
        self._org_records: list[Organisation] = []
        self._people: dict[str, int] | None = None
        self._bodies: dict[str, Body] | None = None
        #: For look-ups by name (priorities, risks, a kind's own such as risk categories);
        #: emptied with the other caches when a row's savepoint is rolled back.
        self.cache: dict[str, Any] = {}
        #: For kinds' large look-ups (a 20,000-action log) that they change only at the end
        #: of a row that worked, so they stay right when a row fails; never emptied.
        self.lasting: dict[str, Any] = {}
        #: What writes the rows a kind holds (``ImportKind.queue_row``), by name.
        self.flushes: dict[str, Callable[[], None]] = {}

    def cached(self, key: str, load: Callable[[], _T]) -> _T:
        """``cache[key]``, loaded by *load* the first time it is asked for."""
        if key not in self.cache:
            self.cache[key] = load()
        value: _T = self.cache[key]
        return value

    def flush(self) -> None:
        """Write every row held (before a row is imported on its own, and at the end). A
        failure is the import's, not a row's (:class:`HeldRowsError`: the import stops and
        nothing of it is kept), since part of the rows held may have been written."""
        try:
            for flush in self.flushes.values():
                flush()
        except STORAGE_FAULTS:
            raise
        except LscpError as exc:
            raise HeldRowsError(
                f"The rows checked so far could not be written together ({exc}), so the "
                "import was stopped and nothing of it was kept."
            ) from exc

    def require_year(self) -> FinancialYear:
        if self.year is None:
            raise LscpError(
                f"Say which financial year a {self.report.kind.label.lower()} import is for "
                "(--year 2025/26)."
            )
        return self.year

    # ---- organisations
    def find_organisation(self, name: str, notes: list[str] | None = None) -> int | None:
        """The organisation *name* means: by name, else by an alias of the same body
        ("Met Police" for the Metropolitan Police), said in *notes* and the report."""
        if self._orgs is None:
            self._org_records = list_organisations(self.store)
            self._orgs = {normalise_name(o.name): o.id for o in self._org_records}
        found = self._orgs.get(normalise_name(name))
        if found is not None:
            return found
        org, how = match_organisation(self._org_records, name)
        if org is None:
            return None
        if notes is not None:
            notes.append(how)
        if how not in self.report.matched:
            self.report.matched.append(how)
        return org.id

    def guess(self, name: str, kind: str | None = None) -> tuple[str, str]:
        """The kind and sector an organisation created under *name* gets: the user's choice,
        else *kind* (from the file) with the sector its name says, else both from its name;
        recorded in the report for the check to show."""
        clean = " ".join(name.split())
        guess = classify(clean, self.authorities())
        chosen = self.choices.get(normalise_name(clean))
        reason, given = guess.reason, kind is not None
        if chosen is not None:
            kind, sector, reason, given = chosen[0], chosen[1] or guess.sector, "your choice", False
        else:
            kind, sector = kind or guess.kind, guess.sector
        if all(normalise_name(g.name) != normalise_name(clean) for g in self.report.guesses):
            self.report.guesses.append(OrganisationGuess(clean, kind, sector, reason, given))
        return kind, sector

    def authorities(self) -> tuple[str, ...]:
        """The partnership's local authorities (a council of one of them is a partner)."""
        return self.cached("authorities", lambda: tuple(_partnership_authorities(self.store)))

    def organisation(self, name: str, notes: list[str], kind: str | None = None) -> int:
        """The id of the organisation called *name*, created (and said so) if there is none.

        A new organisation's kind is *kind* if given (e.g. a "Kind of partner" column), else
        the user's choice or what its name says (:meth:`guess`), as is its sector.
        """
        found = self.find_organisation(name, notes)
        if found is not None:
            return found
        kind, sector = self.guess(name, kind)
        new_id = save_organisation(self.store, {"name": name, "kind": kind, "sector": sector})
        self.remember_organisation(name, new_id)
        text = f"created organisation '{' '.join(name.split())}' ({kind}, {sector}; check these)"
        self._note(text, notes)
        return new_id

    def _note(self, text: str, notes: list[str]) -> None:
        notes.append(text)
        if text not in self.report.created:
            self.report.created.append(text)

    def remember_organisation(self, name: str, org_id: int) -> None:
        if self._orgs is not None:
            self._orgs[normalise_name(name)] = org_id
            self._org_records.append(get_organisation(self.store, org_id))

    # ---- people
    def find_person(self, name: str) -> int | None:
        if self._people is None:
            self._people = {}
            for p in list_people(self.store):
                self._people.setdefault(normalise_name(p.name), p.id)
        return self._people.get(normalise_name(name))

    def person(self, name: str, notes: list[str], extra: dict[str, Any] | None = None) -> int:
        """The id of the person called *name*, created (and said so) if there is none."""
        found = self.find_person(name)
        if found is not None:
            return found
        new_id = save_person(self.store, {"name": name, **(extra or {})})
        self.remember_person(name, new_id)
        self._note(f"created person '{' '.join(name.split())}'", notes)
        return new_id

    def remember_person(self, name: str, person_id: int) -> None:
        if self._people is not None:
            self._people[normalise_name(name)] = person_id

    # ---- bodies
    def body(self, name_or_code: str) -> Body:
        """A body by name or short code; never created (it needs a code, kind and purpose)."""
        if self._bodies is None:
            self._bodies = {}
            for b in list_bodies(self.store):
                self._bodies[normalise_name(b.name)] = b
                self._bodies[normalise_name(b.code)] = b
        found = self._bodies.get(normalise_name(name_or_code))
        if found is None:
            names = sorted({b.name for b in self._bodies.values()})
            raise ValidationError(
                f"There is no body called '{name_or_code}'. Add it on the Membership page first, "
                f"or use one of: {', '.join(names) or '(no bodies yet)'}.",
                "body",
            )
        return found

    def forget_bodies(self) -> None:
        """Look bodies up afresh (an import of bodies has just saved one)."""
        self._bodies = None

    # ---- priorities (actions and risks name them)
    def find_priority(self, name: str) -> int | None:
        return self._priorities().get(normalise_name(name))

    def _priorities(self) -> dict[str, int]:
        return self.cached(
            "priorities",
            lambda: {normalise_name(p.name): p.id for p in list_priorities(self.store)},
        )

    def priority(self, name: str, notes: list[str]) -> int:
        """The id of the priority called *name*, created (and said so) if there is none."""
        known = self._priorities()
        found = known.get(normalise_name(name))
        if found is None:
            found = save_priority(self.store, {"name": name})
            known[normalise_name(name)] = found
            notes.append(f"created priority '{' '.join(name.split())}'")
        return found

    # ---- risks (an action raised from a risk names it)
    def find_risk(self, reference: str) -> int | None:
        """The id of the risk with *reference* (ignoring case and spaces), or None."""
        return self._risks().get(normalise_name(reference))

    def remember_risk(self, reference: str, risk_id: int) -> None:
        self._risks()[normalise_name(reference)] = risk_id

    def _risks(self) -> dict[str, int]:
        return self.cached(
            "risks",
            lambda: {normalise_name(r.reference): r.id for r in list_risks(self.store)},
        )

    def forget(self) -> None:
        """Drop the caches (after a row's savepoint was rolled back)."""
        self._orgs = self._people = None
        self._bodies = None
        self.cache.clear()


def _partnership_authorities(store: Store) -> list[str]:
    partnership = get_partnership(store)
    return partnership.local_authorities if partnership else []
