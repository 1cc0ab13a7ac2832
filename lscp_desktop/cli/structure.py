"""Commands that build and change the partnership's structure, with the window's rules and
messages: ``body add|edit|end``, ``cadence set``, ``chair rotate``, ``role add|end``,
``priority add|end`` and ``forward-plan add``. With ``init`` and ``import``, an arrangement
no template fits can be built from a script of command-line calls alone."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import add_db_argument, open_existing
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import get_body, list_bodies
from lscp_desktop.models.membership.body_records import Body
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.people import find_person, get_person
from lscp_desktop.models.membership.public_bodies import match_organisation
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    _body_commands(commands)
    _cadence_commands(commands)
    _role_commands(commands)
    _plan_commands(commands)


def _group(commands: Commands, name: str, help_text: str) -> Any:
    parser = commands.top.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)


def _body_fields(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--code", required=adding, help="short code used in action references")
    p.add_argument("--name", required=adding, help="the body's name")
    p.add_argument("--kind", required=adding, help="executive, board, subgroup, forum, …")
    p.add_argument("--reports-to", metavar="BODY", help="the body it reports to (code or id)")
    p.add_argument("--purpose")
    p.add_argument("--local-authority", metavar="LA", help="for a local group")
    p.add_argument(
        "--hosted-by",
        metavar="TEXT",
        help="a body shared with other partnerships: who hosts it ('' for none)",
    )
    p.add_argument("--from", dest="start", metavar="DATE", help="when it started")


def _body_commands(commands: Commands) -> None:
    sub = _group(commands, "body", "add, change or end a body (board, subgroup, forum…)")
    p = sub.add_parser("add", help="add a body")
    add_db_argument(p)
    _body_fields(p, adding=True)
    p.set_defaults(func=cmd_body_add)
    p = sub.add_parser("edit", help="change a body")
    add_db_argument(p)
    p.add_argument("body", help="the body (code, name or id)")
    _body_fields(p, adding=False)
    p.set_defaults(func=cmd_body_edit)
    p = sub.add_parser("end", help="end a body (and its open memberships) on a day")
    add_db_argument(p)
    p.add_argument("body", help="the body (code, name or id)")
    p.add_argument("--on", required=True, metavar="DATE", help="its last day")
    p.set_defaults(func=cmd_body_end)


def _cadence_commands(commands: Commands) -> None:
    sub = _group(commands, "cadence", "how often a body meets")
    p = sub.add_parser("set", help="set a body's cadence (what is left out is kept)")
    add_db_argument(p)
    p.add_argument("body", help="the body (code, name or id)")
    p.add_argument(
        "--frequency",
        help="monthly, every other month, every N months, quarterly, three times a year, "
        "twice a year or ad hoc",
    )
    p.add_argument("--anchor-month", metavar="MONTH", help="a month one meeting falls in")
    p.add_argument("--week", help="first, second, third, fourth, last or 'day of month'")
    p.add_argument("--weekday", help="Monday to Friday")
    p.add_argument("--day-of-month", type=int, metavar="N")
    p.add_argument("--start", metavar="HH:MM", help="start time")
    p.add_argument("--minutes", type=int, help="length in minutes")
    p.add_argument("--venue")
    p.add_argument("--online-link", metavar="URL")
    p.add_argument("--paper-days", type=int, metavar="N", help="papers due N working days before")
    p.add_argument(
        "--circulation-days", type=int, metavar="N", help="papers circulated N working days before"
    )
    p.add_argument("--quorum", type=int, metavar="N", help="members present for a quorum")
    p.add_argument(
        "--each-partner",
        action=argparse.BooleanOptionalAction,
        help="quorum needs each safeguarding partner present",
    )
    p.add_argument(
        "--standing-items",
        metavar="TEXT",
        help="lines 'Title | minutes | purpose' ('---' then closing items); left out: kept",
    )
    p.set_defaults(func=cmd_cadence_set)

    sub = _group(commands, "chair", "a chair that rotates among partners")
    p = sub.add_parser("rotate", help="rotate a body's chair among partners every N months")
    add_db_argument(p)
    p.add_argument("body", help="the body (code, name or id)")
    p.add_argument(
        "--partner",
        action="append",
        default=[],
        metavar="ORG[=PERSON]",
        help="each partner in turn (repeat), optionally naming who chairs for it",
    )
    p.add_argument("--every", type=int, required=True, metavar="MONTHS")
    p.add_argument("--from", dest="start", required=True, metavar="DATE")
    p.set_defaults(func=cmd_chair_rotate)


def _role_commands(commands: Commands) -> None:
    sub = _group(commands, "role", "partnership roles (LSP, DSP, scrutineer, lay member…)")
    p = sub.add_parser("add", help="record a partnership role")
    add_db_argument(p)
    p.add_argument("--person", required=True, help="the person (name or id)")
    p.add_argument("--role", required=True, help="e.g. 'Lead Safeguarding Partner'")
    p.add_argument("--organisation", help="the partner it is held for (name or id)")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE")
    p.add_argument("--notes")
    p.add_argument(
        "--replace",
        action="store_true",
        help="a new Lead Safeguarding Partner: end the previous one's role the day before",
    )
    p.set_defaults(func=cmd_role_add)
    p = sub.add_parser("end", help="end a partnership role on a day")
    add_db_argument(p)
    p.add_argument("role_id", type=int, help="the role's id (see `list roles`)")
    p.add_argument("--on", required=True, metavar="DATE")
    p.set_defaults(func=cmd_role_end)


def _plan_commands(commands: Commands) -> None:
    sub = _group(commands, "priority", "the partnership's priorities")
    p = sub.add_parser("add", help="add a priority")
    add_db_argument(p)
    p.add_argument("--name", required=True)
    p.add_argument("--description", default="")
    p.add_argument("--position", type=int, default=0, help="its order in lists")
    p.set_defaults(func=cmd_priority_add)
    p = sub.add_parser("end", help="end a priority (it stays on its actions and risks)")
    add_db_argument(p)
    p.add_argument("priority", help="the priority (name or id)")
    p.set_defaults(func=cmd_priority_end)

    sub = _group(commands, "forward-plan", "reports due to a body on a cycle")
    p = sub.add_parser("add", help="a report due to a body every N months")
    add_db_argument(p)
    p.add_argument("--to", dest="body", required=True, metavar="BODY", help="who receives it")
    p.add_argument("--title", required=True)
    p.add_argument("--every", type=int, required=True, metavar="MONTHS")
    p.add_argument("--first-due", required=True, metavar="DATE")
    p.add_argument("--from-body", metavar="BODY", help="the body that reports")
    p.add_argument("--purpose", default="assurance")
    p.add_argument("--minutes", type=int, default=15)
    p.set_defaults(func=cmd_forward_plan_add)


# --------------------------------------------------------------------------- look-ups


def find_body(store: Store, text: str) -> Body:
    """A body by id, short code or name."""
    wanted = " ".join(str(text).split())
    if wanted.isdigit():
        return get_body(store, int(wanted))
    for body in list_bodies(store):
        if wanted.lower() in (body.code.lower(), body.name.lower()):
            return body
    raise ValidationError(f"There is no body '{wanted}' (give its code, name or id).", "body")


def find_organisation_id(store: Store, text: str) -> int:
    wanted = " ".join(str(text).split())
    if wanted.isdigit():
        return int(wanted)
    org, _how = match_organisation(list_organisations(store), wanted)
    if org is None:
        raise ValidationError(
            f"There is no organisation '{wanted}'; add it first (import organisations).",
            "organisation",
        )
    return org.id


def find_person_id(store: Store, text: str) -> int:
    wanted = " ".join(str(text).split())
    if wanted.isdigit():
        return get_person(store, int(wanted)).id
    person = find_person(store, wanted)
    if person is None:
        raise ValidationError(
            f"There is no person '{wanted}'; add them first (import people).", "person"
        )
    return person.id


def _body_values(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, arg in (
        ("code", "code"),
        ("name", "name"),
        ("kind", "kind"),
        ("purpose", "purpose"),
        ("local_authority", "local_authority"),
        ("hosted_by", "hosted_by"),
        ("start_date", "start"),
    ):
        value = getattr(args, arg)
        if value is not None:
            values[key] = value
    if args.reports_to is not None:
        values["reports_to_id"] = (
            find_body(store, args.reports_to).id if args.reports_to.strip() else None
        )
    return values


# --------------------------------------------------------------------------- commands


def cmd_body_add(args: argparse.Namespace) -> int:
    from lscp_desktop.models.membership.bodies import save_body

    with open_existing(args.path, write=True) as store:
        body_id = save_body(store, _body_values(store, args))
        body = get_body(store, body_id)
    print(f"Added {body.name} ({body.code}), body {body.id}, from {uk(body.start_date)}.")
    return 0


def cmd_body_edit(args: argparse.Namespace) -> int:
    from lscp_desktop.models.membership.bodies import save_body

    with open_existing(args.path, write=True) as store:
        body = find_body(store, args.body)
        values = {**vars(body), **_body_values(store, args)}
        save_body(store, values, body.id)
        body = get_body(store, body.id)
    print(f"Saved {body.name} ({body.code}).")
    return 0


def cmd_body_end(args: argparse.Namespace) -> int:
    from lscp_desktop.models.membership.bodies import end_body

    with open_existing(args.path, write=True) as store:
        body = find_body(store, args.body)
        end_body(store, body.id, args.on)
        body = get_body(store, body.id)
    print(f"{body.name} ends on {uk(body.end_date)}; its open memberships end with it.")
    return 0


def cmd_cadence_set(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.cadence import cadence_values, get_cadence, save_cadence

    with open_existing(args.path, write=True) as store:
        body = find_body(store, args.body)
        values = cadence_values(get_cadence(store, body.id))
        given = {
            "frequency": args.frequency,
            "anchor_month": args.anchor_month,
            "week": args.week,
            "weekday": args.weekday,
            "day_of_month": args.day_of_month,
            "start_time": args.start,
            "duration_minutes": args.minutes,
            "venue": args.venue,
            "online_link": args.online_link,
            "paper_deadline_days": args.paper_days,
            "circulation_days": args.circulation_days,
            "quorum_min": args.quorum,
            "quorum_each_partner": args.each_partner,
            "standing_items": args.standing_items,
        }
        values.update({k: v for k, v in given.items() if v is not None})
        if args.standing_items is None:
            values.pop("standing_items", None)  # left out: the body's items are kept
        save_cadence(store, values | {"body_id": body.id})
        cadence = get_cadence(store, body.id)
    print(f"{body.name}: {cadence.describe()}.")
    return 0


def cmd_chair_rotate(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.chair_rotation import get_rotation, save_rotation

    with open_existing(args.path, write=True) as store:
        body = find_body(store, args.body)
        turns: list[tuple[int, int | None]] = []
        for text in args.partner:
            org, _, person = text.partition("=")
            turns.append(
                (
                    find_organisation_id(store, org),
                    find_person_id(store, person) if person.strip() else None,
                )
            )
        save_rotation(store, body.id, every_months=args.every, start_date=args.start, turns=turns)
        rotation = get_rotation(store, body.id)
    assert rotation is not None
    print(f"{body.name}: the chair {rotation.describe()[0].lower()}{rotation.describe()[1:]}.")
    return 0


def cmd_role_add(args: argparse.Namespace) -> int:
    from lscp_desktop.models.membership.roles import get_role, save_role_checked

    with open_existing(args.path, write=True) as store:
        values = {
            "person_id": find_person_id(store, args.person),
            "role": args.role,
            "organisation_id": find_organisation_id(store, args.organisation)
            if args.organisation
            else None,
            "start_date": args.start,
            "end_date": args.end,
            "notes": args.notes or "",
        }
        saved = save_role_checked(store, values, end_previous=args.replace)
        role = get_role(store, saved.id)
    for warning in saved.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if saved.ended:
        print(saved.ended[0].upper() + saved.ended[1:] + ".")
    on_behalf = f" for {role.organisation}" if role.organisation else ""
    print(f"{role.person} is {role.role}{on_behalf} from {uk(role.start_date)} (role {role.id}).")
    return 0


def cmd_role_end(args: argparse.Namespace) -> int:
    from lscp_desktop.models.membership.roles import end_role

    with open_existing(args.path, write=True) as store:
        text = end_role(store, args.role_id, args.on)
    print(text + ".")
    return 0


def cmd_priority_add(args: argparse.Namespace) -> int:
    from lscp_desktop.models.actions.priorities import save_priority

    with open_existing(args.path, write=True) as store:
        priority_id = save_priority(
            store,
            {"name": args.name, "description": args.description, "position": args.position},
        )
    print(f"Added the priority '{' '.join(args.name.split())}' (priority {priority_id}).")
    return 0


def cmd_priority_end(args: argparse.Namespace) -> int:
    from lscp_desktop.models.actions.priorities import list_priorities, set_priority_active

    with open_existing(args.path, write=True) as store:
        wanted = " ".join(args.priority.split()).lower()
        found = [
            p for p in list_priorities(store) if str(p.id) == wanted or p.name.lower() == wanted
        ]
        if not found:
            raise ValidationError(f"There is no priority '{args.priority}'.", "priority")
        set_priority_active(store, found[0].id, False)
    print(f"The priority '{found[0].name}' has ended; its actions and risks keep it.")
    return 0


def cmd_forward_plan_add(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.forward_plan import save_forward_plan

    with open_existing(args.path, write=True) as store:
        body = find_body(store, args.body)
        source = find_body(store, args.from_body) if args.from_body else None
        entry_id = save_forward_plan(
            store,
            {
                "body_id": body.id,
                "from_body_id": source.id if source else None,
                "title": args.title,
                "purpose": args.purpose,
                "every_months": args.every,
                "first_due": args.first_due,
                "minutes_allotted": args.minutes,
            },
        )
    print(
        f"'{' '.join(args.title.split())}' is due to {body.name} every {args.every} months "
        f"from {args.first_due} (entry {entry_id}); it goes to the meeting in the month it "
        "falls due, or the next one."
    )
    return 0
