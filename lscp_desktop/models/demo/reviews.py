"""Demo data for practice reviews (a DEMO_STEPS step): cases at every stage, identified by
reference codes only, a national review with the partnership's response and (in the large demo)
a legacy serious case review; then the audits, training and yearly reports of
:mod:`.audits_training`. Written with ``bulk_insert`` so the large demo stays fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import add_months, add_working_days
from lscp_desktop.models.demo.audits_training import add_audits, add_training, add_yearly_reports
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.milestones import ClockRules, milestones, next_clock
from lscp_desktop.models.reviews.recommendations import raise_action
from lscp_desktop.models.reviews.records import Delay, Review
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
    "partners_told_date",
    "looked_after",
    "lac_notice_date",
    "ratified_date",
    "initiated_date",
    "sos_sent_date",
    "ofsted_sent_date",
    "repository_date",
    "panel_published_date",
    "response",
    "response_date",
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
            looked_after=0,
            response="",
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
            "partners_told_date": notified,
            "rapid_review_date": sent,
            "decision": decision,
            "decision_date": sent,
            "ratified_date": add_working_days(sent, rng.choice((3, 5, 8))),
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
                copies = add_working_days(published, -rng.choice((7, 8, 10)))
                steps.update(
                    sent_to_panel_date=copies,
                    sos_sent_date=copies,
                    ofsted_sent_date=copies,
                    published_date=published,
                    repository_date=add_working_days(published, rng.choice((1, 3, 5))),
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
    case(f"RR {y}-08", aware, kind="rapid review", notified_date=add_working_days(aware, 4),
         partners_told_date=add_working_days(aware, 4))  # fmt: skip
    aware = add_working_days(today, -30)
    case(f"RR {y}-07", aware, kind="rapid review", notified_date=add_working_days(aware, 3),
         partners_told_date=add_working_days(aware, 3))  # fmt: skip
    # A looked-after child's death: the Secretary of State and Ofsted are told as well.
    aware = add_working_days(today, -3)
    lac = case(f"RR {y}-10", aware, kind="rapid review", notified_date=add_working_days(aware, 1),
               partners_told_date=add_working_days(aware, 1), looked_after=1)  # fmt: skip
    lac["summary"] = "Death of a looked-after young person placed out of area."
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
    # A national review the Panel published, with the partnership's response and actions.
    national = ctx.years[-2].start + dt.timedelta(days=rng.randrange(40, 80))
    case(
        f"NR {ctx.years[-2].start_year}-01",
        national,
        kind="national review",
        aware_date=None,
        summary="The Panel's national review of safeguarding children with disabilities in "
        "residential settings.",
        panel_published_date=national,
        response="The Executive asked the Scrutiny Board to test the findings locally; a "
        "multi-agency audit of children placed in residential settings followed.",
        response_date=add_months(national, 2),
    )
    rows[-1]["aware_date"] = None
    if ctx.large:
        # A serious case review under the old rules, clocked from its initiation.
        initiated = ctx.years[0].start + dt.timedelta(days=20)
        case(
            "SCR Child K",
            dt.date(ctx.years[0].start_year, 2, 3),
            kind="legacy SCR",
            aware_date=None,
            initiated_date=initiated,
            published_date=add_months(initiated, 6) - dt.timedelta(days=10),
            closed_date=add_months(initiated, 6) - dt.timedelta(days=10),
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
        if row["kind"] not in ("local CSPR", "local learning review", "legacy SCR",
                               "national review"):  # fmt: skip
            continue
        if not (row["final_date"] or row["response_date"]) and row["kind"] != "legacy SCR":
            continue
        finished = row["closed_date"] is not None
        for number, text in enumerate(rng.sample(_RECOMMENDATIONS, rng.randrange(3, 7)), 1):
            status = (
                rng.choices(("completed", "in progress", "open"), (70, 20, 10))[0]
                if finished
                else rng.choice(("open", "in progress"))
            )
            target = dt.date.fromisoformat(
                row["final_date"]
                or row["response_date"]
                or row["decision_date"]
                or row["initiated_date"]
            )
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
    add_audits(store, ctx)
    add_training(store, ctx)
    add_yearly_reports(store, ctx)


def _link_actions(store: Store, ctx: DemoContext) -> None:
    """Recommendations still being worked on go into the Learning and Improvement Subgroup's
    action log, linked both ways."""
    body = ctx.body_ids.get("LIS") or ctx.body_ids.get("CRS")
    since = add_months(ctx.today, -18).isoformat()
    for row in queries.recommendations_to_act_on(store, since):
        due = max(row["target_date"], ctx.today.isoformat())
        raise_action(store, row["id"], body_id=body, due_date=due, today=ctx.today)
