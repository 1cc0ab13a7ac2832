"""The app lock: an OS lock on ``<db>.lock`` held while one copy of the app has the database
open for writing, with who holds it written inside so a second copy can say so."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

from lscp_desktop.models.core.computer import computer_name, os_user
from lscp_desktop.models.core.errors import StoreError


class LockHolder(NamedTuple):
    """Who holds a database's lock file: the machine, process and user, and since when."""

    host: str
    pid: int
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since})"


class FileLock:
    """An OS lock on ``<db>.lock`` held while the app has the database open for writing."""

    _LOCK_OFFSET = 4096  # lock a byte past the JSON so others can still read who holds it

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def beside(cls, database: Path) -> FileLock:
        """The lock of the database file *database*."""
        return cls(database.with_name(database.name + ".lock"))

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                import msvcrt

                os.lseek(fd, self._LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        holder = {
            "host": computer_name(),
            "pid": os.getpid(),
            "user": os_user(),
            "since": dt.datetime.now().strftime("%d/%m/%Y %H:%M"),
        }
        try:  # who holds it is a courtesy to the next copy: a full disk must not stop us
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(holder).encode())
        except OSError:
            pass
        self._fd = fd
        return True

    def holder(self) -> LockHolder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(str(data["host"]), int(data["pid"]), str(data["user"]), data["since"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        os.close(fd)  # closing drops the OS lock


def take_app_lock(
    database: Path, *, wait: float = 0.0
) -> tuple[FileLock | None, LockHolder | None]:
    """The app lock of *database*, or ``None`` and who holds it (``None`` too if the folder is
    read-only and cannot hold a lock file): the caller then opens the file read-only.

    With *wait* (seconds), a lock held by another copy is tried again until it is free or the
    time is up: a command-line writer waits its turn behind another one.
    """
    lock = FileLock.beside(database)
    deadline = time.monotonic() + wait
    while True:
        try:
            if lock.acquire():
                return lock, None
        except OSError as exc:
            if exc.errno in _READ_ONLY:
                return None, None
            raise StoreError(
                f"Cannot open {database}: its lock file could not be made ({exc.strerror})."
                + (" The disk is full; free some space and try again." if _full(exc) else "")
            ) from exc
        if time.monotonic() >= deadline:
            return None, lock.holder()
        time.sleep(0.05)


#: Why a lock file cannot be made in a folder that can only be read.
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


def _full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
