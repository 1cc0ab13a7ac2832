"""The collector's setting while an import runs, and back after it; collections made only when
asked, on the asking thread, once due."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from lscp_desktop.models.core.collecting import YOUNG, collect_if_due, fewer_collections


def test_fewer_collections_raises_the_young_threshold_and_restores_it() -> None:
    usual = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (max(YOUNG, usual[0]), *usual[1:])
        with fewer_collections():  # nested (another import at the same time)
            assert gc.get_threshold()[0] == max(YOUNG, usual[0])
        assert gc.get_threshold()[0] == max(YOUNG, usual[0])  # the outer one still runs
    assert gc.get_threshold() == usual


def test_fewer_collections_restores_the_setting_after_an_error() -> None:
    usual = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a cancelled import")
    assert gc.get_threshold() == usual


class Node:
    """Half of a reference cycle: freed only by a collection."""

    other: Node


def cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def threshold_100() -> Iterator[None]:
    usual, enabled = gc.get_threshold(), gc.isenabled()
    gc.disable()
    gc.collect()  # every count back to nought
    gc.set_threshold(100, 10, 10)
    yield
    gc.set_threshold(*usual)
    if enabled:
        gc.enable()


def test_collect_if_due_collects_once_the_young_count_passes_the_threshold(
    threshold_100: None,
) -> None:
    ref = cycle()
    assert collect_if_due() is None  # a few new objects: not due
    assert ref() is not None
    kept = [[] for _ in range(150)]  # type: list[list[int]]
    assert collect_if_due() == 0
    assert ref() is None
    assert len(kept) == 150


def test_collect_if_due_collects_older_generations_when_theirs_are_due(
    threshold_100: None,
) -> None:
    kept: list[list[int]] = []
    made = []
    for _ in range(12):  # after eleven young collections, the middle generation's count is over 10
        kept.extend([] for _ in range(150))
        made.append(collect_if_due())
    assert made == [0] * 11 + [1]


def test_collect_if_due_respects_fewer_collections(threshold_100: None) -> None:
    with fewer_collections():
        kept = [[] for _ in range(150)]  # type: list[list[int]]
        assert collect_if_due() is None  # the threshold is YOUNG now
    assert len(kept) == 150
