"""Loading a whole log: the demo's actions, notes and spread of RAG."""

from __future__ import annotations

from helpers.action_log import TODAY

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.actions.records import (
    DONE_STATUSES,
    RAGS,
)
from lscp_desktop.models.store.database import Store


def test_demo_has_actions_notes_and_a_spread_of_rag(demo_store: Store) -> None:
    actions = list_actions(demo_store, today=TODAY)
    assert len(actions) > 200
    assert {a.rag for a in actions} == set(RAGS)
    assert all(a.due_date >= a.raised_date for a in actions)
    assert all(a.completion_note for a in actions if a.status in DONE_STATUSES)
    assert demo_store.check() == []
