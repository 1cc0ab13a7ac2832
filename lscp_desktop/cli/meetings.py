"""Commands for meetings: generate a year's schedule, and list meetings, decisions and
attendance. (``export calendar`` comes from the export registry, see cli/documents.py.)"""

from __future__ import annotations

import argparse
import dataclasses
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import add_db_argument, open_existing, print_rows
from lscp_desktop.models.core.dates import uk

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    """Add this domain's subcommands."""
    p = commands.top.add_parser(
        "schedule", help="generate a financial year's meetings of a body from its cadence"
    )
    add_db_argument(p)
    p.add_argument("--body", type=int, required=True, help="the body's id (see `list bodies`)")
    p.add_argument("--year", required=True, help="the financial year, e.g. 2026/27")
    p.add_argument("--dry-run", action="store_true", help="show the dates without saving them")
    p.set_defaults(func=cmd_schedule)

    for kind, fn, help_text in (
        ("meetings", cmd_list_meetings, "list meetings"),
        ("decisions", cmd_list_decisions, "list the decisions register"),
        ("attendance", cmd_list_attendance, "list who attended each meeting"),
    ):
        p = commands.list.add_parser(kind, help=help_text)
        add_db_argument(p)
        p.add_argument("--json", action="store_true", help="print JSON with every field")
        p.add_argument("--body", type=int, help="only this body's (id)")
        p.set_defaults(func=fn)


def cmd_schedule(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.cadence import get_cadence
    from lscp_desktop.models.meetings.chair_rotation import chair_on
    from lscp_desktop.models.meetings.schedule import generate_schedule
    from lscp_desktop.models.membership.bodies import get_body

    with open_existing(args.path, write=not args.dry_run) as store:
        body = get_body(store, args.body)
        cadence = get_cadence(store, args.body)
        result = generate_schedule(store, args.body, args.year, dry_run=args.dry_run)
        chairs = {p.date: chair_on(store, args.body, p.date) for p in result.proposed}
    print(f"{body.name}, {result.year.label}: {cadence.describe()}")
    for p in result.proposed:
        status = (
            "exists" if p.existing_id is not None else ("would add" if args.dry_run else "added")
        )
        chair = chairs[p.date]
        chaired = f"  chair: {chair.describe()}" if chair else ""
        note = f"  ({p.moved_because})" if p.moved_because else ""
        print(f"  {p.date.strftime('%a')} {uk(p.date)}  {status}{chaired}{note}")
    verb = "would be added" if args.dry_run else "added"
    print(f"{len(result.new)} meeting(s) {verb}; {len(result.proposed) - len(result.new)} "
          "already in the schedule.")  # fmt: skip
    return 0


def cmd_list_meetings(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.meetings import list_meetings

    with open_existing(args.path) as store:
        rows = [dataclasses.asdict(m) for m in list_meetings(store, body_id=args.body)]
    print_rows(
        rows,
        [("id", "Id"), ("date", "Date"), ("start_time", "Time"), ("body_code", "Body"),
         ("status", "Status"), ("venue", "Venue"), ("item_count", "Items")],
        as_json=args.json,
    )  # fmt: skip
    return 0


def cmd_list_decisions(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.minutes import list_decisions

    with open_existing(args.path) as store:
        rows = [dataclasses.asdict(d) for d in list_decisions(store, body_id=args.body)]
    print_rows(
        rows,
        [("date", "Date"), ("body", "Body"), ("item", "Item"), ("decision", "Decision")],
        as_json=args.json,
    )
    return 0


def cmd_list_attendance(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.attendance_stats import attendance_rows
    from lscp_desktop.models.membership.bodies import get_body

    with open_existing(args.path) as store:
        rows: list[dict[str, Any]] = attendance_rows(store)
        if args.body is not None:
            code = get_body(store, args.body).code
            rows = [r for r in rows if r["body"] == code]
    print_rows(
        rows,
        [("date", "Date"), ("body", "Body"), ("person", "Person"),
         ("organisation", "Organisation"), ("status", "Status"), ("deputy", "Deputy")],
        as_json=args.json,
    )  # fmt: skip
    return 0
