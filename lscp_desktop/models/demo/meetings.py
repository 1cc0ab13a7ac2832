"""Demo meetings: a cadence for every body, ten (or three) years of meetings, agendas with
minutes and decisions, attendance with apologies and deputies, papers and a forward plan.

Everything is written with ``bulk_insert`` so the large demo stays fast.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from lscp_desktop.models.demo import queries as demo_queries
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.meetings.attendance import EXPECTED_ROLES
from lscp_desktop.models.meetings.cadence import (
    DEFAULT_STANDING_ITEMS,
    Cadence,
    parse_standing_items,
)
from lscp_desktop.models.meetings.schedule import cadence_dates
from lscp_desktop.models.store.database import Store

# code: frequency, interval, anchor month, week, weekday, start, minutes, venue, quorum, partners
_CADENCES: dict[str, tuple[str, int, int, int, int, str, int, str, int, int]] = {
    "EXEC": ("every N months", 2, 4, 3, 2, "14:00", 120, "Committee Room 1, Town Hall", 4, 1),
    "QSAG": ("quarterly", 3, 6, 1, 3, "10:00", 90, "Chief Executive's Office, Civic Centre", 3, 1),
    "PSB": ("every N months", 2, 5, 2, 0, "13:30", 150, "Committee Room 2, Town Hall", 5, 0),
    "FORUM": ("three times a year", 4, 6, -1, 3, "09:30", 180, "The Assembly Hall, Civic Centre",
              8, 0),
    "CRS": ("three times a year", 4, 5, 2, 1, "10:00", 120, "", 4, 0),
    "LIS": ("three times a year", 4, 6, 3, 1, "10:00", 120, "Meeting Room 4, Civic Centre", 4, 0),
    "PCI": ("three times a year", 4, 7, 2, 3, "14:00", 120, "Meeting Room 4, Civic Centre", 4, 0),
    "MAT": ("three times a year", 4, 5, 4, 4, "10:00", 90, "", 3, 0),
    "EXPL": ("three times a year", 4, 6, 1, 2, "13:00", 120, "Police Station, Conference Room",
             4, 0),
    "EHN": ("three times a year", 4, 7, 3, 0, "10:00", 120, "Family Hub, High Street", 4, 0),
    "ESAC": ("three times a year", 4, 4, 3, 3, "15:30", 90, "Teachers' Centre", 4, 0),
    "LHUB": ("three times a year", 4, 7, 2, 2, "09:30", 180, "Learning Centre, Station Road", 0,
             0),
    "TFNEG": ("monthly", 1, 4, 1, 4, "11:00", 60, "", 3, 0),
}  # fmt: skip
_LOCAL_GROUP = ("quarterly", 3, 4, 2, 3, "10:00", 120, "", 4, 0)
_ONLINE = "https://teams.microsoft.com/l/meetup-join/demo-"

_TOPICS: dict[str, list[tuple[str, str, int]]] = {
    "executive": [
        ("Partnership budget and contributions", "decision", 20),
        ("Yearly report: draft for sign-off", "decision", 20),
        ("Independent scrutiny report", "assurance", 25),
        ("Strategic risk register review", "assurance", 15),
        ("Rapid review outcomes and national panel letters", "discussion", 20),
        ("Working Together implementation plan", "decision", 20),
        ("Subgroup highlight reports", "assurance", 20),
        ("Ofsted joint targeted area inspection: preparation", "discussion", 20),
    ],
    "assurance": [
        ("Quarterly agency assurance reports", "assurance", 30),
        ("Commissioner's challenge log", "discussion", 20),
        ("Resourcing of the partnership", "decision", 15),
        ("Performance dashboard exceptions", "assurance", 20),
    ],
    "scrutiny": [
        ("Multi-agency audit findings", "assurance", 25),
        ("Voice of the child: agency case studies", "discussion", 25),
        ("Section 11 audit results", "assurance", 20),
        ("Subgroup quarterly reports", "assurance", 30),
        ("Training evaluation and impact", "information", 15),
    ],
    "default": [
        ("Learning from local and national reviews", "discussion", 20),
        ("Multi-agency audit programme", "decision", 20),
        ("Data and performance report", "assurance", 20),
        ("Practice guidance refresh", "decision", 15),
        ("Workplan progress", "assurance", 15),
        ("Voice of children and families", "discussion", 20),
        ("Training needs analysis", "information", 15),
        ("Escalation log", "information", 10),
    ],
}
_DECISIONS = (
    "Agreed as presented.",
    "Approved, subject to the amendments discussed.",
    "Agreed to refer to the Executive for sign-off.",
    "Agreed that a task and finish group will report back in three months.",
    "Noted the report and agreed the recommendations.",
    "Agreed to commission a multi-agency audit on this theme.",
)
_MINUTES = (
    "The report was presented and discussed. Members asked about the impact on front-line "
    "practice and agreed to keep the issue under review.",
    "Partners gave updates. The chair summarised the key points and thanked colleagues.",
    "Members discussed the findings and the learning to be shared across agencies.",
    "The group noted progress and challenged where the timescales had slipped.",
)
_STANDING_MINUTES = {
    "Welcome, introductions and apologies": "The chair welcomed members. Apologies were noted.",
    "Declarations of interest": "No interests were declared beyond those recorded.",
    "Minutes of the last meeting and matters arising": "The minutes were agreed. Matters "
    "arising are covered by the action log.",
    "Action log": "Members reviewed the open actions; completed actions were closed.",
    "Risk register": "The risk register was reviewed; no new risks were escalated.",
    "Any other business": "There was no other business.",
}
_CANCEL_REASONS = (
    "Not quorate: too many apologies received",
    "Clashes with the joint targeted area inspection",
    "Chair unwell; business taken by email",
    "Pre-election period",
)


def _kind_topics(kind: str) -> list[tuple[str, str, int]]:
    if kind == "executive":
        return _TOPICS["executive"]
    if kind == "assurance group":
        return _TOPICS["assurance"]
    if kind == "scrutiny board":
        return _TOPICS["scrutiny"]
    return _TOPICS["default"]


def build(store: Store, ctx: DemoContext) -> None:
    """The demo step (registered in ``demo.generate.DEMO_STEPS``)."""
    rng = ctx.rng
    bodies = {b["code"]: b for b in demo_queries.body_rows(store)}
    people_org = demo_queries.person_organisations(store)
    by_org: dict[int | None, list[int]] = defaultdict(list)
    for pid, org in people_org.items():
        by_org[org].append(pid)
    named_deputy = {
        (r["body_id"], r["principal"]): r["person_id"]
        for r in demo_queries.named_deputy_rows(store)
    }
    memberships = demo_queries.membership_rows_in_roles(store, EXPECTED_ROLES)
    members_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in memberships:
        members_of[m["body_id"]].append(m)

    # Cadences.
    cadences: dict[int, Cadence] = {}
    rows = []
    for code, body in bodies.items():
        spec = _CADENCES.get(code, _LOCAL_GROUP if body["kind"] == "local group" else None)
        if spec is None:
            continue
        freq, interval, anchor, week, weekday, start, minutes, venue, quorum, partners = spec
        online = "" if venue else f"{_ONLINE}{code.lower()}"
        cadence = Cadence(
            body_id=body["id"], frequency=freq, interval_months=interval, anchor_month=anchor,
            week=week, weekday=weekday, start_time=start, duration_minutes=minutes,
            venue=venue, online_link=online, quorum_min=quorum, quorum_each_partner=partners,
            paper_deadline_days=10 if code == "EXEC" else None,
            standing_items=DEFAULT_STANDING_ITEMS,
        )  # fmt: skip
        cadences[body["id"]] = cadence
        rows.append(
            (cadence.body_id, freq, interval, anchor, week, weekday, start, minutes, venue,
             online, cadence.paper_deadline_days, quorum, partners, DEFAULT_STANDING_ITEMS)
        )  # fmt: skip
    store.bulk_insert(
        "meeting_cadences",
        ["body_id", "frequency", "interval_months", "anchor_month", "week", "weekday",
         "start_time", "duration_minutes", "venue", "online_link", "paper_deadline_days",
         "quorum_min", "quorum_each_partner", "standing_items"],
        rows,
    )  # fmt: skip

    # Meetings: every year of the demo and the next one.
    years = [*ctx.years, ctx.years[-1].next()]
    today = ctx.today.isoformat()
    meeting_rows: list[tuple[Any, ...]] = []
    change_rows: list[tuple[Any, ...]] = []
    next_id = 1
    for body_id, cadence in cadences.items():
        body = next(b for b in bodies.values() if b["id"] == body_id)
        for fy in years:
            for p in cadence_dates(cadence, fy):
                day = p.date.isoformat()
                if day < body["start_date"] or (body["end_date"] and day > body["end_date"]):
                    continue
                status, reason = "planned", ""
                if day < today:
                    roll = rng.random()
                    if roll < 0.04:
                        status, reason = "cancelled", rng.choice(_CANCEL_REASONS)
                    else:
                        status = "held"
                        if roll < 0.07:
                            moved = p.date + dt.timedelta(days=7)
                            change_rows.append(
                                (next_id, f"{day}T09:00:00", day, cadence.start_time,
                                 moved.isoformat(), cadence.start_time,
                                 "Chair unavailable; moved by a week")
                            )  # fmt: skip
                            day = moved.isoformat()
                elif day <= (ctx.today + dt.timedelta(days=75)).isoformat():
                    status = "confirmed"
                meeting_rows.append(
                    (next_id, body_id, day, cadence.start_time, cadence.duration_minutes,
                     cadence.venue, cadence.online_link, status, reason, p.moved_because,
                     p.rule_date.isoformat())
                )  # fmt: skip
                next_id += 1
    store.bulk_insert(
        "meetings",
        ["id", "body_id", "date", "start_time", "duration_minutes", "venue", "online_link",
         "status", "status_reason", "notes", "rule_date"],
        meeting_rows,
    )  # fmt: skip
    store.bulk_insert(
        "meeting_changes",
        ["meeting_id", "changed_at", "old_date", "old_start_time", "new_date", "new_start_time",
         "reason"],
        change_rows,
    )  # fmt: skip

    # Forward plan: subgroups report to the executive once in every four months, the
    # scrutiny board to the executive six-monthly, the yearly report each autumn.
    first = ctx.years[0].start
    plan_rows = []
    exec_id = bodies["EXEC"]["id"]
    for i, code in enumerate(c for c in bodies if bodies[c]["kind"] == "subgroup"):
        plan_rows.append(
            (exec_id, f"{code} subgroup highlight report", "assurance", bodies[code]["id"], 4,
             (first + dt.timedelta(days=30 * (i % 4))).isoformat(), 10)
        )  # fmt: skip
    plan_rows.append(
        (exec_id, "Partnership Scrutiny Board six-monthly report", "assurance",
         bodies["PSB"]["id"], 6, (first + dt.timedelta(days=60)).isoformat(), 15)
    )  # fmt: skip
    plan_rows.append(
        (exec_id, "Yearly report of the safeguarding partners", "decision", None, 12,
         dt.date(first.year, 9, 1).isoformat(), 25)
    )  # fmt: skip
    plan_rows.append(
        (bodies["QSAG"]["id"], "Quarterly agency assurance reports", "assurance", None, 3,
         dt.date(first.year, 6, 1).isoformat(), 30)
    )  # fmt: skip
    store.bulk_insert(
        "forward_plan",
        ["body_id", "title", "purpose", "from_body_id", "every_months", "first_due",
         "minutes_allotted"],
        plan_rows,
    )  # fmt: skip

    # Agendas, minutes, attendance and papers.
    horizon = (ctx.today + dt.timedelta(days=100)).isoformat()
    kinds = {b["id"]: b["kind"] for b in bodies.values()}
    item_rows: list[tuple[Any, ...]] = []
    attendance_rows: list[tuple[Any, ...]] = []
    paper_rows: list[tuple[Any, ...]] = []
    declaration_rows: list[tuple[Any, ...]] = []
    sequence: dict[int, list[tuple[str, int, bool]]] = defaultdict(list)
    minutes_items: dict[int, int] = {}
    item_id = 1
    weak_orgs = {
        ctx.organisation_ids[k]
        for k in ("probation", "housing", "fire")
        if k in ctx.organisation_ids
    }
    for row in meeting_rows:
        meeting_id, body_id, day, _start, duration, *_rest = row
        status = row[7]
        if status == "cancelled" or day > horizon:
            continue
        held = status == "held"
        sequence[body_id].append((day, meeting_id, held))
        current = [
            m for m in members_of[body_id]
            if m["start_date"] <= day and (m["end_date"] is None or m["end_date"] >= day)
        ]  # fmt: skip
        presenters = [m["person_id"] for m in current] or [None]
        opening, closing = parse_standing_items(cadences[body_id].standing_items)
        pool = _kind_topics(kinds[body_id])
        topics = rng.sample(pool, k=min(3, len(pool)))
        plan = [(s.title, s.purpose, s.minutes, 1) for s in opening]
        plan += [(t, p, mins, 0) for t, p, mins in topics]
        plan += [(s.title, s.purpose, s.minutes, 1) for s in closing]
        fixed = sum(p[2] for p in plan if p[3])
        flexible = sum(p[2] for p in plan if not p[3]) or 1
        scale = min(1.0, (duration - fixed) / flexible)
        for position, (title, purpose, mins, standing) in enumerate(plan, start=1):
            if not standing:
                mins = max(5, int(mins * scale))
            presenter = None if standing else rng.choice(presenters)
            minute, decision = "", ""
            if held:
                minute = _STANDING_MINUTES.get(title) or rng.choice(_MINUTES)
                if purpose == "decision":
                    decision = rng.choice(_DECISIONS)
            if title.startswith("Minutes of the last"):
                minutes_items[meeting_id] = item_id
                decision = ""  # the approval of the last minutes, filled in below
            item_rows.append(
                (item_id, meeting_id, position, title, purpose, presenter, mins, minute,
                 decision, standing)
            )  # fmt: skip
            if not standing and purpose in ("decision", "assurance"):
                paper_status, received = "requested", None
                if held:
                    paper_status, received = "received", day
                elif rng.random() < 0.4:
                    paper_status, received = "received", today
                paper_rows.append((meeting_id, item_id, title, presenter, paper_status, received))
            item_id += 1
        if not held:
            continue
        for m in current:
            org = people_org.get(m["person_id"])
            weak = org in weak_orgs
            roll = rng.random()
            deputy = named_deputy.get((body_id, m["person_id"]))
            # Lead partners with a named deputy send them when they cannot come.
            present, represented = (0.45, 0.55) if weak else (0.74, 0.80)
            if deputy:
                present, represented = 0.66, 0.95
            if roll < present:
                state, deputy = "present", None
            elif roll < represented:
                colleagues = [p for p in by_org.get(org or 0, []) if p != m["person_id"]]
                if deputy or colleagues:
                    state, deputy = "represented", deputy or rng.choice(colleagues)
                else:
                    state = "apologies"
            elif roll < (0.75 if weak else 0.93) or deputy:
                state, deputy = "apologies", None
            else:
                state, deputy = "absent", None
            attendance_rows.append(
                (meeting_id, m["person_id"], org, m["role"], state, deputy, 0, "", "")
            )
        if rng.random() < 0.3:
            attendance_rows.append(
                (meeting_id, None, None, "guest", "present", None, 1,
                 rng.choice(("Dr A. Visitor", "Jo Speaker", "Sam Presenter")),
                 rng.choice(("Ofsted", "NHS England", "University of Northshire")))
            )  # fmt: skip
        if current and rng.random() < 0.08:
            declaration_rows.append(
                (meeting_id, item_id - 2, rng.choice(current)["person_id"],
                 "Employed by an organisation named in the report")
            )  # fmt: skip
    minutes_rows = _minutes_life_cycle(item_rows, sequence, minutes_items, ctx.today)
    store.bulk_insert(
        "agenda_items",
        ["id", "meeting_id", "position", "title", "purpose", "presenter_id", "minutes_allotted",
         "minute_text", "decisions", "standing"],
        item_rows,
    )  # fmt: skip
    store.bulk_insert(
        "attendance",
        ["meeting_id", "person_id", "organisation_id", "role", "status", "deputy_id", "guest",
         "guest_name", "guest_organisation"],
        attendance_rows,
    )  # fmt: skip
    store.bulk_insert(
        "papers",
        ["meeting_id", "agenda_item_id", "title", "author_id", "status", "received_date"],
        paper_rows,
    )  # fmt: skip
    store.bulk_insert(
        "declarations", ["meeting_id", "agenda_item_id", "person_id", "interest"],
        declaration_rows,
    )  # fmt: skip
    store.bulk_insert(
        "meeting_minutes",
        ["meeting_id", "status", "sent_on", "approved_on", "approved_at_meeting_id",
         "approved_item_id"],
        minutes_rows,
    )  # fmt: skip


def _minutes_life_cycle(
    item_rows: list[tuple[Any, ...]],
    sequence: dict[int, list[tuple[str, int, bool]]],
    minutes_items: dict[int, int],
    today: dt.date,
) -> list[tuple[Any, ...]]:
    """Each held meeting's minutes sent to the chair a week later and approved at the body's
    next meeting, when that has been held (its "minutes of the last meeting" item records the
    decision); the latest are sent or still a draft. Returns the meeting_minutes rows."""
    index = {row[0]: n for n, row in enumerate(item_rows)}
    rows: list[tuple[Any, ...]] = []
    for meetings in sequence.values():
        meetings.sort()
        for (day, meeting_id, held), after in zip(meetings, [*meetings[1:], None], strict=True):
            if not held:
                continue
            sent = (dt.date.fromisoformat(day) + dt.timedelta(days=7)).isoformat()
            item = minutes_items.get(after[1]) if after and after[2] else None
            if after is not None and item is not None:
                n = index[item]
                agreed = f"The minutes of the meeting on {day[8:]}/{day[5:7]}/{day[:4]} were " \
                    "agreed as an accurate record."  # fmt: skip
                item_rows[n] = (*item_rows[n][:8], agreed, *item_rows[n][9:])
                rows.append((meeting_id, "approved", sent, after[0], after[1], item))
            elif sent <= today.isoformat():
                rows.append((meeting_id, "sent", sent, None, None, None))
    return rows
