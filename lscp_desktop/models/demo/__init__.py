"""A fictional partnership shaped like the published arrangements in the seed documents.

Three statutory partners plus Education, an executive, a scrutiny board, a forum, an assurance
group, subgroups, a learning hub and (with three authorities) a local group per authority.
All people are invented. The same seed gives the same partnership; dates are anchored to the
financial year that contains ``today`` so there is always a current year and upcoming work.

Other domains add their own demo data by appending a step to :data:`DEMO_STEPS`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store

SIZES = ("small", "large")

AUTHORITIES = ("Northbridge", "Eastmere", "Westholm")

FIRST_NAMES = [
    "Aisha",
    "Amara",
    "Ben",
    "Callum",
    "Chloe",
    "Daniel",
    "Deborah",
    "Eleanor",
    "Farah",
    "Gareth",
    "Grace",
    "Hannah",
    "Imran",
    "Isla",
    "James",
    "Jasmine",
    "Karen",
    "Kwame",
    "Laura",
    "Leon",
    "Lucy",
    "Mark",
    "Maya",
    "Michael",
    "Nadia",
    "Naomi",
    "Oliver",
    "Olu",
    "Priya",
    "Rachel",
    "Raj",
    "Rebecca",
    "Ruth",
    "Sam",
    "Sarah",
    "Simon",
    "Sophie",
    "Tariq",
    "Tom",
    "Una",
    "Victoria",
    "Wei",
    "Yasmin",
    "Zoe",
    "Adrian",
    "Bronwen",
    "Carys",
    "Declan",
    "Esther",
    "Fiona",
    "Graham",
    "Helen",
    "Ifeoma",
    "Joanne",
    "Kieran",
    "Linda",
    "Marcus",
    "Niamh",
    "Owen",
    "Paula",
    "Rhys",
    "Sunita",
    "Trevor",
    "Vikram",
    "Wendy",
]
LAST_NAMES = [
    "Adeyemi",
    "Ahmed",
    "Bailey",
    "Bennett",
    "Brooks",
    "Campbell",
    "Chen",
    "Clarke",
    "Davies",
    "Edwards",
    "Evans",
    "Fletcher",
    "Foster",
    "Green",
    "Griffiths",
    "Hall",
    "Harris",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Jones",
    "Kaur",
    "Khan",
    "Lewis",
    "Lloyd",
    "Mensah",
    "Mitchell",
    "Morgan",
    "Murphy",
    "Nash",
    "Nwosu",
    "O'Brien",
    "Okafor",
    "Owen",
    "Patel",
    "Phillips",
    "Price",
    "Reid",
    "Roberts",
    "Robinson",
    "Shah",
    "Singh",
    "Taylor",
    "Thomas",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wright",
    "Young",
    "Abbott",
    "Barker",
    "Cole",
    "Dixon",
    "Ellis",
    "Fox",
    "Gill",
    "Hart",
    "Iqbal",
    "Kelly",
    "Lowe",
    "Moss",
    "Nolan",
    "Parry",
]


@dataclass
class DemoContext:
    """What the membership step built, for the other domains' demo steps to use."""

    rng: random.Random
    size: str
    today: dt.date
    years: list[FinancialYear]
    local_authorities: list[str]
    organisation_ids: dict[str, int] = field(default_factory=dict)
    person_ids: list[int] = field(default_factory=list)
    body_ids: dict[str, int] = field(default_factory=dict)
    statutory_partner_ids: list[int] = field(default_factory=list)

    @property
    def large(self) -> bool:
        return self.size == "large"


DemoStep = Callable[[Store, DemoContext], None]
#: Further demo data as "module:function" names, run in order after the membership is built.
#: Each domain appends its own; they are imported only when a demo is built.
DEMO_STEPS: list[str] = [
    "lscp_desktop.models.demo.meetings:build",
    # after meetings, so actions can link to agenda items
    "lscp_desktop.models.demo.actions:build",
    "lscp_desktop.models.demo.finance:build_finance",
    "lscp_desktop.models.demo.reviews:add_reviews",
]
#: Cover sheets for the Executive's next meetings (runs last: it needs meetings' agendas).
DEMO_STEPS.append("lscp_desktop.models.demo.documents:build")


def _steps() -> list[DemoStep]:
    found = []
    for name in DEMO_STEPS:
        module, _, func = name.partition(":")
        found.append(getattr(importlib.import_module(module), func))
    return found


def build_demo(
    store: Store,
    *,
    size: str = "small",
    seed: int = 1,
    authorities: int | None = None,
    today: dt.date | None = None,
) -> DemoContext:
    """Fill an empty database with a fictional partnership. Refuses a database that has data."""
    if size not in SIZES:
        raise ValidationError(f"The size must be one of: {', '.join(SIZES)}.", "size")
    authorities = authorities or (3 if size == "large" else 1)
    if authorities not in (1, 3):
        raise ValidationError("The demo covers either one or three local authorities.")
    if store.count("organisations") or store.count("people"):
        raise ValidationError(
            f"{store.path.name} already has organisations or people; demo data goes into a new "
            "file only."
        )
    today = today or dt.date.today()
    current = FinancialYear.containing(today)
    n_years = 10 if size == "large" else 3
    years = [FinancialYear(current.start_year - n_years + 1 + i) for i in range(n_years)]
    ctx = DemoContext(random.Random(seed), size, today, years, list(AUTHORITIES[:authorities]))
    with store.transaction():
        _build_membership(store, ctx)
        for step in _steps():
            step(store, ctx)
        store.set_setting("demo", json.dumps({"size": size, "seed": seed}))
    return ctx


def _org_catalogue(ctx: DemoContext) -> list[tuple[str, str, str, str, str]]:
    """(key, name, kind, sector, local authority) for the partnership's organisations."""
    first = ctx.local_authorities[0]
    orgs: list[tuple[str, str, str, str, str]] = []
    for la in ctx.local_authorities:
        orgs.append(
            (f"council:{la}", f"{la} Borough Council", "statutory partner", "local authority", la)
        )
    orgs += [
        ("icb", "NHS North Thames Integrated Care Board", "statutory partner", "health/ICB", ""),
        ("police", "Northshire Police", "statutory partner", "police", ""),
        ("education", f"{first} Education Partnership", "education", "education", first),
        ("acute", f"{first} University Hospitals NHS Trust", "relevant agency", "NHS trust", ""),
        (
            "mental",
            "Northshire Mental Health NHS Foundation Trust",
            "relevant agency",
            "NHS trust",
            "",
        ),
        (
            "community",
            "North Thames Community Health NHS Trust",
            "relevant agency",
            "NHS trust",
            "",
        ),
        ("probation", "Probation Service (Northshire)", "relevant agency", "probation", ""),
        ("cafcass", "Cafcass", "relevant agency", "Cafcass", ""),
        ("fire", "Northshire Fire and Rescue Service", "relevant agency", "fire", ""),
        ("housing", f"{first} Homes", "relevant agency", "housing", first),
        ("yjs", f"{first} Youth Justice Service", "relevant agency", "local authority", first),
        ("vcs", f"{first} Voluntary Action", "voluntary & community", "other", first),
        ("nhse", "NHS England (London region)", "relevant agency", "health/ICB", ""),
    ]
    if ctx.large:
        schools = (
            "St Anne's CE Primary School",
            "Riverside Academy",
            "Hollybank Primary School",
            "Kingsmead Secondary School",
            "Northbridge College",
            "Meadowfield Special School",
            "Brookside Pupil Referral Unit",
            "Oakwood Primary School",
            "Harbour Lane School",
            "Elm Grove Infant School",
            "Willowbrook Academy",
            "St Columba's RC High School",
            "Foxhill Primary School",
            "Castle View Academy",
            "Parkside Nursery School",
            "Greenway Free School",
            "Linden Independent School",
            "Eastmere Sixth Form College",
            "Westholm Primary School",
            "Marsh Lane Junior School",
            "Bramley Academy",
            "Queensway Primary School",
        )
        for i, name in enumerate(schools):
            la = ctx.local_authorities[i % len(ctx.local_authorities)]
            orgs.append((f"school:{i}", name, "education", "education", la))
        vcs = (
            "Young Voices Advocacy",
            "Northbridge Women's Aid",
            "Safe Steps Youth Project",
            "Families First Trust",
            "Harbour Children's Centre",
            "Open Door Counselling",
            "Northshire Mosques Forum",
            "Churches Together in Northbridge",
            "Kinship Carers Network",
            "Youth Sport Northshire",
            "Sunrise Parent Support",
            "Bridge Refugee Project",
            "Northbridge Samaritans",
            "Little Steps Childminders Network",
            "Northshire Scouts and Guides",
        )
        for i, name in enumerate(vcs):
            orgs.append((f"vcs:{i}", name, "voluntary & community", "other", ""))
        extra = (
            (
                "ambulance",
                "North Thames Ambulance Service NHS Trust",
                "relevant agency",
                "NHS trust",
            ),
            ("gp", "Northbridge GP Federation", "relevant agency", "health/ICB"),
            ("btp", "British Transport Police", "relevant agency", "police"),
            ("ukba", "UK Border Force (Heathrow)", "relevant agency", "other"),
            ("dwp", "Department for Work and Pensions (Northshire)", "other", "other"),
            ("ofsted-ey", "Early Years Providers Network", "education", "education"),
            ("leisure", "Northbridge Leisure Trust", "other", "other"),
        )
        orgs += [(k, n, kind, sec, "") for k, n, kind, sec in extra]
    return orgs


_BODIES = (
    # code, name, kind, reports to, purpose
    (
        "EXEC",
        "Safeguarding Partnership Executive",
        "executive",
        None,
        "Strategic leadership and decisions of the statutory safeguarding partners.",
    ),
    (
        "QSAG",
        "Quarterly Safeguarding Assurance Group",
        "assurance group",
        "EXEC",
        "Lead Safeguarding Partners meet the Independent Commissioner for assurance.",
    ),
    (
        "PSB",
        "Partnership Scrutiny Board",
        "scrutiny board",
        "EXEC",
        "Scrutinises the work of the subgroups and the effectiveness of local practice.",
    ),
    (
        "FORUM",
        "Safeguarding Partnership Forum",
        "forum",
        "EXEC",
        "Wider partnership of relevant agencies, schools and the voluntary sector.",
    ),
    (
        "CRS",
        "Case Review Subgroup",
        "subgroup",
        "PSB",
        "Considers serious incidents, rapid reviews and practice reviews.",
    ),
    (
        "LIS",
        "Learning and Improvement Subgroup",
        "subgroup",
        "PSB",
        "Turns learning from reviews and audits into practice improvement.",
    ),
    (
        "PCI",
        "Performance, Challenge and Impact Subgroup",
        "subgroup",
        "PSB",
        "Multi-agency data, audits and challenge.",
    ),
    (
        "MAT",
        "Multi-agency Training Subgroup",
        "subgroup",
        "PSB",
        "Plans and evaluates multi-agency safeguarding training.",
    ),
    (
        "EXPL",
        "Exploitation and Adolescent Safety Subgroup",
        "subgroup",
        "PSB",
        "Criminal and sexual exploitation, serious youth violence and missing children.",
    ),
    (
        "EHN",
        "Early Help and Neglect Subgroup",
        "subgroup",
        "PSB",
        "Early help offer and the neglect strategy.",
    ),
    (
        "ESAC",
        "Education Safeguarding Advisory Committee",
        "subgroup",
        "PSB",
        "Safeguarding in schools, colleges and early years settings.",
    ),
    (
        "LHUB",
        "Learning and Practice Improvement Hub",
        "learning hub",
        "LIS",
        "Practitioner learning events every four months.",
    ),
)


def _build_membership(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    start = ctx.years[0].start
    areas = ctx.local_authorities
    partnership_name = (
        f"{areas[0]} Safeguarding Children Partnership"
        if len(areas) == 1
        else "Tri-borough Safeguarding Children Partnership"
    )
    store.insert(
        "partnership",
        {
            "id": 1,
            "name": partnership_name,
            "local_authorities": json.dumps(areas),
            "chair_arrangement": "independent chair",
            "notes": "Fictional demonstration partnership.",
        },
    )
    orgs = _org_catalogue(ctx)
    store.bulk_insert(
        "organisations",
        ["name", "kind", "sector", "local_authority", "active"],
        [(name, kind, sector, la, 1) for _, name, kind, sector, la in orgs],
    )
    ids = {r["name"]: r["id"] for r in store.query("SELECT id, name FROM organisations")}
    ctx.organisation_ids = {key: ids[name] for key, name, *_ in orgs}
    ctx.statutory_partner_ids = [
        ctx.organisation_ids[k] for k, _, kind, *_ in orgs if kind == "statutory partner"
    ]

    org_names = {key: name for key, name, *_ in orgs}
    # People: senior leaders of the partners first, then practitioners spread over agencies.
    n_people = 400 if ctx.large else 70
    used: set[str] = set()
    people: list[tuple[str, str, int, str, str, int]] = []
    keys: list[str] = []

    def person(org_key: str, title: str, active: int = 1) -> None:
        while True:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in used:
                break
        used.add(name)
        domain = _email_domain(org_key, org_names[org_key])
        email = name.lower().replace(" ", ".").replace("'", "") + "@" + domain
        phone = f"020 7946 {rng.randrange(0, 10_000):04d}"
        people.append((name, title, ctx.organisation_ids[org_key], email, phone, active))
        keys.append(org_key)

    senior = [
        ("council:" + areas[0], "Chief Executive"),
        ("icb", "Chief Executive"),
        ("police", "Chief Constable"),
        ("council:" + areas[0], "Director of Children's Services"),
        ("icb", "Chief Nursing Officer"),
        ("police", "Detective Chief Superintendent, Public Protection"),
        ("education", "Director of Education"),
        ("council:" + areas[0], "Independent Children and Young People Commissioner"),
        ("vcs", "Lay member"),
        ("vcs", "Lay member"),
        ("council:" + areas[0], "Lead Member for Children's Services"),
        ("icb", "Designated Nurse for Safeguarding Children"),
        ("icb", "Designated Doctor for Safeguarding Children"),
        ("council:" + areas[0], "Safeguarding Partnership Business Manager"),
        ("council:" + areas[0], "Partnership Development Officer"),
        ("council:" + areas[0], "Partnership Administrator"),
    ]
    for org_key, title in senior:
        person(org_key, title)
    for la in areas[1:]:
        person("council:" + la, "Director of Children's Services")
    titles = (
        "Head of Safeguarding",
        "Named Nurse for Safeguarding",
        "Service Manager",
        "Detective Inspector",
        "Designated Safeguarding Lead",
        "Head of Service, Early Help",
        "Quality Assurance Manager",
        "Principal Social Worker",
        "Safeguarding Lead",
        "Head of Youth Justice",
        "Practice Manager",
        "Named GP for Safeguarding",
        "Operations Manager",
        "Training Manager",
        "Performance Analyst",
    )
    org_keys = list(ctx.organisation_ids)
    weights = [6 if k.startswith("council") or k in ("icb", "police") else 2 for k in org_keys]
    while len(people) < n_people:
        key = rng.choices(org_keys, weights)[0]
        person(key, rng.choice(titles), active=0 if rng.random() < 0.12 else 1)
    store.bulk_insert(
        "people", ["name", "job_title", "organisation_id", "email", "phone", "active"], people
    )
    ctx.person_ids = [r["id"] for r in store.query("SELECT id FROM people ORDER BY id")]
    pid = ctx.person_ids

    # Partnership roles.
    s = start.isoformat()
    role_rows = [
        (pid[0], "Lead Safeguarding Partner", people[0][2], s),
        (pid[1], "Lead Safeguarding Partner", people[1][2], s),
        (pid[2], "Lead Safeguarding Partner", people[2][2], s),
        (pid[3], "Delegated Safeguarding Partner", people[3][2], s),
        (pid[4], "Delegated Safeguarding Partner", people[4][2], s),
        (pid[5], "Delegated Safeguarding Partner", people[5][2], s),
        (pid[7], "independent commissioner", None, s),
        (pid[8], "lay member", None, (ctx.today - dt.timedelta(days=300)).isoformat()),
        (pid[9], "lay member", None, (ctx.today - dt.timedelta(days=120)).isoformat()),
        (pid[10], "Lead Member (participant observer)", people[10][2], s),
        (pid[11], "designated nurse", people[11][2], s),
        (pid[12], "designated doctor", people[12][2], s),
        (pid[13], "business unit staff", people[13][2], s),
        (pid[14], "business unit staff", people[14][2], s),
        (pid[15], "business unit staff", people[15][2], s),
    ]
    store.bulk_insert(
        "partnership_roles", ["person_id", "role", "organisation_id", "start_date"], role_rows
    )

    # Bodies.
    bodies = list(_BODIES)
    if not ctx.large:
        bodies = [b for b in bodies if b[0] not in ("EHN", "ESAC")]
    for i, la in enumerate(areas if len(areas) > 1 else []):
        bodies.append(
            (
                f"LG{la[:3].upper()}",
                f"{la} Local Group",
                "local group",
                "EXEC",
                f"Local problem solving and quarterly themes for {la}.",
            )
        )
        _ = i
    body_ids: dict[str, int] = {}
    for code, name, kind, parent, purpose in bodies:
        body_ids[code] = store.insert(
            "bodies",
            {
                "name": name,
                "code": code,
                "kind": kind,
                "purpose": purpose,
                "reports_to_id": body_ids.get(parent) if parent else None,
                "local_authority": name.split(" Local Group")[0] if kind == "local group" else "",
                "start_date": s,
            },
        )
    tf_start = ctx.years[-2].start + dt.timedelta(days=60)
    body_ids["TFNEG"] = store.insert(
        "bodies",
        {
            "name": "Neglect Strategy Task and Finish Group",
            "code": "TFNEG",
            "kind": "task-and-finish group",
            "purpose": "Refresh the neglect strategy and toolkit.",
            "reports_to_id": body_ids["EHN"] if "EHN" in body_ids else body_ids["LIS"],
            "start_date": tf_start.isoformat(),
            "end_date": (tf_start + dt.timedelta(days=240)).isoformat(),
        },
    )
    ctx.body_ids = body_ids
    _build_memberships(store, ctx, people, keys)


def _email_domain(org_key: str, org_name: str) -> str:
    """A plausible, fictional mail domain: 'northbridge.example.org.uk', 'riverside-academy…'."""
    tail = org_key.split(":")[-1]
    if tail.isdigit():
        words = [w for w in org_name.lower().replace("'", "").split() if w.isalnum()]
        tail = "-".join(words[:2])
    return tail.lower().replace("'", "") + ".example.org.uk"


def _build_memberships(
    store: Store,
    ctx: DemoContext,
    people: list[tuple[str, str, int, str, str, int]],
    keys: list[str],
) -> None:
    rng = ctx.rng
    pid = ctx.person_ids
    first_day = ctx.years[0].start
    rows: list[tuple[int, int, int, str, int | None, int, str, str | None]] = []
    next_id = 1

    def add(
        person_i: int,
        body: str,
        role: str,
        start: dt.date,
        end: dt.date | None = None,
        deputy_for: int | None = None,
        delegated: int = 0,
    ) -> int:
        nonlocal next_id
        rows.append(
            (
                next_id,
                pid[person_i],
                ctx.body_ids[body],
                role,
                deputy_for,
                delegated,
                start.isoformat(),
                end.isoformat() if end else None,
            )
        )
        next_id += 1
        return next_id - 1

    # The executive: LSPs/DSPs, education, commissioner, lead member as observer, business manager.
    add(7, "EXEC", "chair", first_day)
    principals = [add(i, "EXEC", "member", first_day, delegated=1) for i in (0, 1, 2)]
    for i, principal in zip((3, 4, 5), principals, strict=True):
        add(i, "EXEC", "deputy", first_day, deputy_for=principal, delegated=1)
    add(6, "EXEC", "member", first_day)
    add(10, "EXEC", "observer", first_day)
    add(13, "EXEC", "secretariat", first_day)
    for i in (0, 1, 2, 7):
        add(i, "QSAG", "member" if i != 7 else "chair", first_day)
    add(13, "QSAG", "secretariat", first_day)
    add(7, "PSB", "chair", first_day)
    for i in (3, 4, 5, 6, 8, 9, 11, 12):
        add(i, "PSB", "member", first_day)
    add(13, "PSB", "secretariat", first_day)
    add(3, "FORUM", "chair", first_day)
    add(13, "FORUM", "secretariat", first_day)

    # Everyone else: spread across the forum, subgroups, hub and local groups, with turnover.
    groups = [c for c in ctx.body_ids if c not in ("EXEC", "QSAG", "PSB")]
    chairs = {c: False for c in groups}
    chairs["FORUM"] = True
    span_days = (ctx.today - first_day).days
    for i in range(16, len(pid)):
        n_groups = 1 + (rng.random() < 0.45) + (rng.random() < 0.15)
        for code in rng.sample(groups, n_groups):
            if code == "TFNEG":
                body_start = ctx.years[-2].start + dt.timedelta(days=60)
                start, end = body_start, body_start + dt.timedelta(days=240)
            else:
                start = first_day + dt.timedelta(days=rng.randrange(0, max(1, span_days - 30)))
                end = None
                active = people[i][5]
                if not active or rng.random() < 0.25:
                    end = start + dt.timedelta(days=rng.randrange(120, 900))
                    if end >= ctx.today:
                        end = ctx.today - dt.timedelta(days=rng.randrange(1, 60))
                    if end <= start:
                        end = start + dt.timedelta(days=30)
            if not chairs[code] and end is None:
                role = "chair"
                chairs[code] = True
            else:
                role = rng.choices(
                    ("member", "virtual member", "co-opted", "adviser"), (80, 10, 5, 5)
                )[0]
            add(i, code, role, start, end)
    store.bulk_insert(
        "memberships",
        [
            "id",
            "person_id",
            "body_id",
            "role",
            "deputy_for_id",
            "delegated_authority",
            "start_date",
            "end_date",
        ],
        rows,
    )
