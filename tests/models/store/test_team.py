"""A team database's roles, the audit log's user and moving a file to a server (issue 22),
on the test session's own PostgreSQL (conftest's ``pg_server``)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.models.core.errors import ReadOnlyError, StoreError, ValidationError
from lscp_desktop.models.store import moving, roles
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database


def as_user(url: str, user: str) -> str:
    return url.replace("user=postgres", f"user={user}")


@pytest.fixture
def team(pg_server: Any, _pg_template: str) -> Iterator[str]:
    """A migrated database with its roles, a manager, an officer and a reader (the test
    server trusts local sign-ins, so the passwords are set but not asked for)."""
    name = pg_server.new_database(_pg_template)
    url = pg_server.url(name)
    with open_database(url) as admin:
        setup = roles.init_server(admin)
        assert setup.roles["reader"] == f"{name}_reader"
        for user, role in (("mo", "manager"), ("oli", "officer"), ("rae", "reader")):
            roles.add_user(admin, f"{name}_{user}", role, "secret")
        org = admin.insert("organisations", {"name": "Northshire Council", "kind": "LA",
                                             "sector": "LA"})  # fmt: skip
        person = admin.insert("people", {"name": "Ann Chair", "organisation_id": org,
                                         "phone": "07700 900123", "notes": "private"})  # fmt: skip
        admin.update("people", person, {"phone": "07700 900999"})
        admin.insert("reviews", {"reference": "R-1", "kind": "rapid review",
                                 "notes": "a note on the review"})  # fmt: skip
    yield url
    pg_server.drop(name)
    for user in ("mo", "oli", "rae"):
        pg_server.admin(f"DROP ROLE IF EXISTS {name}_{user}")
    for role in roles.ROLES:
        pg_server.admin(f"DROP ROLE IF EXISTS {name}_{role}")


def user_url(url: str, who: str) -> str:
    database = re.search(r"/(\w+)\?", url)
    assert database
    return as_user(url, f"{database.group(1)}_{who}")


def test_the_finance_tables_are_the_finance_schemas_tables() -> None:
    source = (Path(roles.__file__).parent / "schema" / "finance.py").read_text()
    assert set(re.findall(r"CREATE TABLE (\w+)", source)) == set(roles.FINANCE_TABLES)


def test_the_audit_log_names_the_signed_in_user_and_history_shows_it(team: str) -> None:
    with open_database(user_url(team, "oli")) as officer:
        assert officer.user.endswith("_oli")
        org = officer.insert("organisations", {"name": "Northshire Police", "kind": "police",
                                               "sector": "Police"})  # fmt: skip
        entries = officer.history("organisations", org)
    assert entries[-1].user.endswith("_oli")
    assert entries[-1].who.startswith(entries[-1].user)


def test_an_officer_changes_records_but_not_finance_or_settings(team: str) -> None:
    with open_database(user_url(team, "oli")) as officer:
        assert not officer.read_only
        officer.insert("priorities", {"name": "Neglect"})
        with pytest.raises(ReadOnlyError, match="not allowed to do this \\(finance years\\)"):
            officer.insert("finance_years", {"start_year": 2026})
        with pytest.raises(ReadOnlyError, match="not allowed to do this \\(settings\\)"):
            officer.set_setting("colour", "blue")
        assert officer.count("finance_years") == 0
    with open_database(user_url(team, "mo")) as manager:
        manager.insert("finance_years", {"start_year": 2026})
        manager.set_setting("colour", "blue")


def test_a_reader_reads_without_private_details_and_is_refused_a_write(team: str) -> None:
    with open_database(user_url(team, "rae")) as reader:
        assert reader.read_only
        assert "can read this team database but not change it" in reader.read_only_reason
        person = reader.query("SELECT * FROM people")[0]
        assert (person["name"], person["phone"], person["notes"]) == ("Ann Chair", "", "")
        assert reader.query("SELECT notes FROM reviews") == [{"notes": ""}]
        history = reader.history("people", person["id"])
        phones = [(e.old, e.new) for e in history if e.field == "phone"]
        assert phones and all(v is None for pair in phones for v in pair)
        assert any(e.field == "name" and e.new == "Ann Chair" for e in history)
        with pytest.raises(ReadOnlyError, match="can read this team database but not change"):
            reader.insert("priorities", {"name": "Neglect"})
        # The tables themselves: the hidden columns are not granted at all.
        raw: Any = reader.conn
        with pytest.raises(Exception, match="permission denied"):
            raw.raw.execute("SELECT phone FROM public.people")
        raw.raw.execute("ROLLBACK") if raw.in_transaction else None
        with pytest.raises(Exception, match="permission denied"):
            raw.raw.execute("UPDATE public.organisations SET notes = 'x'")


def test_roles_need_an_administrator_and_init_may_run_again(team: str) -> None:
    with open_database(user_url(team, "mo")) as manager:
        with pytest.raises(StoreError, match="may not create roles"):
            roles.init_server(manager)
        with pytest.raises(StoreError, match="may not create roles"):
            roles.add_user(manager, "someone", "reader", "pw")
    with open_database(team) as admin:
        roles.init_server(admin)  # again: nothing lost
        with pytest.raises(ValidationError, match="user name here"):
            roles.add_user(admin, "Robert'); DROP", "reader", "pw")
    with open_database(user_url(team, "rae")) as reader:
        assert reader.query("SELECT phone FROM people") == [{"phone": ""}]


def test_an_upgrade_opened_by_the_administrator_grants_the_roles_what_it_added(
    team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later version adds a table and a column to a table the reader sees through a view:
    opening it with the administrator's account migrates, and the roles follow."""
    from lscp_desktop.models.store import schema
    from lscp_desktop.models.store.schema.ddl import Migrations

    later = Migrations("later_version")

    @later(name="0001_add_a_column_and_a_table")
    def _add(db: Any) -> None:
        db.execute("ALTER TABLE people ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")
        db.execute("CREATE TABLE venues (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")

    monkeypatch.setattr(schema, "MIGRATION_SETS", [*schema.MIGRATION_SETS, later])
    with pytest.raises(StoreError, match=r"this account may not do\. Ask IT to run"):
        open_database(user_url(team, "mo"))  # not the tables' owner: nothing changed
    with open_database(team) as admin:
        assert admin.warnings == []
    with open_database(user_url(team, "rae")) as reader:
        assert reader.query("SELECT pronouns, phone FROM people") == [{"pronouns": "", "phone": ""}]
        assert reader.query("SELECT count(*) AS n FROM venues") == [{"n": 0}]
    with open_database(user_url(team, "oli")) as officer:
        officer.insert("venues", {"name": "Town Hall"})


# --------------------------------------------------------------------------- moving


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_move_to_server_proves_the_large_demo_and_leaves_the_file_untouched(
    pg_server: Any, large_demo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "partnership"
    folder.mkdir()
    path = folder / "large.db"
    shutil.copy(large_demo, path)
    before = sha(path)
    name = pg_server.new_database()
    try:
        with (
            Store.open(path, read_only=True, create=False, daily_backup=False) as source,
            open_database(pg_server.url(name)) as server,
        ):
            proof = moving.move(source, server)
            counts = {t: source.count(t) for t in ("actions", "audit_log", "spend_entries")}
        assert proof.same
        assert {t.table for t in proof.tables} >= {"actions", "contributions", "audit_log"}
        by_table = {t.table: t for t in proof.tables}
        for table, n in counts.items():
            assert by_table[table].rows_server == n > 0
        money = {(t.table, c): (a, b) for t in proof.tables for c, a, b in t.money}
        assert money[("contributions", "agreed_pence")][0] > 0
        assert all(a == b for a, b in money.values())
        assert any("spend_entries" in line for line in proof.lines())
        assert sha(path) == before
        # Nothing else written: SQLite's read-only reader may leave its shared-memory index
        # and an empty write-ahead log beside the file, never a page of data.
        others = {p.name: p.stat().st_size for p in folder.iterdir() if p.name != "large.db"}
        assert set(others) <= {"large.db-wal", "large.db-shm"}
        assert others.get("large.db-wal", 0) == 0
        with open_database(pg_server.url(name)) as server:
            # The planner has statistics for what was copied (ANALYZE), not its guesses.
            planned = server.query("SELECT reltuples FROM pg_class WHERE relname = 'actions'")
            assert planned[0]["reltuples"] == counts["actions"]
            # The sequences were moved past the copied ids.
            new = server.insert("priorities", {"name": "A new one after the move"})
            assert new > max(r["id"] for r in server.query("SELECT id FROM priorities") if
                             r["id"] != new)  # fmt: skip
            # A second move is refused: the database is no longer empty.
            with (
                Store.open(path, read_only=True, create=False, daily_backup=False) as source,
                pytest.raises(StoreError, match="already holds records"),
            ):
                moving.move(source, server)
    finally:
        pg_server.drop(name)


def test_a_copy_that_differs_is_not_kept(pg_server: Any, demo_store: Store,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    name = pg_server.new_database()
    real = moving.prove

    def corrupted(*args: Any) -> moving.Proof:
        proof = real(*args)
        proof.tables[0] = dataclasses.replace(proof.tables[0], checksum_server="0" * 64)
        return proof

    monkeypatch.setattr(moving, "prove", corrupted)
    try:
        with open_database(pg_server.url(name)) as server:
            with pytest.raises(StoreError, match="differs from the file, so it was not kept"):
                moving.move(demo_store, server)
            assert server.count("organisations") == 0
            moving.check_empty(server)
    finally:
        pg_server.drop(name)
