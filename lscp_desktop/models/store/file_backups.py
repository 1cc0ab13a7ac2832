"""A file's own backups, as the store offers them (a team database's are IT's, on its server:
``ServerStore`` replaces these)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.models.core.errors import StoreError
from lscp_desktop.models.store import backups


class FileBackups:
    """The backup methods of :class:`~lscp_desktop.models.store.database.Store`."""

    path: Path
    warnings: list[str]

    @property
    def data_path(self) -> Path:
        raise NotImplementedError

    @property
    def backup_dir(self) -> Path:
        return backups.backup_folder(self.path)

    def list_backups(self, directory: Path | None = None) -> list[Path]:
        """Backups of this database, newest first."""
        return backups.list_backups(self.path, directory)

    def last_backup(self) -> dt.datetime | None:
        found = self.list_backups()
        return backups.backup_time(found[0]) if found else None

    def backup(self, *, reason: str = "manual", directory: Path | None = None) -> Path:
        """A consistent, verified copy: written to a temporary file, checked, then renamed.

        The copy is read through a connection of its own, so it holds exactly what has been
        committed and may be taken on a worker thread while the window goes on saving.
        """
        return backups.take_backup(
            self.path, reason=reason, folder=directory, source=self.data_path
        )

    def backup_if_due(self, now: dt.datetime | None = None) -> Path | None:
        """The at-most-daily backup taken when the database is opened."""
        now = now or dt.datetime.now()
        last = self.last_backup()
        if last is not None and now - last < dt.timedelta(hours=24):
            return None
        try:
            return self.backup(reason="daily")
        except StoreError as exc:
            self.warnings.append(str(exc))
            return None
