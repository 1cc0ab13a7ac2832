"""Team database commands (issue 22): ``server init``, ``server add-user`` and
``move-to-server``. IT runs them with the server's administrator account; see the runbook,
docs/team-database.md."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.cli.common import open_server, shown
from lscp_desktop.models.core.errors import StoreError, ValidationError
from lscp_desktop.models.store import roles
from lscp_desktop.models.store.credentials import is_server_address, without_password
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands

#: Where ``server add-user`` reads the new user's password from, when set (scripts); else it
#: is asked for twice at the terminal. Never given on the command line.
PASSWORD_VARIABLE = "LSCP_NEW_USER_PASSWORD"


def _address(value: str) -> str:
    if not is_server_address(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a team database's address: write it like "
            "postgresql://db.council.local/lscp (a database file is not set up this way)"
        )
    return value.strip()


def register(commands: Commands) -> None:
    p = commands.top.add_parser("server", help="set up a team database on a PostgreSQL server")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = sub.add_parser(
        "init",
        help="create the schema and the manager, officer and reader roles (safe to run again)",
    )
    q.add_argument("url", type=_address, metavar="URL", help="postgresql://server/database")
    q.set_defaults(func=cmd_server_init)
    q = sub.add_parser(
        "add-user",
        help=f"let someone sign in with a role; the password is asked for (or read from "
        f"{PASSWORD_VARIABLE})",
    )
    q.add_argument("url", type=_address, metavar="URL", help="postgresql://server/database")
    q.add_argument("name", help="their user name on the server (e.g. jbloggs)")
    q.add_argument(
        "--role",
        required=True,
        choices=roles.ROLES,
        help="; ".join(f"{r}: {h}" for r, h in roles.ROLE_HELP.items()),
    )
    q.set_defaults(func=cmd_add_user)
    q = sub.add_parser(
        "snapshot",
        help="take a read-only offline copy (a file) of a team database; nothing is merged back",
    )
    q.add_argument("url", type=_address, metavar="URL", help="postgresql://server/database")
    q.add_argument("file", type=Path, metavar="FILE", help="the new file (FILE.db)")
    q.set_defaults(func=cmd_snapshot)

    p = commands.top.add_parser(
        "move-to-server",
        help="copy a partnership's file into an empty team database and prove the copy",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the partnership's database file")
    p.add_argument("url", type=_address, metavar="URL", help="postgresql://server/database")
    p.set_defaults(func=cmd_move)


def cmd_server_init(args: argparse.Namespace) -> int:
    with open_server(args.url, write=True, create=True) as store:
        setup = roles.init_server(store)
    print(f"{shown(args.url)}: the schema is up to date ({setup.tables} tables), and the roles:")
    for role, name in setup.roles.items():
        print(f"  {name:<28} {role}: {roles.ROLE_HELP[role]}")
    print("Add each colleague with: lscp-desktop server add-user URL NAME --role ROLE")
    return 0


def _new_password(name: str) -> str:
    from_env = os.environ.get(PASSWORD_VARIABLE)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise ValidationError(
            f"Give {name}'s password at the terminal, or in the {PASSWORD_VARIABLE} "
            "environment variable (never on the command line)."
        )
    import getpass

    first = getpass.getpass(f"New password for {name}: ")
    if first != getpass.getpass("The same again: "):
        raise ValidationError("The two passwords differ; nothing was changed.")
    return first


def cmd_add_user(args: argparse.Namespace) -> int:
    password = _new_password(args.name)
    with open_server(args.url, write=True) as store:
        group = roles.add_user(store, args.name, args.role, password)
    print(
        f"{args.name} may now sign in to {shown(args.url)} as a {args.role} ({group}): "
        f"{roles.ROLE_HELP[args.role]}."
    )
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    from lscp_desktop.models.store import moving

    if not args.file.is_file():
        raise StoreError(f"There is no database file at {args.file}.")

    def progress(table: str, rows: int) -> None:
        print(f"\r  copying {table}: {rows:,} rows", end="", file=sys.stderr)

    with (
        Store.open(args.file, read_only=True, create=False, daily_backup=False) as source,
        open_server(args.url, write=True, create=True) as server,
    ):
        proof = moving.move(source, server, progress if sys.stderr.isatty() else None)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print("\n".join(proof.lines()))
    print(
        f"Moved {args.file} to {without_password(args.url)}: {proof.rows:,} rows in "
        f"{len(proof.tables)} tables, every count, checksum and money total the same. The file "
        "is unchanged; keep it safe (read-only) until the team has worked on the server for a "
        "while, then archive it."
    )
    return 0


def cmd_snapshot(args: argparse.Namespace) -> int:
    from lscp_desktop.models.store.offline import take_copy

    with open_server(args.url, write=False) as server:
        proof = take_copy(server, args.file)
    print(
        f"Took an offline copy of {shown(args.url)} in {args.file}: {proof.rows:,} rows in "
        f"{len(proof.tables)} tables, every count, checksum and money total the same. It opens "
        "read-only; nothing in it is merged back."
    )
    return 0
