"""What the main window's first paint uses instead of PySide's ``Qt`` namespace.

The first time PySide6 touches ``Qt`` (``Qt.ItemDataRole.UserRole``, importing ``Qt``, a
``QBrush`` made from a colour, or ``QAction.setShortcut``, whose overloads include ``Qt.Key``)
it builds the whole namespace: about a hundred Python enums, ~15 ms, a seventh of the time a
bare window takes to start (issue 21). The window, its menus and Home use what is here, so that
cost comes later, with the first page or dialog that needs a ``Qt`` enum.
``tests/ui/test_mainwindow.py`` checks the window shows without it, and these values are Qt's.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

#: ``Qt.ItemDataRole.UserRole``: the first role an application may use for its own data.
USER_ROLE = 256


def set_shortcut(action: QAction, keys: str | QKeySequence.StandardKey) -> None:
    """``action.setShortcut(keys)``: "Ctrl+N", or a standard key (all the platform's bindings
    for it, as Qt's own menus have them)."""
    if isinstance(keys, str):
        action.setShortcuts([QKeySequence(keys)])
    else:
        action.setShortcuts(keys)
