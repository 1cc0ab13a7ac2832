"""Garbage is collected on the window's thread only (ui/collector.py): a cycle holding a Qt
object, left by the window, is not freed by a worker thread however much it allocates, and is
freed on the window's thread once a collection is due."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QObject

from lscp_desktop.ui.collector import GuiThreadCollector


class Holder(QObject):
    """A Qt object in a reference cycle (as a closed dialog with a slot keeping it is)."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self

    def __del__(self) -> None:
        Holder.freed_on.append(threading.current_thread().name)


@pytest.fixture
def low_threshold() -> Iterator[None]:
    usual, enabled = gc.get_threshold(), gc.isenabled()
    gc.collect()
    gc.set_threshold(100, 10, 10)
    yield
    gc.set_threshold(*usual)
    (gc.enable if enabled else gc.disable)()


def test_only_the_windows_thread_collects(qtbot: Any, low_threshold: None) -> None:
    gc.enable()  # as Python starts: a worker's allocations would collect the cycle
    collector = GuiThreadCollector(interval_ms=20)
    collector.start()
    assert not gc.isenabled()
    Holder.freed_on = []
    ref = weakref.ref(Holder())

    kept: list[list[int]] = []

    def allocate() -> None:  # kept: a collection is due when the count of live objects grows
        kept.extend([] for _ in range(10_000))

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert ref() is not None, "a worker thread's allocations collected the cycle"
    qtbot.waitUntil(lambda: ref() is None, timeout=2000)
    assert Holder.freed_on == [threading.main_thread().name]
    collector.stop()
    assert gc.isenabled()  # as it was before start()
    assert len(kept) == 10_000
