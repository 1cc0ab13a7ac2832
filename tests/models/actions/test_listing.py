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


def test_the_log_query_gives_the_record_fields_in_order(store: Store) -> None:
    """Actions are built from the query's rows by position (no dict per row): its columns are
    the record's fields, in order, up to the next meeting the listing adds."""
    import dataclasses

    from lscp_desktop.models.actions import queries
    from lscp_desktop.models.actions.records import Action

    columns = [d[0] for d in store.conn.execute(queries._ACTION + " LIMIT 0").description]
    fields = [f.name for f in dataclasses.fields(Action)]
    assert columns == fields[: fields.index("next_meeting")]
