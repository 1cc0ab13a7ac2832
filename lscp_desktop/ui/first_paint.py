"""What the main window's first paint uses instead of PySide's ``Qt`` namespace.

The first time PySide6 touches ``Qt`` (``Qt.ItemDataRole.UserRole``, importing ``Qt``, a
``QBrush`` made from a colour, or ``QAction.setShortcut``, whose overloads include ``Qt.Key``)
it builds the whole namespace: about a hundred Python enums, ~15 ms, a seventh of the time a
bare window takes to start (issue 21). The window, its menus and Home use what is here, so that
cost comes later, with the first page or dialog that needs a ``Qt`` enum.
``tests/ui/test_mainwindow.py`` checks the window shows without it, and these values are Qt's.

The same goes for PySide's ``QStyle`` class (~5 ms for its enums, made as soon as the class is
named or a widget's ``style()`` is read from Python): the navigation's icons, the style's
standard pixmaps, are put in once the window is drawn (:func:`set_style_icons`); until then
each row holds a blank icon drawn at the same size, so nothing moves when they come.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QListWidget
from shiboken6 import isValid

#: ``Qt.ItemDataRole.UserRole``: the first role an application may use for its own data.
USER_ROLE = 256


def set_shortcut(action: QAction, keys: str | QKeySequence.StandardKey) -> None:
    """``action.setShortcut(keys)``: "Ctrl+N", or a standard key (all the platform's bindings
    for it, as Qt's own menus have them)."""
    if isinstance(keys, str):
        action.setShortcuts([QKeySequence(keys)])
    else:
        action.setShortcuts(keys)


#: A blank icon's size: larger than any list's icon size, so that a view draws it at that size
#: (``QStyle.PM_ListViewIconSize``, 24 in Fusion), as it does the style's icons.
BLANK_SIZE = 128


def blank_icon() -> QIcon:
    """A transparent icon that keeps a row's place for the icon to come."""
    pixmap = QPixmap(BLANK_SIZE, BLANK_SIZE)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QIcon(pixmap)


def set_style_icons(view: QListWidget, names: Sequence[str]) -> None:
    """Give row *i* of *view* the style's standard icon named *names[i]* ("SP_FileIcon"); nothing
    if *view* is gone (a window closed and deleted before it was ever drawn)."""
    from PySide6.QtWidgets import QStyle  # its class and enums are made here, once drawn

    if not isValid(view):
        return
    style = view.style()
    for row, name in enumerate(names):
        item = view.item(row)
        if item is not None:
            item.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, name)))
