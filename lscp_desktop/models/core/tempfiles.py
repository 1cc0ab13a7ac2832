"""Temporary files written beside their final name, and the sweep of those a crashed run left.

A file is written under a temporary name in its own folder, then renamed over its final name,
so nobody ever sees it half-written. A run killed in between leaves the temporary file behind;
the next run sweeps it away. The name says it is ours and who wrote it:
``.~lscp-<computer>-<process>-<random>.<final name>``. The sweep deletes only names of that
shape, and only when the process that wrote them is known to be gone (on this computer) or
they are more than a day old (a colleague's computer, on a shared folder); a file of anyone
else's is never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from pathlib import Path

from lscp_desktop.models.core.computer import computer_name

PREFIX = ".~lscp-"
# Patterns as text, compiled by ``re`` when first used (and cached): not on import (issue 21).
_NAME = r"^\.~lscp-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{8}\.(?P<final>.+)$"
#: A temporary file older than this is swept whoever wrote it: no export or backup takes a day.
STALE_AFTER = 24 * 3600


def _host() -> str:
    import hashlib  # imported here, as secrets is below: not needed to start the window

    return hashlib.sha256(computer_name().encode()).hexdigest()[:8]


def temp_path(final: Path) -> Path:
    """A temporary name for *final*, in its folder, that no other run will choose."""
    import secrets

    return final.with_name(f"{PREFIX}{_host()}-{os.getpid()}-{secrets.token_hex(4)}.{final.name}")


def create_temp(final: Path) -> Path:
    """Create an empty temporary file for *final* (permissions as for any new file: 0666 less
    the umask, not the 0600 of ``mkstemp``) and return its path."""
    while True:
        path = temp_path(final)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 2^32 random names
            continue
        os.close(fd)
        return path


def final_name(path: Path) -> str | None:
    """The final name a temporary file of ours was written for, or None if it is not ours."""
    m = re.match(_NAME, path.name)
    return m["final"] if m else None


def sweep(folder: Path, *, for_name: str = "") -> list[Path]:
    """Delete the temporary files crashed runs left in *folder* (only those written for a
    final name starting with *for_name*, if given); return what was deleted."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for path in entries:
        m = re.match(_NAME, path.name)
        if not m or not m["final"].startswith(for_name):
            continue
        if not _abandoned(m["host"], int(m["pid"]), path, now):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _abandoned(host: str, pid: int, path: Path, now: float) -> bool:
    try:
        age = now - path.stat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER:
        return True
    return host == _host() and pid != os.getpid() and not process_alive(pid)


if sys.platform == "win32":  # pragma: no cover - Windows only

    def process_alive(pid: int) -> bool:
        """Whether a process *pid* runs on this computer (a reused number counts as running).
        Never ``os.kill`` here: on Windows any signal but Ctrl-C terminates the process."""
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        query_limited_information, still_active, no_such_process = 0x1000, 259, 87
        handle = kernel32.OpenProcess(query_limited_information, False, pid)
        if not handle:
            return ctypes.get_last_error() != no_such_process
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)

else:

    def process_alive(pid: int) -> bool:
        """Whether a process *pid* runs on this computer (a reused number counts as running)."""
        try:
            os.kill(pid, 0)  # signal 0 only asks whether it exists
        except ProcessLookupError:
            return False
        except PermissionError:  # someone else's process
            return True
        return True
