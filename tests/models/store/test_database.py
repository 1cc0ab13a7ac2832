"""The Store: pragmas on every way of opening, the app lock, transactions, audit, migrations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.store import add_org, assert_pragmas

from lscp_desktop.models.core.errors import ReadOnlyError, ValidationError
from lscp_desktop.models.membership.organisations import list_organisations, save_organisation
from lscp_desktop.models.store import schema
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.migrations import schema_version
from lscp_desktop.models.store.schema.ddl import Migrations


def test_pragmas_on_a_new_file(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db", daily_backup=False) as store:
        assert_pragmas(store, "wal")
        assert not store.read_only


def test_pragmas_on_reopening_an_existing_file(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db", daily_backup=False).close()
    with Store.open(tmp_path / "a.db", create=False, daily_backup=False) as store:
        assert_pragmas(store, "wal")


def test_second_copy_opens_read_only_and_names_the_holder(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "a.db", daily_backup=False)
    add_org(first, "Council")
    try:
        second = Store.open(tmp_path / "a.db", daily_backup=False)
        try:
            assert second.read_only
            assert second.lock_holder is not None and second.lock_holder.pid == os.getpid()
            assert any("read-only" in w and str(os.getpid()) in w for w in second.warnings)
            assert_pragmas(second, "wal")
            with pytest.raises(ReadOnlyError, match="another copy"):
                add_org(second, "Police")
            assert [o.name for o in list_organisations(second)] == ["Council"]
        finally:
            second.close()
    finally:
        first.close()
    # Once the first copy has closed, the file opens for writing again.
    with Store.open(tmp_path / "a.db", daily_backup=False) as third:
        assert not third.read_only


def test_exception_inside_transaction_saves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        add_org(store, "Council")
        raise RuntimeError("boom")
    assert store.count("organisations") == 0


def test_nested_transaction_rolls_back_only_the_inner_block(store: Store) -> None:
    with store.transaction():
        add_org(store, "Council")
        with pytest.raises(ValidationError), store.transaction():
            add_org(store, "Police")
            add_org(store, "")  # invalid: name missing
    assert [o.name for o in list_organisations(store)] == ["Council"]


def test_every_change_is_audited_with_old_and_new(store: Store) -> None:
    org = add_org(store, "Council")
    save_organisation(
        store, {"name": "Northbridge Council", "kind": "other", "sector": "other"}, org
    )
    entries = store.history("organisations", org)
    renamed = [e for e in entries if e.action == "update" and e.field == "name"]
    assert len(renamed) == 1
    assert (renamed[0].old, renamed[0].new) == ("Council", "Northbridge Council")
    assert renamed[0].user


def test_pending_migration_takes_a_verified_backup_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        add_org(store, "Council")
    extra = Migrations("test_extra")

    @extra()
    def m001_add_table(db: object) -> None:
        db.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")  # type: ignore[attr-defined]

    monkeypatch.setattr(schema, "MIGRATION_SETS", [*schema.MIGRATION_SETS, extra])
    with Store.open(path, daily_backup=False) as store:
        assert store.pragma("user_version") == schema_version()
        assert store.count("extra") == 0
        backups = store.list_backups()
        assert len(backups) == 1 and ".pre-migration." in backups[0].name
    with Store.open(backups[0], read_only=True, daily_backup=False) as old:
        assert old.count("organisations") == 1


def test_a_rehearsal_is_rolled_back_and_writes_no_audit_entries(store: Store) -> None:
    """A dry run's writes behave as real ones inside it, then are all undone; a real write
    after it is audited again."""

    def new(name: str) -> dict[str, str]:
        return {"name": name, "kind": "other", "sector": "other"}

    before = store.count("audit_log")
    with store.rehearsal():
        org_id = store.insert("organisations", new("Rehearsed"))
        store.update("organisations", org_id, {"name": "Rehearsed again"})
        assert store.require("organisations", org_id)["name"] == "Rehearsed again"
        store.delete("organisations", org_id)
        assert store.get("organisations", org_id) is None
        store.insert("organisations", new("Kept?"))
    assert store.count("organisations") == 0 and store.count("audit_log") == before
    with pytest.raises(ValidationError), store.rehearsal():
        store.insert("organisations", new("Undone"))
        raise ValidationError("a row failed")
    assert store.count("organisations") == 0
    store.insert("organisations", new("Real"))
    assert store.count("audit_log") > before


def test_a_bare_savepoint_keeps_or_undoes_its_block(store: Store) -> None:
    with pytest.raises(RuntimeError):
        store.savepoint().__enter__()  # only inside a transaction
    with store.transaction():
        with store.savepoint():
            store.insert("organisations", {"name": "Kept", "kind": "other", "sector": "other"})
        with pytest.raises(ValidationError), store.savepoint():
            store.insert("organisations", {"name": "Undone", "kind": "other", "sector": "other"})
            with store.savepoint():  # nested, the same name: the inner one is released first
                store.insert("organisations", {"name": "Inner", "kind": "other", "sector": "other"})
            raise ValidationError("the row failed")
    assert [o["name"] for o in store.rows("organisations")] == ["Kept"]


def test_inside_a_bare_savepoint_nested_transactions_take_none(store: Store) -> None:
    """A row's own savepoint undoes the whole row, so the store's nested transactions inside
    it (a save's, each audited write's) add no savepoint statements; outside it they do."""
    org = {"kind": "other", "sector": "other"}
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    with store.transaction():
        with store.savepoint(), store.transaction():
            store.insert("organisations", {"name": "Kept", **org})
        inside = [s for s in statements if "SAVEPOINT" in s.upper()]
        with pytest.raises(ValidationError), store.savepoint():
            with store.transaction():
                store.insert("organisations", {"name": "Undone", **org})
            with store.transaction():
                store.insert("organisations", {"name": "Also undone", **org})
                raise ValidationError("the row failed")
        statements.clear()
        with store.transaction():  # after the row's block: a savepoint again
            store.insert("organisations", {"name": "Outside", **org})
        after = [s for s in statements if "SAVEPOINT" in s.upper()]
    store.conn.set_trace_callback(None)
    assert inside == ["SAVEPOINT lscp_row", "RELEASE SAVEPOINT lscp_row"]
    assert after and all("lscp_row" not in s for s in after)
    assert [o["name"] for o in store.rows("organisations")] == ["Kept", "Outside"]
    assert not store._in_row  # the thread left the row's block
