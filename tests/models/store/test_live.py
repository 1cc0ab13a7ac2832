"""Colleagues' saves seen as they happen (LISTEN/NOTIFY), and an erasure's vacuum, on a team
database (issue 22), on the test session's own PostgreSQL (conftest's ``pg_server``)."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from typing import Any

import pytest

from lscp_desktop.models.store import changes
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import listen_for_changes, open_database
from lscp_desktop.models.store.server import ServerStore


@pytest.fixture
def team_url(pg_server: Any, _pg_template: str) -> Iterator[str]:
    name = pg_server.new_database(_pg_template)
    yield pg_server.url(name)
    pg_server.drop(name)


def test_a_second_sessions_listener_sees_a_write(team_url: str) -> None:
    seen: queue.Queue[changes.Change] = queue.Queue()
    with open_database(team_url) as mine, open_database(team_url) as colleague:
        listener = listen_for_changes(mine, seen.put)
        try:
            mine.insert("organisations", {"name": "Own save", "kind": "LA", "sector": "LA"})
            colleague.insert("organisations", {"name": "Their save", "kind": "LA",
                                               "sector": "LA"})  # fmt: skip
            # Delivered as soon as the colleague commits (the listener waits on its socket);
            # the generous timeout only keeps a loaded test machine from failing the test.
            change = seen.get(timeout=10)
        finally:
            listener.close()
    assert "organisations" in change.tables and "audit_log" in change.tables
    assert isinstance(colleague, ServerStore)
    assert change.session == colleague.session  # ours was left out
    assert seen.empty()
    assert not listener.running


def test_a_rolled_back_write_is_not_sent(team_url: str) -> None:
    seen: queue.Queue[changes.Change] = queue.Queue()
    with open_database(team_url) as mine, open_database(team_url) as colleague:
        listener = listen_for_changes(mine, seen.put)
        try:
            with pytest.raises(RuntimeError), colleague.transaction():
                colleague.insert("organisations", {"name": "Gone", "kind": "LA", "sector": "LA"})
                raise RuntimeError("changed my mind")
            colleague.set_setting("theme", "dark")
            change = seen.get(timeout=10)
        finally:
            listener.close()
    assert change.tables == {"settings", "audit_log"}


def test_a_file_has_no_listener(tmp_path: Any) -> None:
    with Store.open(tmp_path / "x.db", daily_backup=False) as s:
        assert listen_for_changes(s, print) is None


def test_a_long_list_of_tables_is_sent_as_everything() -> None:
    text = changes.payload([f"table_{i:04}" for i in range(1000)], 42, "s")
    assert changes.parse(text) == changes.Change(frozenset({"*"}), 42, "s")
    assert changes.parse("not ours") is None


def test_erasure_on_a_server_vacuums_the_tables_it_touched(team_url: str) -> None:
    from lscp_desktop.models.privacy.erasure import erase_person

    with open_database(team_url) as s:
        org = s.insert("organisations", {"name": "Northshire Council", "kind": "LA",
                                         "sector": "LA"})  # fmt: skip
        person = s.insert("people", {"name": "Pat Example", "organisation_id": org,
                                     "email": "pat@example.org"})  # fmt: skip
        s.compact()  # what was written before the erasure
        raw: Any = s.conn

        def files() -> dict[str, int]:  # VACUUM FULL writes each table to a new file
            rows = raw.raw.execute(
                "SELECT relname, pg_relation_filenode(relid) FROM pg_stat_user_tables"
            ).fetchall()
            return {str(r[0]): int(r[1]) for r in rows}

        before = files()
        erase_person(s, person, "Asked to be forgotten")
        after = files()
        vacuumed: Any = getattr(s, "vacuumed", ())
    assert {"people", "audit_log", "erasures"} <= set(vacuumed)
    assert "organisations" not in vacuumed
    assert {t for t in before if before[t] != after[t]} == set(vacuumed)


def test_a_callback_that_fails_stops_the_listener_not_the_program(team_url: str) -> None:
    def gone(_change: changes.Change) -> None:
        raise RuntimeError("the window has been closed")

    with open_database(team_url) as mine, open_database(team_url) as colleague:
        listener = listen_for_changes(mine, gone)
        colleague.set_setting("theme", "dark")
        listener._thread.join(timeout=10)
        assert not listener.running
        listener.close()
