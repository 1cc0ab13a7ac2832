"""``lscp-desktop import KIND PATH FILE``: bring an existing spreadsheet into a register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop.cli.common import add_db_argument, open_existing
from lscp_desktop.models.imports.registry import KIND_MODULES

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    """Add ``import``."""
    p = commands.top.add_parser(
        "import",
        help="import a spreadsheet (.xlsx or .csv) into a register",
        description="Import every row of a spreadsheet, or nothing: any row with a problem "
        "stops the whole import, and the report says which row, column and value, and why. "
        "The README lists each kind's fields and the headings accepted for them.",
    )
    p.add_argument("kind", choices=list(KIND_MODULES), metavar="KIND", help=", ".join(KIND_MODULES))
    add_db_argument(p)
    p.add_argument("file", type=Path, help="the .xlsx or .csv file")
    p.add_argument("--year", help="financial year the figures are for, e.g. 2025/26")
    p.add_argument("--sheet", metavar="NAME", help="the workbook's sheet (default: the first)")
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="take FIELD from the column headed HEADER (repeatable; FIELD= to leave it out)",
    )
    p.add_argument(
        "--organisation",
        action="append",
        default=[],
        metavar="NAME=KIND[,SECTOR]",
        help="the kind (and sector) of an organisation the import creates, instead of what its "
        "name gives (the dry run lists them; repeatable)",
    )
    p.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
    p.set_defaults(func=cmd_import)


def _columns(pairs: list[str]) -> dict[str, str]:
    from lscp_desktop.models.imports.reading import ImportFileError

    columns: dict[str, str] = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip():
            raise ImportFileError(
                f"--column '{pair}' should look like FIELD=HEADER, e.g. name=Agency."
            )
        columns[field.strip()] = header.strip()
    return columns


def _organisations(pairs: list[str]) -> dict[str, tuple[str, str]]:
    from lscp_desktop.models.imports.reading import ImportFileError

    chosen: dict[str, tuple[str, str]] = {}
    for pair in pairs:
        name, sep, rest = pair.partition("=")
        kind, _, sector = rest.partition(",")
        if not sep or not name.strip() or not kind.strip():
            raise ImportFileError(
                f"--organisation '{pair}' should look like NAME=KIND or NAME=KIND,SECTOR, e.g. "
                "'London CRC=relevant agency,probation'."
            )
        chosen[name.strip()] = (kind.strip(), sector.strip())
    return chosen


def cmd_import(args: argparse.Namespace) -> int:
    from lscp_desktop.models.imports.engine import run_import
    from lscp_desktop.models.imports.layout import ImportOptions, inspected
    from lscp_desktop.models.imports.registry import import_kind

    kind = import_kind(args.kind)
    options = ImportOptions(
        sheet=args.sheet,
        columns=_columns(args.column),
        year=args.year,
        dry_run=args.dry_run,
        organisations=_organisations(args.organisation),
    )
    # the file is opened once: a bad one is refused before the database is opened
    with inspected(kind, args.file, options) as layout:
        store = open_existing(args.path, write=True)  # a dry run writes, then rolls it all back
        try:
            if not args.dry_run and store.keeps_own_backups:  # a server's are IT's
                store.backup(reason="pre-import")
            report = run_import(store, kind, args.file, options, layout=layout)
        finally:
            store.close()
    for line in report.iter_text_lines():
        print(line)
    if report.errors:
        print(f"lscp-desktop: {report.summary()}", file=sys.stderr)
        return 1
    return 0
