"""Core commands: init, demo, check, backup, restore, and listing the membership."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import (
    add_db_argument,
    database,
    file_only,
    open_existing,
    print_rows,
    shown,
)
from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import templates
from lscp_desktop.models.meetings.new_file import check_new_file, create_partnership_file
from lscp_desktop.models.meetings.templates import TEMPLATES
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.membership.roles import list_roles
from lscp_desktop.models.store.backups import restore_backup, save_copy
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    p = commands.top.add_parser("init", help="create an empty partnership database")
    add_db_argument(p)
    p.add_argument("--name", required=True, help="the partnership's name")
    p.add_argument(
        "--authority",
        action="append",
        default=[],
        metavar="NAME",
        help="a local authority covered (repeat for each)",
    )
    p.add_argument(
        "--template",
        choices=sorted(TEMPLATES),
        help="start with the partners and bodies of a published arrangement: "
        + "; ".join(f"{t.key}: {t.label.lower()}" for t in TEMPLATES.values()),
    )
    p.add_argument(
        "--partner",
        action="append",
        default=[],
        metavar="NAME",
        help="with --template: the partners' names in order (councils, ICB, police, Education); "
        "any left out take a default name",
    )
    p.set_defaults(func=cmd_init)

    p = commands.top.add_parser("demo", help="create a fictional demo partnership")
    add_db_argument(p)
    p.add_argument("--size", choices=("small", "large"), default="small")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--authorities", type=int, choices=(1, 3), help="local authorities covered")
    p.set_defaults(func=cmd_demo)

    p = commands.top.add_parser(
        "check",
        help="check integrity, foreign keys and schema version, and list stored text that "
        "looks like a child's identity",
    )
    add_db_argument(p)
    p.set_defaults(func=cmd_check)

    p = commands.top.add_parser("backup", help="make a verified backup")
    add_db_argument(p)
    target = p.add_mutually_exclusive_group()
    target.add_argument("--to", type=Path, metavar="DIR", help="folder for the backup")
    target.add_argument(
        "--as", dest="copy", type=Path, metavar="FILE", help="save a copy under this name instead"
    )
    p.set_defaults(func=cmd_backup)

    p = commands.top.add_parser("restore", help="replace a database with a verified backup")
    p.add_argument("backup", type=Path, help="the backup file")
    add_db_argument(p)
    p.set_defaults(func=cmd_restore)

    p = commands.top.add_parser(
        "diagnostics", help="print versions, folders, the database check and recent log lines"
    )
    p.add_argument(
        "path",
        type=database,
        nargs="?",
        metavar="DATABASE",
        help="the database file or team database's address (default: the usual file)",
    )
    p.add_argument(
        "--licences", action="store_true", help="list the third-party packages and licences"
    )
    p.set_defaults(func=cmd_diagnostics)

    for kind, (fn, columns) in LIST_KINDS.items():
        p = commands.list.add_parser(kind, help=f"list {kind}")
        add_db_argument(p)
        p.add_argument("--json", action="store_true", help="print JSON with every field")
        p.set_defaults(func=_lister(fn, columns))


#: What to do instead of creating a partnership straight on a server.
_NEW_ON_SERVER = (
    "Create the partnership in a file (init, or demo), then move it to the team database: "
    "'lscp-desktop server init URL' and 'lscp-desktop move-to-server FILE.db URL'."
)


def cmd_init(args: argparse.Namespace) -> int:
    args.path = file_only(args.path, "Creating a partnership", _NEW_ON_SERVER)
    check_new_file(args.path)
    for text in (args.name, *args.authority, *args.partner):  # refused before a file is made
        text_policy.admit("partnership", "name", text)
    if args.template is None:
        if args.partner:
            raise ValidationError("--partner needs --template.", "partner")
        with _new_database(args.path) as store:
            save_partnership(store, name=args.name, local_authorities=args.authority)
        print(f"Created {args.path} for {args.name}.")
        return 0
    plan = templates.prepare(
        args.template, name=args.name, authorities=args.authority, partners=args.partner
    )
    create_partnership_file(args.path, plan).close()
    print(
        f"Created {args.path} for {plan.name} from the template '{plan.template.key}': "
        f"{len(plan.partners)} partners ({', '.join(n for _, n in plan.partners)}) and "
        f"{len(plan.bodies)} bodies."
    )
    return 0


@contextlib.contextmanager
def _new_database(path: Path) -> Iterator[Store]:
    """A new database at *path*, removed again if what was to be saved in it is refused."""
    existed = path.exists()
    with Store.open(path, daily_backup=False) as store:
        try:
            yield store
        except BaseException:
            store.close()
            if not existed:
                path.unlink(missing_ok=True)
            raise


def cmd_demo(args: argparse.Namespace) -> int:
    from lscp_desktop.models.demo.generate import build_demo

    args.path = file_only(args.path, "Creating the demo partnership", _NEW_ON_SERVER)
    check_new_file(args.path)
    with Store.open(args.path, daily_backup=False) as store:
        try:
            build_demo(store, size=args.size, seed=args.seed, authorities=args.authorities)
        except BaseException:
            store.close()
            args.path.unlink(missing_ok=True)
            raise
        counts = {t: store.count(t) for t in ("organisations", "people", "bodies", "memberships")}
    print(
        f"Created the {args.size} demo partnership in {args.path}: "
        + ", ".join(f"{n} {t}" for t, n in counts.items())
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from lscp_desktop.cli.privacy import report_identities

    with open_existing(args.path, migrate=False) as store:  # read-only: changes nothing
        problems = store.check()
        identities = 0 if problems else report_identities(store)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{shown(args.path)}: {len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    if identities:
        return 1
    checked = (
        "schema version checked (the server keeps its own data sound)"
        if isinstance(args.path, str)
        else "integrity, foreign keys and schema version checked"
    )
    print(f"{shown(args.path)}: OK ({checked}; no stored text looks like a child's identity).")
    return 0


#: What to do instead of a backup command on a team database.
_SERVER_BACKUPS = (
    "A team database is backed up on its server by IT (pg_dump; see the runbook, "
    "docs/team-database.md), and restored by IT from those backups."
)


def cmd_backup(args: argparse.Namespace) -> int:
    file_only(args.path, "Backing up with LSCP Desktop", _SERVER_BACKUPS)
    if args.copy is not None:
        with open_existing(args.path) as store:
            copy = save_copy(store.path, args.copy)
        print(f"Saved a copy as {copy} (verified).")
        return 0
    with open_existing(args.path) as store:
        target = store.backup(directory=args.to)
    print(f"Backed up to {target} (verified).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    file_only(args.path, "Restoring a backup", _SERVER_BACKUPS)
    safety = restore_backup(args.backup, args.path)
    print(f"Restored {args.path} from {args.backup}.")
    if safety:
        print(f"The previous file was kept as {safety}.")
    return 0


def cmd_diagnostics(args: argparse.Namespace) -> int:
    """The same text as Help > About > Copy diagnostics, with no personal data."""
    from lscp_desktop import diagnostics
    from lscp_desktop.paths import default_database

    if args.licences:
        packages = diagnostics.third_party_licences()
        print_rows(
            [dataclasses.asdict(p) for p in packages],
            [("name", "Package"), ("version", "Version"), ("licence", "Licence")],
            as_json=False,
        )
        return 0
    path = args.path or default_database()
    if args.path is None and not default_database().exists():
        print(diagnostics.build_diagnostics(None), end="")
        return 0
    with open_existing(path) as store:
        print(diagnostics.build_diagnostics(store), end="")
    return 0


def _lister(
    fn: Callable[[Store], list[Any]], columns: list[tuple[str, str]]
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with open_existing(args.path) as store:
            rows = [dataclasses.asdict(r) for r in fn(store)]
        print_rows(rows, columns, as_json=args.json)
        return 0

    return run


LIST_KINDS: dict[str, tuple[Callable[[Store], list[Any]], list[tuple[str, str]]]] = {
    "organisations": (
        list_organisations,
        [
            ("id", "Id"),
            ("name", "Name"),
            ("kind", "Kind"),
            ("sector", "Sector"),
            ("active", "Active"),
            ("people_count", "People"),
        ],
    ),
    "people": (
        list_people,
        [
            ("id", "Id"),
            ("name", "Name"),
            ("job_title", "Job title"),
            ("organisation", "Organisation"),
            ("email", "Email"),
            ("active", "Active"),
        ],
    ),
    "bodies": (
        list_bodies,
        [
            ("id", "Id"),
            ("code", "Code"),
            ("name", "Name"),
            ("kind", "Kind"),
            ("reports_to", "Reports to"),
            ("member_count", "Members"),
        ],
    ),
    "memberships": (
        list_memberships,
        [
            ("id", "Id"),
            ("body", "Body"),
            ("person", "Person"),
            ("organisation", "Organisation"),
            ("role", "Role"),
            ("deputy_for", "Deputy for"),
            ("start_date", "From"),
            ("end_date", "To"),
        ],
    ),
    "roles": (
        list_roles,
        [
            ("id", "Id"),
            ("person", "Person"),
            ("role", "Role"),
            ("organisation", "Organisation"),
            ("start_date", "From"),
            ("end_date", "To"),
        ],
    ),
}
