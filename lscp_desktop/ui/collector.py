"""Python's garbage collector, run on the window's thread only.

Left to itself, Python collects reference cycles on whichever thread happens to be allocating
when a generation's count passes its threshold: most often a background job's (a page loading
20,000 actions allocates far more than the window does). A cycle freed there that holds a Qt
object (a closed dialog and the slot connected to it) has its C++ destructor run off the thread
that owns it, which Qt does not allow: the result is a rare crash that depends on timing and
ends the process. So, as pyqtgraph and other Qt applications do, the automatic collector is
off while the window runs, and a timer on the window's thread makes the collections it would
have made (:func:`~lscp_desktop.models.core.collecting.collect_if_due`). The test session does
the same (``tests/conftest.py``).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from lscp_desktop.models.core.collecting import collect_if_due

#: How often the window's thread looks whether a collection is due (a look costs microseconds).
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """While started, every garbage collection happens on the thread this object lives on."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        """Automatic collection off; collections due are made on this thread from now on."""
        if not self._timer.isActive():
            self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Automatic collection as it was before :meth:`start`."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def collect(self) -> int | None:
        return collect_if_due()
