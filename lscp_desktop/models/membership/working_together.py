"""The rules of *Working Together to Safeguard Children 2023* (Chapter 2, "Multi-agency
safeguarding arrangements") on the partnership's roles and partners, in one place that the
window, the command line and the imports all call.

The rules, with where they come from:

1. **The statutory safeguarding partners** are the local authority, an integrated care board
   for an area any part of which falls within the local authority area, and the chief officer
   of police for an area any part of which falls within it (Children Act 2004, s.16E, as
   amended by the Children and Social Work Act 2017; Chapter 2, "Safeguarding partners").
   A partnership over several authorities has a council partner for each (seed 003).
2. **One Lead Safeguarding Partner per statutory partner at a time.** Chapter 2, "Lead
   safeguarding partners": the LSP of each statutory partner is its head — the local
   authority chief executive, the ICB chief executive and the chief officer of police — and
   speaks for that partner. An LSP is therefore refused for an organisation that is not a
   statutory partner (Cafcass, a trust, Education), and a second LSP for the same partner
   over the same days is refused: the previous holder's role must end first
   (:func:`successor` finds it; :func:`replace_previous` ends it the day before).
3. **Delegated Safeguarding Partners belong to a statutory partner.** Chapter 2, "Delegated
   safeguarding partners": "each LSP should appoint a delegated safeguarding partner (DSP)
   for its agency", sufficiently senior to speak with authority and take decisions on the
   LSP's behalf. A DSP with no organisation, or for an organisation that is not a statutory
   partner, is refused. (Several DSPs of one partner are allowed: an ICB may name one per
   place in a partnership over several authorities.)
4. **Independent scrutiny is independent.** Chapter 2, "Independent scrutiny": the
   arrangements include scrutiny of their effectiveness by an independent person (the
   Children Act 2004 as amended in 2017; seed 001, para 5.6: "The arrangements must include
   the provision of a scrutiny function by an independent person"). An independent scrutineer
   or commissioner employed by a safeguarding partner is saved with a **warning** (the
   partnership may have good reasons and must say how independence is kept), not refused.
5. **Chairing.** Chapter 2 leaves the chair to the partners; the arrangements choose an
   independent chair, a rotating chair among the statutory partners, a Lead or a Delegated
   Safeguarding Partner (seed 002: the Executive Board is chaired by the Director of
   Children's Services, the council's DSP), or leave it to be agreed
   (``records.CHAIR_ARRANGEMENTS``).
6. **Education and other added partners.** Chapter 2, "Education" and "Relevant agencies":
   education is not a statutory partner, but the guidance expects education to be a
   strategic partner at the heart of the arrangements, and partnerships may name it (or
   another organisation) a safeguarding partner beside the statutory three (seed 002:
   "Education as its fourth safeguarding partner"). Such an organisation keeps its own kind
   (never "statutory partner"), holds no LSP or DSP, and counts as a partner on Home
   ("3 statutory partners + Education"), in the "each partner present" quorum and in the
   yearly report (:func:`partner_line`).

**Checked against the guidance as published: not fully.** The paragraph numbers of the
published text (GOV.UK, December 2023) could not be read from this project's reference
search, which holds only secondary summaries of it (partnerships' own pages quoting
Chapter 2: the LSPs named as "the Chief Officer of Police, the Chief Executive of the Local
Authority and the Chief Executive of the local Integrated Care Board (ICB)", and "each LSP
should appoint a delegated safeguarding partner (DSP) for its agency"). The rules above cite
Chapter 2 by its section headings and the Children Act 2004 by section; the paragraph numbers
should be added when the text is checked against the published PDF.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership import queries
from lscp_desktop.models.membership.checks import overlap
from lscp_desktop.models.membership.organisations import get_organisation, list_organisations
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.records import Organisation
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.membership.body_records import PartnershipRole

LEAD = "Lead Safeguarding Partner"
DELEGATED = "Delegated Safeguarding Partner"
#: Roles that must be independent of the safeguarding partners.
INDEPENDENT_ROLES = ("independent scrutineer", "independent commissioner")
STATUTORY = "statutory partner"


def check_role(store: Store, clean: dict[str, Any], record_id: int | None) -> list[str]:
    """Refuse a role the guidance does not allow (a ValidationError saying why and what to
    do); return warnings for one it allows with care (an independent scrutineer employed by a
    partner)."""
    role = clean["role"]
    if role in (LEAD, DELEGATED):
        _check_partner_role(store, clean, record_id)
        return []
    if role in INDEPENDENT_ROLES:
        return _independence_warnings(store, clean)
    return []


def _check_partner_role(store: Store, clean: dict[str, Any], record_id: int | None) -> None:
    role = clean["role"]
    short = "an LSP" if role == LEAD else "a DSP"
    if clean["organisation_id"] is None:
        raise ValidationError(
            f"Choose the statutory partner this {role} acts for: Working Together 2023 names "
            f"{short} for the local authority, the ICB or the police.",
            "organisation_id",
        )
    org = get_organisation(store, clean["organisation_id"])
    if org.kind != STATUTORY:
        extra = (
            " The arrangement names it a safeguarding partner, but only the three statutory "
            "partners have Lead and Delegated Safeguarding Partners."
            if org.safeguarding_partner
            else ""
        )
        raise ValidationError(
            f"{org.name} is not a statutory partner (it is {_a(org.kind)}), so it cannot have "
            f"{_a(role)}: Working Together 2023 gives one to the local authority, the ICB "
            f"and the police.{extra}",
            "organisation_id",
        )
    if role == LEAD:
        previous = successor(store, clean, record_id)
        if previous is not None:
            until = f" to {uk(previous.end_date)}" if previous.end_date else ""
            raise ValidationError(
                f"{org.name} already has a Lead Safeguarding Partner, {previous.person}, from "
                f"{uk(previous.start_date)}{until}; a statutory partner has one at a time. End "
                f"{previous.person}'s role the day before {uk(clean['start_date'])} first (or "
                "let the app end it for you).",
                "start_date",
            )


def _independence_warnings(store: Store, clean: dict[str, Any]) -> list[str]:
    person = get_person(store, clean["person_id"])
    if person.organisation_id is None:
        return []
    employer = get_organisation(store, person.organisation_id)
    if not employer.is_partner:
        return []
    what = "a statutory partner" if employer.kind == STATUTORY else "a safeguarding partner"
    return [
        f"{person.name} works for {employer.name}, {what}. Working Together 2023 expects "
        f"the {clean['role']} to be independent of the safeguarding partners; record in the "
        "notes how independence is kept."
    ]


def successor(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> PartnershipRole | None:
    """The Lead Safeguarding Partner of the same statutory partner whose role overlaps the
    one in *values* (so a new LSP succeeds them), or None.

    The window offers to end that role; the command line does with ``role add --replace``.
    """
    from lscp_desktop.models.membership.body_records import PartnershipRole  # not to start

    if values.get("role") != LEAD or not values.get("organisation_id"):
        return None
    start = str(values.get("start_date") or dt.date.today().isoformat())
    end = values.get("end_date") or None
    for row in queries.roles_of_organisation(store, int(values["organisation_id"]), LEAD):
        if row["id"] == record_id:
            continue
        other = PartnershipRole.from_row(row)
        if overlap(start, end, other.start_date, other.end_date):
            return other
    return None


def replace_previous(store: Store, values: dict[str, Any], record_id: int | None = None) -> str:
    """End the role that *values* succeeds the day before it starts; returns what was done
    ('' when there was nothing to end). Call inside the transaction that saves the new role."""
    previous = successor(store, values, record_id)
    if previous is None:
        return ""
    start = dt.date.fromisoformat(str(values["start_date"]))
    last_day = start - dt.timedelta(days=1)
    if previous.start_date > last_day.isoformat():
        raise ValidationError(
            f"{previous.person} only became Lead Safeguarding Partner on "
            f"{uk(previous.start_date)}; a successor must start after that.",
            "start_date",
        )
    store.update("partnership_roles", previous.id, {"end_date": last_day.isoformat()})
    return f"ended {previous.person}'s role as {previous.role} on {uk(last_day)}"


# --------------------------------------------------------------------------- partners


class PartnerCount(NamedTuple):
    """The statutory partners and the partners the arrangement adds (Education)."""

    statutory: int
    added: tuple[str, ...] = ()

    def describe(self) -> str:
        """'3 statutory partners + Education'."""
        text = f"{self.statutory} statutory partner{'s' if self.statutory != 1 else ''}"
        return " + ".join([text, *self.added])

    @property
    def label(self) -> str:
        """A card's label beside the statutory count: 'Statutory partners + Education'."""
        return " + ".join(["Statutory partners", *self.added])

    @property
    def total(self) -> int:
        return self.statutory + len(self.added)


def partner_label(org: Organisation) -> str:
    """How an added partner is named beside the statutory three: its sector when that says
    it ('Education'), else its name."""
    if org.sector in ("education", "probation", "housing", "fire"):
        return org.sector.capitalize()
    return org.name


def partner_line(organisations: list[Organisation]) -> PartnerCount:
    """Count the active statutory partners and name the partners the arrangement adds."""
    active = [o for o in organisations if o.active]
    statutory = sum(1 for o in active if o.kind == STATUTORY)
    labels: list[str] = []
    for org in active:
        if org.safeguarding_partner and org.kind != STATUTORY:
            label = partner_label(org)
            if label not in labels:
                labels.append(label)
    return PartnerCount(statutory, tuple(labels))


def partners(store: Store) -> PartnerCount:
    return partner_line(list_organisations(store, active_only=True))


def _a(text: str) -> str:
    return ("an " if text[:1].lower() in "aeiou" else "a ") + text
