"""A new partnership database file, from the window's File › New partnership… or ``init``: an
existing file is never overwritten, and a file whose setting up fails is removed again."""

from __future__ import annotations

import contextlib
from pathlib import Path

from lscp_desktop.models.core.errors import StoreError
from lscp_desktop.models.meetings.templates import TemplatePlan, apply
from lscp_desktop.models.store.database import Store


def check_new_file(path: Path) -> None:
    """Refuse *path* if a file with anything in it is already there."""
    if path.exists() and (path.is_dir() or path.stat().st_size > 0):
        raise StoreError(f"{path} already exists; choose a new file name.")


def create_partnership_file(path: Path, plan: TemplatePlan) -> Store:
    """A new database at *path* holding the partnership *plan* describes, open and ready."""
    path = Path(path).expanduser().absolute()
    check_new_file(path)
    existed = path.exists()
    store = Store.open(path, daily_backup=False)
    try:
        apply(store, plan)
    except BaseException:
        store.close()
        if not existed:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        raise
    return store
