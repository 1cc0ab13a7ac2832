"""``lscp-desktop minutes …``: write a minute, and take minutes through their life cycle —
sent to the chair, approved at a later meeting (then locked), amended with a date."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.cli.common import add_db_argument, open_existing
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    top = commands.top.add_parser("minutes", help="write minutes; send, approve and amend them")
    sub = top.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = sub.add_parser("show", help="where a meeting's minutes are, item by item")
    _meeting(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("write", help="write an item's minute and decisions (refused once approved)")
    add_db_argument(p)
    p.add_argument("--item", type=int, required=True, help="the agenda item's id")
    p.add_argument("--minute", help="the minute; paragraphs on lines, bullets start with '- '")
    p.add_argument("--minute-file", type=Path, help="read the minute from a UTF-8 text file")
    p.add_argument("--decisions", help="the decisions, one per line (kept if left out)")
    p.set_defaults(func=cmd_write)

    p = sub.add_parser("send", help="record that the draft went to the chair")
    _meeting(p)
    p.add_argument("--on", help="the date sent (default today)")
    p.set_defaults(func=cmd_send)

    p = sub.add_parser("approve", help="record the minutes approved at a later meeting")
    _meeting(p)
    p.add_argument("--at", type=int, required=True, help="the meeting that approved them (id)")
    p.add_argument("--item", type=int, help="its item for the minutes (default: found by title)")
    p.set_defaults(func=cmd_approve)

    p = sub.add_parser("amend", help="record a correction agreed after approval")
    _meeting(p)
    p.add_argument("--text", required=True, help="the correction agreed")
    p.add_argument("--on", required=True, help="the date it was agreed")
    p.add_argument("--at", type=int, help="the meeting at which it was agreed (id)")
    p.add_argument("--item", type=int, help="the item of the minutes it corrects (id)")
    p.set_defaults(func=cmd_amend)

    p = sub.add_parser("unminuted", help="items with nothing minuted: marked Noted, or left out")
    _meeting(p)
    p.add_argument("choice", choices=("noted", "omit"))
    p.set_defaults(func=cmd_unminuted)


def _meeting(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--meeting", type=int, required=True, help="the meeting's id")


def cmd_show(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.agenda import agreed_agenda
    from lscp_desktop.models.meetings.meetings import get_meeting
    from lscp_desktop.models.meetings.minutes_cycle import get_minutes, list_amendments

    with open_existing(args.path) as store:
        meeting = get_meeting(store, args.meeting)
        record = get_minutes(store, meeting.id)
        items = agreed_agenda(store, meeting.id).items
        amendments = list_amendments(store, meeting.id)
    print(f"{meeting.body}, {uk(meeting.date)}: {record.describe()}.")
    for item in items:
        state = "minuted" if item.minute_text.strip() or item.decisions.strip() else "nothing yet"
        print(f"  {item.position}. {item.title} (item {item.id}): {state}")
    for a in amendments:
        print(f"  Amended {uk(a.agreed_on)}: {a.text}")
    return 0


def cmd_write(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.agenda import get_item
    from lscp_desktop.models.meetings.minutes import save_minutes

    if args.minute is not None and args.minute_file is not None:
        raise ValidationError("Give the minute with --minute or --minute-file, not both.")
    minute = args.minute
    if args.minute_file is not None:
        try:
            minute = args.minute_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(f"Cannot read {args.minute_file}: {exc}") from None
    with open_existing(args.path, write=True) as store:
        item = get_item(store, args.item)
        save_minutes(
            store,
            item.id,
            item.minute_text if minute is None else minute,
            item.decisions if args.decisions is None else args.decisions,
        )
    print(f"Saved the minute of item {item.position}, {item.title}.")
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.minutes_cycle import get_minutes, send_to_chair

    with open_existing(args.path, write=True) as store:
        send_to_chair(store, args.meeting, on=args.on)
        print(f"{get_minutes(store, args.meeting).describe()}.")
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.agenda import get_item
    from lscp_desktop.models.meetings.minutes_cycle import approve_minutes, get_minutes

    with open_existing(args.path, write=True) as store:
        item_id = approve_minutes(store, args.meeting, args.at, item_id=args.item)
        item = get_item(store, item_id)
        print(f"{get_minutes(store, args.meeting).describe()} (item {item.position}, "
              f"{item.title}, records the decision).")  # fmt: skip
    return 0


def cmd_amend(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.minutes_cycle import record_amendment

    with open_existing(args.path, write=True) as store:
        record_amendment(store, args.meeting, args.text, agreed_on=args.on,
                         at_meeting_id=args.at, item_id=args.item)  # fmt: skip
    print("Amendment recorded; it is printed at the end of the minutes.")
    return 0


def cmd_unminuted(args: argparse.Namespace) -> int:
    from lscp_desktop.models.meetings.minutes_cycle import set_unminuted_items

    with open_existing(args.path, write=True) as store:
        set_unminuted_items(store, args.meeting, args.choice)
    shown = "marked Noted" if args.choice == "noted" else "left out"
    print(f"Items with nothing minuted are {shown} in these minutes.")
    return 0
