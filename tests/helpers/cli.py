"""The command line run in this process, as a script would see it."""

from __future__ import annotations

import contextlib
import io
import traceback
from pathlib import Path

from lscp_desktop.cli import main
from lscp_desktop.models.store.database import Store


def run_cli(*args: object) -> tuple[int, str]:
    """``lscp-desktop ARGS``: its exit status and what it wrote to stderr (a traceback too,
    with status -1, if one escaped)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main([str(a) for a in args])
        except BaseException:
            traceback.print_exc()
            code = -1
    return code, err.getvalue()


def location(store: Store) -> Path | str:
    """Where the command line finds *store*'s database (closed first, so a file's lock is
    free): its file, or its server address."""
    store.close()
    address = getattr(store, "address", None)
    return str(address.url) if address is not None else store.path
