"""The RAG rule: red, amber and green by due date; complete and cancelled when finished."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from helpers.action_log import TODAY

from lscp_desktop.models.actions.rag import rag


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        ("open", "2026-11-21", "red"),  # due yesterday: overdue
        ("in progress", "2026-11-22", "amber"),  # due today
        ("on hold", "2026-12-06", "amber"),  # exactly 14 days ahead
        ("open", "2026-12-07", "green"),  # 15 days ahead
        ("completed", "2020-01-01", "complete"),  # finished work is never red
        ("closed", "2020-01-01", "complete"),
        ("cancelled", "2020-01-01", "cancelled"),
    ],
)
def test_rag_rule(status: str, due: str, expected: str) -> None:
    assert rag(SimpleNamespace(status=status, due_date=due), TODAY, 14) == expected


def test_rag_amber_window_is_configurable() -> None:
    action = SimpleNamespace(status="open", due_date="2026-12-01")
    assert rag(action, TODAY, 14) == "amber"
    assert rag(action, TODAY, 5) == "green"
