"""Commands for the assurance registers: ``escalation add|update|list|export|raise-action``,
``arrangement add|reviewed``, ``census set``, ``theme add``, ``rule add``, ``recipient
add|rename``, and ``list arrangements|census|themes|rules|recipients``. The same rules and
messages as the window; a mistake is one line on stderr."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import Columns, RowsFn, add_db_argument, lister, open_existing
from lscp_desktop.models.assurance.records import (
    DOCUMENT_KINDS,
    ESCALATION_OUTCOMES,
    ESCALATION_REASONS,
    SETTING_KINDS,
)
from lscp_desktop.models.core.dates import FinancialYear, parse_date, uk
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands

Handler = Callable[[Store, argparse.Namespace], Any]


def register(commands: Commands) -> None:
    """Add this domain's subcommands."""
    _escalation(commands)
    _arrangement(commands)
    verbs = _verb(commands.top, "census", "the education settings and residential homes census")
    s = _sub(
        verbs, "set", "set one count: a kind of setting in one authority and year", _census_set
    )
    s.add_argument("--year", required=True, help="the financial year, e.g. 2025/26")
    s.add_argument("--authority", default="", help="the local authority (optional with one)")
    s.add_argument("--kind", required=True, help=f"one of: {', '.join(SETTING_KINDS)}")
    s.add_argument("--count", required=True, help="the number of settings ('' removes it)")
    s.add_argument("--note", help="e.g. '7 main centres'")
    verbs = _verb(commands.top, "theme", "quarterly themes the bodies examine")
    s = _sub(verbs, "add", "set a quarter's theme and the bodies asked to examine it", _theme_add)
    s.add_argument("--quarter", required=True, help="e.g. '2025/26 Q1' (April to June 2025)")
    s.add_argument("--title", required=True, help="the theme")
    s.add_argument("--body", action="append", required=True, help="a body's code or name "
                   "(repeat for each body)")  # fmt: skip
    s.add_argument("--priority", help="the partnership priority it is linked to (its name)")
    s.add_argument("--description", default="")
    verbs = _verb(commands.top, "rule", "minimum rules the arrangements state")
    s = _sub(verbs, "add", "a body meets, or a role attends, at least N times a year", _rule_add)
    s.add_argument("--body", required=True, help="the body's code or name")
    group = s.add_mutually_exclusive_group(required=True)
    group.add_argument("--meetings", type=int, metavar="N", help="the body meets at least N "
                       "times a year")  # fmt: skip
    group.add_argument("--attends", type=int, metavar="N", help="the role attends the body at "
                       "least N times a year (with --role)")  # fmt: skip
    s.add_argument("--role", choices=PARTNERSHIP_ROLES, help="the partnership role")
    verbs = _verb(commands.top, "recipient", "who receives a review report and the yearly report")
    s = _sub(verbs, "rename", "rename a recipient (e.g. the What Works body)", _recipient_rename)
    s.add_argument("id", type=int, help="the recipient's id (see `list recipients`)")
    s.add_argument("--name", required=True)
    s = _sub(verbs, "add", "add a recipient of the yearly report", _recipient_add)
    s.add_argument("--name", required=True)
    s.add_argument("--days", type=int, default=7, help="days after publication (default 7)")
    s.add_argument("--email", help="where the report is emailed")
    s = _sub(verbs, "email", "set where a recipient is emailed the report", _recipient_email)
    s.add_argument("id", type=int, help="the recipient's id (see `list recipients`)")
    s.add_argument("email", help="the address ('' removes it)")
    for kind, (helptext, fn, columns) in LISTS.items():
        p = commands.list.add_parser(kind, help=helptext)
        add_db_argument(p)
        p.add_argument("--json", action="store_true", help="print JSON with every field")
        if kind in ("census", "rules"):
            p.add_argument("--year", help="the financial year (default: the current one)")
        if kind == "rules":
            p.add_argument("--today", help="check as on this date (dd/mm/yyyy)")
        p.set_defaults(func=lister(fn, columns))


# --------------------------------------------------------------------------- plumbing


def _verb(top: Any, name: str, helptext: str) -> argparse._SubParsersAction[Any]:
    parser = top.add_parser(name, help=helptext)
    sub: argparse._SubParsersAction[Any] = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    return sub


def _sub(
    verbs: argparse._SubParsersAction[Any], name: str, helptext: str, fn: Handler
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = verbs.add_parser(name, help=helptext)
    add_db_argument(p)
    p.set_defaults(func=_writer(fn))
    return p


def _writer(fn: Handler) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with open_existing(args.path, write=True) as store:
            message = fn(store, args)
        if message:
            print(message)
        return 0

    return run


def _organisation(store: Store, name: str, what: str) -> int:
    from lscp_desktop.models.membership.organisations import find_organisation

    org = find_organisation(store, name)
    if org is None:
        raise NotFoundError(f"There is no organisation called '{name}' ({what}); see `list "
                            "organisations`.")  # fmt: skip
    return org.id


def _body(store: Store, text: str) -> int:
    from lscp_desktop.models.membership.bodies import list_bodies

    wanted = " ".join(text.split()).casefold()
    for b in list_bodies(store):
        if wanted in (b.code.casefold(), b.name.casefold(), str(b.id)):
            return b.id
    raise NotFoundError(f"There is no body '{text}'; give its code or name (see `list bodies`).")


def _year(args: argparse.Namespace) -> FinancialYear:
    if getattr(args, "year", None):
        return FinancialYear.parse(args.year)
    return FinancialYear.containing(dt.date.today())


# --------------------------------------------------------------------------- escalation log


def _escalation(commands: Commands) -> None:
    verbs = _verb(commands.top, "escalation", "the professional challenge and escalation log")
    for name, helptext, fn in (
        ("add", "log a challenge raised by one agency with another", _escalation_add),
        ("update", "change an escalation: a stage reached, its outcome", _escalation_update),
    ):  # fmt: skip
        p = _sub(verbs, name, helptext, fn)
        if name == "update":
            p.add_argument("reference", help="the escalation's reference, e.g. 'ESC 2025-03'")
        required = name == "add"
        p.add_argument("--raised", required=required, help="date raised (dd/mm/yyyy)")
        p.add_argument("--by", required=required, help="the agency that raised it (its name)")
        p.add_argument("--challenged", required=required, help="the agency challenged (its name)")
        p.add_argument("--reason", required=required, choices=ESCALATION_REASONS)
        p.add_argument(
            "--reference",
            dest="new_reference",
            help="its reference (default: the next of the year, e.g. ESC 2025-04)",
        )
        for n in (2, 3, 4):
            p.add_argument(f"--stage{n}", help=f"the date stage {n} was reached")
        p.add_argument("--outcome", choices=ESCALATION_OUTCOMES)
        p.add_argument("--resolved", help="the date it was resolved")
        for text in ("summary", "learning", "notes", "local-authority"):
            p.add_argument(f"--{text}")
    p = verbs.add_parser("list", help="list the escalation log")
    add_db_argument(p)
    p.add_argument("--year", help="one financial year, e.g. 2025/26")
    p.add_argument("--open", action="store_true", help="only those not yet resolved")
    p.add_argument("--json", action="store_true", help="print JSON with every field")
    p.set_defaults(func=lister(_escalation_rows, ESCALATION_COLUMNS))
    p = verbs.add_parser("export", help="the escalation log as an Excel workbook")
    add_db_argument(p)
    p.add_argument("--year", help="one financial year (default: the whole log)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx file")
    p.set_defaults(func=_escalation_export)
    p = _sub(verbs, "raise-action", "put an action arising from it into a body's log",
             _escalation_action)  # fmt: skip
    p.add_argument("reference", help="the escalation's reference")
    p.add_argument("--body", required=True, help="the body whose log takes the action")
    p.add_argument("--title", required=True, help="what is to be done")
    p.add_argument("--due", required=True, help="due date (dd/mm/yyyy)")


def _escalation_values(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if args.raised:
        out["raised_date"] = args.raised
    if args.by:
        out["raising_organisation_id"] = _organisation(store, args.by, "--by")
    if args.challenged:
        out["challenged_organisation_id"] = _organisation(store, args.challenged, "--challenged")
    for key, value in (("reason", args.reason), ("reference", args.new_reference),
                       ("outcome", args.outcome), ("resolved_date", args.resolved),
                       ("summary", args.summary), ("learning", args.learning),
                       ("notes", args.notes), ("local_authority", args.local_authority),
                       ("stage2_date", args.stage2), ("stage3_date", args.stage3),
                       ("stage4_date", args.stage4)):  # fmt: skip
        if value is not None:
            out[key] = value
    return out


def _find_escalation(store: Store, reference: str) -> Any:
    from lscp_desktop.models.assurance.escalations import list_escalations

    wanted = " ".join(reference.split()).casefold()
    for e in list_escalations(store):
        if e.reference.casefold() == wanted or str(e.id) == wanted:
            return e
    raise NotFoundError(f"There is no escalation '{reference}' (see `escalation list`).")


def _escalation_add(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.assurance.escalations import get_escalation, save_escalation

    new_id = save_escalation(store, _escalation_values(store, args))
    e = get_escalation(store, new_id)
    return f"Logged {e.reference}: {e.raising_organisation} to {e.challenged_organisation}."


def _escalation_update(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.assurance.escalations import save_escalation

    e = _find_escalation(store, args.reference)
    values = {k: v for k, v in dataclasses.asdict(e).items() if k not in ("actions", "action_ids")}
    values.update(_escalation_values(store, args))
    save_escalation(store, values, e.id)
    return f"Updated {values.get('reference') or e.reference}."


def _escalation_action(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.assurance.escalations import raise_action

    e = _find_escalation(store, args.reference)
    action_id = raise_action(store, e.id, body_id=_body(store, args.body), title=args.title,
                             due_date=parse_date(args.due, "due date"))  # fmt: skip
    return f"Raised action {store.require('actions', action_id)['reference']} from {e.reference}."


def _escalation_rows(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.assurance.escalations import list_escalations

    year = FinancialYear.parse(args.year) if args.year else None
    today = dt.date.today()
    out = []
    for e in list_escalations(store, year=year, open_only=args.open):
        row = dataclasses.asdict(e)
        row.update(stage=e.stage, stage_label=e.stage_label, days_open=e.days_open(today),
                   raised_uk=uk(e.raised_date), resolved_uk=uk(e.resolved_date),
                   actions_text=", ".join(e.actions))  # fmt: skip
        out.append(row)
    return out


ESCALATION_COLUMNS = [
    ("reference", "Reference"),
    ("raised_uk", "Raised"),
    ("raising_organisation", "Raised by"),
    ("challenged_organisation", "Challenged"),
    ("reason", "Reason"),
    ("stage", "Stage"),
    ("outcome", "Outcome"),
    ("resolved_uk", "Resolved"),
    ("actions_text", "Actions"),
]


def _escalation_export(args: argparse.Namespace) -> int:
    from lscp_desktop.exports.registry import ExportOptions, find_kind

    if args.output.suffix.lower() != ".xlsx":
        raise ValidationError("The output file should end in .xlsx.")
    year = FinancialYear.parse(args.year).label if args.year else None
    with open_existing(args.path) as store:
        path = find_kind("escalations").run(
            store, ExportOptions(year=year), args.output, lambda _d, _t, _s: None
        )
    print(f"Saved {path}")
    return 0


# --------------------------------------------------------------------------- published documents


def _arrangement(commands: Commands) -> None:
    verbs = _verb(commands.top, "arrangement", "the published arrangements and other documents")
    p = _sub(verbs, "add", "a published document with its dates and review period", _doc_add)
    p.add_argument("--kind", required=True, choices=DOCUMENT_KINDS)
    p.add_argument("--title", required=True)
    for flag, helptext in (("--published", "publication date"), ("--implemented",
                           "implementation date"), ("--sos-notified",
                           "date the Secretary of State was notified"),
                           ("--review-date", "a set date for the next review")):  # fmt: skip
        p.add_argument(flag, help=helptext)
    p.add_argument("--review-months", type=int, help="review period (default 12; thresholds 24)")
    p.add_argument("--approved-by", default="")
    p.add_argument("--version", default="")
    p.add_argument("--body", help="for terms of reference: the body's code or name")
    p = _sub(verbs, "reviewed", "record that a document was reviewed", _doc_reviewed)
    p.add_argument("id", type=int, help="the document's id (see `list arrangements`)")
    p.add_argument("--on", required=True, help="the date of the review (dd/mm/yyyy)")


def _doc_add(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.assurance.arrangements import save_document

    save_document(store, {
        "kind": args.kind, "title": args.title, "published_date": args.published,
        "implemented_date": args.implemented, "sos_notified_date": args.sos_notified,
        "review_date": args.review_date, "review_months": args.review_months,
        "approved_by": args.approved_by, "version": args.version,
        "body_id": _body(store, args.body) if args.body else None,
    })  # fmt: skip
    return f"Added the {args.kind}: {args.title}."


def _doc_reviewed(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.assurance.arrangements import list_documents, record_review

    record_review(store, args.id, args.on)
    doc = next(d for d in list_documents(store) if d.id == args.id)
    return f"{doc.title}: reviewed; next review due {uk(doc.review_due)}."


def _documents(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.assurance.arrangements import list_documents

    out = []
    for d in list_documents(store):
        row = dataclasses.asdict(d)
        row.update(review_due=d.review_due, review_rule=d.review_rule,
                   published_uk=uk(d.published_date), implemented_uk=uk(d.implemented_date),
                   review_due_uk=uk(d.review_due),
                   current="yes" if d.is_current else "withdrawn")  # fmt: skip
        out.append(row)
    return out


# --------------------------------------------------------------------------- census, themes, rules


def _census_set(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.assurance.census import set_count

    set_count(store, year=args.year, local_authority=args.authority, kind=args.kind,
              count=args.count, note=args.note)  # fmt: skip
    return f"{args.kind} in {args.year}: {args.count or 'removed'}."


def _census(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.assurance.census import census_table

    table = census_table(store, _year(args).label)
    out = []
    for kind in table.kinds:
        if not any((kind, la) in table.counts for la in table.local_authorities):
            continue
        row: dict[str, Any] = {"kind": kind, "year": table.year}
        for la in table.local_authorities:
            row[la] = table.count(kind, la)
        row["total"] = table.total(kind)
        out.append(row)
    return out


def _theme_add(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.actions.priorities import list_priorities
    from lscp_desktop.models.meetings.themes import save_theme

    priority = None
    if args.priority:
        wanted = args.priority.casefold().strip()
        priority = next((p.id for p in list_priorities(store) if p.name.casefold() == wanted),
                        None)  # fmt: skip
        if priority is None:
            raise NotFoundError(f"There is no priority called '{args.priority}'.")
    save_theme(store, {"quarter": args.quarter, "title": args.title, "priority_id": priority,
                       "description": args.description,
                       "body_ids": [_body(store, b) for b in args.body]})  # fmt: skip
    return f"Theme for {args.quarter}: {args.title}."


def _themes(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.meetings.themes import list_themes

    out = []
    for t in list_themes(store):
        row = dataclasses.asdict(t)
        row.update(quarter=t.quarter.label, months=t.quarter.months,
                   bodies_text=", ".join(t.bodies),
                   examined_text=", ".join(f"{b} {uk(d)}" for b, d in t.examined.items()),
                   waiting_text=", ".join(t.not_yet_examined))  # fmt: skip
        out.append(row)
    return out


def _rule_add(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.assurance.minimum_rules import save_rule

    if args.attends is not None and not args.role:
        raise ValidationError("Say which role must attend, with --role.", "role")
    kind = "meetings" if args.meetings is not None else "attendance"
    save_rule(store, {"kind": kind, "body_id": _body(store, args.body),
                      "at_least": args.meetings if kind == "meetings" else args.attends,
                      "role": args.role or ""})  # fmt: skip
    return "Rule added."


def _rules(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.assurance.minimum_rules import check_rules

    today = parse_date(args.today, "--today date") if args.today else dt.date.today()
    year = FinancialYear.parse(args.year) if args.year else FinancialYear.containing(today)
    return [
        {"rule": c.rule.description, "who": c.who, "count": c.count, "at_least": c.rule.at_least,
         "remaining": c.remaining, "status": c.status, "year": year.label, "text": c.text}
        for c in check_rules(store, year, today)
    ]  # fmt: skip


def _recipients(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    from lscp_desktop.models.reviews.recipients import list_dispatch_recipients

    return [
        {**dataclasses.asdict(r), "rule": r.rule, "statutory_text": "statutory" if r.statutory
         else "local target"}
        for r in list_dispatch_recipients(store)
    ]  # fmt: skip


def _recipient_rename(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.reviews.recipients import save_dispatch_recipient

    save_dispatch_recipient(store, {"name": args.name}, args.id)
    return f"Renamed: {args.name}."


def _recipient_add(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.reviews.recipients import save_dispatch_recipient

    values = {"name": args.name, "days": args.days}
    if args.email is not None:
        values["email"] = args.email
    save_dispatch_recipient(store, values)
    return f"{args.name} will receive each new yearly report within {args.days} days."


def _recipient_email(store: Store, args: argparse.Namespace) -> str:
    from lscp_desktop.models.reviews.recipients import list_dispatch_recipients as listed
    from lscp_desktop.models.reviews.recipients import save_dispatch_recipient

    current = next((r for r in listed(store) if r.id == args.id), None)
    if current is None:
        raise ValidationError(f"There is no recipient {args.id}; see `list recipients`.")
    save_dispatch_recipient(store, {"name": current.name, "email": args.email}, args.id)
    return f"{current.name}: {args.email or 'no email address'}."


LISTS: dict[str, tuple[str, RowsFn, Columns]] = {
    "arrangements": (
        "list the published arrangements and other documents, with their next review",
        _documents,
        [("id", "Id"), ("kind", "Kind"), ("title", "Title"), ("published_uk", "Published"),
         ("implemented_uk", "Implemented"), ("review_due_uk", "Review due"),
         ("current", "Current")],
    ),
    "census": (
        "list a year's census of education settings and residential homes",
        _census,
        lambda rows: [
            ("kind", "Kind of setting"),
            *((k, k) for k in (rows[0] if rows else {}) if k not in ("kind", "year", "total")),
            ("total", "Total"),
        ],
    ),
    "themes": (
        "list the quarterly themes and which bodies have taken them up",
        _themes,
        [("quarter", "Quarter"), ("title", "Theme"), ("priority", "Priority"),
         ("bodies_text", "Bodies"), ("waiting_text", "Not yet examined by")],
    ),
    "rules": (
        "check the minimum rules for a year: met, on track, at risk or not met",
        _rules,
        [("rule", "Rule"), ("who", "Who"), ("count", "So far"), ("remaining", "To come"),
         ("status", "Status")],
    ),
    "recipients": (
        "list who receives a review report and the yearly report, and when",
        _recipients,
        [("id", "Id"), ("document", "Report"), ("name", "Recipient"), ("rule", "When"),
         ("statutory_text", "Rule")],
    ),
}  # fmt: skip
