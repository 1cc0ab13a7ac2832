"""``lscp-desktop export KIND PATH … -o FILE`` for every kind in the export registry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.cli.common import add_db_argument, open_existing
from lscp_desktop.exports.registry import EXPORT_KINDS, ExportOptions, find_kind, preflight
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
        p.add_argument("-o", "--output", type=Path, required=not kind.checked,
                       help=f"the {kind.suffix} file")  # fmt: skip
        if kind.checked:
            p.add_argument(
                "--check", action="store_true",
                help="print the pre-flight check (what is missing) and exit 1 if anything is; "
                "with -o, export only when nothing is missing",
            )  # fmt: skip
        if kind.suffix in (".docx", ".xlsx"):
            p.add_argument("--marking", help="OFFICIAL or OFFICIAL-SENSITIVE (header and footer)")
        p.add_argument("--force", action="store_true", help="replace the file if it exists")
        if kind.suffix == ".docx":
            p.add_argument("--template", type=Path, help="a council .docx template")
            p.add_argument(
                "--pdf", action="store_true",
                help="also save a tagged PDF beside it (through Word or LibreOffice)",
            )  # fmt: skip
        p.set_defaults(func=cmd_export, export_kind=kind.key)


def cmd_export(args: argparse.Namespace) -> int:
    kind = find_kind(args.export_kind)
    check_only = getattr(args, "check", False)
    if args.output is None and not check_only:
        raise ValidationError("Say where to save it with -o FILE, or use --check.")
    if args.output is not None and args.output.suffix.lower() != kind.suffix:
        raise ValidationError(f"The output file should end in {kind.suffix}.")
    if args.output is not None:
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
            pdf=getattr(args, "pdf", False),
        )
        check = preflight(store, kind, options)
        if check_only and check is not None:
            print(check.headline())
            for line in check.lines():
                print(f"  - {line}")
            if not check.ok or args.output is None:
                return 0 if check.ok else 1
        path = kind.run(store, options, args.output, lambda _d, _t, _s: None)
    print(f"Saved {path}")
    if options.pdf:
        print(f"Saved {path.with_suffix('.pdf')}")
    if check is not None and not check.ok and not check_only:
        print(f"Before sending, look at ({check.label}):", file=sys.stderr)
        for line in check.lines():
            print(f"  - {line}", file=sys.stderr)
    return 0
