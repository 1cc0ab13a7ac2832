"""The yearly report's sections on people, as they were during the year: the safeguarding
partners and who led them, each body's chair, the independent scrutineer named for the period
with a place for the scrutineer's report, and the membership of every body."""

from __future__ import annotations

from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.working_together import partner_line
from lscp_desktop.models.reporting.year_people import (
    LEADERSHIP_ROLES,
    SCRUTINY_ROLES,
    Held,
    bodies_in_year,
    chairs_in_year,
    during,
    memberships_in_year,
    roles_in_year,
)
from lscp_desktop.models.store.database import Store


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_partners(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    """The safeguarding partners (the statutory three and any the arrangement adds), who led
    them and who chaired each body during the year."""
    organisations = [o for o in list_organisations(store) if o.active]
    count = partner_line(organisations)
    leaders = roles_in_year(store, year, LEADERSHIP_ROLES)
    chairs = chairs_in_year(store, year)
    if not count.total and not leaders and not chairs:
        return
    doc.heading("The safeguarding partners", 1)
    if count.total:
        statutory = [o.name for o in organisations if o.kind == "statutory partner"]
        added = [o.name for o in organisations if o.is_partner and o.kind != "statutory partner"]
        text = f"The partnership's safeguarding partners are {count.describe()}: " + ", ".join(
            statutory
        )
        if added:
            text += (
                f"; and, named by the arrangements beside them, {', '.join(added)}, who shares "
                "their responsibility but is not a statutory partner"
            )
        doc.paragraph(text + ".")
    if leaders:
        doc.heading(f"Who led the partnership in {year.label}", 2)
        doc.table(
            ["Role", "Name", "On behalf of", "In the year"],
            [[_capital(h.place), h.person, h.organisation, during(h, year)] for h in leaders],
        )
    if chairs:
        doc.heading(f"Chairs in {year.label}", 2)
        doc.table(
            ["Body", "Chair", "Organisation", "In the year"],
            [[body, h.person, h.organisation, during(h, year)]
             for body, held in chairs.items() for h in held],
        )  # fmt: skip


def write_scrutiny(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    """The independent scrutineer (or commissioner) named for the period, and a place for the
    scrutineer's report and the partners' response."""
    doc.heading("Independent scrutiny", 1)
    scrutineers = roles_in_year(store, year, SCRUTINY_ROLES)
    if scrutineers:
        doc.paragraph(f"Independent scrutiny of the arrangements in {year.label}: "
                      + "; ".join(_named(h, year) for h in scrutineers) + ".")  # fmt: skip
    else:
        doc.paragraph(f"No independent scrutineer is recorded for {year.label}.")
    doc.heading("The independent scrutineer's report", 2)
    doc.placeholder(
        "the scrutineer's findings on how well the arrangements worked in the year, their "
        "recommendations and the partners' response"
    )


def _named(held: Held, year: FinancialYear) -> str:
    period = during(held, year)
    employer = f", {held.organisation}" if held.organisation else ""
    when = "" if period == "Throughout the year" else f", {period[:1].lower()}{period[1:]}"
    return f"{held.person} ({held.place}{employer}{when})"


def write_membership(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    """Appendix: who sat on each body during the year, with when, if not the whole year."""
    members = memberships_in_year(store, year)
    bodies = [b for b in bodies_in_year(store, year) if members.get(b.id)]
    if not bodies:
        return
    doc.heading(f"Appendix: membership of the partnership's bodies in {year.label}", 1)
    doc.paragraph("Everyone who sat on a body at some time during the year, in their role then.")
    for body in bodies:
        doc.heading(body.name, 2)
        doc.table(
            ["Name", "Organisation", "Role", "In the year"],
            [[m.person, m.organisation,
              _capital(m.role) + (f" for {m.deputy_for}" if m.deputy_for else ""),
              during(Held(m.person, m.role, m.organisation, m.start_date or None, m.end_date),
                     year)]
             for m in members[body.id]],
        )  # fmt: skip
