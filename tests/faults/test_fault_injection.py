"""Fault injection: the faults a business manager's laptop meets, each ending in a clear message
and an intact database. Writers killed with SIGKILL (rows committed against rows present),
backups and exports killed part-way (their temporary files swept on the next run), a full disk,
a read-only file and a read-only folder for an ordinary user, an index-damaged file, two
command-line writers at once, and every parser fed anything at all.

Marked ``slow`` (`make test`, and so CI, runs it; about two minutes on two cores). As root (CI)
the permission trials drop to 'nobody' in a forked child and the disk is a small tmpfs; they
fail rather than skip when that cannot be done.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers.cli import run_cli
from helpers.faults import (
    as_ordinary_user,
    crash_after,
    damage_index,
    full_disk,
    give_to_everyone,
    killed,
    once,
    shared_folder,
)
from helpers.papers import options_for
from helpers.store import add_org, digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lscp_desktop.cli import main
from lscp_desktop.exports.registry import find_kind
from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.dates import EARLIEST, LATEST, FinancialYear, parse_date
from lscp_desktop.models.core.errors import DamagedDatabaseError, LscpError
from lscp_desktop.models.core.money import MAX_PENCE, parse_money
from lscp_desktop.models.finance.fields import parse_amount
from lscp_desktop.models.finance.rollover import apply_uplift, parse_uplift
from lscp_desktop.models.imports.engine import parse_cell
from lscp_desktop.models.imports.registry import KIND_MODULES, import_kind
from lscp_desktop.models.imports.values import (
    parse_import_date,
    parse_import_money,
    parse_import_time,
    parse_rag,
    parse_status,
    parse_yes_no,
)
from lscp_desktop.models.meetings.cadence import parse_standing_items, parse_time
from lscp_desktop.models.store.backups import verify_backup
from lscp_desktop.models.store.database import Store

pytestmark = pytest.mark.slow

WRITER = Path(__file__).parents[1] / "helpers" / "writer.py"


def ours(folder: Path) -> list[str]:
    """The app's temporary files left in *folder*."""
    return sorted(p.name for p in folder.iterdir() if tempfiles.final_name(p))


def writing_in(folder: Path) -> Callable[[], bool]:
    """Whether a temporary file the app is writing has appeared in *folder* since now."""
    before = set(ours(folder))
    return lambda: bool(set(ours(folder)) - before)


# --------------------------------------------------------------------------- killed writers


def test_killed_writers_lose_no_committed_row(tmp_path: Path) -> None:
    """30 writers SIGKILLed at random moments: every row reported committed is there, at most
    the one in flight is there unreported, and the file is intact every time."""
    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    rng = random.Random(19)
    committed: set[int] = set()
    for trial in range(30):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(trial * 10_000), "5000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        # Killed after a random number of commits (not a time, which a loaded machine
        # stretches), then a random moment later, mid-write or between writes.
        wanted, seen = rng.randint(5, 25), 0
        while seen < wanted:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("committed"):
                committed.add(int(line.split()[1]))
                seen += 1
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        committed.update(int(x.split()[1]) for x in rest.splitlines() if x.startswith("committed"))
        with Store.open(path, daily_backup=False) as store:
            assert store.check() == [], f"trial {trial}"
            present = {
                int(r["name"].split()[1]) for r in store.query("SELECT name FROM organisations")
            }
        assert committed <= present, f"trial {trial}: lost {sorted(committed - present)[:5]}"
        assert len(present - committed) <= trial + 1  # at most one unreported commit a trial
    print(f"\n{len(committed)} rows reported committed, {len(present)} present")
    assert len(committed) >= 30 * 5  # every trial wrote before it was killed


# --------------------------------------------------------------------------- killed mid-file


def test_backups_killed_part_way_leave_nothing_after_the_next_start(
    large_demo: Path, tmp_path: Path
) -> None:
    path = tmp_path / "p.db"
    shutil.copy(large_demo, path)
    folder = path.with_name("p-backups")
    folder.mkdir()
    (folder / "notes.txt.tmp").write_text("not ours")

    def back_up_for_ever() -> None:
        with Store.open(path, read_only=True, daily_backup=False) as store:
            while True:
                store.backup()

    rng = random.Random(6)
    left = 0
    for _ in range(12):
        # Killed at a random moment once a new backup is being written (on a busy machine,
        # opening the file alone can outlast a sleep counted from the start).
        killed(back_up_for_ever, once(writing_in(folder), then=rng.uniform(0.0, 0.5)))
        left = max(left, len(ours(folder)))
    assert left, "no kill fell while a backup was being written"
    with Store.open(path, daily_backup=False) as store:  # the next start
        assert store.check() == []
    assert ours(folder) == [] and (folder / "notes.txt.tmp").read_text() == "not ours"
    for backup in folder.glob("*.db"):
        verify_backup(backup)  # every backup that has its final name is whole and checked


def test_exports_killed_part_way_leave_nothing_after_the_next_export(
    large_demo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "papers"
    out.mkdir()
    (out / ".minutes-abcd1234.docx").write_text("the user's own hidden file")

    def export_for_ever() -> None:
        with Store.open(large_demo, read_only=True, daily_backup=False) as store:
            kind = find_kind("actions")
            for n in range(100):
                kind.run(store, options_for(store, "actions"), out / f"a{n}.xlsx", lambda *_: 0)

    rng = random.Random(7)
    seen = 0
    for _ in range(10):
        killed(export_for_ever, once(writing_in(out), then=rng.uniform(0.0, 0.5)))
        seen = max(seen, len(ours(out)))
    assert seen, "no kill fell while an export was being written"
    with Store.open(large_demo, read_only=True, daily_backup=False) as store:
        find_kind("membership").run(
            store, options_for(store, "membership"), out / "m.docx", lambda *_: 0
        )
    assert ours(out) == []
    assert (out / ".minutes-abcd1234.docx").read_text() == "the user's own hidden file"
    from openpyxl import load_workbook

    for done in out.glob("a*.xlsx"):
        load_workbook(done, read_only=True).close()  # every finished export opens


# --------------------------------------------------------------------------- a full disk


def test_a_disk_filling_during_an_import_saves_nothing_and_says_so(tmp_path: Path) -> None:
    sheet = tmp_path / "orgs.csv"
    with sheet.open("w", encoding="utf-8") as fh:
        fh.write("Organisation,Sector,Notes\n")
        fh.writelines(f"Agency {n},other,{'n' * 900}\n" for n in range(4000))
    with full_disk(size_kb=6144) as disk:
        db = disk.folder / "p.db"
        assert main(["demo", str(db)]) == 0
        (disk.folder / "p.db.lock").unlink()
        with Store.open(db, read_only=True, daily_backup=False) as store:
            before = store.count("organisations")
        disk.fill(leave=3 * db.stat().st_size)  # room for the backup, not the import
        code, err = disk.run(run_cli, "import", "organisations", db, sheet)
        assert code == 1 and "The disk is full" in err and "Traceback" not in err, err
        assert len(list(db.with_name("p-backups").glob("*.pre-import.db"))) == 1
        disk.free()
        with Store.open(db, daily_backup=False) as store:
            assert store.check() == []
            assert store.count("organisations") == before  # all or nothing


# --------------------------------------------------------------------------- read-only


def _cli_as_user(db: str) -> dict[str, Any]:
    return {
        "list": run_cli("list", "organisations", db, "--json"),
        "write": run_cli("finance", "add-year", db, "--year", "2030/31"),
        "check": run_cli("check", db),
    }


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_file_or_folder_reads_and_refuses_writes_with_a_message(what: str) -> None:
    with shared_folder() as folder:
        db = folder / "p.db"
        assert main(["demo", str(db)]) == 0
        (folder / "p.db.lock").unlink()
        crash_after(lambda: add_org(Store.open(db, daily_backup=False), "Still in the WAL"))
        for p in folder.rglob("*"):
            give_to_everyone(p)
        before = digest(db)
        if what == "file":
            db.chmod(0o444)
        else:
            folder.chmod(0o555)
        try:
            seen = as_ordinary_user(_cli_as_user, str(db))
        finally:
            folder.chmod(0o777)
            db.chmod(0o666)
        code, err = seen["list"]
        assert code == 0 and "warning:" in err and "read-only" in err, err
        code, err = seen["write"]
        assert code == 1 and "read-only" in err and "Traceback" not in err, err
        assert seen["check"][0] == 0, seen["check"]
        assert digest(db) == before
        with Store.open(db, daily_backup=False) as store:
            assert store.rows("organisations", "name = ?", ["Still in the WAL"])


# --------------------------------------------------------------------------- a damaged index


def test_an_index_damaged_file_is_refused_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    assert main(["init", str(db), "--name", "Eastmere LSCP"]) == 0
    with Store.open(db, daily_backup=False) as store:
        for name in ("Council", "Police", "Health"):
            add_org(store, name)
    damage_index(db, "sqlite_autoindex_organisations_1", b"Police", b"Polica")
    before = digest(db)
    code, err = run_cli("finance", "add-year", db, "--year", "2030/31")
    assert code == 1 and "damaged" in err and "Traceback" not in err, err
    code, err = run_cli("check", db)
    assert code == 1 and "missing from index" in err, err
    window = Store.open(db, daily_backup=False, defer_check=True)
    try:
        with pytest.raises(DamagedDatabaseError):
            add_org(window, "Education")
    finally:
        window.close()
    assert digest(db) == before


# --------------------------------------------------------------------------- two CLI writers


def _pay(db: str, first: int, count: int) -> list[str]:
    """Record *count* payments from the command line; the refusals' messages."""
    refused = []
    for n in range(first, first + count):
        code, err = run_cli("finance", "pay", db, "--year", "2025/26", "--organisation",
                        "Eastmere Council", "--amount", "1", "--date", "01/06/2025",
                        "--reference", f"P{n}", "--allow-overpayment",
                        "--allow-uninvoiced")  # fmt: skip
        if code:
            refused.append(err)
    return refused


def test_two_command_line_writers_wait_their_turn(tmp_path: Path) -> None:
    """Two processes, 500 writes each from the command line, at once: none refused."""
    db = tmp_path / "p.db"
    assert main(["init", str(db), "--name", "Eastmere LSCP"]) == 0
    with Store.open(db, daily_backup=False) as store:
        add_org(store, "Eastmere Council")
    assert main(["finance", "add-year", str(db), "--year", "2025/26"]) == 0
    assert main(["finance", "contribute", str(db), "--year", "2025/26", "--organisation",
                 "Eastmere Council", "--agreed", "1000000"]) == 0  # fmt: skip
    results = tmp_path / "refused"
    pids = []
    for first in (0, 1000):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                refused = _pay(str(db), first, 500)
                (results.with_suffix(f".{first}")).write_text("\n".join(refused))
                code = 0
            finally:
                os._exit(code)
        pids.append(pid)
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.WEXITSTATUS(status) == 0
    refused = [results.with_suffix(f".{first}").read_text() for first in (0, 1000)]
    assert refused == ["", ""]
    with Store.open(db, daily_backup=False) as store:
        assert store.count("contribution_payments") == 1000
        assert store.check() == []


# --------------------------------------------------------------------------- every parser


_digits = st.from_regex(r"\A[-+(£ ]{0,3}[0-9,.eE]{1,30}[)% -]{0,2}\Z")
TEXT = st.one_of(
    st.text(max_size=40), _digits, st.just("9" * 5000), st.just("-£-1.234"),
    st.sampled_from(["1e999", "NaN", "inf", "-0", "31/02/2026", "0001-01-01", "9999-12-31",
                     "99:99", "24:00", "2025/26", "9999/00", "1E1000000", "-1e-1000000"]),
)  # fmt: skip
CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), TEXT,
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("sNaN"), Decimal("1e999999"), Decimal("-1e-999999")]),
    st.datetimes(), st.dates(), st.times(),
)  # fmt: skip


def _checked(value: Any) -> None:
    """What a parser returned is within the app's ranges."""
    if isinstance(value, int) and not isinstance(value, bool):
        assert abs(value) <= max(MAX_PENCE, 10**9)
    if isinstance(value, dt.date):
        assert EARLIEST <= value <= LATEST


TEXT_PARSERS: dict[str, Callable[[Any], Any]] = {
    "money": parse_money,
    "amount": lambda v: parse_amount(v, "amount", "amount", allow_negative=True),
    "uplift": lambda v: apply_uplift(1_000_000_00, parse_uplift(v)),
    "date": parse_date,
    "financial year": lambda v: FinancialYear.parse(v).end,
    "time": parse_time,
    "standing items": lambda v: parse_standing_items(f"Welcome | {v} | information"),
}
CELL_PARSERS: dict[str, Callable[[Any], Any]] = {
    "import date": parse_import_date,
    "import time": parse_import_time,
    "import money": parse_import_money,
    "yes/no": parse_yes_no,
    "RAG": parse_rag,
    "status": parse_status,
    **{
        f"{kind} {f.key}": functools.partial(parse_cell, f)
        for kind in KIND_MODULES
        for f in import_kind(kind).fields
    },
}


def _only_our_errors(parse: Callable[[Any], Any], value: Any) -> None:
    try:
        _checked(parse(value))
    except LscpError:
        pass


@pytest.mark.parametrize("name", list(TEXT_PARSERS))
def test_every_text_parser_raises_only_its_own_errors(name: str) -> None:
    @settings(max_examples=400, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.one_of(TEXT, st.none()))
    def run(value: Any) -> None:
        _only_our_errors(TEXT_PARSERS[name], value)

    run()


@pytest.mark.parametrize("name", list(CELL_PARSERS))
def test_every_cell_parser_raises_only_its_own_errors(name: str) -> None:
    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(CELLS)
    def run(value: Any) -> None:
        _only_our_errors(CELL_PARSERS[name], value)

    run()
