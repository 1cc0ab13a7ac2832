"""Demo audits, training and yearly reports (part of the reviews step): two multi-agency
audits a year and a Section 11 round every year (seed 003); multi-agency training at
levels 1 to 4 (seed 000); a yearly report per past year, sent on time but for one late copy."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.reviews.recipients import yearly_boards
from lscp_desktop.models.store.database import Store

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


def add_audits(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    agencies = list(ctx.organisation_ids.values())
    audits: list[tuple[int, str, str, str, str, str | None, str]] = []
    links: list[tuple[int, int]] = []
    for year in ctx.years:
        plan = [
            ("multi-agency", year.start + dt.timedelta(days=rng.randrange(120, 170))),
            ("multi-agency", year.start + dt.timedelta(days=rng.randrange(280, 330))),
        ]
        # A Section 11 round every year (seed 003: "a programme of Section 11 audits").
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


def add_training(store: Store, ctx: DemoContext) -> None:
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


def add_yearly_reports(store: Store, ctx: DemoContext) -> None:
    """A report per past year, sent out on time but for the What Works body's copy of the
    earliest (sent late) and the latest year's boards still to send; this year's planned."""
    reports: list[tuple[int, str, str, str | None, str | None, str | None, str | None]] = []
    recipients: list[tuple[int, str, str | None, int]] = []
    boards = yearly_boards(store)
    for i, year in enumerate(ctx.years[:-1], start=1):
        published = dt.date(year.start_year + 1, 9, 26)
        while published.weekday() >= 5:
            published -= dt.timedelta(days=1)
        if published >= ctx.today:
            # Not yet published: only its planned date.
            reports.append((i, year.label, published.isoformat(), None, None, None, None))
            recipients += [(i, name, None, days) for name, days in boards]
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
                None
                if is_latest
                else (published + dt.timedelta(days=12) if i == 1 else sent).isoformat(),
            )
        )
        recipients += [
            (i, name, None if is_latest and j % 3 == 0 else sent.isoformat(), days)
            for j, (name, days) in enumerate(boards)
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
    recipients += [(len(reports), name, None, days) for name, days in boards]
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
        "yearly_report_recipients",
        ["report_id", "recipient", "sent_date", "send_by_days"],
        recipients,
    )
