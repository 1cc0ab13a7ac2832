"""Demo data for the assurance registers (a DEMO_STEPS step, after reviews): the published
arrangements and the documents beside them, each authority's settings census every year, an
escalation log with challenges at every stage (some with actions), quarterly themes taken up on
the bodies' agendas, and the minimum rules of seeds 002 and 003.

Written through the model functions (there are a few hundred records at most), so the demo
keeps every rule the window applies.
"""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.actions.priorities import list_priorities
from lscp_desktop.models.assurance import queries as assurance_queries
from lscp_desktop.models.assurance.arrangements import save_document
from lscp_desktop.models.assurance.census import set_count
from lscp_desktop.models.assurance.escalations import raise_action, save_escalation
from lscp_desktop.models.assurance.minimum_rules import save_rule
from lscp_desktop.models.assurance.records import ESCALATION_OUTCOMES, ESCALATION_REASONS
from lscp_desktop.models.core.dates import FinancialYear, add_months, add_working_days
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.records import Quarter
from lscp_desktop.models.meetings.themes import agenda_item_for, save_theme
from lscp_desktop.models.store.database import Store

#: A census like seed 003's per authority (counts drift a little from year to year).
_CENSUS = {
    "primary schools": 38,
    "secondary schools": 11,
    "special schools": 4,
    "independent schools": 20,
    "alternative provision": 1,
    "further education colleges": 2,
    "children's centres": 5,
    "early years settings": 80,
    "childminders": 85,
    "children's homes": 2,
}
_SUMMARIES = (
    "A referral was closed at the front door without the referrer being told; the school "
    "considered the threshold for assessment was met.",
    "Health visiting was not invited to a strategy discussion about a family it knew well.",
    "A request for information was refused as not meeting the threshold for sharing.",
    "A child protection plan was ended while the referring agency still had concerns.",
    "Police disagreed with a decision to step a family down to early help.",
    "An agency did not attend two core group meetings in a row.",
)
_LEARNING = (
    "The front door now calls the referrer before closing a contact.",
    "Strategy discussion invitations go to health visiting for every child under five.",
    "Information-sharing guidance reissued with worked examples.",
    "",
)
_THEMES = (
    "Neglect and the lived experience of the child",
    "Child criminal exploitation and transitions to adulthood",
    "Domestic abuse: the voice of the child",
    "Children missing education",
    "Online safety and harmful sexual behaviour",
    "Safeguarding babies: pre-birth and the first year",
    "Professional curiosity and challenge",
    "Early help and step-down",
)


def add_assurance(store: Store, ctx: DemoContext) -> None:
    _documents(store, ctx)
    _census(store, ctx)
    _escalations(store, ctx)
    _themes(store, ctx)
    _rules(store, ctx)


def _documents(store: Store, ctx: DemoContext) -> None:
    y0 = ctx.years[0].start_year
    today = ctx.today
    published, implemented = dt.date(y0, 6, 28), dt.date(y0, 9, 29)

    def last_anniversary(since: dt.date, months: int) -> dt.date | None:
        """The last review, a few days before the latest anniversary that has passed."""
        latest, k = None, 1
        while add_months(since, months * k) <= today:
            latest = add_months(since, months * k) - dt.timedelta(days=ctx.rng.randrange(3, 20))
            k += 1
        return latest

    save_document(store, {
        "kind": "published arrangements",
        "title": "Multi-agency safeguarding arrangements",
        "version": "1.0", "published_date": published, "implemented_date": implemented,
        "sos_notified_date": published,
        "approved_by": "The Lead Safeguarding Partners (chief executive, ICB chief executive, "
                       "chief constable)",
        "last_reviewed_date": last_anniversary(implemented, 12),
        "link": "https://www.example.org/lscp/arrangements",
    })  # fmt: skip
    save_document(store, {
        "kind": "thresholds document", "title": "Continuum of need: thresholds guidance",
        "published_date": implemented, "implemented_date": implemented, "review_months": 24,
        "approved_by": "Safeguarding Partnership Executive",
        "last_reviewed_date": last_anniversary(implemented, 24),
    })  # fmt: skip
    # The escalation protocol's review falls due within the notice period: Home warns of it.
    protocol_review = today + dt.timedelta(days=40)
    save_document(store, {
        "kind": "escalation protocol", "title": "Resolving professional differences: escalation "
        "protocol", "published_date": implemented, "implemented_date": implemented,
        "review_date": protocol_review, "approved_by": "Performance, Challenge and Impact Subgroup",
    })  # fmt: skip
    for code in ("EXEC", "PSB", "CRS", "PCI"):
        body_id = ctx.body_ids.get(code)
        if body_id is None:
            continue
        save_document(store, {
            "kind": "terms of reference", "title": f"Terms of reference ({code})",
            "body_id": body_id, "published_date": implemented,
            "last_reviewed_date": last_anniversary(implemented, 12),
            "approved_by": "Safeguarding Partnership Executive",
        })  # fmt: skip


def _census(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    for la_index, la in enumerate(ctx.local_authorities):
        base = {k: max(0, n + rng.randrange(-3, 4) - la_index) for k, n in _CENSUS.items()}
        for year in ctx.years:
            for kind, n in base.items():
                drift = rng.choice((0, 0, 0, 1, -1)) if n > 3 else 0
                base[kind] = max(0, n + drift)
                note = ""
                if kind == "children's centres":
                    note = f"{base[kind]} hubs" if la_index else f"{base[kind]} main centres"
                set_count(store, year=year.label, local_authority=la, kind=kind,
                          count=base[kind], note=note)  # fmt: skip


def _escalations(store: Store, ctx: DemoContext) -> None:
    rng = ctx.rng
    agencies = [ctx.organisation_ids[k] for k in ctx.organisation_ids
                if k.startswith("council") or k in ("icb", "police", "education", "acute",
                                                    "community", "mental")]  # fmt: skip
    qa_body = ctx.body_ids.get("PCI") or ctx.body_ids.get("EXEC")
    per_year = 14 if ctx.large else 6
    for year in ctx.years:
        days = sorted(rng.sample(range(0, 360), per_year))
        for n, offset in enumerate(days):
            raised = year.start + dt.timedelta(days=offset)
            if raised > ctx.today - dt.timedelta(days=3):
                continue
            by, at = rng.sample(agencies, 2)
            stage = rng.choices((1, 2, 3, 4), (45, 30, 18, 7))[0]
            stages, day = {}, raised
            for s in range(2, stage + 1):
                day = add_working_days(day, rng.randrange(3, 12))
                stages[f"stage{s}_date"] = day
            resolved = add_working_days(day, rng.randrange(2, 15))
            values: dict[str, object] = {
                "raised_date": raised, "raising_organisation_id": by,
                "challenged_organisation_id": at, "reason": rng.choice(ESCALATION_REASONS[:6]),
                "summary": rng.choice(_SUMMARIES),
                "local_authority": rng.choice(ctx.local_authorities), **stages,
            }  # fmt: skip
            if resolved < ctx.today - dt.timedelta(days=5) and (n or year != ctx.years[-1]):
                values.update(outcome=rng.choice(ESCALATION_OUTCOMES[:4]), resolved_date=resolved,
                              learning=rng.choice(_LEARNING))  # fmt: skip
            escalation = save_escalation(store, values)
            if stage >= 3 and qa_body is not None:
                raise_action(
                    store, escalation, body_id=qa_body,
                    title="Review the escalation's learning with the agencies involved",
                    due_date=max(ctx.today, raised) + dt.timedelta(days=rng.randrange(20, 60)),
                    today=max(raised, ctx.years[0].start),
                )  # fmt: skip


def _themes(store: Store, ctx: DemoContext) -> None:
    """A theme for each quarter of the last two years, examined by the scrutiny board and the
    subgroups (and each local group); those already past are on their agendas, and the current
    quarter's is still waiting for one body."""
    bodies = [ctx.body_ids[c] for c in ("PSB", "PCI", "EHN", "EXPL") if c in ctx.body_ids]
    bodies += [b for c, b in ctx.body_ids.items() if c.startswith("LG")]
    priorities = [p.id for p in list_priorities(store)]
    start = Quarter.of(FinancialYear(ctx.years[-1].start_year - 1).start)
    now = Quarter.of(ctx.today)
    quarter, n = start, 0
    while quarter.start <= now.start:
        theme = save_theme(store, {
            "quarter": quarter, "title": _THEMES[n % len(_THEMES)],
            "priority_id": priorities[n % len(priorities)] if priorities else None,
            "body_ids": bodies,
            "description": "Each body looks at its data, an audit or case example and the "
                           "views of children on the theme, and reports to the partnership.",
        })  # fmt: skip
        row = {"id": theme, "title": _THEMES[n % len(_THEMES)]}
        for i, body_id in enumerate(bodies):
            if quarter.start == now.start and i == len(bodies) - 1:
                break  # one body has yet to take up the current theme
            meetings = assurance_queries.body_meetings(
                store, body_id, quarter.start.isoformat(), quarter.end.isoformat()
            )
            going = [m for m in meetings if m["status"] not in ("cancelled", "postponed")]
            if going:
                # Written as the record of a past meeting (whose minutes may already be
                # approved and locked), at the end of its agenda.
                meeting_id = int(going[0]["id"])
                store.insert("agenda_items", {
                    **agenda_item_for(row), "meeting_id": meeting_id, "proposed": 0,
                    "position": len(list_items(store, meeting_id)) + 1,
                })  # fmt: skip
        n += 1
        quarter = Quarter.of(quarter.end + dt.timedelta(days=1))


def _rules(store: Store, ctx: DemoContext) -> None:
    executive = ctx.body_ids["EXEC"]
    save_rule(
        store,
        {
            "kind": "meetings",
            "body_id": executive,
            "at_least": 2,
            "notes": "Seed 002: the Executive Board meets at least twice a year.",
        },
    )
    save_rule(store, {"kind": "attendance", "body_id": executive, "at_least": 2,
                      "role": "Lead Safeguarding Partner",
                      "notes": "The Lead Safeguarding Partners attend at least twice a year "
                               "(seed 003)."})  # fmt: skip
    if "QSAG" in ctx.body_ids:
        save_rule(store, {"kind": "meetings", "body_id": ctx.body_ids["QSAG"], "at_least": 4})
