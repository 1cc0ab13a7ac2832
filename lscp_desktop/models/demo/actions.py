"""Demo data for action logs and risk registers (a step of ``demo.generate.DEMO_STEPS``).

Small: a few hundred actions over three years and about 25 risks reviewed quarterly. Large:
about 20,000 actions and 2,000 risk reviews over ten years. Everything goes in with
``bulk_insert``. If the meetings step has already made meetings with agenda items, actions
raised at meetings are linked to an item of a meeting of their body.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from typing import Any

from lscp_desktop.models.actions import queries as action_queries
from lscp_desktop.models.core.dates import add_months, iso
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.risks import queries as risk_queries
from lscp_desktop.models.store.database import Store

PRIORITIES = (
    ("Getting the basics right in child protection",
     "Thresholds, referrals, strategy discussions and information sharing that work every time."),
    ("Safeguarding adolescents",
     "Exploitation, serious youth violence and children missing from home, care or education."),
    ("Neglect", "Recognising and responding early to children suffering neglect."),
    ("The voice of the child", "Children's views shape the partnership's work and practice."),
    ("Learning into practice", "Learning from reviews and audits changes what practitioners do."),
)  # fmt: skip

CATEGORIES = (
    ("Governance and accountability", 8, "Low appetite: statutory duties must be met."),
    ("Practice and service quality", 6, "Minimal appetite for risk to children's safety."),
    ("Finance and resources", 12, "Moderate appetite: we accept some budget pressure."),
    ("Workforce", 9, "Low to moderate appetite."),
    ("Information sharing and data", 6, "Minimal appetite: information must flow safely."),
    ("Partnership engagement", 10, "Moderate appetite."),
    ("Reputation", 10, "Moderate appetite."),
)

TOPICS = (
    "neglect", "child criminal exploitation", "children missing from education",
    "domestic abuse", "early help", "the escalation policy", "allegations against staff (LADO)",
    "private fostering", "online safety", "harmful sexual behaviour", "contextual safeguarding",
    "the neglect toolkit", "the threshold document", "the Section 11 audit", "safer sleep",
    "bruising in non-mobile infants", "disabled children", "elective home education",
    "mental health transitions", "serious youth violence", "children missing from home",
    "female genital mutilation", "parental mental health", "strategy discussions",
    "the quarterly dashboard", "the yearly report", "the multi-agency training programme",
)  # fmt: skip
TITLES = (
    "Circulate the {t} briefing to all partner agencies",
    "Report back on the {t} audit findings",
    "Update the multi-agency procedure on {t}",
    "Provide agency data on {t} for the dashboard",
    "Arrange a practitioner learning event on {t}",
    "Confirm each agency's lead for {t}",
    "Draft a seven-minute briefing on {t}",
    "Review the terms of reference in the light of {t}",
    "Share the learning on {t} with designated safeguarding leads",
    "Present an assurance report on {t}",
    "Agree the action plan on {t}",
    "Check training take-up on {t} across partners",
    "Escalate the delay on {t} to the Executive",
    "Commission a multi-agency audit of {t}",
    "Feed back children's views on {t}",
)
COMPLETION = (
    "Done; circulated to all partners.",
    "Completed and reported to the meeting.",
    "Briefing published on the partnership website.",
    "Audit completed; findings go to the next meeting.",
    "Procedure updated and signed off.",
    "Data provided for the dashboard.",
    "Learning event held; evaluation positive.",
)
PROGRESS = (
    "Draft circulated for comment.",
    "Awaiting data from two agencies.",
    "Discussed at the subgroup; on track.",
    "Delayed by staff absence; new date agreed.",
    "Chased by the business unit.",
    "Lead confirmed; work started.",
    "Partly done; the remaining agencies to respond.",
)

RISKS: tuple[tuple[str, str, str, str, str, str], ...] = (
    # register, title, category, cause, consequence, controls
    ("strategic", "Partners do not agree the budget for the year", "Finance and resources",
     "Pressure on each partner's own budget.", "The business unit and reviews cannot be funded.",
     "Funding formula agreed by the Executive; early budget setting."),
    ("strategic",
     "Statutory partners' leaders do not attend the Executive", "Governance and accountability",
     "Competing demands on Lead Safeguarding Partners.",
     "Decisions are delayed; assurance weakens.",
     "Forward plan of meetings; delegated partners named."),
    ("strategic", "Learning from practice reviews is not embedded", "Practice and service quality",
     "Action plans are not followed through.", "Children are harmed in ways already known.",
     "Learning and Improvement Subgroup tracks every action plan."),
    ("strategic", "Independent scrutiny is not effective", "Governance and accountability",
     "Scrutiny is not planned or resourced.", "Weaknesses go unchallenged.",
     "Scrutiny plan agreed yearly; commissioner reports to the Executive."),
    ("strategic",
     "Information is not shared between agencies in time", "Information sharing and data",
     "Incompatible systems and cautious practice.", "Risk to children is not seen in time.",
     "Information sharing agreement; training on sharing."),
    ("strategic", "Education is not fully engaged as a partner", "Partnership engagement",
     "Schools are not represented at strategic level.", "Safeguarding in schools is not assured.",
     "Education Safeguarding Advisory Committee; Director of Education on the Executive."),
    ("strategic", "Published arrangements are out of date", "Reputation",
     "Changes to Working Together not reflected.", "Criticism at inspection.",
     "Yearly review of the arrangements."),
    ("strategic", "The yearly report is late", "Governance and accountability",
     "Data from agencies arrives late.", "Statutory duty missed.",
     "Timetable agreed in January; data requests in April."),
    ("operational",
     "Rapid reviews are not completed within 15 working days", "Practice and service quality",
     "Chronologies from agencies arrive late.", "National panel deadlines are missed.",
     "Case Review Subgroup tracks each review daily."),
    ("operational", "Multi-agency training is under-subscribed", "Workforce",
     "Practitioners cannot be released.", "Practice does not improve.",
     "Training programme reviewed each term."),
    ("operational", "The business unit has vacancies", "Workforce",
     "Recruitment is slow.", "Meetings and reviews are not supported.",
     "Interim cover; workload prioritised."),
    ("operational", "Agency data for the dashboard is incomplete", "Information sharing and data",
     "Agencies do not return data.", "The Executive cannot see performance.",
     "Data returns chased monthly."),
    ("operational", "Section 11 audit returns are late", "Governance and accountability",
     "Audit tool is long.", "Assurance is incomplete.",
     "Reminders and support sessions."),
    ("operational", "Multi-agency audits are not completed", "Practice and service quality",
     "Auditor capacity.", "Learning is lost.", "Audit schedule agreed yearly."),
    ("operational",
     "Escalation policy is not used by practitioners", "Practice and service quality",
     "Policy not known.", "Disagreements are not resolved.", "Briefings and escalation log."),
    ("operational", "The partnership website is out of date", "Reputation",
     "No one owns the content.", "Practitioners use old procedures.", "Quarterly content check."),
    ("operational", "Lay members are not recruited", "Partnership engagement",
     "Role not advertised widely.", "Community voice is missing.", "Recruitment plan."),
    ("operational",
     "Procedures are not updated after national changes", "Practice and service quality",
     "Procedures provider delays.", "Practice falls behind guidance.", "Twice-yearly updates."),
)  # fmt: skip
SUBGROUP_RISKS = (
    ("CRS", "Chronologies are not returned on time", "Practice and service quality"),
    ("CRS", "Review authors are not available", "Workforce"),
    ("EXPL", "Exploitation data is not shared with the police", "Information sharing and data"),
    ("EXPL",
     "Missing children return interviews are not completed", "Practice and service quality"),
    ("LIS", "Learning briefings do not reach frontline staff", "Practice and service quality"),
    ("MAT", "Training evaluations are not returned", "Workforce"),
)  # fmt: skip


def build(store: Store, ctx: DemoContext) -> None:
    """The demo step: priorities, risk categories, risks with reviews, and actions."""
    rng = ctx.rng
    # Dated priorities: the voice of the child held until last year; learning into practice
    # is this year's new one; the others run throughout.
    first, last_year, this_year = ctx.years[0], ctx.years[-2], ctx.years[-1]
    periods = {
        "The voice of the child": (first.start, last_year.end),
        "Learning into practice": (this_year.start, None),
    }
    store.bulk_insert(
        "priorities",
        ["name", "description", "position", "valid_from", "valid_to"],
        [
            (n, d, i + 1, *(iso(x) for x in periods.get(n, (first.start, None))))
            for i, (n, d) in enumerate(PRIORITIES)
        ],
    )
    priority_ids = action_queries.priority_ids_in_order(store)
    store.bulk_insert("risk_categories", ["name", "appetite", "statement"], CATEGORIES)
    categories = risk_queries.category_ids_by_name(store)

    people = action_queries.people_for_owners(store)
    org_of = {p["id"]: p["organisation_id"] for p in people}
    members = _members_by_body(store)
    first_day = ctx.years[0].start
    today = ctx.today

    risk_rows, review_rows = _risks(ctx, categories, priority_ids, members, first_day)
    store.bulk_insert("risks", RISK_COLUMNS, risk_rows)
    store.bulk_insert(
        "risk_reviews",
        ["risk_id", "review_date", "likelihood", "impact", "reviewer_id", "note"],
        review_rows,
    )

    items = _agenda_items(store, today)
    bodies = action_queries.bodies_with_dates(store)
    n_actions = 20_000 if ctx.large else 260
    weights = {"EXEC": 3.0, "PSB": 2.5, "QSAG": 0.7, "FORUM": 1.0}
    body_weights = [weights.get(b["code"], 1.6) for b in bodies]
    planned: dict[int, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    live_risks = [
        (r[0], r[3]) for r in risk_rows if r[21] != "closed"
    ]  # (risk id, body id) for risk-sourced actions
    for _ in range(n_actions):
        body = rng.choices(bodies, body_weights)[0]
        start = max(first_day, dt.date.fromisoformat(body["start_date"]))
        end = min(today, dt.date.fromisoformat(body["end_date"])) if body["end_date"] else today
        if end <= start:
            continue
        # More recent actions are more common: square-root skew towards today.
        offset = int((rng.random() ** 0.7) * (end - start).days)
        raised = start + dt.timedelta(days=offset)
        planned[body["id"]].append((raised.isoformat(), {"body": body}))
    for risk_id, _body in live_risks:
        for _ in range(rng.randint(1, 2)):
            raised = today - dt.timedelta(days=rng.randrange(10, 200))
            code = "EXEC" if rng.random() < 0.5 else "PSB"
            body = next(b for b in bodies if b["code"] == code)
            planned[body["id"]].append((raised.isoformat(), {"body": body, "risk_id": risk_id}))

    action_rows: list[tuple[Any, ...]] = []
    note_rows: list[tuple[Any, ...]] = []
    next_id = action_queries.max_action_id(store) + 1
    t_iso = today.isoformat()
    for body_id, entries in planned.items():
        entries.sort(key=lambda e: e[0])
        pool = members.get(body_id) or [(p["id"], "0000-01-01", None) for p in people[:20]]
        body_items = items.get(body_id, [])
        item_dates = [d for d, _ in body_items]
        for number, (raised_iso, extra) in enumerate(entries, start=1):
            raised = dt.date.fromisoformat(raised_iso)
            source, agenda_item_id, risk_id, source_note = "other", None, extra.get("risk_id"), ""
            roll = rng.random()
            if risk_id is not None:
                source = "risk"
            elif roll < 0.7:
                source = "meeting"
                pos = bisect.bisect_right(item_dates, raised_iso) - 1
                if pos >= 0 and (raised - dt.date.fromisoformat(item_dates[pos])).days < 60:
                    raised_iso, agenda_item_id = body_items[pos]
                    raised = dt.date.fromisoformat(raised_iso)
                else:
                    source_note = f"{extra['body']['code']} meeting {raised.strftime('%d/%m/%Y')}"
            elif roll < 0.8:
                source, source_note = "audit", "Multi-agency audit"
            elif roll < 0.9:
                source, source_note = "practice review", "Rapid review learning"
            else:
                source_note = "Raised by the business unit"
            owner = _member_on(pool, raised_iso, rng)
            due = raised + dt.timedelta(days=rng.choice((14, 28, 42, 56, 90, 120)))
            topic = rng.choice(TOPICS)
            title = rng.choice(TITLES).format(t=topic)
            title = title[0].upper() + title[1:]
            status, completed, completion = _status(rng, raised, due, today)
            action_rows.append(
                (
                    next_id, body_id, number, f"{extra['body']['code']}-{number:04d}", title,
                    f"Agreed at the meeting: {title[0].lower()}{title[1:]}." if source == "meeting"
                    else "",
                    source, agenda_item_id, risk_id, source_note, owner, org_of.get(owner),
                    rng.choice(priority_ids) if rng.random() < 0.8 else None,
                    raised.isoformat(), due.isoformat(), status,
                    completed.isoformat() if completed else None, completion,
                )
            )  # fmt: skip
            roll = rng.random()
            for _ in range(0 if roll < 0.45 else 1 if roll < 0.85 else 2):
                last = completed or (due if status == "cancelled" else today)
                days = (last - raised).days
                if days <= 0:
                    break
                day = raised + dt.timedelta(days=rng.randrange(1, days + 1))
                if day.isoformat() > t_iso:
                    continue
                note_rows.append(
                    (next_id, day.isoformat(), owner, "progress", rng.choice(PROGRESS))
                )
            if completed:
                note_rows.append(
                    (
                        next_id,
                        completed.isoformat(),
                        owner,
                        "completed",
                        f"Marked {status}: {completion}",
                    )
                )
            next_id += 1
    store.bulk_insert("actions", ACTION_COLUMNS, action_rows)
    store.bulk_insert(
        "action_notes", ["action_id", "note_date", "author_id", "kind", "text"], note_rows
    )


ACTION_COLUMNS = [
    "id", "body_id", "number", "reference", "title", "detail", "source", "agenda_item_id",
    "risk_id", "source_note", "owner_id", "organisation_id", "priority_id", "raised_date",
    "due_date", "status", "completed_date", "completion_note",
]  # fmt: skip
RISK_COLUMNS = [
    "id", "reference", "register", "body_id", "title", "description", "cause", "consequence",
    "category_id", "owner_id", "priority_id", "inherent_likelihood", "inherent_impact",
    "controls", "residual_likelihood", "residual_impact", "target_score", "target_date",
    "review_months", "next_review", "raised_date", "status", "closure_note", "closed_date",
]  # fmt: skip


# (status, cumulative probability) by how long ago the action was due.
_ANCIENT = (("completed", 0.6), ("closed", 0.95), ("cancelled", 1.1))
_OLD = (
    ("completed", 0.55),
    ("closed", 0.88),
    ("cancelled", 0.93),
    ("open", 0.97),
    ("in progress", 1.1),
)
_RECENT = (("completed", 0.5), ("open", 0.75), ("in progress", 0.95), ("on hold", 1.1))
_FUTURE = (("open", 0.45), ("in progress", 0.8), ("on hold", 0.85), ("completed", 1.1))


def _status(
    rng: Any, raised: dt.date, due: dt.date, today: dt.date
) -> tuple[str, dt.date | None, str]:
    age = (today - due).days
    table = _ANCIENT if age > 365 else _OLD if age > 60 else _RECENT if age > 0 else _FUTURE
    roll = rng.random()
    status = next(s for s, upto in table if roll < upto)
    if status in ("completed", "closed"):
        latest = min(today, due + dt.timedelta(days=30))
        days = max(0, (latest - raised).days)
        done = raised + dt.timedelta(days=rng.randrange(0, days + 1))
        return status, done, rng.choice(COMPLETION)
    return status, None, ""


def _members_by_body(store: Store) -> dict[int, list[tuple[int, str, str | None]]]:
    out: dict[int, list[tuple[int, str, str | None]]] = defaultdict(list)
    for r in action_queries.owning_memberships(store):
        out[r["body_id"]].append((r["person_id"], r["start_date"], r["end_date"]))
    return out


def _member_on(pool: list[tuple[int, str, str | None]], day: str, rng: Any) -> int:
    """A member of the body on *day* (any member if none was)."""
    for _ in range(6):
        person, start, end = rng.choice(pool)
        if start <= day and (end is None or end >= day):
            return person
    current = [p for p, s, e in pool if s <= day and (e is None or e >= day)]
    return rng.choice(current) if current else rng.choice(pool)[0]


def _agenda_items(store: Store, today: dt.date) -> dict[int, list[tuple[str, int]]]:
    """Agenda items of past meetings per body, as (meeting date, item id) sorted by date."""
    # A substantive item, not "Welcome and apologies": actions come out of the business.
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for r in action_queries.past_meeting_items(store, today.isoformat()):
        out[r["body_id"]].append((r["date"], r["item_id"]))
    return out


def _risks(
    ctx: DemoContext,
    categories: dict[str, int],
    priority_ids: list[int],
    members: dict[int, list[tuple[int, str, str | None]]],
    first_day: dt.date,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rng = ctx.rng
    today = ctx.today
    catalogue = [
        (reg, title, cat, cause, cons, ctrl) for reg, title, cat, cause, cons, ctrl in RISKS
    ]
    subgroup = [
        ("subgroup:" + code, title, cat, "", "", "Monitored by the subgroup.")
        for code, title, cat in SUBGROUP_RISKS
        if code in ctx.body_ids
    ]
    specs = catalogue + subgroup
    if ctx.large:  # a busier partnership: the same kinds of risk, raised again over the years
        specs = specs * 3
    exec_members = [p for p, _s, e in members.get(ctx.body_ids["EXEC"], []) if e is None]
    counters: dict[str, int] = defaultdict(int)
    risk_rows: list[tuple[Any, ...]] = []
    review_rows: list[tuple[Any, ...]] = []
    span = (today - first_day).days
    for i, (reg, title, cat, cause, cons, ctrl) in enumerate(specs, start=1):
        body_id = None
        register = reg
        if reg.startswith("subgroup:"):
            code = reg.split(":")[1]
            register, body_id = "subgroup", ctx.body_ids[code]
            prefix = f"{code}-R"
        else:
            prefix = {"strategic": "SR-", "operational": "OR-"}[reg]
        counters[prefix] += 1
        reference = f"{prefix}{counters[prefix]:03d}"
        raised = first_day + dt.timedelta(days=int(rng.random() ** 1.3 * span * 0.9))
        months = 3 if register != "operational" else rng.choice((1, 2, 3))
        il, ii = rng.randint(3, 5), rng.randint(3, 5)
        rl, ri = max(1, il - rng.randint(0, 2)), max(1, ii - rng.randint(0, 2))
        owner = rng.choice(exec_members) if exec_members else None
        day = raised
        closed = None
        lifetime = rng.random()
        # Reviews every `months` months until today, or until the risk is closed.
        close_after = (
            None if lifetime < 0.6 else raised + dt.timedelta(days=rng.randrange(400, 2500))
        )
        while True:
            day = add_months(day, months) + dt.timedelta(days=rng.randint(-7, 7))
            if day > today or (close_after and day > close_after):
                break
            if rng.random() < 0.08 and day > today - dt.timedelta(days=120):
                break  # this review was missed: the risk is overdue for review
            step = rng.choice((-1, 0, 0, 0, 1))
            if rng.random() < 0.5:
                rl = min(5, max(1, rl + step))
            else:
                ri = min(5, max(1, ri + step))
            review_rows.append(
                (i, day.isoformat(), rl, ri, owner,
                 rng.choice(("Controls working; no change.", "Score reviewed at the subgroup.",
                             "New data reviewed; see the dashboard.",
                             "Escalated concerns discussed at the Executive.",
                             "Actions progressing; score kept under watch.")))
            )  # fmt: skip
        last_review = day if day <= today else None
        if review_rows and review_rows[-1][0] == i:
            last_review = dt.date.fromisoformat(review_rows[-1][1])
        else:
            last_review = raised
        status = "open"
        note = ""
        if close_after and close_after < today:
            status, closed, note = (
                "closed",
                close_after,
                "Controls in place and tested; risk closed.",
            )
        elif rl * ri >= 16 and rng.random() < 0.5:
            status = "escalated"
        elif rng.random() < 0.1:
            status = "tolerated"
        target = max(1, min(rl * ri, rng.choice((4, 6, 8, 9))))
        risk_rows.append(
            (
                i, reference, register, body_id, title,
                f"There is a risk that {title[0].lower() + title[1:]}.", cause, cons,
                categories[cat], owner, rng.choice(priority_ids), il, ii, ctrl, rl, ri,
                target, add_months(today, rng.randint(3, 18)).isoformat(), months,
                add_months(last_review, months).isoformat(), raised.isoformat(), status, note,
                closed.isoformat() if closed else None,
            )
        )  # fmt: skip
    return risk_rows, review_rows
