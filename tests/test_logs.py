"""The log: a rotating file in the per-user log folder, and uncaught errors written to it."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import pytest

from lscp_desktop import logs
from lscp_desktop.paths import log_dir


def our_handlers() -> list[logging.Handler]:
    return [h for h in logs.log.handlers if getattr(h, "lscp_desktop", False)]


def test_rotating_file_in_the_log_folder() -> None:
    handler = logs.setup_logging()
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert Path(handler.baseFilename) == log_dir() / "lscp-desktop.log"
    assert handler.maxBytes == 1_000_000 and handler.backupCount == 5
    assert logs.setup_logging() is handler and len(our_handlers()) == 1  # idempotent
    logging.getLogger("lscp_desktop.models").info("hello")
    handler.flush()
    assert "INFO    lscp_desktop.models: hello" in logs.log_file().read_text(encoding="utf-8")


def test_the_window_starts_with_a_plain_handler_then_rotates_losing_nothing() -> None:
    """The window's start-up appends to the same file without ``logging.handlers`` (issue 21),
    and the rotating handler takes over once the window is drawn; asking for the plain one
    again keeps the rotating one."""
    plain = logs.setup_logging(rotating=False)
    assert type(plain) is logging.FileHandler and our_handlers() == [plain]
    assert Path(plain.baseFilename) == logs.log_file()
    logs.log.info("before the first paint")
    rotating = logs.setup_logging()
    assert isinstance(rotating, logging.handlers.RotatingFileHandler)
    assert our_handlers() == [rotating] and plain.stream is None  # closed
    logs.log.info("after it")
    assert logs.setup_logging(rotating=False) is rotating
    rotating.flush()
    text = logs.log_file().read_text(encoding="utf-8")
    assert "before the first paint" in text and "after it" in text


def test_the_log_rotates(monkeypatch: pytest.MonkeyPatch) -> None:
    handler = logs.setup_logging()
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    monkeypatch.setattr(handler, "maxBytes", 200)
    for i in range(30):
        logs.log.info("line %d %s", i, "x" * 40)
    handler.flush()
    files = sorted(p.name for p in log_dir().iterdir())
    assert "lscp-desktop.log.1" in files and "lscp-desktop.log.6" not in files


def test_an_unwritable_log_folder_does_not_stop_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LSCP_DESKTOP_DATA", str(blocker))
    assert logs.setup_logging() is None


def test_uncaught_errors_are_logged_and_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    logs.setup_logging()
    shown: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    logs.install_excepthook(shown.append)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(RuntimeError, exc, exc.__traceback__)
    for h in our_handlers():
        h.flush()
    text = logs.log_file().read_text(encoding="utf-8")
    assert "CRITICAL lscp_desktop: Uncaught error" in text and "RuntimeError: boom" in text
    assert len(shown) == 1 and "RuntimeError: boom" in shown[0]
    assert "Copy diagnostics" in shown[0] and str(logs.log_file()) in shown[0]
