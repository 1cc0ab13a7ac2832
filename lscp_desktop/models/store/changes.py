"""Colleagues' saves, as they happen, on a team database (issue 22): PostgreSQL's
``LISTEN``/``NOTIFY``.

Every committed write transaction of a :class:`~.server.ServerStore` sends one notification on
:data:`CHANNEL` (from the transaction's commit path, inside the transaction, so it is delivered
only if the write commits): the tables it wrote, the sender's backend pid and the sending
store's session, as JSON. A :class:`Listener` holds a connection of its own, listening, and
calls back with each :class:`Change` from a thread of its own, leaving out the store's own
writes; the window turns that into a refresh of the page shown (:mod:`lscp_desktop.ui.live`).
A file has no colleagues: :func:`listen` gives ``None`` for it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import psycopg

from lscp_desktop.models.store.database import Store

_log = logging.getLogger(__name__)

CHANNEL = "lscp_changes"
#: A notification's payload is limited to 8000 bytes: a longer list of tables becomes "*".
_MOST = 7000


@dataclass(frozen=True)
class Change:
    """One colleague's committed save: the tables it changed (``{"*"}``: too many to list)."""

    tables: frozenset[str]
    pid: int
    session: str


def payload(tables: Iterable[str], pid: int, session: str) -> str:
    """What :func:`notify` sends for a write to *tables*."""
    names = sorted(set(tables))
    text = json.dumps({"tables": names, "pid": pid, "session": session})
    if len(text) > _MOST:
        text = json.dumps({"tables": ["*"], "pid": pid, "session": session})
    return text


def parse(text: str) -> Change | None:
    """The change in a notification's payload (``None`` for one not ours)."""
    try:
        got = json.loads(text)
        return Change(frozenset(map(str, got["tables"])), int(got["pid"]), str(got["session"]))
    except (ValueError, KeyError, TypeError):
        return None


def notify(raw: psycopg.Connection[Any], tables: Iterable[str], session: str) -> None:
    """Send the change to every listener when the open transaction on *raw* commits."""
    raw.execute(
        "SELECT pg_notify(%s, %s)", (CHANNEL, payload(tables, raw.info.backend_pid, session))
    )


class Listener:
    """A connection of its own listening on :data:`CHANNEL`; *callback* is called on the
    listener's thread with each colleague's :class:`Change` (never with *own*'s)."""

    def __init__(self, url: str, callback: Callable[[Change], None], own: str = "") -> None:
        self._callback = callback
        self._own = own
        self._stop = threading.Event()
        self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._thread = threading.Thread(target=self._run, name="lscp-listener", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for note in self._conn.notifies(timeout=0.25):
                    change = parse(note.payload)
                    if change is not None and change.session != self._own:
                        self._call(change)
            except psycopg.Error:
                if self._stop.is_set():
                    return
                self._stop.wait(1.0)  # the connection was lost: quiet until closed
                with contextlib.suppress(psycopg.Error):
                    self._reconnect()

    def _call(self, change: Change) -> None:
        """The callback, whose failure (its window gone) stops listening, never the thread."""
        try:
            self._callback(change)
        except Exception:
            _log.exception("A colleague's change could not be shown; no longer listening")
            self._stop.set()

    def _reconnect(self) -> None:
        info = self._conn.info.dsn
        password = self._conn.info.password
        with contextlib.suppress(psycopg.Error):
            self._conn.close()
        self._conn = psycopg.connect(info, password=password, autocommit=True, connect_timeout=10)
        self._conn.execute(f"LISTEN {CHANNEL}")

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def close(self) -> None:
        """Stop listening (waits for the thread, at most about a second)."""
        self._stop.set()
        self._thread.join(timeout=2.0)
        with contextlib.suppress(psycopg.Error):
            self._conn.close()


def listen(store: Store, callback: Callable[[Change], None]) -> Listener | None:
    """A :class:`Listener` for colleagues' saves to *store* (``None`` for a file, which has
    none); the store's own saves are left out."""
    address = getattr(store, "address", None)
    if address is None:
        return None
    try:
        return Listener(address.url, callback, own=str(getattr(store, "session", "")))
    except psycopg.Error as exc:
        from lscp_desktop.models.store.pg import opening_error

        raise opening_error(exc, address.label, address.host, address.database) from exc
