"""Fault injection for the reliability tests: code run as an ordinary user, on a full disk, or
killed with SIGKILL mid-write; a database whose index no longer matches its table."""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import pwd
import resource
import select
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# --------------------------------------------------------------------------- forked children


class ChildFailed(AssertionError):
    """The forked child raised; carries its exception's class name and message."""

    def __init__(self, type_name: str, message: str, details: str) -> None:
        super().__init__(f"{type_name}: {message}\n{details}")
        self.type_name, self.message = type_name, message


def in_child(
    fn: Callable[..., Any],
    *args: Any,
    setup: Callable[[], None] | None = None,
    timeout: float = 120,
) -> Any:
    """Run ``fn(*args)`` in a forked child (after *setup*, which may drop privileges or set a
    resource limit there and nowhere else); return what it returned (it must pickle) or raise
    :class:`ChildFailed` with what it raised."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
        pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            if setup:
                setup()
            outcome: tuple[Any, ...] = ("ok", fn(*args))
        except BaseException as exc:
            outcome = ("raised", type(exc).__name__, str(exc), traceback.format_exc())
        try:
            data = pickle.dumps(outcome)
        except Exception as exc:
            data = pickle.dumps(("raised", "PicklingError", str(exc), ""))
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        os._exit(0)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + timeout
    with os.fdopen(read_end, "rb") as inp:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([inp], [], [], max(left, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"the child did not finish in {timeout} s")
            chunk = os.read(inp.fileno(), 65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    if not chunks:
        pytest.fail("the child died without a word")
    outcome = pickle.loads(b"".join(chunks))
    if outcome[0] == "ok":
        return outcome[1]
    raise ChildFailed(*outcome[1:])


def crash_after(fn: Callable[..., Any], *args: Any) -> None:
    """Run ``fn(*args)`` in a forked child that then dies at once, closing nothing (as if
    killed): connections are not closed, the WAL not checkpointed, temporary files not removed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        code = 1
        try:
            fn(*args)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0, "the child failed before it crashed"


def killed(work: Callable[[], object], when: Callable[[], object]) -> None:
    """Run *work* in a forked child and SIGKILL it as soon as *when()* returns here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        try:
            work()
        finally:
            os._exit(0)
    try:
        when()
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def once(condition: Callable[[], bool], *, then: float = 0.0) -> Callable[[], None]:
    """A *when* for :func:`killed`: once *condition* holds (within a minute), and *then*
    seconds more."""

    def wait() -> None:
        deadline = time.monotonic() + 60
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(then)

    return wait


# --------------------------------------------------------------------------- an ordinary user

NOBODY = "nobody"


def _drop_privileges() -> None:
    """In a child running as root: become 'nobody', and prove it (root ignores permissions)."""
    user = pwd.getpwnam(NOBODY)
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    if os.geteuid() == 0:
        raise RuntimeError("still root after setuid")


#: Modules imported on first use that a child running as 'nobody' may need but may not be able
#: to read (the interpreter can live in root's home).
PRELOAD = ("_strptime", "sqlite_utils", "lscp_desktop.models.meetings.templates")


def as_ordinary_user(fn: Callable[..., Any], *args: Any, timeout: float = 120) -> Any:
    """``fn(*args)`` run by an ordinary user, so file permissions apply: in this process when
    the tests do not run as root, else in a forked child that drops to 'nobody' (CI runs as
    root). Fails, never skips, when that is impossible."""
    for module in PRELOAD:
        importlib.import_module(module)
    if os.geteuid() != 0:
        return fn(*args)
    try:
        pwd.getpwnam(NOBODY)
    except KeyError:
        pytest.fail("running as root and there is no 'nobody' user to drop privileges to")
    try:
        return in_child(fn, *args, setup=_drop_privileges, timeout=timeout)
    except ChildFailed as exc:
        if "still root" in exc.message or (
            exc.type_name == "PermissionError" and "setuid" in str(exc)
        ):
            pytest.fail(f"could not drop privileges to '{NOBODY}': {exc.message}")
        raise


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    """A temporary folder an ordinary user can reach and write to (pytest's tmp_path is
    private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="lscp-faults-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            with contextlib.suppress(OSError):
                path.chmod(0o777 if path.is_dir() else 0o666)
        shutil.rmtree(folder, ignore_errors=True)


def give_to_everyone(*paths: Path) -> None:
    """Make *paths* readable and writable by anyone (so 'nobody' starts from a normal file)."""
    for path in paths:
        path.chmod(0o777 if path.is_dir() else 0o666)


# --------------------------------------------------------------------------- a full disk


class FullDisk:
    """A folder on a small file system that can be filled: a tmpfs mount when the tests run as
    root and may mount, else an ordinary folder where :meth:`run` limits the size of every
    file a child process writes (``RLIMIT_FSIZE``), which SQLite meets the same way."""

    def __init__(self, folder: Path, mounted: bool) -> None:
        self.folder, self.mounted = folder, mounted
        self.leave = 0

    def fill(self, leave: int = 0) -> None:
        """Use up every free byte but *leave* (tmpfs), or let no file grow by more than *leave*
        (the limit)."""
        self.leave = leave
        if not self.mounted:
            return
        filler = self.folder / "filler.bin"
        block = b"\0" * 65536
        with contextlib.suppress(OSError), filler.open("ab") as fh:
            while True:
                fh.write(block)
                fh.flush()
        with contextlib.suppress(OSError), filler.open("ab") as fh:  # the last crumbs
            while True:
                fh.write(b"\0" * 512)
                fh.flush()
        if leave:
            with filler.open("r+b") as fh:
                fh.truncate(max(0, filler.stat().st_size - leave))

    def free(self) -> None:
        (self.folder / "filler.bin").unlink(missing_ok=True)

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` with the disk full."""
        if self.mounted:
            return fn(*args)

        def limit() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails instead of killing
            biggest = max(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())
            resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + self.leave,) * 2)

        return in_child(fn, *args, setup=limit)


@contextlib.contextmanager
def full_disk(size_kb: int = 4096) -> Iterator[FullDisk]:
    folder = Path(tempfile.mkdtemp(prefix="lscp-full-"))
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
            capture_output=True,
        )
        mounted = done.returncode == 0
    try:
        yield FullDisk(folder, mounted)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- damage


def damage_index(path: Path, index: str, needle: bytes, replacement: bytes) -> None:
    """Change one key inside the b-tree of *index* (*needle* → *replacement*, same length) and
    nothing else: every page stays well formed, so ``quick_check`` passes, but the index no
    longer matches its table, which only ``integrity_check`` finds."""
    assert len(needle) == len(replacement)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        row = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)
        ).fetchone()
        assert row, f"no index {index}"
        pages = [row[0]]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    for page in pages:  # a small index is one leaf page: its root
        start = (page - 1) * page_size
        at = data.find(needle, start, start + page_size)
        if at >= 0:
            data[at : at + len(needle)] = replacement
            path.write_bytes(bytes(data))
            return
    raise AssertionError(f"{needle!r} is not in the root page of {index}")
