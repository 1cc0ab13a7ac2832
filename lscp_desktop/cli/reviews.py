"""Commands for practice reviews: ``list reviews|deadlines|audits|training|yearly-reports``."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import add_db_argument, open_existing, print_rows
from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    """Add this domain's subcommands."""
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
        p.set_defaults(func=_lister(fn, columns))


def _lister(
    fn: Callable[[Store, argparse.Namespace], list[dict[str, Any]]],
    columns: list[tuple[str, str]],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with open_existing(args.path) as store:
            rows = fn(store, args)
        print_rows(rows, columns, as_json=args.json)
        return 0

    return run


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
    from lscp_desktop.models.reviews.deadlines import deadlines

    if args.within < 0 or args.within > 3660:
        raise ValidationError("--within takes a number of days from 0 to 3660.", "within")
    today = parse_date(args.today, "--today date") if args.today else dt.date.today()
    out = []
    for d in deadlines(store, today, args.within):
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
