"""Opening the database from the window: clear messages, and a restore offer for a damaged file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.errors import DamagedDatabaseError, LscpError
from lscp_desktop.models.store import Store, restore_backup


def open_database(path: Path, *, first_run_demo: bool) -> tuple[Store, list[str]] | None:
    """Open *path*, creating the demo partnership if it is the default file's first run."""
    notices: list[str] = []
    first_run = not path.exists()
    try:
        store = Store.open(path)
    except DamagedDatabaseError as exc:
        store_or_none = _offer_restore(exc)
        if store_or_none is None:
            return None
        store = store_or_none
        notices.append(f"Restored from the backup {exc.backups[0].name}.")
    except LscpError as exc:
        QMessageBox.critical(None, "Cannot open the database", str(exc))
        return None
    if first_run and first_run_demo and not store.read_only:
        from lscp_desktop.models.demo import build_demo

        try:
            build_demo(store)
        except LscpError as exc:
            QMessageBox.warning(None, "Demo data", str(exc))
        else:
            notices.append(
                "Welcome. This is a demonstration partnership with fictional people, created on "
                f"first run in {path}. Explore freely; use File > Restore or start a new database "
                "with `lscp-desktop init` when you are ready for real data."
            )
    return store, notices


def _offer_restore(exc: DamagedDatabaseError) -> Store | None:
    if not exc.backups:
        QMessageBox.critical(None, "The database is damaged", str(exc))
        return None
    answer = QMessageBox.question(
        None,
        "The database is damaged",
        f"{exc}\n\nRestore the latest good backup ({exc.backups[0].name}) now? The damaged file "
        "is kept beside the backups.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        restore_backup(exc.backups[0], exc.path)
        return Store.open(exc.path)
    except LscpError as err:
        QMessageBox.critical(None, "Restore failed", str(err))
        return None
