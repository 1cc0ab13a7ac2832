"""The demo's membership: three statutory partners plus Education, an executive, a scrutiny
board, a forum, an assurance group, subgroups, a learning hub and (with three authorities) a
local group per authority. All people are invented."""

from __future__ import annotations

import datetime as dt
import json

from lscp_desktop.models.demo.catalogue import BODIES, FIRST_NAMES, LAST_NAMES, org_catalogue
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.membership import queries
from lscp_desktop.models.store.database import Store


def build_membership(store: Store, ctx: DemoContext) -> None:
    """The partnership, its organisations, people, roles, bodies and memberships."""
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
    orgs = org_catalogue(ctx)
    store.bulk_insert(
        "organisations",
        ["name", "kind", "sector", "local_authority", "active"],
        [(name, kind, sector, la, 1) for _, name, kind, sector, la in orgs],
    )
    ids = queries.organisation_ids_by_name(store)
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
    ctx.person_ids = queries.person_ids(store)
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
    bodies = list(BODIES)
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
