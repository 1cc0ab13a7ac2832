"""What needs the business manager's attention, as the Home page lists it. Later registers add
their own sections here: the assurance registers add the yearly report's cycle, the published
documents' reviews (from their notice period ahead), the quarter's theme not yet taken up, and
minimum rules at risk. The partnership at a glance is in ``summary``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from lscp_desktop.models.core.clocks import TimeLeft, Unit, time_left
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.reporting import queries
from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- what needs attention


@dataclass(frozen=True)
class AttentionItem:
    """One thing the business manager must see to this week or next; it opens its record."""

    due: str
    area: str
    title: str
    detail: str
    #: Where it opens: a page key, or "page:part" for a tab of a page.
    page: str
    record_id: int | None
    statutory: bool = False
    #: A group of its own on Home instead of by date (actions are grouped by owner).
    group: str = ""
    #: What the deadline counts in (its rule's unit; calendar days unless a rule says not).
    unit: Unit = Unit.DAYS
    #: How long was left on the day the list was made (see :func:`attention`).
    time_left: TimeLeft | None = None

    def left(self, today: dt.date) -> TimeLeft:
        """How long is left, in the deadline's own unit ("3 working days late")."""
        return time_left(dt.date.fromisoformat(self.due), today, self.unit)

    def when(self, today: dt.date) -> str:
        """Overdue, this week or next week (weeks run Monday to Sunday), or its own group."""
        if self.group:
            return self.group
        due = dt.date.fromisoformat(self.due)
        if due < today:
            return "Overdue"
        week_end = today + dt.timedelta(days=6 - today.weekday())
        return "This week" if due <= week_end else "Next week"


def attention_horizon(today: dt.date) -> dt.date:
    """The Sunday that ends next week."""
    return today + dt.timedelta(days=13 - today.weekday())


#: The yearly report goes to the national Panel and the What Works body within this many days
#: of publication (``reviews.records.DISPATCH_DAYS``; a test keeps the two equal).
DISPATCH_DAYS = 7


def attention(
    store: Store, today: dt.date | None = None, *, with_time_left: bool = False
) -> list[AttentionItem]:
    """What is overdue or falls due this week or next, across the registers that exist.

    Plain indexed queries over stored due dates (each review keeps its nearest clock, counted
    in working days when it was saved). Saying how long is left on a working-day clock needs
    the bank holidays: the window loads this list off the GUI thread, *with_time_left*, so
    each item brings it along.
    """
    today = today or dt.date.today()
    end = attention_horizon(today).isoformat()
    items = (
        _meetings(store, today.isoformat(), end)
        + _review_clocks(store, end)
        + _audits(store, end)
        + _yearly_report(store, end)
        + _contributions(store, today, end)
        + _risks(store, today, end)
        + _actions_by_owner(store, today, end)
        + _chair_handovers(store, today)
        + _assurance(store, today)
        + _correspondence(store, today, end)
    )
    items.sort(key=lambda i: (i.due, not i.statutory, i.area, i.title))
    if with_time_left:
        items = [dataclasses.replace(i, time_left=i.left(today)) for i in items]
    return items


def _meetings(store: Store, start: str, end: str) -> list[AttentionItem]:
    """Meetings from today to *end* that will go ahead, with their papers still awaited."""
    rows = queries.meetings_going_ahead(store, start, end)
    return [
        AttentionItem(
            r["date"],
            "Meeting",
            f"{r['body']} at {r['start_time']}"
            + (f": {r['awaited']} paper{'s' if r['awaited'] != 1 else ''} awaited"
               if r["awaited"] else ""),
            f"{r['code']} meeting",
            "meetings",
            r["id"],
        )
        for r in rows
    ]  # fmt: skip


CHAIR_GROUP = "Chair handovers in the next month"


def _chair_handovers(store: Store, today: dt.date) -> list[AttentionItem]:
    """A rotating chair passing to the next partner within a month (a month's notice)."""
    from lscp_desktop.models.meetings.chair_rotation import handovers

    return [
        AttentionItem(
            h.on.isoformat(),
            "Chair",
            f"{h.body}: the chair passes to {h.incoming or 'the next partner'}",
            f"on {h.on:%d/%m/%Y}" + (f", from {h.outgoing}" if h.outgoing else ""),
            "membership",
            h.body_id,
            group=CHAIR_GROUP,
        )
        for h in handovers(store, today, today + dt.timedelta(days=31))
    ]


ACTIONS_GROUP = "Actions overdue or due, by owner"


def _actions_by_owner(store: Store, today: dt.date, end: str) -> list[AttentionItem]:
    """One entry per owner with open actions overdue or due by *end*; it opens the owner's
    most overdue action."""
    rows = queries.open_actions_by_owner(store, today.isoformat(), end)
    items = []
    for r in rows:
        overdue, due = int(r["overdue"]), int(r["n"]) - int(r["overdue"])
        parts = [f"{overdue} overdue"] if overdue else []
        parts += [f"{due} due by {end[8:10]}/{end[5:7]}"] if due else []
        items.append(
            AttentionItem(
                r["first_due"],
                "Actions",
                f"{r['owner']}: {', '.join(parts)}",
                _chased(r) + "the most overdue opens first",
                "actions",
                r["first_id"],
                group=ACTIONS_GROUP,
            )
        )
    return items


def _chased(row: Row) -> str:
    """When an owner was last chased by email, for Home ("chased 01/12; ")."""
    if row["owner_id"] is None:
        return "nobody to chase until each has an owner; "
    on = row["chased_on"]
    return f"chased {on[8:10]}/{on[5:7]}; " if on else "not chased yet; "


RISKS_GROUP = "Risks above appetite, by next review"


def _risks(store: Store, today: dt.date, end: str) -> list[AttentionItem]:
    """Live risks due for review by *end*, by that date; and the risks above appetite whose
    review is later, once each, by their next review date in a group of their own (a risk
    reviewed a minute ago is not due "today")."""
    rows = queries.risks_for_attention(store, end)
    items = []
    for r in rows:
        review_due = r["next_review"] is not None and r["next_review"] <= end
        above = r["score"] > r["appetite"]
        why = ["review due"] if review_due else []
        if above:
            why.append(f"above appetite ({r['score']} > {r['appetite']})")
        if not r["next_review"]:
            why.append("no next review date set")
        items.append(
            AttentionItem(
                r["next_review"] or today.isoformat(),
                "Risk",
                f"{r['reference']}: {r['title']}",
                "; ".join(why).capitalize(),
                "risks",
                r["id"],
                group="" if review_due or not r["next_review"] else RISKS_GROUP,
            )
        )
    return items


def _contributions(store: Store, today: dt.date, end: str) -> list[AttentionItem]:
    """Partners' contributions with money still owed whose due date (or invoice date plus the
    payment terms) has passed or falls by *end*."""
    from lscp_desktop.models.core import settings
    from lscp_desktop.models.core.dates import FinancialYear
    from lscp_desktop.models.core.money import format_money

    terms = settings.get_int(store, "contribution_payment_days")
    rows = queries.contributions_owed(store, terms, end)
    return [
        AttentionItem(
            r["due_on"],
            "Contribution",
            f"{r['organisation']}: {format_money(r['owed'])} outstanding",
            f"{FinancialYear(r['start_year']).label} contribution"
            + (", overdue" if r["due_on"] < today.isoformat() else ""),
            "finance",
            r["id"],
        )
        for r in rows
    ]


def _review_clocks(store: Store, end: str) -> list[AttentionItem]:
    rows = queries.review_clocks_due(store, end)
    if not rows:
        return []
    from lscp_desktop.models.reviews.milestones import unit_of  # the clocks' own units

    return [
        AttentionItem(
            r["next_due"],
            "Statutory clock" if r["next_statutory"] else "Review target",
            f"{r['reference']}: {r['next_milestone']}",
            r["kind"],
            "reviews",
            r["id"],
            bool(r["next_statutory"]),
            unit=unit_of(r["next_milestone"]),
        )
        for r in rows
    ]


def _audits(store: Store, end: str) -> list[AttentionItem]:
    return [
        AttentionItem(
            a["planned_date"], "Audit", a["title"], f"{a['kind']} audit", "reviews:audits", a["id"]
        )
        for a in queries.audits_due(store, end)
    ]


def _yearly_report(store: Store, end: str) -> list[AttentionItem]:
    # Imported here, as the review clocks' units are: the list of what needs attention is
    # read on a worker thread, and the window's own thread never loads the reviews' rules.
    from lscp_desktop.models.reviews.recipients import recipient_name, spoken

    items: list[AttentionItem] = []
    rows = queries.yearly_reports_due(store, DISPATCH_DAYS, end)
    for y in rows:
        if not y["published_date"]:
            items.append(
                AttentionItem(
                    y["planned_publication_date"],
                    "Yearly report",
                    f"Publish the {y['year']} yearly report",
                    "planned publication",
                    "reviews:yearly",
                    y["id"],
                )
            )
            continue
        to = [
            name
            for name, sent in (
                (spoken(recipient_name(store, "yearly report", "panel")), y["panel_sent_date"]),
                (
                    spoken(recipient_name(store, "yearly report", "what works")),
                    y["what_works_sent_date"],
                ),
            )
            if not sent
        ]
        if to and y["send_by"] <= end:
            items.append(
                AttentionItem(
                    y["send_by"],
                    "Statutory clock",
                    f"Send the {y['year']} yearly report to {' and '.join(to)}",
                    f"within {DISPATCH_DAYS} days of publication",
                    "reviews:yearly",
                    y["id"],
                    True,
                    unit=Unit.DAYS,  # seven calendar days, as Working Together says
                )
            )
        unsent = int(y["boards_unsent"])
        if unsent:
            items.append(
                AttentionItem(
                    y["boards_send_by"],
                    "Yearly report",
                    f"Send the {y['year']} yearly report to {unsent} "
                    + ("board" if unsent == 1 else "boards"),
                    "the partnership's target for each",
                    "reviews:yearly",
                    y["id"],
                )
            )
    return items


COMING_UP = "Coming up"
RULES_GROUP = "Minimum rules at risk"


def _assurance(store: Store, today: dt.date) -> list[AttentionItem]:
    """The yearly report's statutory cycle and the published documents' reviews, from their
    notice period ahead (in a group of their own once beyond next week); the quarter's theme
    in its last fortnight while a body has not taken it up; minimum rules the year can no
    longer meet."""
    from lscp_desktop.models.assurance.arrangements import reviews_due
    from lscp_desktop.models.assurance.minimum_rules import check_rules
    from lscp_desktop.models.core import settings
    from lscp_desktop.models.core.dates import FinancialYear, uk
    from lscp_desktop.models.meetings.records import Quarter
    from lscp_desktop.models.meetings.themes import list_themes
    from lscp_desktop.models.reporting.deadlines import YEARLY_CYCLE_UNIT, yearly_report_cycle

    end = attention_horizon(today)
    notice = settings.get_int(store, "arrangements_notice_days")
    items: list[AttentionItem] = []

    def group(due: dt.date) -> str:
        return "" if due <= end else COMING_UP

    cycle = yearly_report_cycle(store)
    if cycle is not None and cycle.due <= today + dt.timedelta(days=notice):
        items.append(
            AttentionItem(
                cycle.due.isoformat(),
                "Statutory clock",
                "Publish the next yearly report",
                cycle.basis,
                "reviews:yearly",
                cycle.record_id,
                True,
                group(cycle.due),
                unit=YEARLY_CYCLE_UNIT,
            )
        )
    for doc, due in reviews_due(store, today, notice):
        day = dt.date.fromisoformat(due)
        items.append(
            AttentionItem(
                due,
                "Arrangements",
                f"Review: {doc.title}",
                f"{doc.kind}, {doc.review_rule}",
                "assurance:arrangements",
                doc.id,
                group=group(day),
            )
        )
    quarter = Quarter.of(today)
    if quarter.end <= end:
        for theme in list_themes(store):
            if theme.quarter_start == quarter.start.isoformat() and theme.not_yet_examined:
                items.append(
                    AttentionItem(
                        quarter.end.isoformat(),
                        "Quarterly theme",
                        f"Theme '{theme.title}' not yet taken up by "
                        + ", ".join(theme.not_yet_examined),
                        f"{quarter.label} ends {uk(quarter.end)}",
                        "assurance:themes",
                        theme.id,
                    )
                )
    year = FinancialYear.containing(today)
    for check in check_rules(store, year, today):
        if check.status == "at risk":
            items.append(
                AttentionItem(
                    year.end.isoformat(),
                    "Minimum rule",
                    check.text,
                    f"{check.rule.description}: too few meetings left in {year.label}",
                    "assurance:rules",
                    check.rule.id,
                    group=RULES_GROUP,
                )
            )
    return items


def _correspondence(store: Store, today: dt.date, end: str) -> list[AttentionItem]:
    """Paper requests whose time has come (not yet drafted), and packs to circulate by the
    body's circulation deadline (not yet circulated); each opens its meeting."""
    from lscp_desktop.models.correspondence.circulation import circulation_due
    from lscp_desktop.models.correspondence.paper_requests import request_from, requests_due

    items = []
    for meeting, papers in requests_due(store, today):
        deadline = min(p.deadline for p in papers)
        items.append(
            AttentionItem(
                request_from(store, deadline).isoformat(),
                "Papers",
                f"{meeting.body_code} {meeting.uk_date}: ask for "
                f"{len(papers)} paper{'s' if len(papers) != 1 else ''} (due {uk(deadline)})",
                "Email requests… on the meeting's papers",
                "meetings",
                meeting.id,
                unit=Unit.WORKING_DAYS,
            )
        )
    horizon = (dt.date.fromisoformat(end) - today).days
    for meeting, by in circulation_due(store, today, horizon):
        items.append(
            AttentionItem(
                by.isoformat(),
                "Papers",
                f"{meeting.body_code} {meeting.uk_date}: circulate the pack",
                "Email the pack… on the meeting's papers",
                "meetings",
                meeting.id,
                unit=Unit.WORKING_DAYS,
            )
        )
    return items
