"""What every page is given: the open store, its own undo stack and the background runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner


@dataclass
class AppContext:
    """What a page works with: the database, its undo stack, the background runner and the
    window's services."""

    store: Store
    undo_stack: QUndoStack
    runner: BackgroundRunner
    #: Shows a message in the status bar for a few seconds.
    status: Callable[[str], None] = field(default=lambda _text: None)
    #: Switches the main window to a page by key and, optionally, opens a record there.
    open_record: Callable[[str, int | None], None] = field(default=lambda _k, _i: None)
    window: QWidget | None = None
    #: Says that a change just made cannot be undone ("the import of people.xlsx"): earlier
    #: steps leave the undo lists and Edit › Undo says why.
    cannot_undo: Callable[[str], None] = field(default=lambda _what: None)
