"""The audit log read and rewritten (a record's history; privacy's erasure and retention): the
methods of :class:`~lscp_desktop.models.store.database.Store` that do it.

:mod:`.audit` is imported when one of them (or the first write) needs it, not to open a file
and show the window (issue 21).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lscp_desktop.models.store.audit import AuditEntry


class AuditHistory:
    """The audit log's reading and rewriting, for :class:`Store`."""

    @property
    def conn(self) -> Any:
        raise NotImplementedError

    def _storage_errors(self, table: str | None = None) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def transaction(self, *, exclusive: bool = True) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def history(self, table: str, record_id: int) -> list[AuditEntry]:
        """Every recorded change to one record, oldest first."""
        from lscp_desktop.models.store import audit

        with self._storage_errors():
            return audit.history(self.conn, table, record_id)

    # ---- privacy: the history rewritten ------------------------------------------------------

    def history_mentioning(self, texts: Sequence[str]) -> list[AuditEntry]:
        """Every audit entry whose old or new value holds one of *texts* (ignoring case)."""
        from lscp_desktop.models.store import audit

        with self._storage_errors():
            return audit.entries_mentioning(self.conn, texts)

    def rewrite_history(self, changes: Sequence[tuple[int, str | None, str | None]]) -> None:
        """Replace the old and new values of audit entries (id, old, new): an erasure only."""
        from lscp_desktop.models.store import audit

        with self.transaction(), self._storage_errors("audit_log"):
            audit.rewrite(self.conn, changes)

    def history_detail_before(self, day: str, *, clear: bool = False) -> int:
        """How many audit entries before the ISO date *day* still hold old and new values;
        with *clear*, clear them (the retention schedule), keeping who changed what and when."""
        from lscp_desktop.models.store import audit

        if not clear:
            with self._storage_errors():
                return audit.count_detail_before(self.conn, day)
        with self.transaction(), self._storage_errors("audit_log"):
            return audit.clear_detail_before(self.conn, day)
