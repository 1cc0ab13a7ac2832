"""Fewer passes of Python's garbage collector while a long job keeps what it makes.

An import of tens of thousands of rows keeps a report line, and for a while a checked record,
for each row: with the collector's usual settings (a pass every 700 new objects) the full
passes walk all of them again and again, about a second of a 48,000-row import (issue 21).
Nothing of what the job does changes: only how often the collector looks for cycles."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

#: New objects between two passes over the youngest ones while a long job runs (Python's is
#: 700): a 48,000-row import then needs no full pass at all.
YOUNG = 10_000

_lock = threading.Lock()
_running = 0
_usual: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Within this block, the collector passes over the young objects every :data:`YOUNG` new
    ones; the usual setting is back when the last such block (of any thread) ends."""
    global _running, _usual
    with _lock:
        if _running == 0:
            _usual = gc.get_threshold()
            gc.set_threshold(max(YOUNG, _usual[0]), *_usual[1:])
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_usual)


def collect_if_due() -> int | None:
    """The collection Python's automatic collector would have made by now, on the calling
    thread: the oldest generation whose count has passed its threshold (``gc.get_threshold``,
    so :func:`fewer_collections` holds here too). Returns the generation collected, or
    ``None`` when none is due. For a process whose automatic collector is off so that
    collections happen only on one thread (the window's: ``ui/collector.py``)."""
    young, middle, old = gc.get_threshold()
    counts = gc.get_count()
    if young == 0 or counts[0] <= young:
        return None
    generation = 0
    if counts[1] > middle:
        generation = 2 if counts[2] > old else 1
    gc.collect(generation)
    return generation
