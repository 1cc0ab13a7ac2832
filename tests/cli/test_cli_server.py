"""The command line on a team database (issue 22): every database argument takes a
``postgresql://`` address; ``server init``, ``server add-user`` and ``move-to-server``; file-only
commands say so; the opening messages, each without a traceback."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from lscp_desktop.cli import main
from lscp_desktop.models.store import roles


def run(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def fails(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code = main([str(a) for a in args])
    _out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err, err
    return err.replace("\n", " ")


@pytest.fixture
def empty(pg_server: Any) -> Iterator[str]:
    """A new, empty database (as IT creates it), dropped with its roles afterwards."""
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop(name)
    for role in ("rae", "oli", *roles.ROLES):
        pg_server.admin(f"DROP ROLE IF EXISTS {name}_{role}")


def as_user(url: str, user: str) -> str:
    name = re.search(r"/(\w+)\?", url)
    assert name
    return url.replace("user=postgres", f"user={name.group(1)}_{user}")


def test_setting_up_a_team_and_working_on_it(
    empty: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(capsys, "server", "init", empty)
    assert "_manager" in out and "_officer" in out and "_reader" in out
    name = re.search(r"/(\w+)\?", empty)
    assert name
    monkeypatch.setenv("LSCP_NEW_USER_PASSWORD", "a long passphrase")
    out = run(capsys, "server", "add-user", empty, f"{name.group(1)}_oli", "--role", "officer")
    assert "may now sign in" in out and "officer" in out
    run(capsys, "server", "add-user", empty, f"{name.group(1)}_rae", "--role", "reader")
    officer, reader = as_user(empty, "oli"), as_user(empty, "rae")

    run(capsys, "body", "add", officer, "--code", "EXEC", "--name", "Executive", "--kind",
        "executive")  # fmt: skip
    bodies = json.loads(run(capsys, "list", "bodies", reader, "--json"))
    assert [b["code"] for b in bodies] == ["EXEC"]
    err = fails(capsys, "body", "add", reader, "--code", "SUB", "--name", "Sub", "--kind",
                "subgroup")  # fmt: skip
    assert "you can read this team database but not change it" in err
    assert "Nothing was saved" in err
    assert "OK (schema version checked" in run(capsys, "check", officer)
    # Commands that are for a file say so, and what to do instead.
    assert "is for a database file" in fails(capsys, "backup", officer)
    assert "pg_dump" in fails(capsys, "restore", "x.db", officer)
    assert "move-to-server" in fails(capsys, "init", officer, "--name", "X")
    assert "is for a database file" in fails(capsys, "demo", officer)


def test_the_opening_messages(
    pg_server: Any, empty: str, capsys: pytest.CaptureFixture[str], _pg_template: str
) -> None:
    assert "There is no database nowhere" in fails(
        capsys, "list", "bodies", pg_server.url("nowhere")
    )
    assert "could not be reached" in fails(
        capsys, "list", "bodies", "postgresql://postgres@127.0.0.1:1/lscp"
    )
    assert "has not been set up for LSCP Desktop yet" in fails(capsys, "list", "bodies", empty)
    newer = pg_server.new_database(_pg_template)
    try:
        with psycopg.connect(pg_server.url(newer), autocommit=True) as conn:
            conn.execute("INSERT INTO lscp_migrations VALUES ('core', 'm999_future', 'now')")
        assert "set up by a newer version" in fails(capsys, "list", "bodies", pg_server.url(newer))
    finally:
        pg_server.drop(newer)


def test_a_wrong_password(pg_server: Any, empty: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "server", "init", empty)
    pg_server.admin("DROP ROLE IF EXISTS cli_pw")
    pg_server.admin("CREATE ROLE cli_pw LOGIN PASSWORD 'right'")
    conf = pg_server.data / "pg_hba.conf"
    conf.write_text("local all cli_pw scram-sha-256\n" + conf.read_text())
    pg_server.admin("SELECT pg_reload_conf()")
    try:
        url = empty.replace("user=postgres", "user=cli_pw&password=wrong")
        err = fails(capsys, "list", "bodies", url)
        assert "refused the user name or password" in err and "wrong" not in err
    finally:
        conf.write_text(conf.read_text().split("\n", 1)[1])
        pg_server.admin("SELECT pg_reload_conf()")
        pg_server.admin("DROP ROLE IF EXISTS cli_pw")


def test_move_to_server_prints_the_proof_and_leaves_the_file(
    empty: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, _demo_template: Path
) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    err = fails(capsys, "move-to-server", empty, empty)
    assert "There is no database file" in err
    out = run(capsys, "move-to-server", path, empty)
    assert re.search(r"^contributions\s+\d+\s+\d+\s+\w{8} same\s+agreed_pence £", out, re.M)
    assert "every count, checksum and money total the same" in out
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    people = json.loads(run(capsys, "list", "people", empty, "--json"))
    assert len(people) > 10
    assert "already holds records" in fails(capsys, "move-to-server", path, empty)
