"""The membership area's records and the choices its forms offer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lscp_desktop.models.core.records import Record

ORGANISATION_KINDS = (
    "statutory partner",
    "relevant agency",
    "education",
    "voluntary & community",
    "other",
)
SECTORS = (
    "local authority",
    "health/ICB",
    "NHS trust",
    "police",
    "education",
    "probation",
    "Cafcass",
    "fire",
    "housing",
    "prison or youth custody",
    "other",
)
PARTNERSHIP_ROLES = (
    "Lead Safeguarding Partner",
    "Delegated Safeguarding Partner",
    "partnership chair",
    "independent scrutineer",
    "independent commissioner",
    "lay member",
    "Lead Member (participant observer)",
    "designated nurse",
    "designated doctor",
    "subject-matter expert",
    "business unit staff",
    "independent reviewer",
    "independent auditor",
    "young scrutineer",
    "change maker",
)
BODY_KINDS = (
    "executive",
    "board",
    "scrutiny board",
    "forum",
    "assurance group",
    "subgroup",
    "local group",
    "task-and-finish group",
    "learning hub",
    "working group",
)
MEMBERSHIP_ROLES = (
    "chair",
    "vice-chair",
    "co-chair",
    "member",
    "deputy",
    "virtual member",
    "co-opted",
    "observer",
    "adviser",
    "secretariat",
)
CHAIR_ARRANGEMENTS = (
    "independent chair",
    "rotating chair among the statutory partners",
    "chaired by a Lead Safeguarding Partner",
    "chaired by a Delegated Safeguarding Partner",
    "agreed among the statutory partners",
)
#: Membership roles expected at every meeting of the body; virtual members receive the papers
#: and are called in when needed, observers and advisers are "in attendance".
EXPECTED_ROLES = ("chair", "vice-chair", "co-chair", "member", "co-opted")
#: Listed on an agenda under "In attendance" (invited, not members).
IN_ATTENDANCE_ROLES = ("observer", "adviser", "secretariat")


@dataclass
class Partnership(Record):
    name: str
    local_authorities: list[str]
    chair_arrangement: str
    year_start_month: int = 4
    notes: str = ""


@dataclass
class Organisation(Record):
    id: int
    name: str
    kind: str
    sector: str
    local_authority: str = ""
    active: int = 1
    notes: str = ""
    people_count: int = 0
    #: Named by the arrangement a safeguarding partner beside the statutory three (Education in
    #: seed 002); never a statutory partner itself.
    safeguarding_partner: int = 0

    @property
    def is_partner(self) -> bool:
        """A statutory partner, or a safeguarding partner the arrangement adds."""
        return self.kind == "statutory partner" or bool(self.safeguarding_partner)


@dataclass
class Person(Record):
    id: int
    name: str
    job_title: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    email: str = ""
    phone: str = ""
    active: int = 1
    notes: str = ""


@dataclass
class Body(Record):
    id: int
    name: str
    code: str
    kind: str
    purpose: str = ""
    reports_to_id: int | None = None
    reports_to: str = ""
    local_authority: str = ""
    start_date: str = ""
    end_date: str | None = None
    active: int = 1
    member_count: int = 0
    #: The partnership that hosts a body shared with others ('' when it is the partnership's
    #: own); counted apart in the yearly report.
    hosted_by: str = ""


@dataclass
class Membership(Record):
    id: int
    person_id: int
    body_id: int
    role: str
    person: str = ""
    organisation: str = ""
    body: str = ""
    deputy_for_id: int | None = None
    deputy_for: str = ""
    delegated_authority: int = 0
    start_date: str = ""
    end_date: str | None = None
    notes: str = ""
    #: A fixed term in months (lay members for 18): the end date follows from the start.
    term_months: int | None = None

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return self.start_date <= on.isoformat() and (
            self.end_date is None or self.end_date >= on.isoformat()
        )


@dataclass
class PartnershipRole(Record):
    id: int
    person_id: int
    role: str
    person: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    start_date: str = ""
    end_date: str | None = None
    notes: str = ""
