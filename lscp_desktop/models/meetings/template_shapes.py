"""The bodies of each template, as the seed documents publish them: kind, reporting line,
cadence, standing items and the reports each owes its parent (the forward plan).

- ``executive-forum`` (seed 000, Lambeth 2019): the Executive every other month with a chair
  rotating yearly among the statutory partners (para 17, 20), reports from each subgroup
  over a four-month cycle (para 22); the Forum three times a year (para 23); three standing
  subgroups three times a year (paras 37, 40, 46); Learning and Practice Improvement Hubs
  every four months (para 52); the Child Death Overview Panel shared with Southwark and
  Bromley (para 53).
- ``multi-borough`` (seed 001, Lewisham 2019): an Executive Group of the lead representatives
  (8.2), a Partnership Board of relevant agencies (8.3), four subgroups (8.4), and the Tri
  Borough Strategic Executive group with Bexley and Greenwich twice a year (8.6).
- ``four-partners`` (seed 002, Lambeth under Working Together 2023): the Quarterly
  Safeguarding Assurance Group (quarterly), the Executive Board chaired by the Director of
  Children's Services (at least twice a year), the Partnership Scrutiny Board chaired by the
  independent commissioner, to which subgroups and agencies report quarterly, and eight
  subgroups.
- ``three-authorities`` (seed 003, Hammersmith & Fulham, Kensington and Chelsea, Westminster
  2019): the partnership meets quarterly, the Strategic Planning Group quarterly, a Local
  Group in each authority and four named subgroups, each examining the quarterly theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_OPEN = """Welcome, introductions and apologies | 5 | information
Declarations of interest | 5 | information
Minutes of the last meeting and matters arising | 10 | decision
Action log | 10 | assurance"""
_CLOSE = """---
Any other business | 5 | information"""

#: Standing items by kind of body ('Title | minutes | purpose'; closing items after '---').
STANDING: dict[str, str] = {
    "executive": f"""{_OPEN}
Risk register | 10 | assurance
Performance dashboard | 15 | assurance
Reports due from the subgroups | 20 | assurance
{_CLOSE}""",
    "assurance group": f"""{_OPEN}
Partnership risks and resourcing | 20 | assurance
Independent commissioner's report | 20 | assurance
{_CLOSE}""",
    "scrutiny board": f"""{_OPEN}
Subgroup reports | 30 | assurance
Agency assurance reports | 30 | assurance
Performance data and audit findings | 20 | assurance
{_CLOSE}""",
    "board": f"""{_OPEN}
Quarterly theme | 30 | discussion
Subgroup updates | 30 | assurance
New and emerging concerns | 15 | discussion
{_CLOSE}""",
    "forum": """Welcome and introductions | 10 | information
Learning from reviews and audits | 30 | discussion
The voice of children and families | 20 | discussion
Updates from partners | 20 | information
---
Any other business | 5 | information""",
    "subgroup": f"""{_OPEN}
Work plan | 20 | assurance
Data and performance | 20 | discussion
Report to the parent body | 10 | decision
{_CLOSE}""",
    "local group": f"""{_OPEN}
Quarterly theme | 30 | discussion
Local updates from partners | 20 | information
What practitioners and children told us | 20 | discussion
{_CLOSE}""",
    "learning hub": f"""{_OPEN}
Audit and observation findings | 30 | discussion
Improvement plan | 20 | decision
Change makers' update | 15 | assurance
{_CLOSE}""",
}
#: Cadences by how often a body meets (values for ``cadence.save_cadence``).
EVERY_OTHER_MONTH = {"frequency": "every N months", "interval_months": 2, "anchor_month": 4}
QUARTERLY = {"frequency": "quarterly", "anchor_month": 4}
THREE_A_YEAR = {"frequency": "three times a year", "anchor_month": 5}
TWICE_A_YEAR = {"frequency": "twice a year", "anchor_month": 5}
AD_HOC = {"frequency": "ad hoc"}


@dataclass(frozen=True)
class BodyPlan:
    code: str
    name: str
    kind: str
    purpose: str
    reports_to: str | None = None  # the code of the parent body
    local_authority: str = ""
    cadence: dict[str, Any] = field(default_factory=lambda: dict(QUARTERLY))
    #: Reports owed to the parent body every this many months (0: none in the forward plan).
    reports_every: int = 0
    #: The partnership hosting a body shared with others ('' for the partnership's own).
    hosted_by: str = ""
    #: Quorum: each safeguarding partner present.
    each_partner: bool = False
    #: The chair rotates yearly among the statutory partners (seed 000's Executive).
    rotating_chair: bool = False

    @property
    def standing_items(self) -> str:
        return STANDING.get(self.kind, STANDING["subgroup"])

    @property
    def meets(self) -> str:
        """How often, in a few words: 'every 2 months', 'quarterly', 'shared'."""
        if self.hosted_by:
            return "shared"
        frequency = self.cadence.get("frequency", "quarterly")
        if frequency == "every N months":
            return f"every {self.cadence.get('interval_months')} months"
        return {"ad hoc": "as needed", "three times a year": "3 a year"}.get(frequency, frequency)


def _subgroup(
    code: str, name: str, purpose: str, parent: str, cadence: dict[str, Any], every: int
) -> BodyPlan:
    return BodyPlan(
        code, name, "subgroup", purpose, parent, cadence=dict(cadence), reports_every=every
    )


def executive_forum(_las: list[str]) -> list[BodyPlan]:
    """Seed 000: Lambeth's arrangements, 2019."""
    return [
        BodyPlan(
            "EXEC",
            "Partnership Executive",
            "executive",
            "Strategic leadership and direction; meets every other month; the chair "
            "rotates yearly among the statutory partners.",
            cadence=dict(EVERY_OTHER_MONTH),
            each_partner=True,
            rotating_chair=True,
        ),
        BodyPlan(
            "FORUM",
            "Partnership Forum",
            "forum",
            "Brings statutory and voluntary sector agencies together three times a year.",
            "EXEC",
            cadence=dict(THREE_A_YEAR),
        ),
        _subgroup(
            "TDS",
            "Training and Development Subgroup",
            "Commissions multi-agency training and checks its impact.",
            "EXEC",
            THREE_A_YEAR,
            4,
        ),
        _subgroup(
            "QAPSI",
            "Quality Assurance, Performance and Safeguarding Incidents Subgroup",
            "Performance data, audits, serious incident notifications and rapid reviews.",
            "EXEC",
            THREE_A_YEAR,
            4,
        ),
        _subgroup(
            "SAS",
            "Safeguarding Adolescents Subgroup",
            "Exploitation, serious youth violence and children missing from home or care.",
            "EXEC",
            THREE_A_YEAR,
            4,
        ),
        BodyPlan(
            "LPIH",
            "Learning and Practice Improvement Hub",
            "learning hub",
            "Audits and practice reviews on the year's priorities, with the independent "
            "auditor and two change makers; a new hub every four months.",
            "EXEC",
            cadence=dict(THREE_A_YEAR),
            reports_every=4,
        ),
        BodyPlan(
            "CDOP",
            "Child Death Overview Panel",
            "subgroup",
            "Combined panel with neighbouring partnerships; its yearly report comes to "
            "the Executive.",
            "EXEC",
            cadence=dict(AD_HOC),
            reports_every=12,
            hosted_by="combined with Southwark and Bromley",
        ),
    ]


def multi_borough(_las: list[str]) -> list[BodyPlan]:
    """Seed 001: Lewisham's arrangements, 2019, with a tri-borough group shared with its
    neighbours."""
    return [
        BodyPlan(
            "EXEC",
            "Executive Group",
            "executive",
            "The lead representatives and a senior adviser of each statutory partner; "
            "key strategy and decisions.",
            cadence=dict(QUARTERLY),
            each_partner=True,
        ),
        BodyPlan(
            "BOARD",
            "Partnership Board",
            "board",
            "Relevant agencies (probation, housing, the voluntary sector), lay members and "
            "the Lead Member as participant observer; priorities and learning.",
            "EXEC",
            cadence=dict(QUARTERLY),
            reports_every=3,
        ),
        _subgroup(
            "AUDIT",
            "Audit Subgroup",
            "Multi-agency audits with frontline leads, parents and children.",
            "EXEC",
            QUARTERLY,
            3,
        ),
        _subgroup(
            "SSG",
            "Schools Safeguarding Group",
            "Schools steer their safeguarding work and take part in the partnership.",
            "EXEC",
            QUARTERLY,
            3,
        ),
        _subgroup(
            "LFIC",
            "Learning From Individual Cases",
            "Notifications to the national Panel, rapid reviews and local reviews.",
            "EXEC",
            QUARTERLY,
            3,
        ),
        _subgroup(
            "MET",
            "Missing, Exploited and Trafficked Subgroup",
            "Exploitation, county lines, modern slavery, online abuse and extremism.",
            "EXEC",
            QUARTERLY,
            3,
        ),
        BodyPlan(
            "TRISEG",
            "Tri-borough Strategic Executive Group",
            "executive",
            "Representatives of the neighbouring partnerships' executive groups, sharing "
            "the police command unit; shared priorities twice a year.",
            "EXEC",
            cadence=dict(TWICE_A_YEAR),
            hosted_by="shared with the neighbouring partnerships",
        ),
    ]


def four_partners(_las: list[str]) -> list[BodyPlan]:
    """Seed 002: Lambeth's arrangements under Working Together 2023."""
    subgroups = (
        (
            "PCI",
            "Performance, Challenge and Impact Subgroup",
            "Audits and the performance of all agencies against the partnership's vision.",
            QUARTERLY,
        ),
        (
            "LIS",
            "Learning and Improvement Subgroup",
            "Training needs, the training programme and its impact.",
            QUARTERLY,
        ),
        (
            "CRS",
            "Case Review Subgroup",
            "Chaired by the independent commissioner: rapid reviews "
            "and child safeguarding practice reviews.",
            QUARTERLY,
        ),
        (
            "SIN",
            "Serious Incident Notifications Subgroup",
            "Considers serious incident notifications as they arise.",
            AD_HOC,
        ),
        (
            "MASH",
            "MASH Strategic Oversight Group",
            "Oversight of the multi-agency safeguarding hub.",
            QUARTERLY,
        ),
        (
            "ESAC",
            "Education Safeguarding Advisory Committee",
            "Schools, colleges and early years settings in the arrangements.",
            QUARTERLY,
        ),
        ("EYS", "Early Years Subgroup", "Early years providers and childminders.", QUARTERLY),
        (
            "CSSOG",
            "Contextual Safeguarding Strategic Oversight Group",
            "Harm outside the home: exploitation, serious youth violence.",
            QUARTERLY,
        ),
    )
    return [
        BodyPlan(
            "QSAG",
            "Quarterly Safeguarding Assurance Group",
            "assurance group",
            "The most senior leaders of the partners with the independent commissioner; "
            "oversight of commitment, resourcing, challenges and risks.",
            cadence=dict(QUARTERLY),
            each_partner=True,
        ),
        BodyPlan(
            "EXEC",
            "Executive Board",
            "executive",
            "Chaired by the Director of Children's Services; holds the partnership to "
            "account and agrees funding; meets at least twice a year.",
            "QSAG",
            cadence=dict(TWICE_A_YEAR),
            each_partner=True,
        ),
        BodyPlan(
            "PSB",
            "Partnership Scrutiny Board",
            "scrutiny board",
            "Chaired by the independent commissioner; scrutinises the subgroups' work, "
            "performance and audit findings; subgroups and agencies report quarterly.",
            "EXEC",
            cadence=dict(QUARTERLY),
        ),
        *(
            _subgroup(code, name, purpose, "PSB", cadence, 3 if cadence is QUARTERLY else 0)
            for code, name, purpose, cadence in subgroups
        ),
    ]


def three_authorities(las: list[str]) -> list[BodyPlan]:
    """Seed 003: one partnership over three authorities."""
    bodies = [
        BodyPlan(
            "LSCP",
            "Safeguarding Children Partnership",
            "board",
            "Meets quarterly to review the subgroups' work and new concerns; the Lead "
            "Safeguarding Partners attend at least twice a year.",
            cadence=dict(QUARTERLY),
        ),
        BodyPlan(
            "SPG",
            "Strategic Planning Group",
            "subgroup",
            "Subgroup chairs and the independent chair; sets the quarterly theme and "
            "recommends the priorities; meets quarterly.",
            "LSCP",
            cadence=dict(QUARTERLY),
            reports_every=3,
        ),
    ]
    codes: set[str] = set()
    for la in las:
        bodies.append(
            BodyPlan(
                local_group_code(la, codes),
                f"{la} Local Group",
                "local group",
                f"The partnership's local focus in {la}: local problem solving and the "
                "quarterly theme.",
                "LSCP",
                la,
                cadence=dict(QUARTERLY),
                reports_every=3,
            )
        )
    bodies += [
        _subgroup(
            "CRS",
            "Case Review Subgroup",
            "Rapid reviews and the decision on child "
            "safeguarding practice reviews; the learning newsletter.",
            "LSCP",
            QUARTERLY,
            3,
        ),
        _subgroup(
            "LDS",
            "Learning and Development Subgroup",
            "The multi-agency training programme and the learning and improvement framework.",
            "LSCP",
            QUARTERLY,
            3,
        ),
        _subgroup(
            "SAS",
            "Safeguarding Adolescents Subgroup",
            "Contextual safeguarding and adolescents moving to adult services.",
            "LSCP",
            QUARTERLY,
            3,
        ),
        _subgroup(
            "QAS",
            "Quality Assurance Subgroup",
            "The data set, two multi-agency audits a year and Section 11 audits.",
            "LSCP",
            QUARTERLY,
            3,
        ),
    ]
    return bodies


def local_group_code(la: str, used: set[str]) -> str:
    letters = re.sub(r"[^A-Z0-9]", "", la.upper())[:4] or "X"
    code = "LG" + letters
    n = 2
    while code in used:
        code = f"LG{letters[:3]}{n}"
        n += 1
    used.add(code)
    return code
