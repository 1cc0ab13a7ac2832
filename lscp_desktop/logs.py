"""The app's log: a rotating file in the per-user log folder, and uncaught errors written to it.

IT support reads it (Help > About > Copy diagnostics gives the last lines with personal data
removed). Nothing here imports Qt; the window passes in how to show a message.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from lscp_desktop.paths import log_dir

LOG_NAME = "lscp-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

log = logging.getLogger("lscp_desktop")


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO, *, rotating: bool = True) -> logging.Handler | None:
    """Send the app's records to the log file, rotated at 1 MB and 5 kept; safe to call again.

    The window starts with ``rotating=False`` (the same file, appended to by the plain
    ``logging.FileHandler``) and calls this again once it is drawn: ``logging.handlers`` and
    what it imports (sockets, pickle, queues) cost ~5 ms of start-up (issue 21). The rotating
    handler is added before the plain one is taken away, so no record is lost between them.

    Returns the handler, or ``None`` when the log folder cannot be written (the app still
    runs: a locked-down profile must not stop the user working).
    """
    path = log_file()
    ours = [h for h in log.handlers if getattr(h, "lscp_desktop", False)]
    for existing in ours:
        same_file = Path(getattr(existing, "baseFilename", "")) == path
        if same_file and (hasattr(existing, "maxBytes") or not rotating):
            return existing  # already writing there (and rotating, if that was asked for)
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if rotating:
            from logging.handlers import RotatingFileHandler

            handler = RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
            )
        else:
            handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.lscp_desktop = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    for old in ours:
        log.removeHandler(old)
        old.close()
    log.setLevel(level)
    return handler


ShowFn = Callable[[str], None]


def install_excepthook(show: ShowFn | None = None) -> None:
    """Log any uncaught exception; then *show* a plain message, or fall back to the default."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical("Uncaught error", exc_info=(kind, exc, tb))
        if show is None:
            sys.__excepthook__(kind, exc, tb)
            return
        try:
            show(crash_message(exc))
        except Exception:  # the message itself failed: the log still has the details
            log.exception("Could not show the error message")

    sys.excepthook = hook


def crash_message(exc: BaseException) -> str:
    return (
        "Something went wrong inside LSCP Desktop and the last action may not have finished.\n\n"
        f"{type(exc).__name__}: {exc}\n\n"
        "Your saved work is safe: every change is saved in full or not at all. The details are "
        f"in the log file {log_file()}. If this keeps happening, send IT the text from "
        "Help > About > Copy diagnostics."
    )
