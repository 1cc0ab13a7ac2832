"""``lscp-desktop``: open the window, or run one task from the command line.

Each domain registers its own subcommands (``register(commands)``) in a module of this package;
user mistakes end in a one-line message on stderr and a non-zero exit, never a traceback. A
command line naming a known command imports only that command's module (:data:`COMMAND_HOMES`);
help, ``--version`` and anything unknown build the whole parser, so help lists every command.
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
    "mail",
    "privacy",
    "server",
]


#: Which module registers each command word (``list`` and ``export`` by their kind), so a
#: command line needs only its own module imported. ``tests/cli/test_cli_lazy.py`` holds it
#: equal to what the modules register.
COMMAND_HOMES: dict[str, str] = {
    **dict.fromkeys(["init", "demo", "check", "backup", "restore", "diagnostics"], "core"),
    **dict.fromkeys(["body", "cadence", "chair", "role", "priority", "forward-plan"], "structure"),
    "schedule": "meetings",
    "minutes": "minutes",
    "finance": "finance",
    "review": "reviews",
    **dict.fromkeys(
        ["escalation", "arrangement", "census", "theme", "rule", "recipient"], "assurance"
    ),
    "import": "imports",
    "mail": "mail",
    "privacy": "privacy",
    **dict.fromkeys(["server", "move-to-server"], "server"),
}
LIST_HOMES: dict[str, str] = {
    **dict.fromkeys(["organisations", "people", "bodies", "memberships", "roles"], "core"),
    **dict.fromkeys(["meetings", "decisions", "attendance"], "meetings"),
    **dict.fromkeys(["actions", "chase", "risks"], "actions"),
    **dict.fromkeys(["contributions", "budget", "spend", "in-kind", "reserves"], "finance"),
    **dict.fromkeys(["reviews", "deadlines", "audits", "training", "yearly-reports"], "reviews"),
    **dict.fromkeys(["arrangements", "census", "themes", "rules", "recipients"], "assurance"),
}
#: Every ``export`` kind is registered by the documents module.
EXPORT_HOME = "documents"


def modules_for(argv: Sequence[str]) -> list[str]:
    """The command modules *argv* needs: its command's own, or all of them (help, version,
    an unknown or missing command) so that argparse can list every choice."""
    args = list(argv)
    while args[:1] == ["--db"] or (args and args[0].startswith("--db=")):
        args = args[2:] if args[0] == "--db" else args[1:]
    if not args or args[0].startswith("-"):
        return COMMAND_MODULES
    word, kind = args[0], args[1] if len(args) > 1 else ""
    if word == "list":
        home = LIST_HOMES.get(kind)
    elif word == "export":
        home = EXPORT_HOME if kind and not kind.startswith("-") else None
    else:
        home = COMMAND_HOMES.get(word)
    return [home] if home else COMMAND_MODULES


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; for *argv*, with only the command modules it needs (see :func:`modules_for`)."""
    parser = argparse.ArgumentParser(
        prog="lscp-desktop",
        description="LSCP Desktop. With no command, opens the window on the default database.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="DATABASE",
        help="open this database file, or team database (postgresql://server/name), in the window",
    )
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    list_parser = top.add_parser("list", help="list records of one kind")
    list_sub = list_parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    export_parser = top.add_parser("export", help="export a document, workbook or calendar")
    export_sub = export_parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    commands = Commands(top, list_sub, export_sub)
    for name in COMMAND_MODULES if argv is None else modules_for(argv):
        importlib.import_module(f"lscp_desktop.cli.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from lscp_desktop.logs import install_excepthook, setup_logging

    setup_logging()
    if sys.excepthook is sys.__excepthook__:  # leave a host's hook alone (tests, embedding)
        install_excepthook()
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)
    if args.command is None:
        from lscp_desktop.app import run_gui
        from lscp_desktop.cli.common import database

        return run_gui(database(args.db) if args.db else None)
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
