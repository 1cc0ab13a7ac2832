"""``lscp-desktop list actions|risks PATH …`` with the same filters as the window."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import (
    add_db_argument,
    open_existing,
    print_json_lines,
    print_json_rows,
    print_rows,
)
from lscp_desktop.models.actions.filters import ActionFilter
from lscp_desktop.models.actions.listing import iter_action_json, iter_actions
from lscp_desktop.models.actions.records import (
    OPEN_STATUSES,
    RAG_LABELS,
    RAGS,
    STATUSES,
    Action,
)
from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.risks.records import REGISTERS

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    """Add this domain's subcommands."""
    p = commands.list.add_parser("actions", help="list actions (every log, or one body's)")
    _filter_arguments(p)
    p.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        help="only this status (repeat for several); default: every status",
    )
    p.add_argument("--open", action="store_true", help="only open, in progress or on hold")
    p.set_defaults(func=cmd_list_actions)

    p = commands.list.add_parser(
        "chase", help="what each owner owes: open actions per owner, overdue first"
    )
    _filter_arguments(p)
    p.set_defaults(func=cmd_list_chase)

    p = commands.list.add_parser("risks", help="list risks of the registers")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print JSON with every field")
    p.add_argument("--register", choices=REGISTERS, help="one register")
    p.add_argument("--body", type=int, help="a subgroup's own register (the body's id)")
    p.add_argument("--open", action="store_true", help="leave out closed risks")
    p.add_argument("--above-appetite", action="store_true", help="only risks above appetite")
    p.add_argument("--review-overdue", action="store_true", help="only risks overdue for review")
    p.add_argument("--text", default="", help="words that must all appear")
    p.set_defaults(func=cmd_list_risks)


def _filter_arguments(p: argparse.ArgumentParser) -> None:
    """The action log's filters, the same as the window's."""
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print JSON with every field")
    p.add_argument("--body", type=int, help="one body's log (its id; see `list bodies`)")
    p.add_argument("--owner", type=int, help="the owner's id (see `list people`)")
    p.add_argument("--organisation", type=int, help="the owning organisation's id")
    p.add_argument("--rag", choices=RAGS, help="only this RAG rating")
    p.add_argument("--overdue", action="store_true", help="only open actions past their due date")
    p.add_argument(
        "--before-next-meeting",
        action="store_true",
        help="only open actions due by their body's next meeting",
    )
    p.add_argument("--priority", type=int, help="the partnership priority's id")
    p.add_argument("--text", default="", help="words that must all appear")
    p.add_argument("--today", help="count RAG and overdue as on this date (dd/mm/yyyy)")


def _today(args: argparse.Namespace) -> dt.date:
    return parse_date(args.today, "date given with --today") if args.today else dt.date.today()


def _filter(args: argparse.Namespace, today: dt.date) -> ActionFilter:
    return ActionFilter(
        owner_id=args.owner,
        organisation_id=args.organisation,
        rag=args.rag,
        overdue=args.overdue,
        before_next_meeting=args.before_next_meeting,
        priority_id=args.priority,
        text=args.text,
        today=today.isoformat(),
    )


def cmd_list_chase(args: argparse.Namespace) -> int:
    """One row per open action, grouped by owner as the window's chase list."""
    from lscp_desktop.models.actions.chase import chase_list  # not on the other listings' path

    today = _today(args)
    with open_existing(args.path) as store:
        entries = chase_list(store, body_id=args.body, today=today, flt=_filter(args, today))
    rows = [
        {"owner": e.owner, "owner_id": e.owner_id, "organisation": e.organisation,
         "organisation_id": a.organisation_id, "email": e.email, "left": e.has_left,
         "reference": a.reference, "title": a.title, "due": a.due_date if args.json
         else uk(a.due_date), "rag": RAG_LABELS[a.rag], "status": a.status}
        for e in entries for a in e.actions
    ]  # fmt: skip
    print_rows(
        rows,
        [("owner", "Owner"), ("organisation", "Organisation"), ("reference", "Reference"),
         ("title", "Title"), ("due", "Due"), ("rag", "RAG")],
        as_json=args.json,
    )  # fmt: skip
    return 0


#: What ``list actions --json`` gives for each action: every field but the search text.
_JSON_FIELDS = tuple(f.name for f in dataclasses.fields(Action) if f.name != "search_text")


def cmd_list_actions(args: argparse.Namespace) -> int:
    today = _today(args)
    statuses = set(args.status) if args.status else None
    if args.open:
        statuses = (statuses or set(STATUSES)) & OPEN_STATUSES
    flt = _filter(args, today)
    accept = flt.predicate
    with open_existing(args.path) as store:
        if args.json and flt.lets_everything_through:  # written straight from the rows
            print_json_lines(
                iter_action_json(
                    store, body_id=args.body, statuses=statuses, today=today, labels=RAG_LABELS
                )
            )
            return 0
        actions = (
            a
            for a in iter_actions(store, body_id=args.body, statuses=statuses, today=today)
            if accept(a)
        )
        if args.json:  # streamed: each action written as it is read
            print_json_rows(_json_row(a) for a in actions)
            return 0
        rows = [
            {
                "reference": a.reference, "title": a.title, "owner": a.owner,
                "organisation": a.organisation, "due": uk(a.due_date), "status": a.status,
                "rag": RAG_LABELS[a.rag],
            }
            for a in actions
        ]  # fmt: skip
    print_rows(
        rows,
        [("reference", "Reference"), ("title", "Title"), ("owner", "Owner"),
         ("organisation", "Organisation"), ("due", "Due"), ("status", "Status"), ("rag", "RAG")],
        as_json=False,
    )  # fmt: skip
    return 0


def _json_row(a: Action) -> dict[str, Any]:
    row = {name: getattr(a, name) for name in _JSON_FIELDS}
    row["rag"] = RAG_LABELS[a.rag]
    return row


def cmd_list_risks(args: argparse.Namespace) -> int:
    from lscp_desktop.models.risks.listing import list_risks  # not on the actions' path

    words = args.text.lower().split()
    with open_existing(args.path) as store:
        risks = list_risks(
            store, register=args.register, body_id=args.body, include_closed=not args.open
        )
    rows: list[dict[str, Any]] = []
    for r in risks:
        if args.above_appetite and not r.above_appetite:
            continue
        if args.review_overdue and not r.review_overdue:
            continue
        if words and not all(w in r.search_text for w in words):
            continue
        row = dataclasses.asdict(r)
        row.pop("search_text")
        row.update(
            inherent_score=r.inherent_score,
            residual_score=r.residual_score,
            above_appetite=r.above_appetite,
        )
        if not args.json:
            row["next"] = uk(r.next_review)
        rows.append(row)
    print_rows(
        rows,
        [("reference", "Reference"), ("title", "Title"), ("category", "Category"),
         ("owner", "Owner"), ("inherent_score", "Inherent"), ("residual_score", "Residual"),
         ("appetite", "Appetite"), ("trend", "Trend"), ("status", "Status"),
         ("next", "Next review")],
        as_json=args.json,
    )  # fmt: skip
    return 0
