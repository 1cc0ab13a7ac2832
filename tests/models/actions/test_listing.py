"""Loading a whole log: the demo's actions, notes and spread of RAG."""

from __future__ import annotations

from typing import Any

import pytest
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


def test_the_first_actions_of_a_log_are_the_head_of_the_whole(demo_store: Store) -> None:
    """What a log shows while the rest is read (``first``) is exactly its first rows."""
    from lscp_desktop.models.actions.records import OPEN_STATUSES

    for kwargs in ({}, {"statuses": OPEN_STATUSES}, {"body_id": 2}, {"statuses": {"on hold"}}):
        whole = list_actions(demo_store, today=TODAY, **kwargs)  # type: ignore[arg-type]
        for first in (1, 7, len(whole) + 5):
            head = list_actions(demo_store, today=TODAY, first=first, **kwargs)  # type: ignore[arg-type]
            assert head == whole[:first]
    assert list_actions(demo_store, statuses=set(), first=5) == []


def test_action_values_are_the_records_fields(demo_store: Store) -> None:
    """``iter_action_values`` (list --json) gives what the records hold, field by field."""
    from lscp_desktop.models.actions.listing import VALUE_FIELDS, iter_action_values

    for statuses in (None, {"open", "closed"}):
        records = list_actions(demo_store, today=TODAY, statuses=statuses)
        values = list(iter_action_values(demo_store, today=TODAY, statuses=statuses))
        assert [tuple(getattr(a, f) for f in VALUE_FIELDS) for a in records] == values


@pytest.mark.file_only  # SQLite's json_quote (and NUL, which PostgreSQL text cannot hold)
def test_actions_as_json_are_the_records_fields_even_for_hostile_text(
    demo_store: Store, monkeypatch: Any
) -> None:
    """``iter_action_json`` (list --json) writes what ``json`` writes for the records' fields,
    whether SQLite writes the stored fields (its ``json_quote`` checked to match) or ``json``
    does: control characters, quotes, backslashes, line separators, emoji and all."""
    import json

    from lscp_desktop.models.actions import listing
    from lscp_desktop.models.actions.records import RAG_LABELS

    hostile = "".join(map(chr, range(0x20))) + '"\\ \x7f é \u2028\u2029 \ufeff 😀 </script>'
    with demo_store.transaction():
        demo_store.conn.execute(
            "UPDATE actions SET title = ?, detail = ?, completion_note = ? WHERE id IN"
            " (SELECT id FROM actions ORDER BY id LIMIT 3)",
            [hostile, "\\u0041" + hostile[::-1], "\n"],
        )
        # No quote, but what separates the fields (':' after a key, ',' before one) and '\\'.
        demo_store.conn.execute(
            "UPDATE actions SET title = ?, source_note = ? WHERE id IN"
            " (SELECT id FROM actions ORDER BY id DESC LIMIT 3)",
            ["a: b, c: d\\ e", ",:{}[] \\\\ \t ,: :, id: 1,"],
        )
    encode = json.JSONEncoder(default=str, ensure_ascii=False).encode
    assert listing._json_quote_matches(demo_store, encode)  # else this test proves nothing
    expected = [
        encode(dict(zip(listing.VALUE_FIELDS, (*v[:-1], RAG_LABELS[v[-1]]), strict=True)))
        for v in listing.iter_action_values(demo_store, today=TODAY)
    ]
    assert any(hostile[:5] in json.loads(e)["title"] for e in expected)
    made = list(listing.iter_action_json(demo_store, today=TODAY, labels=RAG_LABELS))
    assert made == expected
    monkeypatch.setattr(listing, "_json_quote_matches", lambda *_a: False)
    assert list(listing.iter_action_json(demo_store, today=TODAY, labels=RAG_LABELS)) == expected
    done = {"completed", "closed"}
    assert list(listing.iter_action_json(demo_store, today=TODAY, statuses=done, body_id=1)) == [
        encode(dict(zip(listing.VALUE_FIELDS, v, strict=True)))
        for v in listing.iter_action_values(demo_store, today=TODAY, statuses=done, body_id=1)
    ]


def test_actions_as_json_on_either_engine_are_the_records_fields(demo_store: Store) -> None:
    """On PostgreSQL there is no ``json_quote``: the probe says so (and leaves the connection
    usable) and ``json`` writes every field; on SQLite it writes the same bytes."""
    import json

    from lscp_desktop.models.actions import listing
    from lscp_desktop.models.actions.records import RAG_LABELS

    encode = json.JSONEncoder(default=str, ensure_ascii=False).encode
    expected = [
        encode(dict(zip(listing.VALUE_FIELDS, (*v[:-1], RAG_LABELS[v[-1]]), strict=True)))
        for v in listing.iter_action_values(demo_store, today=TODAY)
    ]
    assert list(listing.iter_action_json(demo_store, today=TODAY, labels=RAG_LABELS)) == expected
    assert demo_store.count("actions") == len(expected)  # the connection still answers
