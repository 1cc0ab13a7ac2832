"""The installed PySide6 must not drop references to None (6.12.0 does, on CPython 3.11,
which ends a long session with a fatal "deallocating None")."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QTreeWidgetItem


def test_methods_returning_nothing_keep_none_alive(qapp: Any) -> None:
    item = QTreeWidgetItem(["a"])
    before = sys.getrefcount(None)
    for _ in range(1000):
        item.setToolTip(0, "x")
    # Python 3.12+ makes None immortal (its count is fixed); on 3.11 a broken binding loses 1000.
    assert sys.getrefcount(None) - before > -100
