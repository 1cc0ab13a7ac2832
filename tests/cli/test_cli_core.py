"""The command line: each core command, and user mistakes as one line with a non-zero exit."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lscp_desktop.cli import main
from lscp_desktop.models.store.database import Store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_then_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    code, out, _ = run(capsys, "init", db, "--name", "Lambeth LSCP", "--authority", "Lambeth")
    assert code == 0 and "Created" in out
    code, out, _ = run(capsys, "list", "organisations", db, "--json")
    assert code == 0 and json.loads(out) == []
    with Store.open(db, daily_backup=False) as store:
        assert store.get("partnership", 1)["name"] == "Lambeth LSCP"  # type: ignore[index]


def test_demo_check_and_list_people_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.db"
    code, out, _ = run(capsys, "demo", db, "--seed", "3")
    assert code == 0 and "people" in out
    assert run(capsys, "check", db)[0] == 0
    code, out, _ = run(capsys, "list", "people", db, "--json")
    people = json.loads(out)
    assert code == 0 and len(people) == 70
    assert {"name", "organisation", "email", "job_title"} <= set(people[0])
    code, out, _ = run(capsys, "list", "memberships", db)
    assert code == 0 and "Deputy for" in out.splitlines()[0]


def test_demo_is_deterministic_for_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "demo", tmp_path / "a.db", "--seed", "5")
    run(capsys, "demo", tmp_path / "b.db", "--seed", "5")
    run(capsys, "demo", tmp_path / "c.db", "--seed", "6")
    _, a, _ = run(capsys, "list", "people", tmp_path / "a.db", "--json")
    _, b, _ = run(capsys, "list", "people", tmp_path / "b.db", "--json")
    _, c, _ = run(capsys, "list", "people", tmp_path / "c.db", "--json")
    assert a == b and a != c


def test_demo_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    run(capsys, "demo", db)
    code, _, err = run(capsys, "demo", db)
    assert code == 1 and "already exists" in err and "Traceback" not in err


def test_check_reports_problems_with_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.db"
    run(capsys, "init", db, "--name", "P")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO people (name, organisation_id) VALUES ('Orphan', 999)")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "check", db)
    assert code == 1 and "foreign key" in err


def test_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    run(capsys, "init", db, "--name", "Before")
    code, out, _ = run(capsys, "backup", db, "--to", tmp_path / "bk")
    assert code == 0 and "verified" in out
    backup = next((tmp_path / "bk").glob("p.*.db"))
    with Store.open(db, daily_backup=False) as store:
        store.update("partnership", 1, {"name": "After"})
    code, out, _ = run(capsys, "restore", backup, db)
    assert code == 0 and "previous file was kept" in out
    with Store.open(db, daily_backup=False) as store:
        assert store.get("partnership", 1)["name"] == "Before"  # type: ignore[index]


def test_backup_as_a_named_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``backup --as`` is the window's File › Save a copy…: a verified copy under a name."""
    db = tmp_path / "p.db"
    run(capsys, "init", db, "--name", "Eastmere")
    code, out, _ = run(capsys, "backup", db, "--as", tmp_path / "Eastmere copy.db")
    assert code == 0 and "Saved a copy as" in out
    with Store.open(tmp_path / "Eastmere copy.db", daily_backup=False) as copy:
        assert copy.get("partnership", 1)["name"] == "Eastmere"  # type: ignore[index]
    code, _, err = run(capsys, "backup", db, "--as", db)
    assert code == 1 and "the database itself" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "{tmp}/missing.db"], "There is no database"),
        (["list", "people", "{tmp}/notes.txt"], "not an SQLite file"),
        (["restore", "{tmp}/missing.db", "{tmp}/p.db"], "no backup file"),
    ],
)
def test_user_mistakes_are_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a database")
    code, _, err = run(capsys, *[a.format(tmp=tmp_path) for a in args])
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_console_script_entry_point(tmp_path: Path) -> None:
    """`python -m lscp_desktop` behaves like the installed console script."""
    result = subprocess.run(
        [sys.executable, "-m", "lscp_desktop", "check", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("lscp-desktop: There is no database")


def test_output_piped_into_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """`lscp-desktop list people DB | head -1` must not print 'Broken pipe' or a traceback."""
    db = tmp_path / "d.db"
    assert (
        main(["demo", str(db), "--size", "large"]) == 0
    )  # ~100 KB of JSON: more than a pipe holds
    with subprocess.Popen(  # closes the pipes on the way out
        [sys.executable, "-m", "lscp_desktop", "list", "people", str(db), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(10).startswith(b"[")
        proc.stdout.close()  # the reader goes away before the writer has finished
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0
    assert err == ""


def test_demo_email_addresses_look_like_real_domains(store: Store) -> None:
    from lscp_desktop.models.demo.generate import build_demo
    from lscp_desktop.models.membership.people import list_people

    build_demo(store, size="large", seed=2)
    domains = {p.email.split("@")[1] for p in list_people(store)}
    assert not [d for d in domains if d.split(".")[0].isdigit()]
    assert any(d.endswith("-academy.example.org.uk") for d in domains)


def test_check_opens_read_only_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` on a file in the rollback-journal mode: no lock file, no journal switch, no
    byte of the file changed, and the window can still open it for writing meanwhile."""
    import hashlib

    db = tmp_path / "p.db"
    assert main(["init", str(db), "--name", "Lambeth LSCP"]) == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    (tmp_path / "p.db.lock").unlink()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    files = sorted(tmp_path.rglob("*"))
    capsys.readouterr()
    assert run(capsys, "check", db)[0] == 0
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(tmp_path.rglob("*")) == files  # no lock file, no -wal, no backup
