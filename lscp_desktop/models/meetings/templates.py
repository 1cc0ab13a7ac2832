"""Starting a real partnership from a template that is a published arrangement.

Four shapes, one per seed document (their bodies, cadences, standing items, reporting lines
and forward plans are in :mod:`template_shapes`):

- ``executive-forum``: one authority with an executive (every other month, the chair
  rotating yearly among the statutory partners), a forum, three subgroups and learning hubs
  (Lambeth's arrangements, 2019);
- ``multi-borough``: one authority's executive group and partnership board, four subgroups
  and a tri-borough strategic group shared with the neighbouring partnerships (Lewisham,
  2019);
- ``three-authorities``: one partnership over three authorities, with a local group in each
  (Hammersmith & Fulham, Kensington and Chelsea, and Westminster, 2019);
- ``four-partners``: council, ICB and police with Education as a fourth safeguarding partner
  (Lambeth's arrangements under Working Together 2023).

The welcome and ``lscp-desktop init --template`` share them. :func:`prepare` checks what the
user typed without touching a database and returns a :class:`TemplatePlan`; :func:`apply`
writes the plan through the model functions (membership, cadences, forward plan, chair
rotation) in one transaction, so a broken rule leaves the file as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lscp_desktop.models.core.dates import add_months
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import template_shapes as shapes
from lscp_desktop.models.meetings.cadence import save_cadence
from lscp_desktop.models.meetings.chair_rotation import save_rotation
from lscp_desktop.models.meetings.forward_plan import save_forward_plan
from lscp_desktop.models.meetings.template_shapes import BodyPlan
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
    #: Named by the arrangement a safeguarding partner beside the statutory three (Education).
    safeguarding_partner: bool = False


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
                    safeguarding_partner=True,
                )
            )
        return slots

    def bodies(self, authorities: list[str]) -> list[BodyPlan]:
        return _BODIES[self.key](_padded(authorities, self.authorities))


def _padded(authorities: list[str], n: int) -> list[str]:
    clean = [" ".join(a.split()) for a in authorities][:n]
    return clean + [""] * (n - len(clean))


_BODIES = {
    "executive-forum": shapes.executive_forum,
    "multi-borough": shapes.multi_borough,
    "three-authorities": shapes.three_authorities,
    "four-partners": shapes.four_partners,
}

TEMPLATES: dict[str, PartnershipTemplate] = {
    t.key: t
    for t in (
        PartnershipTemplate(
            "executive-forum",
            "One local authority: an executive, a forum, subgroups and learning hubs",
            "An executive that meets every other month with a chair rotating yearly, a "
            "wider forum three times a year, standing subgroups for training, quality "
            "assurance and incidents, and adolescents, and learning hubs every four months.",
            "Lambeth's safeguarding arrangements, 2019",
            1,
            "rotating chair among the statutory partners",
        ),
        PartnershipTemplate(
            "multi-borough",
            "One local authority with a group shared with its neighbours",
            "An executive group of the statutory partners' leads, a partnership board of the "
            "relevant agencies and lay members, four subgroups, and a tri-borough strategic "
            "group, shared with two neighbouring partnerships, twice a year.",
            "Lewisham's arrangements with Bexley and Greenwich, 2019",
            1,
            "agreed among the statutory partners",
        ),
        PartnershipTemplate(
            "three-authorities",
            "Three local authorities, with a local group in each",
            "One partnership meeting quarterly over three authorities, a strategic planning "
            "group of subgroup chairs, a local group in each authority and four subgroups.",
            "Hammersmith & Fulham, Kensington and Chelsea, and Westminster, 2019",
            3,
            "independent chair",
        ),
        PartnershipTemplate(
            "four-partners",
            "Four partners, with Education as the fourth",
            "Council, ICB, police and Education as a fourth safeguarding partner; a "
            "quarterly assurance group, an executive board chaired by a Delegated "
            "Safeguarding Partner, a scrutiny board chaired by the independent commissioner, "
            "and eight subgroups.",
            "Lambeth's arrangements under Working Together 2023",
            1,
            "chaired by a Delegated Safeguarding Partner",
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
    """Write the partnership, its partners, its bodies with their cadences, the reports each
    owes its parent and any chair rotation, in one transaction."""
    day = today or dt.date.today()
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
        statutory: list[int] = []
        for slot, partner in plan.partners:
            org_id = save_organisation(
                store,
                {
                    "name": partner,
                    "kind": slot.kind,
                    "sector": slot.sector,
                    "local_authority": slot.local_authority,
                    "safeguarding_partner": slot.safeguarding_partner,
                },
            )
            if slot.kind == "statutory partner":
                statutory.append(org_id)
        ids: dict[str, int] = {}
        for body in plan.bodies:
            ids[body.code] = _apply_body(store, body, ids, day, statutory)


def _apply_body(
    store: Store, body: BodyPlan, ids: dict[str, int], day: dt.date, statutory: list[int]
) -> int:
    body_id = save_body(
        store,
        {
            "code": body.code,
            "name": body.name,
            "kind": body.kind,
            "purpose": body.purpose,
            "reports_to_id": ids[body.reports_to] if body.reports_to else None,
            "local_authority": body.local_authority,
            "hosted_by": body.hosted_by,
            "start_date": day.isoformat(),
        },
    )
    save_cadence(
        store,
        {
            "body_id": body_id,
            **body.cadence,
            "duration_minutes": 120 if body.kind != "subgroup" else 90,
            "quorum_each_partner": body.each_partner,
            "standing_items": body.standing_items,
        },
    )
    if body.reports_every and body.reports_to:
        save_forward_plan(
            store,
            {
                "body_id": ids[body.reports_to],
                "from_body_id": body_id,
                "title": f"{body.name} report",
                "purpose": "assurance",
                "every_months": body.reports_every,
                "first_due": add_months(day, body.reports_every),
            },
        )
    if body.rotating_chair and len(statutory) >= 2:
        save_rotation(
            store,
            body_id,
            every_months=12,
            start_date=day,
            turns=[(org_id, None) for org_id in statutory],
            notes="The chair rotates yearly among the statutory partners.",
        )
    return body_id


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
