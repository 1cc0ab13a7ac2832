"""Commands for practice reviews: ``review set|step``, and ``list
reviews|deadlines|audits|training|yearly-reports``."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import add_db_argument, lister, open_existing
from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.reviews.milestones import DONE_COLUMNS
from lscp_desktop.models.reviews.records import DECISIONS, REVIEW_KINDS
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


#: The review's dates as options: --aware, --partners-told… (the column is the key).
DATE_OPTIONS = {
    "aware_date": "the local authority became aware",
    "notified_date": "notified to the national Panel",
    "partners_told_date": "the safeguarding partners were told",
    "lac_notice_date": "the Secretary of State and Ofsted were told (a looked-after child)",
    "rapid_review_date": "the rapid review went to the Panel",
    "decision_date": "the decision",
    "ratified_date": "the partners ratified the decision",
    "initiated_date": "a legacy serious case review was initiated",
    "commissioned_date": "the reviewer was commissioned",
    "draft_date": "the draft report",
    "final_date": "the final report",
    "sent_to_panel_date": "the final report went to the Panel",
    "sos_sent_date": "the final report went to the Secretary of State",
    "ofsted_sent_date": "the final report went to Ofsted",
    "planned_publication_date": "planned publication",
    "published_date": "publication",
    "repository_date": "entered in the national repository",
    "panel_published_date": "the Panel published a national review",
    "response_date": "the partnership's response to a national review",
    "closed_date": "the review was closed",
}


def _option(column: str) -> str:
    """--aware for aware_date…; --decision-date and --response-date, since --decision and
    --response are the decision and the response themselves."""
    name = column if column in ("decision_date", "response_date") else column.removesuffix("_date")
    return "--" + name.replace("_", "-")


def register(commands: Commands) -> None:
    """Add this domain's subcommands."""
    review = commands.top.add_parser("review", help="record a practice review and its steps")
    verbs = review.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = verbs.add_parser("set", help="add a review, or change one, by its reference")
    add_db_argument(p)
    p.add_argument("--reference", required=True, help="its reference code, e.g. CSPR 2025-01")
    p.add_argument("--kind", choices=REVIEW_KINDS, help="the kind of review (a new one needs it)")
    p.add_argument("--decision", choices=list(DECISIONS))
    p.add_argument(
        "--looked-after",
        choices=("yes", "no"),
        help="a looked-after child died (the Secretary of State and Ofsted are told)",
    )
    for text in ("local-authority", "reviewer", "summary", "notes", "response"):
        p.add_argument(f"--{text}")
    for column, helptext in DATE_OPTIONS.items():
        p.add_argument(_option(column), dest=column, help=f"the date {helptext} (dd/mm/yyyy)")
    p.set_defaults(func=cmd_review_set)
    p = verbs.add_parser("step", help="record the next step of a review as done")
    add_db_argument(p)
    p.add_argument("reference", help="the review's reference")
    p.add_argument("--step", required=True, choices=list(DONE_COLUMNS), help="which milestone")
    p.add_argument("--date", required=True, help="the date it was done (dd/mm/yyyy)")
    p.add_argument("--decision", choices=list(DECISIONS), help="with --step decision")
    p.add_argument("--reviewer", help="with --step commissioned")
    p.add_argument("--response", help="with --step response")
    p.set_defaults(func=cmd_review_step)
    for kind, (helptext, fn, columns) in LISTS.items():
        p = commands.list.add_parser(kind, help=helptext)
        add_db_argument(p)
        p.add_argument("--json", action="store_true", help="print JSON with every field")
        if kind == "deadlines":
            p.add_argument(
                "--within",
                type=int,
                default=30,
                metavar="DAYS",
                help="include what falls due within this many days (default 30), and "
                "anything overdue",
            )
            p.add_argument("--today", help="count from this date (dd/mm/yyyy) instead of today")
        p.set_defaults(func=lister(fn, columns))


def _find_review(store: Store, reference: str) -> Any:
    from lscp_desktop.models.reviews.register import list_reviews

    wanted = " ".join(reference.split()).casefold()
    return next((r for r in list_reviews(store) if r.reference.casefold() == wanted), None)


def cmd_review_set(args: argparse.Namespace) -> int:
    from lscp_desktop.models.reviews.lifecycle import review_values, save_review

    with open_existing(args.path, write=True) as store:
        found = _find_review(store, args.reference)
        values: dict[str, Any] = review_values(found) if found else {"reference": args.reference}
        if found is None and not args.kind:
            raise ValidationError("Say which kind of review it is, with --kind.", "kind")
        for key in ("kind", "decision", "local_authority", "reviewer", "summary", "notes",
                    "response", *DATE_OPTIONS):  # fmt: skip
            value = getattr(args, key, None)
            if value is not None:
                values[key] = value
        if args.looked_after is not None:
            values["looked_after"] = args.looked_after == "yes"
        review_id = save_review(store, values, found.id if found else None)
        case = _find_review(store, args.reference)
    what = "Updated" if found else "Added"
    due = f", due {uk(case.next_due)}" if case and case.next_due else ""
    print(f"{what} {args.reference}. Next: {case.stage if case else ''}{due}.")
    return 0 if review_id else 1


def cmd_review_step(args: argparse.Namespace) -> int:
    from lscp_desktop.models.reviews.lifecycle import record_step

    with open_existing(args.path, write=True) as store:
        found = _find_review(store, args.reference)
        if found is None:
            raise NotFoundError(f"There is no review '{args.reference}' (see `list reviews`).")
        record_step(store, found.id, args.step, args.date, decision=args.decision,
                    reviewer=args.reviewer, response=args.response)  # fmt: skip
        case = _find_review(store, args.reference)
    due = f", due {uk(case.next_due)}" if case.next_due else ""
    print(f"{case.reference}: {args.step.replace('_', ' ')} recorded. Next: {case.stage}{due}.")
    return 0


def _reviews(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.reviews.register import list_reviews

    out = []
    for r in list_reviews(store):
        row = dataclasses.asdict(r)
        row["stage"] = r.stage
        row["next_due_uk"] = uk(r.next_due)
        row["recommendations_text"] = f"{r.recommendations_done}/{r.recommendations} done"
        out.append(row)
    return out


def _deadlines(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.reporting.deadlines import all_deadlines

    if args.within < 0 or args.within > 3660:
        raise ValidationError("--within takes a number of days from 0 to 3660.", "within")
    today = parse_date(args.today, "--today date") if args.today else dt.date.today()
    out = []
    for d in all_deadlines(store, today, args.within):
        row = dataclasses.asdict(d)
        row["due_uk"] = uk(d.due)
        row["statutory_text"] = d.rule  # and what it counts in: "statutory, in working days"
        row["unit"] = f"{d.unit.value}s"
        out.append(row)
    return out


def _audits(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.reviews.audits import list_audits

    today = dt.date.today()
    out = []
    for a in list_audits(store):
        row = dataclasses.asdict(a)
        row["status"] = a.status(today)
        row["planned_uk"], row["completed_uk"] = uk(a.planned_date), uk(a.completed_date)
        row["agencies_count"] = len(a.agencies)
        out.append(row)
    return out


def _training(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.reviews.training import list_training

    out = []
    for c in list_training(store):
        row = dataclasses.asdict(c)
        row.pop("attendance_ids")
        row["attendees"] = c.attendees
        row["date_uk"] = uk(c.date)
        out.append(row)
    return out


def _yearly(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.reviews.yearly_reports import list_yearly_reports

    out = []
    for r in list_yearly_reports(store):
        row = dataclasses.asdict(r)
        row["published_uk"] = uk(r.published_date)
        row["dispatch_due_uk"] = uk(r.dispatch_due)
        row["panel_uk"], row["what_works_uk"] = uk(r.panel_sent_date), uk(r.what_works_sent_date)
        row["boards"] = f"{r.boards_sent}/{len(r.recipients)} sent"
        row["panel_uk"] += " (late)" if r.panel_late else ""
        row["what_works_uk"] += " (late)" if r.what_works_late else ""
        row["late_recipients"] = [x.recipient for x in r.recipients if x.is_late(r.published_date)]
        out.append(row)
    return out


LISTS: dict[
    str,
    tuple[
        str,
        Callable[[Store, argparse.Namespace], list[dict[str, Any]]],
        list[tuple[str, str]],
    ],
] = {
    "reviews": (
        "list practice reviews with their next statutory clock",
        _reviews,
        [
            ("id", "Id"),
            ("reference", "Reference"),
            ("kind", "Kind"),
            ("local_authority", "Area"),
            ("stage", "Next milestone"),
            ("next_due_uk", "Due"),
            ("recommendations_text", "Recommendations"),
        ],
    ),
    "deadlines": (
        "list statutory clocks, audits and yearly report dispatch that are due or overdue",
        _deadlines,
        [
            ("due_uk", "Due"),
            ("area", "Area"),
            ("what", "What"),
            ("status", "Status"),
            ("statutory_text", "Rule"),
        ],
    ),
    "audits": (
        "list multi-agency and Section 11 audits",
        _audits,
        [
            ("id", "Id"),
            ("kind", "Kind"),
            ("title", "Title"),
            ("planned_uk", "Planned"),
            ("completed_uk", "Completed"),
            ("status", "Status"),
            ("agencies_count", "Agencies"),
        ],
    ),
    "training": (
        "list multi-agency training delivered",
        _training,
        [
            ("id", "Id"),
            ("date_uk", "Date"),
            ("course", "Course"),
            ("level", "Level"),
            ("attendees", "Attendees"),
            ("evaluation_score", "Score"),
        ],
    ),
    "yearly-reports": (
        "list yearly reports, their publication and dispatch",
        _yearly,
        [
            ("year", "Year"),
            ("published_uk", "Published"),
            ("dispatch_due_uk", "Send by"),
            ("panel_uk", "To the Panel"),
            ("what_works_uk", "To What Works"),
            ("boards", "Boards"),
        ],
    ),
}
