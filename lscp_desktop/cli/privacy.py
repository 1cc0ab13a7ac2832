"""``lscp-desktop privacy …``: erasure, the retention schedule's old records, the history's
identity-like text; and the part of ``check`` that lists text that looks like a child's identity.
(Subject access is an export: ``lscp-desktop export subject-access``.)"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING

from lscp_desktop.cli.common import add_db_argument, open_existing, print_rows
from lscp_desktop.models.privacy import queries
from lscp_desktop.models.privacy.erasure import (
    delete_backups,
    erase_person,
    plan_erasure,
    plan_summary,
)
from lscp_desktop.models.privacy.retention import carry_out, proposals
from lscp_desktop.models.privacy.scan import clear_history_entries, stored_identities
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    top = commands.top.add_parser(
        "privacy", help="erase a person, review old records, clear identity-like history"
    )
    sub = top.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = sub.add_parser("erase", help="erase a person's details (asks for --yes)")
    add_db_argument(p)
    p.add_argument("--person", type=int, required=True, help="the person's id (`list people`)")
    p.add_argument("--reason", default="", help="why (recorded; required with --yes)")
    p.add_argument("--yes", action="store_true", help="erase; without it, only show the plan")
    p.add_argument(
        "--delete-backups",
        action="store_true",
        help="also delete the backups made before, which still hold the details",
    )
    p.set_defaults(func=cmd_erase)

    p = sub.add_parser("old-records", help="what the retention schedule proposes to erase")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--erase", action="store_true", help="erase all of them (needs --reason)")
    p.add_argument("--reason", default="", help="why (recorded)")
    p.set_defaults(func=cmd_old_records)

    p = sub.add_parser(
        "clear-history", help="clear history values that look like a child's identity"
    )
    add_db_argument(p)
    p.add_argument("--yes", action="store_true", help="clear them; without it, only list them")
    p.set_defaults(func=cmd_clear_history)

    p = sub.add_parser("erasures", help="the erasures made: when, by whom, why")
    add_db_argument(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_erasures)


def cmd_erase(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=args.yes) as store:
        plan = plan_erasure(store, args.person)
        print("\n".join(plan_summary(plan)))
        if not args.yes:
            print("Nothing was erased: run again with --yes and a --reason to erase.")
            return 0
        erase_person(store, args.person, args.reason)
        print(f"Erased: the record now reads '{plan.label}'. The file has been compacted.")
        if plan.backups and args.delete_backups:
            gone = delete_backups(store, plan.backups)
            print(f"Deleted {len(gone)} backup(s) made before the erasure.")
        elif plan.backups:
            print(
                f"The {len(plan.backups)} backup(s) listed above were kept; delete them with "
                "--delete-backups, or by hand, when they are no longer needed."
            )
    return 0


def cmd_old_records(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=args.erase) as store:
        found = proposals(store)
        print_rows(
            [dataclasses.asdict(p) for p in found],
            [("kind", "Kind"), ("record_id", "Id"), ("what", "What"), ("why", "Why")],
            as_json=args.json,
        )
        if args.erase and found:
            for line in carry_out(store, found, args.reason):
                print(line)
    return 0


def cmd_clear_history(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=args.yes) as store:
        found = [f for f in stored_identities(store) if f.audit_id is not None]
        for f in found:
            print(f"{f.record} — {f.field}: {f.found}")
        if not found:
            print("No history entry looks like a child's identity.")
        elif args.yes:
            n = clear_history_entries(store, [f.audit_id for f in found if f.audit_id])
            store.compact()
            print(f"Cleared {n} history entr(ies).")
        else:
            print("Nothing was cleared: run again with --yes to clear them.")
    return 0


def cmd_erasures(args: argparse.Namespace) -> int:
    with open_existing(args.path) as store:
        rows = queries.erasures(store)
    print_rows(
        rows,
        [("erased_at", "When"), ("label", "Now reads"), ("reason", "Why"), ("os_user", "User"),
         ("machine", "Computer")],
        as_json=args.json,
    )  # fmt: skip
    return 0


def report_identities(store: Store) -> int:
    """For ``check``: list stored text that looks like a child's identity; returns how many."""
    found = stored_identities(store)
    if found:
        print(f"Text that looks like a child's identity ({len(found)}): take it out of each.")
        for f in found:
            print(f"  {f.record} — {f.field}: {f.found}")
        print(
            f"{store.path}: {len(found)} stored text(s) look like a child's identity.",
            file=sys.stderr,
        )
    return len(found)
