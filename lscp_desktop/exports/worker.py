"""The export worker: a process of its own in which the window's documents and workbooks are
written, so python-docx, matplotlib, numpy, PIL and openpyxl never load into the window's
process (issue 21: the window stays under 200 MB in its heaviest session).

:mod:`lscp_desktop.exports.worker_client` starts it as ``lscp-desktop --export-worker`` (in
development ``python -m lscp_desktop --export-worker``) and keeps it for the session. It reads
one JSON request a line on its standard input and answers JSON lines on its standard output
(anything a library prints goes to standard error instead):

- ``{"op": "prepare", "kind": KEY}``: import what KEY's export needs now, while the user is
  still choosing where to save it; no answer.
- ``{"op": "export", "kind": KEY, "options": {...}, "path": PATH, "db": DB}``: open DB
  read-only (the window holds the app lock, which a reader does not need, and has already
  checked the file), write the file as the command line would, close DB. Answers: any number
  of ``{"progress": [done, total, text]}``, then one of ``{"done": PATH}``,
  ``{"cancelled": MESSAGE}`` or ``{"error": {"type", "message", "path", "traceback"}}``.
- ``{"op": "cancel"}``: the export under way stops at its next progress report; the file is
  written through ``write_atomically``, so nothing is left behind.

The end of the input (the window closed, or was killed) ends the worker.
"""

from __future__ import annotations

import importlib
import json
import os
import queue
import sys
import threading
import traceback
from pathlib import Path
from typing import IO, Any

from lscp_desktop.models.core.errors import LscpError

#: Imported by "prepare" besides the kind's own module: what a Word document's export loads
#: on its first use (the charts are drawn with matplotlib's Agg canvas).
WORD_LIBRARIES = ("docx", "matplotlib.figure", "matplotlib.backends.backend_agg")


class ExportCancelled(LscpError):
    """The export was cancelled; nothing was saved."""


def prepare(key: str) -> None:
    """Import *key*'s build module (and, for a Word document, python-docx and matplotlib)."""
    from lscp_desktop.exports.registry import find_kind

    kind = find_kind(key)
    importlib.import_module(kind.build.partition(":")[0])
    if kind.suffix == ".docx":
        for name in WORD_LIBRARIES:
            importlib.import_module(name)


def export(request: dict[str, Any], answer: Any, cancel: threading.Event) -> None:
    """Run one export request, answering progress and the outcome through *answer*."""
    from lscp_desktop.exports.registry import ExportOptions, find_kind
    from lscp_desktop.exports.safe import TargetLockedError
    from lscp_desktop.models.store.database import Store

    def progress(done: int, total: int, text: str = "") -> None:
        if cancel.is_set():
            raise ExportCancelled("Cancelled; nothing was saved.")
        answer({"progress": [done, total, text]})

    try:
        kind = find_kind(request["kind"])
        options = ExportOptions(**request["options"])
        store = Store.open(
            request["db"], read_only=True, create=False, daily_backup=False,
            integrity_check=False,
        )  # fmt: skip
        try:
            path = kind.run(store, options, Path(request["path"]), progress)
        finally:
            store.close()
    except ExportCancelled as exc:
        answer({"cancelled": str(exc)})
    except BaseException as exc:
        error = {
            "type": type(exc).__name__,
            "message": str(exc),
            "path": str(exc.path) if isinstance(exc, TargetLockedError) else None,
            "lscp": isinstance(exc, LscpError),
            "traceback": "" if isinstance(exc, LscpError) else traceback.format_exc(),
        }
        answer({"error": error})
        if not isinstance(exc, Exception):
            raise  # KeyboardInterrupt, SystemExit: the worker ends
    else:
        answer({"done": str(path)})


def serve(requests: IO[str], answers: IO[str]) -> int:
    """Answer *requests* until they end (see the module's doc)."""
    lock = threading.Lock()

    def answer(message: dict[str, Any]) -> None:
        with lock:
            answers.write(json.dumps(message) + "\n")
            answers.flush()

    cancel = threading.Event()
    work: queue.Queue[dict[str, Any] | None] = queue.Queue()

    def read() -> None:  # on a thread of its own, so a cancel is heard during an export
        for line in requests:
            try:
                request = json.loads(line)
            except ValueError:
                continue
            if request.get("op") == "cancel":
                cancel.set()
            else:
                work.put(request)
        work.put(None)

    threading.Thread(target=read, name="export-requests", daemon=True).start()
    while (request := work.get()) is not None:
        if request.get("op") == "prepare":
            try:
                prepare(str(request.get("kind")))
            except Exception:  # the export itself will say what is wrong
                traceback.print_exc()
        elif request.get("op") == "export":
            cancel.clear()
            export(request, answer, cancel)
    return 0


def main() -> int:
    """The worker's entry point: answers go to a copy of standard output, and standard output
    itself to standard error, so nothing a library prints can break an answer."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="ascii")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return serve(sys.stdin, answers)  # JSON in ASCII: whatever the console's encoding


if __name__ == "__main__":
    raise SystemExit(main())
