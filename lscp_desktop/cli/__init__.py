"""``lscp-desktop``: open the window, or run one task from the command line.

Each domain registers its own subcommands (``register(commands)``) in a module of this package;
user mistakes end in a one-line message on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lscp_desktop import __version__
from lscp_desktop.models.core.errors import LscpError


@dataclass
class Commands:
    """The subcommand groups a domain module can add to."""

    top: argparse._SubParsersAction[argparse.ArgumentParser]
    list: argparse._SubParsersAction[argparse.ArgumentParser]
    export: argparse._SubParsersAction[argparse.ArgumentParser]


#: Modules of this package that register commands, in help order.
COMMAND_MODULES = [
    "core",
    "structure",
    "meetings",
    "minutes",
    "actions",
    "finance",
    "reviews",
    "assurance",
    "imports",
    "documents",
    "privacy",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lscp-desktop",
        description="LSCP Desktop. With no command, opens the window on the default database.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", type=Path, help="open this database file in the window")
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    list_parser = top.add_parser("list", help="list records of one kind")
    list_sub = list_parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    export_parser = top.add_parser("export", help="export a document, workbook or calendar")
    export_sub = export_parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    commands = Commands(top, list_sub, export_sub)
    for name in COMMAND_MODULES:
        importlib.import_module(f"lscp_desktop.cli.{name}").register(commands)
    return parser


def _gui_database(argv: list[str]) -> tuple[bool, Path | None]:
    """Whether *argv* just opens the window (no command), and on which file."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db":
        return True, Path(argv[1])
    if len(argv) == 1 and argv[0].startswith("--db="):
        return True, Path(argv[0][5:])
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    gui, db = _gui_database(args_list)
    if gui:  # the start path: skip importing every command's module
        from lscp_desktop.app import run_gui

        return run_gui(db)
    from lscp_desktop.logs import install_excepthook, setup_logging

    setup_logging()
    if sys.excepthook is sys.__excepthook__:  # leave a host's hook alone (tests, embedding)
        install_excepthook()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        from lscp_desktop.app import run_gui

        return run_gui(args.db)
    log = logging.getLogger("lscp_desktop.cli")
    log.info("Command: %s %s", args.command, getattr(args, "kind", "") or "")
    try:
        return int(args.func(args) or 0)
    except LscpError as exc:
        log.info("Stopped: %s", exc)
        print(f"lscp-desktop: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error, and nothing more to say.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except KeyboardInterrupt:
        print("lscp-desktop: interrupted; nothing further was saved.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(
            f"lscp-desktop: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
