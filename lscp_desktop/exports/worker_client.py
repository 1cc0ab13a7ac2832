"""The window's side of the export worker (:mod:`lscp_desktop.exports.worker`): start it, keep
it warm for the session, hand it exports and relay its progress, cancel and errors.

One worker is kept for the session: it is started the first time an export is prepared (as the
user chooses where to save) or run, and from then on has python-docx and matplotlib imported, so
an export costs what it would in the window's own process. A second export asked for while the
first runs gets a worker of its own, ended afterwards. Cancelling asks the worker to stop at its
export's next progress report (the file is written under a temporary name and renamed at the
end, so nothing is saved); a worker that has not stopped within :data:`CANCEL_GRACE` seconds is
killed and the temporary file it was writing removed. A worker that dies part-way is reported
as a failure, its temporary file removed too; the next export starts a new one.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import json
import logging
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from lscp_desktop.exports.registry import ExportOptions
from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.exports.worker import ExportCancelled
from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.errors import LscpError

log = logging.getLogger(__name__)

#: Seconds a cancelled export has to stop on its own before its worker is killed.
CANCEL_GRACE = 2.0
#: How often (seconds) the waiting thread looks whether the export has been cancelled.
_POLL = 0.05


class WorkerFailed(Exception):
    """The export failed in the worker for a reason that is not the user's (a bug, or the
    worker died); the message says what happened, the app's log has the worker's traceback."""


def worker_command() -> list[str]:
    """How to start a worker: this program with ``--export-worker``. In the Windows bundle the
    console twin (``lscp-desktop-cli.exe``, started without a window), whose standard input and
    output are always there to talk through."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        twin = exe.with_name("lscp-desktop-cli.exe")
        if sys.platform == "win32" and twin.exists():  # pragma: no cover - Windows only
            exe = twin
        return [str(exe), "--export-worker"]
    return [sys.executable, "-m", "lscp_desktop", "--export-worker"]


class _Worker:
    """One worker process and the thread that reads its answers."""

    def __init__(self, command: list[str]) -> None:
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
        try:
            self.proc = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
                text=True, encoding="utf-8", bufsize=1, creationflags=flags,
            )  # fmt: skip
        except OSError as exc:
            self.stderr.close()
            raise WorkerFailed(f"the export process could not start ({exc})") from exc
        self.answers: queue.Queue[str | None] = queue.Queue()
        #: False while an export is under way (its outcome not yet answered).
        self.between_exports = True
        threading.Thread(target=self._read, name="export-answers", daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        with contextlib.suppress(OSError, ValueError):
            for line in self.proc.stdout:
                self.answers.put(line)
        with contextlib.suppress(OSError):
            self.proc.stdout.close()
        self.answers.put(None)

    def send(self, message: dict[str, Any]) -> bool:
        """Send *message*; False if the worker has gone."""
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(message) + "\n")
            self.proc.stdin.flush()
        except (OSError, ValueError):
            return False
        return True

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stderr_tail(self) -> str:
        with contextlib.suppress(OSError, ValueError):
            self.stderr.seek(0, 2)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - 4000))
            return self.stderr.read().decode("utf-8", "replace")
        return ""

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self._reap(5)

    def close(self, timeout: float = 5.0) -> None:
        """End the worker: its input closed, it ends once any export under way is done."""
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                self.proc.stdin.close()
        self._reap(timeout)

    def _reap(self, timeout: float) -> None:
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.stderr):
            with contextlib.suppress(OSError, ValueError):
                if stream is not None:
                    stream.close()


class ExportWorkers:
    """The session's export worker (see the module's doc)."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command or worker_command()
        self._idle: _Worker | None = None
        self._lock = threading.Lock()
        self._closed = False
        atexit.register(self.close)

    def prepare(self, key: str) -> None:
        """Start the worker if need be, and have it import what *key*'s export needs."""
        with self._lock:
            if self._closed:
                return
            if self._idle is None or not self._idle.alive():
                try:
                    self._idle = _Worker(self.command)
                except WorkerFailed as exc:
                    log.warning("Export worker not started ahead: %s", exc)
                    return
            self._idle.send({"op": "prepare", "kind": key})

    def run(
        self,
        key: str,
        options: ExportOptions,
        path: Path,
        db: Path,
        report: Callable[[int, int, str], None],
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Path:
        """Export *key* from the database *db* to *path* in the worker. *report* gets the
        progress (and may raise to cancel, as the window's does); *cancelled* is asked while
        no progress comes. Raises what the export raised: the same :class:`LscpError` message
        (a :class:`TargetLockedError` as such), the error *report* raised when cancelled, or
        :class:`WorkerFailed`."""
        worker = self._take()
        request = {
            "op": "export", "kind": key, "options": dataclasses.asdict(options),
            "path": str(path), "db": str(db),
        }  # fmt: skip
        try:
            return self._wait(worker, request, report, cancelled)
        finally:
            if worker.between_exports:
                self._give_back(worker)
            else:  # killed when cancelled, or died: what it was writing goes too
                worker.kill()
                tempfiles.sweep(Path(path).absolute().parent, for_name=Path(path).stem)

    def _wait(
        self,
        worker: _Worker,
        request: dict[str, Any],
        report: Callable[[int, int, str], None],
        cancelled: Callable[[], bool],
    ) -> Path:
        worker.between_exports = False
        if not worker.send(request):
            raise self._died(worker)
        stop: BaseException | None = None  # what *report* raised: raised once the worker stops
        asked_at: float | None = None
        while True:
            try:
                line = worker.answers.get(timeout=_POLL)
            except queue.Empty:
                if asked_at is None and cancelled():
                    asked_at = time.monotonic()
                    worker.send({"op": "cancel"})
                elif asked_at is not None and time.monotonic() - asked_at > CANCEL_GRACE:
                    raise stop or ExportCancelled("Cancelled; nothing was saved.") from None
                continue
            if line is None:
                raise self._died(worker)
            answer = json.loads(line)
            worker.between_exports = "progress" not in answer
            if "progress" in answer:
                if asked_at is None:
                    try:
                        report(*answer["progress"])
                    except BaseException as exc:  # the window's Cancel
                        stop, asked_at = exc, time.monotonic()
                        worker.send({"op": "cancel"})
                continue
            if "done" in answer:
                if stop is not None:  # finished before it heard the cancel: keep the file
                    log.info("Export finished as it was cancelled: %s", answer["done"])
                return Path(answer["done"])
            if "cancelled" in answer:
                raise stop or ExportCancelled(answer["cancelled"])
            raise _error(answer["error"])

    @staticmethod
    def _died(worker: _Worker) -> WorkerFailed:
        worker.proc.poll()
        log.error("The export worker ended unexpectedly:\n%s", worker.stderr_tail())
        return WorkerFailed(
            f"the export process stopped unexpectedly (exit code {worker.proc.returncode}); "
            "nothing was saved"
        )

    def _take(self) -> _Worker:
        with self._lock:
            worker, self._idle = self._idle, None
        if worker is not None and worker.alive():
            return worker
        if worker is not None:
            worker.close(0)
        return _Worker(self.command)

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if self._idle is None and not self._closed and worker.alive():
                self._idle = worker
                return
        worker.close()

    def close(self) -> None:
        """End the idle worker (at exit); an export under way finishes first."""
        with self._lock:
            self._closed = True
            worker, self._idle = self._idle, None
        if worker is not None:
            worker.close()


def _error(error: dict[str, Any]) -> BaseException:
    """The worker's error as the window handles it."""
    if error.get("type") == "TargetLockedError" and error.get("path"):
        return TargetLockedError(Path(error["path"]))
    if error.get("lscp"):
        return LscpError(error["message"])
    log.error("Export failed in the worker:\n%s", error.get("traceback", ""))
    return WorkerFailed(error["message"] or error["type"])


_SESSION: ExportWorkers | None = None
_SESSION_LOCK = threading.Lock()


def session_workers() -> ExportWorkers:
    """The export worker of this process's session, made on first use."""
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is None:
            _SESSION = ExportWorkers()
        return _SESSION
