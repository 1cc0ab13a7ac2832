"""Opening a database, whichever engine holds it: a file (:meth:`Store.open`), or a team
database on a PostgreSQL server, given as a ``postgresql://`` address (:mod:`.server`,
imported only then, so a file's start-up never loads psycopg)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lscp_desktop.models.store.credentials import is_server_address
from lscp_desktop.models.store.database import Store


def open_database(location: str | os.PathLike[str], **options: Any) -> Store:
    """Open the database at *location*: a file, with :meth:`Store.open`'s *options*, or a
    ``postgresql://`` address (``read_only`` and ``create`` apply; the rest are a file's)."""
    if is_server_address(location):
        from lscp_desktop.models.store.server import ServerStore

        return ServerStore.open_server(
            str(location),
            read_only=bool(options.get("read_only", False)),
            create=bool(options.get("create", True)),
        )
    from lscp_desktop.models.store.offline import offline_copy

    copy = offline_copy(Path(location).expanduser())
    if copy is None:
        return Store.open(location, **options)
    store = Store.open(location, **{**options, "read_only": True, "daily_backup": False})
    store.read_only_reason = copy.reason
    store.warnings.append(
        f"This is an {copy.title}: prepare and export papers from it; changes are made on the "
        "team database, and nothing in this copy is merged back."
    )
    return store


def listen_for_changes(store: Store, callback: Callable[[Any], None]) -> Any:
    """Listen for colleagues' saves to *store* (:mod:`.changes`): *callback* is called on a
    thread of the listener's own with each :class:`~.changes.Change`. ``None`` for a file
    (no colleagues, and psycopg is not loaded); else the listener, to ``close()``."""
    if getattr(store, "address", None) is None:
        return None
    from lscp_desktop.models.store import changes

    return changes.listen(store, callback)
