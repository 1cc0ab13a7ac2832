"""Working together safely (issue 22): every record's version, a save over a colleague's change
refused with what changed, references that stay unique when two people raise actions at once,
an undo over a colleague's change refused, cascaded deletes audited. Each test runs on an
SQLite file and on a PostgreSQL database, with two sessions (two stores) on the same data."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from helpers.action_log import TODAY, add, make_log

from lscp_desktop.models.actions import saving
from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.core.errors import ConflictError
from lscp_desktop.models.core.undo import UndoConflict, revert_record
from lscp_desktop.models.store.connection import release_thread_connections
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database
from lscp_desktop.models.store.versions import OpenedRecord


def open_again(store: Store) -> Store:
    """A colleague's session on the same database (an SQLite file shared without the app lock,
    as two programs would; the same server database)."""
    address = getattr(store, "address", None)
    if address is not None:
        return open_database(address.url)
    return Store.open(store.path, daily_backup=False, exclusive=False)


@pytest.fixture
def colleague(store: Store) -> Iterator[Store]:
    other = open_again(store)
    yield other
    other.close()


def action_values(store: Store, action_id: int) -> dict[str, Any]:
    return dict(store.require("actions", action_id))


def test_every_change_adds_one_to_the_record_version(store: Store) -> None:
    ids = make_log(store)
    action = add(store, ids)
    assert store.require("actions", action)["row_version"] == 1
    store.update("actions", action, {"title": "Do another thing"})
    store.update("actions", action, {"title": "Do another thing"})  # nothing changed
    assert store.require("actions", action)["row_version"] == 2
    store.update("actions", action, {"title": "Third", "row_version": 99})  # the store's own
    assert store.require("actions", action)["row_version"] == 3


def test_a_save_over_a_colleagues_change_is_refused_naming_it(
    store: Store, colleague: Store
) -> None:
    ids = make_log(store)
    action_id = add(store, ids, title="Audit neglect cases")
    reference = store.require("actions", action_id)["reference"]
    mine = OpenedRecord.open(store, "actions", action_id)
    theirs = OpenedRecord.open(colleague, "actions", action_id)
    assert mine is not None and theirs is not None
    opened_values = action_values(store, action_id)

    with theirs.saving():  # the colleague saves first: a later due date
        save_action(colleague, {**opened_values, "due_date": "2027-01-31"}, action_id, on=TODAY)
    with pytest.raises(ConflictError) as refused, mine.saving():
        save_action(store, {**opened_values, "title": "Audit all neglect cases"}, action_id,
                    on=TODAY)  # fmt: skip
    message = str(refused.value)
    assert message.startswith(f"The action {reference} was changed by ")
    assert "since you opened it, so your changes were not saved." in message
    assert "Due date: theirs 31/01/2027, yours 31/12/2026" in message
    row = store.require("actions", action_id)
    assert (row["title"], row["due_date"], row["row_version"]) == (
        "Audit neglect cases", "2027-01-31", 2
    )  # fmt: skip

    # Overwrite with mine: saved again at the version now.
    mine.overwrite(refused.value)
    with mine.saving():
        save_action(store, {**opened_values, "title": "Audit all neglect cases"}, action_id,
                    on=TODAY)  # fmt: skip
    row = store.require("actions", action_id)
    assert (row["title"], row["due_date"]) == ("Audit all neglect cases", "2026-12-31")
    assert mine.version == row["row_version"] == 3


def test_keeping_theirs_reads_the_record_again(store: Store, colleague: Store) -> None:
    ids = make_log(store)
    action_id = add(store, ids)
    mine = OpenedRecord.open(store, "actions", action_id)
    assert mine is not None
    colleague.update("actions", action_id, {"detail": "Their detail"})
    row = mine.take_theirs()
    assert row["detail"] == "Their detail" and mine.version == 2 and mine.reloaded
    with mine.saving():
        store.update("actions", action_id, {"title": "Mine, after theirs"})
    assert store.require("actions", action_id)["row_version"] == 3


def test_two_sessions_raising_actions_on_one_body_at_once_get_distinct_references(
    store: Store, colleague: Store
) -> None:
    ids = make_log(store)
    references: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def raise_actions(session: Store, who: str) -> None:
        try:
            start.wait()
            for n in range(8):
                new = add(session, ids, title=f"{who} action {n}")
                references.append(str(session.require("actions", new)["reference"]))
        except BaseException as exc:  # reported below, on the test's thread
            failures.append(exc)
        finally:
            release_thread_connections()

    threads = [threading.Thread(target=raise_actions, args=(s, w))
               for s, w in ((store, "Mine"), (colleague, "Theirs"))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert len(references) == len(set(references)) == 16
    assert sorted(references) == [f"EXEC-{n:04d}" for n in range(1, 17)]


def test_a_reference_taken_meanwhile_is_retried_with_the_next(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_log(store)
    first = add(store, ids)
    real = saving.next_number
    stale = iter([1])  # a colleague's action took number 1 after it was read

    def next_number(s: Store, body_id: int) -> int:
        return next(stale, None) or real(s, body_id)

    monkeypatch.setattr(saving, "next_number", next_number)
    second = add(store, ids)
    refs = [store.require("actions", i)["reference"] for i in (first, second)]
    assert refs == ["EXEC-0001", "EXEC-0002"]
    assert len(list_actions(store)) == 2


def test_an_undo_over_a_colleagues_later_edit_is_refused(store: Store, colleague: Store) -> None:
    ids = make_log(store)
    action_id = add(store, ids, title="Before")
    store.update("actions", action_id, {"title": "Mine"})
    version_after_mine = store.require("actions", action_id)["row_version"]
    colleague.update("actions", action_id, {"detail": "A colleague's note"})

    with pytest.raises(UndoConflict) as refused:
        revert_record(store, "actions", action_id, {"title": "Before"}, version=version_after_mine)
    reference = store.require("actions", action_id)["reference"]
    assert str(refused.value).startswith(f"Cannot undo: The action {reference} was changed by ")
    assert "since" in str(refused.value)
    assert store.require("actions", action_id)["title"] == "Mine"
    # With no colleague's change in between, the same undo goes through.
    now = store.require("actions", action_id)["row_version"]
    revert_record(store, "actions", action_id, {"title": "Before"}, version=now)
    assert store.require("actions", action_id)["title"] == "Before"


def test_rows_a_delete_cascades_to_are_each_audited(store: Store) -> None:
    ids = make_log(store)
    with store.transaction():
        theme = store.insert(
            "quarterly_themes", {"quarter_start": "2026-04-01", "title": "Neglect"}
        )
        links = [store.insert("quarterly_theme_bodies", {"theme_id": theme, "body_id": b})
                 for b in (ids["exec"], ids["sub"])]  # fmt: skip
    store.delete("quarterly_themes", theme)
    assert store.count("quarterly_theme_bodies") == 0
    for link in links:
        entries = store.history("quarterly_theme_bodies", link)
        assert [e.action for e in entries][-1] == "delete (cascade)"
        assert f'"theme_id": {theme}' in (entries[-1].old or "")
    assert store.history("quarterly_themes", theme)[-1].action == "delete"


def test_an_import_locks_only_what_it_writes(store: Store, colleague: Store, engine: str) -> None:
    """An import's transaction (exclusive=False) holds no lock on the whole team database: a
    colleague saves another record while it is still open. (A file is locked whole by any
    writer: there the colleague's save waits, so it is made after the import's.)"""
    ids = make_log(store)
    action_id = add(store, ids)
    with store.transaction(exclusive=False):
        store.update("people", ids["ann"], {"job_title": "Imported title"})
        if engine == "postgresql":
            colleague.update("actions", action_id, {"title": "Saved during the import"})
            assert colleague.require("actions", action_id)["title"] == "Saved during the import"
    assert store.require("people", ids["ann"])["job_title"] == "Imported title"
