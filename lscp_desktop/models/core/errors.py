"""Errors a user can cause or meet. Each carries one plain sentence that says what to do."""

from __future__ import annotations

from pathlib import Path


class LscpError(Exception):
    """Base of every error shown to the user as a message rather than a traceback."""


class ValidationError(LscpError):
    """Input that breaks a rule; nothing was saved."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(LscpError):
    """A record asked for by id or name does not exist."""


class StoreError(LscpError):
    """The database file cannot be opened or written as asked."""


class ForeignFileError(StoreError):
    """The file is not an LSCP Desktop database."""


class NewerSchemaError(StoreError):
    """The file was written by a newer version of the app."""


class DuplicateError(StoreError):
    """A value that must be unique is already another record's (the database's unique rule);
    nothing was saved. A save that chose the value itself (the next reference) may try again."""


class ReadOnlyError(StoreError):
    """A write was attempted on a database opened read-only."""


class BusyError(StoreError):
    """Another program held the database for longer than the busy timeout."""


class DiskError(StoreError):
    """The disk is full, or could not be read or written: nothing was saved."""


class DamagedDatabaseError(StoreError):
    """The file failed SQLite's integrity check; it is left untouched."""

    def __init__(self, message: str, path: Path, backups: list[Path]) -> None:
        super().__init__(message)
        self.path = path
        self.backups = backups


#: Faults of the storage rather than of what was being saved: they stop a whole import (or any
#: batch of saves) at once instead of being reported against each row.
STORAGE_FAULTS = (BusyError, ReadOnlyError, DiskError, DamagedDatabaseError)


class ConflictError(StoreError):
    """A record was changed by someone else since it was opened; nothing was saved. Says what
    changed (field: theirs, yours) and who changed it when the audit log knows."""

    def __init__(self, message: str, table: str, record_id: int, version: int) -> None:
        super().__init__(message)
        self.table = table
        self.record_id = record_id
        #: The record's version now: saving again at it overwrites theirs with yours.
        self.version = version
