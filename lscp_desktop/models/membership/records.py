"""The membership area's records (bodies', memberships' and partnership roles' are in
``body_records``) and the choices its forms offer."""

from __future__ import annotations

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
    """The partnership itself: its name, the local authorities it covers and its chair."""

    name: str
    local_authorities: list[str]
    chair_arrangement: str
    year_start_month: int = 4
    notes: str = ""


@dataclass
class Organisation(Record):
    """A partner or member organisation."""

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
    """A person the partnership works with, and the organisation they are from."""

    id: int
    name: str
    job_title: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    email: str = ""
    phone: str = ""
    active: int = 1
    notes: str = ""
