"""The collector's setting while an import runs, and back after it."""

from __future__ import annotations

import gc

import pytest

from lscp_desktop.models.core.collecting import YOUNG, fewer_collections


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
