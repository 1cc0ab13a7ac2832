"""``lscp-desktop export KIND PATH … -o FILE`` for every kind in the export registry."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.cli.common import add_db_argument, open_existing
from lscp_desktop.exports.registry import EXPORT_KINDS, ExportOptions, find_kind
from lscp_desktop.exports.safe import check_target
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import ValidationError

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands

_NEEDS = {
    "meeting": ("--meeting", int, "the meeting's id (see `list meetings`)"),
    "item": ("--item", int, "the agenda item's id"),
    "year": ("--year", str, "the financial year, e.g. 2025/26"),
    "body": ("--body", int, "the body's id (see `list bodies`)"),
    "register": ("--register", str, "strategic, operational or subgroup"),
    "person": ("--person", int, "the person's id (see `list people`)"),
}


def register(commands: Commands) -> None:
    for kind in EXPORT_KINDS:
        p = commands.export.add_parser(kind.key, help=kind.label.lower())
        add_db_argument(p)
        if kind.needs:
            flag, type_, text = _NEEDS[kind.needs]
            p.add_argument(flag, type=type_, required=True, help=text)
        for optional in kind.optional:
            flag, type_, text = _NEEDS[optional]
            p.add_argument(flag, type=type_, help=f"{text} (optional)")
        p.add_argument("-o", "--output", type=Path, required=True, help=f"the {kind.suffix} file")
        p.add_argument("--force", action="store_true", help="replace the file if it exists")
        if kind.suffix == ".docx":
            p.add_argument("--marking", help="OFFICIAL or OFFICIAL-SENSITIVE")
            p.add_argument("--template", type=Path, help="a council .docx template")
        p.set_defaults(func=cmd_export, export_kind=kind.key)


def cmd_export(args: argparse.Namespace) -> int:
    kind = find_kind(args.export_kind)
    if args.output.suffix.lower() != kind.suffix:
        raise ValidationError(f"The output file should end in {kind.suffix}.")
    check_target(args.output.absolute(), replace=args.force)  # before any work is done
    with open_existing(args.path) as store:
        template = (
            getattr(args, "template", None) or settings.get_str(store, "word_template") or None
        )
        options = ExportOptions(
            marking=getattr(args, "marking", None) or settings.get_str(store, "default_marking"),
            template=str(template) if template else None,
            meeting_id=getattr(args, "meeting", None),
            item_id=getattr(args, "item", None),
            year=getattr(args, "year", None),
            body_id=getattr(args, "body", None),
            register=getattr(args, "register", None),
            person_id=getattr(args, "person", None),
        )
        path = kind.run(store, options, args.output, lambda _d, _t, _s: None)
    print(f"Saved {path}")
    return 0
