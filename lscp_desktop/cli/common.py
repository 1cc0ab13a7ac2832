"""Shared pieces of the command line: opening a database, printing rows."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.errors import ReadOnlyError, StoreError
from lscp_desktop.models.store.connection import BUSY_TIMEOUT_MS
from lscp_desktop.models.store.credentials import (
    connectable,
    is_server_address,
    password_in,
    with_password,
    without_password,
)
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database

#: What a database argument is: a file's path, or a team database's address (kept as text).
Location = Path | str


def database(value: str) -> Location:
    """A database argument: a ``postgresql://`` address as it is, else a file's path."""
    return value.strip() if is_server_address(value) else Path(value)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        type=database,
        metavar="DATABASE",
        help="the database file, or a team database's address (postgresql://server/name)",
    )


def file_only(location: Location, what: str, instead: str) -> Path:
    """*location* as a file's path; a team database's address is refused, saying that *what*
    is for a database file and what to do *instead*."""
    if isinstance(location, Path):
        return location
    raise StoreError(f"{what} is for a database file, not a team database on a server. {instead}")


def shown(location: Location) -> str:
    """How to name *location* in a message (an address never with its password)."""
    return without_password(location) if isinstance(location, str) else str(location)


def open_server(url: str, *, write: bool, create: bool = False) -> Store:
    """Open a team database: the password remembered in the system keyring (or the server's
    own ways: PGPASSWORD, .pgpass), else asked for at the terminal when the server wants
    one. A reader's account opens read-only; writing then says so."""
    try:
        store = open_database(connectable(url), read_only=not write, create=create)
    except StoreError as exc:
        password = _ask_password(url, exc)
        if password is None:
            raise
        store = open_database(with_password(url, password), read_only=not write, create=create)
    if write and store.read_only:
        store.close()
        raise ReadOnlyError(f"Nothing was saved: {store.read_only_reason}.")
    return _warned(store)


def _ask_password(url: str, exc: StoreError) -> str | None:
    """A password typed at the terminal, when the server refused to go on without one."""
    if password_in(url) is not None or not sys.stdin.isatty():
        return None
    if "password" not in str(exc):
        return None
    import getpass

    return getpass.getpass(f"Password for {without_password(url)}: ") or None


def open_existing(path: Location, *, write: bool = False, migrate: bool = True) -> Store:
    """Open a database that must already exist: read-only unless *write*.

    A reading command takes no app lock and opens the file read-only, so it never shuts the
    window (or another command) out; only a file whose schema must first be brought up to
    date is opened for writing, to migrate it (not with ``migrate=False``: ``check`` changes
    nothing). A writing command waits its turn for the app lock up to the busy timeout, as
    SQLite's writers do, and is refused only if the file is still held after that.

    Storage problems raise :class:`StoreError` subclasses with a plain message, chosen from
    SQLite's error code; ``main`` prints it as one line on stderr and exits with status 1.

    A team database's address opens it on its server (:func:`open_server`)."""
    if isinstance(path, str):
        return open_server(path, write=write)
    if not write:
        store = Store.open(path, read_only=True, create=False, daily_backup=False)
        if not migrate or not store.needs_migration:
            return _warned(store)
        store.close()
    store = Store.open(path, create=False, daily_backup=write, lock_wait=BUSY_TIMEOUT_MS / 1000)
    if write and store.read_only:
        store.close()
        if store.lock_holder is None:  # a read-only file, folder or disk
            raise ReadOnlyError(f"Nothing was saved: {store.read_only_reason}.")
        raise ReadOnlyError(
            f"{path} is open in LSCP Desktop for {store.lock_holder.describe()}; close it "
            "there and try again. Nothing was saved."
        )
    return _warned(store)


def _warned(store: Store) -> Store:
    for warning in store.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return store


def print_json_rows(rows: Iterable[dict[str, Any]]) -> None:
    """Rows as a JSON array, one object a line, written 500 at a time as they come: a listing
    of any length is never held at once (and the C encoder does the work; ``indent`` would
    not)."""
    encode = json.JSONEncoder(default=str, ensure_ascii=False).encode
    out = sys.stdout
    batch: list[str] = []
    opened = False
    for row in rows:
        batch.append(encode(row))
        if len(batch) == 500:
            out.write(("[\n  " if not opened else ",\n  ") + ",\n  ".join(batch))
            opened, batch = True, []
    if batch:
        out.write(("[\n  " if not opened else ",\n  ") + ",\n  ".join(batch))
        opened = True
    out.write("\n]\n" if opened else "[]\n")


def print_rows(
    rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], *, as_json: bool
) -> None:
    """Rows as JSON (every field) or as an aligned text table of *columns* (key, heading)."""
    if as_json:
        print_json_rows(rows)
        return
    if not rows:
        print("(none)")
        return
    cells = [[_cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [min(40, max(len(h), *(len(c[i]) for c in cells))) for i, (_, h) in enumerate(columns)]
    print("  ".join(h.ljust(w) for (_, h), w in zip(columns, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for c in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(c, widths, strict=True)).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


#: Rows for a listing from the store and the command's arguments.
RowsFn = Callable[[Store, argparse.Namespace], list[dict[str, Any]]]
#: The columns (key, heading) shown as text, or how to pick them from the rows.
Columns = Sequence[tuple[str, str]] | Callable[[list[dict[str, Any]]], Sequence[tuple[str, str]]]


def lister(fn: RowsFn, columns: Columns) -> Callable[[argparse.Namespace], int]:
    """A ``list KIND`` command: read the rows, print them as text or (``--json``) JSON."""

    def run(args: argparse.Namespace) -> int:
        with open_existing(args.path) as store:
            rows = fn(store, args)
        shown = columns(rows) if callable(columns) else columns
        print_rows(rows, shown, as_json=args.json)
        return 0

    return run
