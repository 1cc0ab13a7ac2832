"""``lscp-desktop mail chase|papers|invitations|circulate|dispatch PATH … -o FOLDER``: the
correspondence as Outlook drafts (``.eml``), and ``mail settings`` for the sender and
sign-off. Chasing and paper requests record what was sent, so they open the file for writing."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.cli.actions import _filter, _filter_arguments, _today
from lscp_desktop.cli.common import add_db_argument, open_existing
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.correspondence.records import Batch, Written
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands
    from lscp_desktop.exports.mail.writer import Deliver

_SETTINGS = {
    "sender_name": "mail_sender_name",
    "sender_email": "mail_sender_email",
    "sign_off": "mail_sign_off",
    "request_days": "paper_request_working_days",
    "circulation_days": "circulation_days",
}


def register(commands: Commands) -> None:
    mail = commands.top.add_parser("mail", help="correspondence as Outlook drafts (.eml)")
    verbs = mail.add_subparsers(dest="kind", metavar="KIND", required=True)

    p = verbs.add_parser("chase", help="one email per action owner: what is overdue or due")
    _filter_arguments(p)
    _output(p, records="actions recorded as chased")
    p.set_defaults(func=cmd_chase)

    p = verbs.add_parser("papers", help="ask presenters for their papers for a meeting")
    add_db_argument(p)
    p.add_argument("--meeting", type=int, required=True, help="the meeting's id")
    _output(p, records="papers recorded as requested")
    p.set_defaults(func=cmd_papers)

    p = verbs.add_parser(
        "invitations", help="calendar invitations (or updates and cancellations) to members"
    )
    add_db_argument(p)
    p.add_argument("--body", type=int, help="the body's id (with --year)")
    p.add_argument("--year", help="the financial year, e.g. 2026/27: its meetings still to come")
    p.add_argument("--meeting", type=int, action="append", help="one meeting (repeat for more)")
    _output(p)
    p.set_defaults(func=cmd_invitations)

    p = verbs.add_parser("circulate", help="the meeting's pack to its circulation list")
    add_db_argument(p)
    p.add_argument("--meeting", type=int, required=True, help="the meeting's id")
    p.add_argument("--no-pdf", action="store_true", help="attach the Word pack only")
    _output(p)
    p.set_defaults(func=cmd_circulate)

    p = verbs.add_parser("dispatch", help="the published yearly report to its recipients")
    add_db_argument(p)
    p.add_argument("--year", required=True, help="the report's year, e.g. 2025/26")
    p.add_argument("--report", type=Path, required=True, help="the report (PDF or Word)")
    _output(p)
    p.set_defaults(func=cmd_dispatch)

    p = verbs.add_parser("settings", help="show or set the sender, sign-off and lead times")
    add_db_argument(p)
    p.add_argument("--sender-name", help="who the emails are from")
    p.add_argument("--sender-email", help="the mailbox they go from (the organiser)")
    p.add_argument("--sign-off", help="the lines ending each email (use \\n between lines)")
    p.add_argument("--request-days", help="ask for papers N working days before their deadline")
    p.add_argument("--circulation-days", help="circulate N working days before (default)")
    p.set_defaults(func=cmd_settings)


def _output(p: argparse.ArgumentParser, records: str = "") -> None:
    p.add_argument("-o", "--output", type=Path, help="the folder the drafts are written to")
    p.add_argument(
        "--outlook", action="store_true", help="put the drafts in Outlook's Drafts (Windows)"
    )
    p.add_argument("--message", help="a note added to every email")
    if records:
        p.add_argument("--no-record", action="store_true", help=f"leave the {records} alone")


def _deliver(args: argparse.Namespace) -> Deliver:
    from lscp_desktop.exports.mail.writer import to_folder

    if args.outlook:
        from lscp_desktop.exports.mail.outlook import to_outlook

        return to_outlook()
    if args.output is None:
        raise ValidationError("Say where to write the drafts with -o FOLDER (or --outlook).")
    return to_folder(args.output)


def _run(args: argparse.Namespace, make: Callable[[Store], Batch], *, write: bool = False) -> int:
    from lscp_desktop.exports.mail.writer import write_batch

    deliver = _deliver(args)
    record = write and not getattr(args, "no_record", False)
    with open_existing(args.path, write=record) as store:
        batch = make(store)
        written = write_batch(
            store, batch, deliver, record=record, pdf=not getattr(args, "no_pdf", False)
        )
    _report(batch, written)
    return 0


def _report(batch: Batch, written: Written) -> None:
    print(f"{batch.summary}.")
    for path in written.paths:
        print(f"  {path}")
    if written.not_sent:
        print("Not sent (no email drafted):")
        for n in written.not_sent:
            print(f"  {n.who}: {n.reason}")
    for line in ([written.recorded] if written.recorded else []) + written.notes:
        print(line)


def cmd_chase(args: argparse.Namespace) -> int:
    from lscp_desktop.models.correspondence.chasing import chase_batch

    today = _today(args)
    return _run(
        args,
        lambda store: chase_batch(
            store, body_id=args.body, flt=_filter(args, today), today=today, message=_msg(args)
        ),
        write=True,
    )


def cmd_papers(args: argparse.Namespace) -> int:
    from lscp_desktop.models.correspondence.paper_requests import papers_batch

    return _run(
        args, lambda store: papers_batch(store, args.meeting, message=_msg(args)), write=True
    )


def cmd_invitations(args: argparse.Namespace) -> int:
    from lscp_desktop.models.correspondence.invitations import invitation_batch

    return _run(
        args,
        lambda store: invitation_batch(
            store,
            body_id=args.body,
            year=args.year,
            meeting_ids=args.meeting,
            message=_msg(args),
        ),
    )


def cmd_circulate(args: argparse.Namespace) -> int:
    from lscp_desktop.models.correspondence.circulation import circulation_batch

    return _run(args, lambda store: circulation_batch(store, args.meeting, message=_msg(args)))


def cmd_dispatch(args: argparse.Namespace) -> int:
    from lscp_desktop.models.correspondence.dispatch import dispatch_batch

    return _run(
        args, lambda store: dispatch_batch(store, args.year, args.report, message=_msg(args))
    )


def _msg(args: argparse.Namespace) -> str:
    from lscp_desktop.models.correspondence.addresses import personal_message

    return personal_message(args.message)


def cmd_settings(args: argparse.Namespace) -> int:
    given = {
        key: getattr(args, name)
        for name, key in _SETTINGS.items()
        if getattr(args, name) is not None
    }
    if "mail_sign_off" in given:
        given["mail_sign_off"] = given["mail_sign_off"].replace("\\n", "\n")
    with open_existing(args.path, write=bool(given)) as store:
        for key, value in given.items():
            settings.set_value(store, key, value)
        for key in _SETTINGS.values():
            value = settings.get(store, key)
            label = settings.SETTINGS[key].label
            print(f"{label}: {str(value).replace(chr(10), ' / ') or '(not set)'}")
    return 0
