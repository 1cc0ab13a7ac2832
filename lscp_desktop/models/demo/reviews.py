"""Demo data for practice reviews, audits, training and the yearly report (a DEMO_STEPS step).

Cases at every stage, identified by reference codes only; two multi-agency audits a year and a
Section 11 round every other year (seed 003); multi-agency training at levels 1 to 4 (seed 000);
a yearly report per past year, sent out on time. Written with ``bulk_insert`` so the large demo
stays fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import add_months, add_working_days
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.milestones import ClockRules, milestones, next_clock
from lscp_desktop.models.reviews.recommendations import raise_action
from lscp_desktop.models.reviews.records import DEFAULT_RECIPIENTS, Delay, Review
from lscp_desktop.models.store.database import Store

_COLUMNS = (
    "id",
    "reference",
    "kind",
    "local_authority",
    "aware_date",
    "notified_date",
    "rapid_review_date",
    "decision",
    "decision_date",
    "reviewer",
    "commissioned_date",
    "draft_date",
    "final_date",
    "sent_to_panel_date",
    "planned_publication_date",
    "published_date",
    "closed_date",
    "summary",
    "next_milestone",
    "next_due",
    "next_statutory",
)
_THEMES = (
    "non-accidental injury to an infant",
    "neglect and parental substance misuse",
    "child criminal exploitation",
    "adolescent self-harm",
    "domestic abuse in the household",
    "a child missing from education",
    "sudden unexpected death in infancy",
    "online sexual abuse",
)
_RECOMMENDATIONS = (
    "Agencies to refresh guidance on professional curiosity when a parent declines contact.",
    "The ICB to audit the use of the bruising in non-mobile babies protocol in primary care.",
    "Police and children's social care to agree joint visits for strategy discussions.",
    "Schools to be invited to every strategy discussion about a child of school age.",
    "The partnership to run a learning briefing on the review for frontline practitioners.",
    "Health visiting to record the voice of the child at every contact.",
    "Adult mental health services to consider the children in the household at assessment.",
    "The partnership to test escalation practice in the next multi-agency audit.",
)
_REVIEWERS = ("Independent reviewer (HT Associates)", "Independent reviewer (Clearview CIC)")
_AUDITS = (
    "Neglect: the quality of multi-agency assessment",
    "Child criminal exploitation and transitions",
    "Strategy discussions and information sharing",
    "Domestic abuse: the voice of the child",
    "Children missing education",
    "Early help and step-down",
    "Safeguarding infants: pre-birth assessment",
    "Harmful sexual behaviour",
)
_COURSES = (
    ("Safeguarding children: awareness", 1),
    ("Safeguarding Children and Child Protection (core)", 2),
    ("Working Together: roles and responsibilities", 2),
    ("Learning from Child Safeguarding Practice Reviews", 3),
    ("Neglect: using the graded care profile", 3),
    ("Child criminal exploitation: contextual safeguarding", 3),
    ("Domestic abuse and the impact on children", 3),
    ("Designated Safeguarding Leads' masterclass", 4),
)


def add_reviews(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    today = ctx.today
    la = ctx.local_authorities
    rows: list[dict[str, Any]] = []
    delays: list[tuple[int, str, str, str | None, str]] = []

    def case(reference: str, aware: dt.date, **steps: Any) -> dict[str, Any]:
        row: dict[str, Any] = dict.fromkeys(_COLUMNS)
        row.update(
            id=len(rows) + 1,
            reference=reference,
            kind="serious incident notification",
            local_authority=rng.choice(la),
            aware_date=aware.isoformat(),
            decision="",
            reviewer="",
            summary=f"Serious incident: {rng.choice(_THEMES)}.",
            next_milestone="",
        )
        row.update({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in steps.items()})
        rows.append(row)
        return row

    def through_decision(aware: dt.date, decision: str) -> dict[str, Any]:
        notified = add_working_days(aware, rng.choice((2, 3, 4, 5)))
        sent = add_working_days(notified, rng.choice((12, 14, 15, 15, 17)))
        return {
            "notified_date": notified,
            "rapid_review_date": sent,
            "decision": decision,
            "decision_date": sent,
        }

    # Past years: a handful of cases a year, all finished.
    for year in ctx.years[:-1]:
        for n in range(1, (6 if ctx.large else 4) + 1):
            aware = year.start + dt.timedelta(days=rng.randrange(0, 300))
            outcome = rng.choices(("none", "cspr", "llr"), (55, 35, 10))[0]
            ref = f"RR {year.start_year}-{n:02d}"
            if outcome == "none":
                case(
                    ref,
                    aware,
                    kind="rapid review",
                    closed_date=None,
                    **through_decision(aware, "no further review"),
                )
                rows[-1]["closed_date"] = rows[-1]["decision_date"]
                continue
            steps = through_decision(
                aware, "local CSPR" if outcome == "cspr" else "local learning review"
            )
            decided = steps["decision_date"]
            steps.update(
                kind="local CSPR" if outcome == "cspr" else "local learning review",
                reviewer=rng.choice(_REVIEWERS),
                commissioned_date=add_working_days(decided, rng.randrange(10, 25)),
                draft_date=add_months(decided, 4) - dt.timedelta(days=rng.randrange(0, 20)),
                final_date=add_months(decided, 5) - dt.timedelta(days=rng.randrange(0, 10)),
            )
            if outcome == "cspr":
                published = add_months(decided, 6) - dt.timedelta(days=rng.randrange(0, 12))
                while published.weekday() >= 5:
                    published -= dt.timedelta(days=1)
                steps.update(
                    sent_to_panel_date=add_working_days(published, -rng.choice((7, 8, 10))),
                    published_date=published,
                    closed_date=published,
                )
            else:
                steps["closed_date"] = steps["final_date"]
            case(
                f"CSPR {year.start_year}-{n:02d}"
                if outcome == "cspr"
                else f"LLR {year.start_year}-{n:02d}",
                aware,
                **steps,
            )

    # This year: one case at each stage, so every clock shows.
    y = ctx.years[-1].start_year
    case(f"RR {y}-09", add_working_days(today, -2), kind="serious incident notification")
    aware = add_working_days(today, -14)
    case(f"RR {y}-08", aware, kind="rapid review", notified_date=add_working_days(aware, 4))
    aware = add_working_days(today, -30)
    case(f"RR {y}-07", aware, kind="rapid review", notified_date=add_working_days(aware, 3))
    aware = add_months(today, -3) - dt.timedelta(days=10)
    steps = through_decision(aware, "local CSPR")
    steps.update(
        kind="local CSPR",
        reviewer=_REVIEWERS[0],
        commissioned_date=add_working_days(steps["decision_date"], 12),
    )
    case(f"CSPR {y}-02", aware, **steps)
    aware = add_months(today, -8)
    steps = through_decision(aware, "local CSPR")
    decided = steps["decision_date"]
    steps.update(
        kind="local CSPR",
        reviewer=_REVIEWERS[1],
        commissioned_date=add_working_days(decided, 18),
        draft_date=add_months(decided, 4) + dt.timedelta(days=9),
        final_date=add_months(decided, 5) + dt.timedelta(days=3),
    )
    delayed = case("Child R", aware, **steps)
    delays.append(
        (
            delayed["id"],
            "publication",
            "Publication paused until the criminal trial concludes",
            add_months(today, 3).isoformat(),
            today.isoformat(),
        )
    )
    aware = add_months(today, -2)
    steps = through_decision(aware, "local learning review")
    steps.update(
        kind="local learning review",
        reviewer=_REVIEWERS[0],
        commissioned_date=add_working_days(steps["decision_date"], 8),
    )
    case(f"LLR {y}-01", aware, **steps)
    aware = add_months(today, -4)
    case(
        f"NR {y}-01",
        aware,
        kind="national review",
        **through_decision(aware, "national review by the Panel"),
    )
    if ctx.large:
        case(
            "SCR Child K",
            dt.date(ctx.years[0].start_year, 2, 3),
            kind="legacy SCR",
            aware_date=None,
            decision="local CSPR",
            decision_date=ctx.years[0].start + dt.timedelta(days=20),
            published_date=ctx.years[0].start + dt.timedelta(days=200),
            closed_date=ctx.years[0].start + dt.timedelta(days=200),
        )
        rows[-1]["aware_date"] = None

    rules = ClockRules()
    by_id = {
        d[0]: [Delay(i, d[0], d[1], d[2], d[3], d[4]) for i, d in enumerate(delays, 1)]
        for d in delays
    }
    for row in rows:
        review = Review.from_row(row)
        row["next_milestone"], row["next_due"], row["next_statutory"] = next_clock(
            review, milestones(review, rules, by_id.get(review.id, []))
        )
    store.bulk_insert("reviews", _COLUMNS, [[r[c] for c in _COLUMNS] for r in rows])
    store.bulk_insert(
        "review_delays",
        ["review_id", "milestone", "reason", "revised_date", "recorded_on"],
        delays,
    )

    # Recommendations of the practice reviews, owned by the statutory partners.
    recs = []
    for row in rows:
        if row["kind"] not in ("local CSPR", "local learning review", "legacy SCR"):
            continue
        if not row["final_date"] and row["kind"] != "legacy SCR":
            continue
        finished = row["closed_date"] is not None
        for number, text in enumerate(rng.sample(_RECOMMENDATIONS, rng.randrange(3, 7)), 1):
            status = (
                rng.choices(("completed", "in progress", "open"), (70, 20, 10))[0]
                if finished
                else rng.choice(("open", "in progress"))
            )
            target = dt.date.fromisoformat(row["final_date"] or row["decision_date"])
            recs.append(
                (
                    row["id"],
                    number,
                    text,
                    rng.choice(ctx.statutory_partner_ids),
                    status,
                    add_months(target, rng.choice((3, 6, 9))).isoformat(),
                )
            )
    store.bulk_insert(
        "review_recommendations",
        ["review_id", "number", "text", "owner_organisation_id", "status", "target_date"],
        recs,
    )
    _link_actions(store, ctx)
    _audits(store, ctx)
    _training(store, ctx)
    _yearly_reports(store, ctx)


def _link_actions(store: Store, ctx: DemoContext) -> None:
    """Recommendations still being worked on go into the Learning and Improvement Subgroup's
    action log, linked both ways."""
    body = ctx.body_ids.get("LIS") or ctx.body_ids.get("CRS")
    since = add_months(ctx.today, -18).isoformat()
    for row in queries.recommendations_to_act_on(store, since):
        due = max(row["target_date"], ctx.today.isoformat())
        raise_action(store, row["id"], body_id=body, due_date=due, today=ctx.today)


def _audits(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    agencies = list(ctx.organisation_ids.values())
    audits: list[tuple[int, str, str, str, str, str | None, str]] = []
    links: list[tuple[int, int]] = []
    for year in ctx.years:
        plan = [
            ("multi-agency", year.start + dt.timedelta(days=rng.randrange(120, 170))),
            ("multi-agency", year.start + dt.timedelta(days=rng.randrange(280, 330))),
        ]
        if year.start_year % 2 == 0:
            plan.append(("Section 11", year.start + dt.timedelta(days=rng.randrange(180, 240))))
        for kind, planned in plan:
            audit_id = len(audits) + 1
            done = planned + dt.timedelta(days=rng.randrange(0, 25))
            completed = done if done < ctx.today - dt.timedelta(days=14) else None
            title = (
                f"Section 11 self-assessment {year.label}"
                if kind == "Section 11"
                else rng.choice(_AUDITS)
            )
            findings = ""
            if completed:
                findings = rng.choice(
                    (
                        "Good information sharing at the front door; assessments did not always "
                        "record the child's lived experience.",
                        "Escalation was used well by schools; health partners were not always "
                        "invited to strategy discussions.",
                        "Most agencies met the standards; supervision records were inconsistent.",
                    )
                )
            audits.append(
                (
                    audit_id,
                    kind,
                    title,
                    "",
                    planned.isoformat(),
                    completed.isoformat() if completed else None,
                    findings,
                )
            )
            chosen = (
                ctx.statutory_partner_ids + rng.sample(agencies, min(len(agencies), 3))
                if kind == "multi-agency"
                else rng.sample(agencies, min(len(agencies), 12))
            )
            links += [(audit_id, a) for a in sorted(set(chosen))]
    store.bulk_insert(
        "audits",
        ["id", "kind", "title", "theme", "planned_date", "completed_date", "findings"],
        audits,
    )
    store.bulk_insert("audit_agencies", ["audit_id", "organisation_id"], links)


def _training(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    agencies = list(ctx.organisation_ids.values())
    courses: list[tuple[int, str, int, str, str, float | None, str]] = []
    attendance: list[tuple[int, int, int]] = []
    per_year = 30 if ctx.large else 12
    for year in ctx.years:
        for _ in range(per_year):
            day = year.start + dt.timedelta(days=rng.randrange(0, 360))
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
            if day >= ctx.today:
                continue
            course, level = rng.choice(_COURSES)
            course_id = len(courses) + 1
            score = round(rng.uniform(3.6, 4.9), 1)
            impact = rng.choice(
                (
                    "Delegates reported more confidence in making referrals.",
                    "Three-month follow-up: managers saw better recording of the child's voice.",
                    "",
                )
            )
            courses.append(
                (
                    course_id,
                    course,
                    level,
                    day.isoformat(),
                    "Partnership training pool",
                    score,
                    impact,
                )
            )
            for org in rng.sample(agencies, rng.randrange(2, 6)):
                attendance.append((course_id, org, rng.randrange(1, 9)))
    store.bulk_insert(
        "training_courses",
        ["id", "course", "level", "date", "trainer", "evaluation_score", "impact_notes"],
        courses,
    )
    store.bulk_insert(
        "training_attendance", ["course_id", "organisation_id", "attendees"], attendance
    )


def _yearly_reports(store: Store, ctx: DemoContext) -> None:
    reports: list[tuple[int, str, str, str | None, str | None, str | None, str | None]] = []
    recipients: list[tuple[int, str, str | None]] = []
    for i, year in enumerate(ctx.years[:-1], start=1):
        published = dt.date(year.start_year + 1, 9, 26)
        while published.weekday() >= 5:
            published -= dt.timedelta(days=1)
        if published >= ctx.today:
            # Not yet published: only its planned date.
            reports.append((i, year.label, published.isoformat(), None, None, None, None))
            recipients += [(i, name, None) for name in DEFAULT_RECIPIENTS]
            continue
        signed = published - dt.timedelta(days=14)
        sent = published + dt.timedelta(days=3)
        is_latest = i == len(ctx.years) - 1
        reports.append(
            (
                i,
                year.label,
                published.isoformat(),
                signed.isoformat(),
                published.isoformat(),
                sent.isoformat(),
                None if is_latest else sent.isoformat(),
            )
        )
        recipients += [
            (i, name, None if is_latest and j % 3 == 0 else sent.isoformat())
            for j, name in enumerate(DEFAULT_RECIPIENTS)
        ]
    current = ctx.years[-1]
    reports.append(
        (
            len(reports) + 1,
            current.label,
            dt.date(current.start_year + 1, 9, 25).isoformat(),
            None,
            None,
            None,
            None,
        )
    )
    recipients += [(len(reports), name, None) for name in DEFAULT_RECIPIENTS]
    store.bulk_insert(
        "yearly_reports",
        [
            "id",
            "year",
            "planned_publication_date",
            "signed_off_date",
            "published_date",
            "panel_sent_date",
            "what_works_sent_date",
        ],
        reports,
    )
    store.bulk_insert(
        "yearly_report_recipients", ["report_id", "recipient", "sent_date"], recipients
    )
