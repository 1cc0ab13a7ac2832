"""Starting a real partnership from a template modelled on a published arrangement.

Three shapes from the seed documents:

- ``executive-forum``: one authority with an executive, a forum and three subgroups
  (Lambeth's arrangements, 2019);
- ``three-authorities``: one partnership over three authorities, with a local group in each
  (Hammersmith & Fulham, Kensington and Chelsea, and Westminster, 2019);
- ``four-partners``: council, ICB and police with Education as a fourth partner (Lambeth's
  arrangements under Working Together 2023).

:func:`prepare` checks what the user typed without touching a database and returns a
:class:`TemplatePlan`; :func:`apply` writes the plan through the membership functions in one
transaction, so a broken rule leaves the file as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.store.database import Store


@dataclass(frozen=True)
class PartnerSlot:
    """One partner organisation a template asks for."""

    #: What the slot is, shown beside the name field: "Local authority (Lambeth)".
    label: str
    #: The name used when the user leaves the field blank ("" until the authority is known).
    default_name: str
    kind: str
    sector: str
    local_authority: str = ""


@dataclass(frozen=True)
class BodyPlan:
    code: str
    name: str
    kind: str
    purpose: str
    reports_to: str | None = None  # the code of the parent body
    local_authority: str = ""


@dataclass(frozen=True)
class PartnershipTemplate:
    key: str
    label: str
    description: str
    #: The published arrangement the shape is taken from.
    source: str
    authorities: int
    chair_arrangement: str
    education_partner: bool = False

    def partner_slots(self, authorities: list[str]) -> list[PartnerSlot]:
        names = _padded(authorities, self.authorities)
        slots = [
            PartnerSlot(
                f"Local authority ({la})" if la else "Local authority",
                f"{la} Council" if la else "",
                "statutory partner",
                "local authority",
                la,
            )
            for la in names
        ]
        slots += [
            PartnerSlot(
                "Integrated Care Board",
                "NHS Integrated Care Board",
                "statutory partner",
                "health/ICB",
            ),
            PartnerSlot("Police", "Police", "statutory partner", "police"),
        ]
        if self.education_partner:
            first = names[0]
            slots.append(
                PartnerSlot(
                    "Education (fourth partner)",
                    f"{first} Education" if first else "",
                    "education",
                    "education",
                    first,
                )
            )
        return slots

    def bodies(self, authorities: list[str]) -> list[BodyPlan]:
        return _BODIES[self.key](_padded(authorities, self.authorities))


def _padded(authorities: list[str], n: int) -> list[str]:
    clean = [" ".join(a.split()) for a in authorities][:n]
    return clean + [""] * (n - len(clean))


def _executive_forum(_las: list[str]) -> list[BodyPlan]:
    return [
        BodyPlan(
            "EXEC",
            "Partnership Executive",
            "executive",
            "Strategic leadership and direction; meets every other month; the chair rotates "
            "among the statutory partners.",
        ),
        BodyPlan(
            "FORUM",
            "Partnership Forum",
            "forum",
            "Brings statutory and voluntary sector agencies together three times a year.",
            "EXEC",
        ),
        BodyPlan(
            "TDS",
            "Training and Development Subgroup",
            "subgroup",
            "Commissions multi-agency training and checks its impact; meets three times a year.",
            "EXEC",
        ),
        BodyPlan(
            "QAPSI",
            "Quality Assurance, Performance and Safeguarding Incidents Subgroup",
            "subgroup",
            "Performance data, audits, serious incident notifications and rapid reviews.",
            "EXEC",
        ),
        BodyPlan(
            "SAS",
            "Safeguarding Adolescents Subgroup",
            "subgroup",
            "Exploitation, serious youth violence and children missing from home or care.",
            "EXEC",
        ),
    ]


def _three_authorities(las: list[str]) -> list[BodyPlan]:
    bodies = [
        BodyPlan(
            "LSCP",
            "Safeguarding Children Partnership",
            "board",
            "Meets quarterly to review the subgroups' work; the Lead Safeguarding Partners "
            "attend at least twice a year.",
        ),
        BodyPlan(
            "SPG",
            "Strategic Planning Group",
            "subgroup",
            "Subgroup chairs and the independent chair; sets the quarterly theme and the "
            "priorities; meets quarterly.",
            "LSCP",
        ),
    ]
    codes: set[str] = set()
    for la in las:
        bodies.append(
            BodyPlan(
                _local_group_code(la, codes),
                f"{la} Local Group",
                "local group",
                f"The partnership's local focus in {la}: local problem solving and the "
                "quarterly theme.",
                "LSCP",
                la,
            )
        )
    return bodies


def _local_group_code(la: str, used: set[str]) -> str:
    letters = re.sub(r"[^A-Z0-9]", "", la.upper())[:4] or "X"
    code = "LG" + letters
    n = 2
    while code in used:
        code = f"LG{letters[:3]}{n}"
        n += 1
    used.add(code)
    return code


def _four_partners(_las: list[str]) -> list[BodyPlan]:
    return [
        BodyPlan(
            "QSAG",
            "Quarterly Safeguarding Assurance Group",
            "assurance group",
            "The most senior leaders of the partners with the independent commissioner; "
            "oversight of commitment, resourcing and risks.",
        ),
        BodyPlan(
            "EXEC",
            "Executive Board",
            "executive",
            "Holds the partnership to account and agrees funding; meets at least twice a year.",
            "QSAG",
        ),
        BodyPlan(
            "PSB",
            "Partnership Scrutiny Board",
            "scrutiny board",
            "Chaired by the independent commissioner; scrutinises the subgroups' work, "
            "performance and audit findings.",
            "EXEC",
        ),
        BodyPlan(
            "ESAC",
            "Education Safeguarding Advisory Committee",
            "subgroup",
            "Schools and early years settings in the arrangements.",
            "PSB",
        ),
    ]


_BODIES = {
    "executive-forum": _executive_forum,
    "three-authorities": _three_authorities,
    "four-partners": _four_partners,
}

TEMPLATES: dict[str, PartnershipTemplate] = {
    t.key: t
    for t in (
        PartnershipTemplate(
            "executive-forum",
            "One local authority: an executive, a forum and three subgroups",
            "An executive that meets every other month with a rotating chair, a wider forum "
            "three times a year, and standing subgroups for training, quality assurance and "
            "incidents, and adolescents.",
            "Lambeth's safeguarding arrangements, 2019",
            1,
            "rotating chair among the statutory partners",
        ),
        PartnershipTemplate(
            "three-authorities",
            "Three local authorities, with a local group in each",
            "One partnership meeting quarterly over three authorities, a strategic planning "
            "group of subgroup chairs, and a local group in each authority.",
            "Hammersmith & Fulham, Kensington and Chelsea, and Westminster, 2019",
            3,
            "independent chair",
        ),
        PartnershipTemplate(
            "four-partners",
            "Four partners, with Education as the fourth",
            "Council, ICB, police and Education; a quarterly assurance group, an executive "
            "board, a scrutiny board chaired by the independent commissioner, and an education "
            "advisory committee.",
            "Lambeth's arrangements under Working Together 2023",
            1,
            "independent chair",
            education_partner=True,
        ),
    )
}


@dataclass(frozen=True)
class TemplatePlan:
    """A checked set of answers, ready for :func:`apply`."""

    template: PartnershipTemplate
    name: str
    authorities: list[str]
    partners: list[tuple[PartnerSlot, str]]
    bodies: list[BodyPlan]


def find_template(key: str) -> PartnershipTemplate:
    try:
        return TEMPLATES[key]
    except KeyError:
        raise ValidationError(
            f"'{key}' is not a template; choose one of: {', '.join(TEMPLATES)}.", "template"
        ) from None


def prepare(
    key: str, *, name: str, authorities: list[str], partners: list[str] | None = None
) -> TemplatePlan:
    """Check the answers; a blank partner name takes the slot's default name."""
    template = find_template(key)
    clean_name = " ".join(name.split())
    if not clean_name:
        raise ValidationError("Enter the partnership's name.", "name")
    las = [" ".join(a.split()) for a in authorities if a.strip()]
    n = template.authorities
    if len(las) != n:
        raise ValidationError(
            f"This template covers {'one local authority' if n == 1 else f'{n} local authorities'}"
            f"; enter {'its name' if n == 1 else f'{n} names'} (you gave {len(las)}).",
            "authorities",
        )
    if len({a.lower() for a in las}) != len(las):
        raise ValidationError("Each local authority should be named once.", "authorities")
    slots = template.partner_slots(las)
    given = list(partners or [])
    if len(given) > len(slots):
        raise ValidationError(
            f"This template has {len(slots)} partners; you gave {len(given)} names.", "partners"
        )
    given += [""] * (len(slots) - len(given))
    chosen = [
        (slot, " ".join(text.split()) or slot.default_name)
        for slot, text in zip(slots, given, strict=True)
    ]
    seen: set[str] = set()
    for _slot, partner in chosen:
        if partner.lower() in seen:
            raise ValidationError(
                f"Two partners are both called {partner}; give each its own name.", "partners"
            )
        seen.add(partner.lower())
    return TemplatePlan(template, clean_name, las, chosen, template.bodies(las))


def is_empty(store: Store) -> bool:
    """No partnership details, organisations, people or bodies yet: a brand-new file."""
    return (
        store.get("partnership", 1) is None
        and not store.count("organisations")
        and not store.count("people")
        and not store.count("bodies")
    )


def apply(store: Store, plan: TemplatePlan, *, today: dt.date | None = None) -> None:
    """Write the partnership, its partners and its bodies in one transaction."""
    start = (today or dt.date.today()).isoformat()
    with store.transaction():
        if not is_empty(store):
            raise ValidationError(
                f"{store.path.name} already holds a partnership; a template can only start a "
                "new, empty database."
            )
        save_partnership(
            store,
            name=plan.name,
            local_authorities=plan.authorities,
            chair_arrangement=plan.template.chair_arrangement,
            notes=f"Started from the template modelled on {plan.template.source}.",
        )
        for slot, partner in plan.partners:
            save_organisation(
                store,
                {
                    "name": partner,
                    "kind": slot.kind,
                    "sector": slot.sector,
                    "local_authority": slot.local_authority,
                },
            )
        ids: dict[str, int] = {}
        for body in plan.bodies:
            ids[body.code] = save_body(
                store,
                {
                    "code": body.code,
                    "name": body.name,
                    "kind": body.kind,
                    "purpose": body.purpose,
                    "reports_to_id": ids[body.reports_to] if body.reports_to else None,
                    "local_authority": body.local_authority,
                    "start_date": start,
                },
            )


def create_from_template(
    store: Store,
    key: str,
    *,
    name: str,
    authorities: list[str],
    partners: list[str] | None = None,
) -> TemplatePlan:
    plan = prepare(key, name=name, authorities=authorities, partners=partners)
    apply(store, plan)
    return plan
