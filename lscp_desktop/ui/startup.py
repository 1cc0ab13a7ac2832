"""Opening the database from the window: clear messages, a restore offer for a damaged file,
and the welcome on the default database's first run."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # QtWidgets.QMessageBox (its enums) made when a message is shown

from lscp_desktop.models.core.errors import DamagedDatabaseError, LscpError
from lscp_desktop.models.store.backups import restore_backup
from lscp_desktop.models.store.credentials import connectable, with_password, without_password
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database as open_store

if TYPE_CHECKING:
    from lscp_desktop.ui.welcome import WelcomeChoice

log = logging.getLogger(__name__)

#: Seconds the window waits at start-up for an app lock another program holds.
LOCK_WAIT = 2.0


def open_database(
    path: Path | str, *, welcome: bool, password: str = ""
) -> tuple[Store, list[str]] | None:
    """Open *path* (a file, or a team database's address: signed in with *password*, else
    the one remembered in the system keyring); with *welcome*, a new or empty file first
    shows the welcome.

    Returns ``None`` when the database cannot be opened or the user quits the welcome.
    """
    notices: list[str] = []
    target: Path | str = path
    if isinstance(path, str):
        target = with_password(path, password) if password else connectable(path)
        path = without_password(path)  # what is logged and shown
    try:
        # The integrity check and the day's backup finish after the window is shown
        # (MainWindow.start_background_checks): a large file opens without waiting for them.
        # A command-line write holding the app lock for a moment is waited for briefly, so the
        # window does not open read-only for its whole session because of it.
        store = open_store(target, daily_backup=False, defer_check=True, lock_wait=LOCK_WAIT)
    except DamagedDatabaseError as exc:
        store_or_none = _offer_restore(exc)
        if store_or_none is None:
            return None
        store = store_or_none
        notices.append(f"Restored from the backup {exc.backups[0].name}.")
    except LscpError as exc:
        QtWidgets.QMessageBox.critical(None, "Cannot open the database", str(exc))
        return None
    log.info("Opened the database %s (read-only: %s)", path, store.read_only)
    if isinstance(path, str) and store.read_only:  # a reader's account: say so at once
        notices.append(f"Read-only: {store.read_only_reason}.")
    if welcome and not store.read_only and _is_empty(store):
        from lscp_desktop.ui.welcome import WelcomeDialog

        choice = WelcomeDialog.ask(Path(path))
        if choice is None:
            store.close()
            return None
        notices += _apply_welcome(store, choice)
    return store, notices


def _is_empty(store: Store) -> bool:
    from lscp_desktop.models.meetings import templates  # only on the default database's first run

    return templates.is_empty(store)


def _apply_welcome(store: Store, choice: WelcomeChoice) -> list[str]:
    from lscp_desktop.models.meetings import templates

    try:
        if choice.plan is not None:
            templates.apply(store, choice.plan)
            log.info("Created a partnership from the template %s", choice.plan.template.key)
            return [
                f"{choice.plan.name} is set up with its partners and bodies. Add people from "
                "Membership, then set each body's members."
            ]
        from lscp_desktop.models.demo.generate import build_demo

        build_demo(store)
        log.info("Built the demo partnership")
    except LscpError as exc:
        QtWidgets.QMessageBox.warning(None, "Setting up the database", str(exc))
        return []
    return [f"The demonstration partnership is created in {store.path}. Explore freely."]


def _offer_restore(exc: DamagedDatabaseError) -> Store | None:
    if not exc.backups:
        QtWidgets.QMessageBox.critical(None, "The database is damaged", str(exc))
        return None
    answer = QtWidgets.QMessageBox.question(
        None,
        "The database is damaged",
        f"{exc}\n\nRestore the latest good backup ({exc.backups[0].name}) now? The damaged file "
        "is kept beside the backups.",
    )
    if answer != QtWidgets.QMessageBox.StandardButton.Yes:
        return None
    try:
        restore_backup(exc.backups[0], exc.path)
        return Store.open(exc.path)
    except LscpError as err:
        QtWidgets.QMessageBox.critical(None, "Restore failed", str(err))
        return None
