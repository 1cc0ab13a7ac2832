"""``lscp-desktop import``: the report, the exit code, and nothing written on any error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers.sheets import write_csv, write_xlsx

from lscp_desktop.cli import main
from lscp_desktop.models import membership
from lscp_desktop.models.store import Store

DATA = Path(__file__).parents[1] / "data"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    assert main(["init", str(path), "--name", "Test LSCP"]) == 0
    return path


def people(db: Path) -> list[str]:
    with Store.open(db, daily_backup=False) as store:
        return [p.name for p in membership.list_people(store)]


def test_import_with_explicit_columns_then_again_unchanged(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(
        tmp_path / "staff.csv",
        "\ufeffWho,Team,Email\nSam Lee,Northshire Police,sam@example.org\nAmy Ng,,\n",
    )
    code, out, _ = run(capsys, "import", "people", db, csv, "--column", "name=Who",
                       "--column", "organisation=Team")  # fmt: skip
    assert code == 0, out
    assert "row 2: Sam Lee imported: created organisation 'Northshire Police'" in out
    assert out.rstrip().endswith(
        "Imported staff.csv: 2 new, 0 updated, 0 already up to date, 0 skipped."
    )
    assert people(db) == ["Amy Ng", "Sam Lee"]
    code, out, _ = run(capsys, "import", "people", db, csv, "--column", "name=Who", "--dry-run")
    assert code == 0 and "Dry run, nothing saved" in out and "2 already up to date" in out


def test_a_bad_row_exits_1_and_saves_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["Name", "Email"], ["Sam", "sam@x.org"], ["Jo", "jo@"]])
    code, out, err = run(capsys, "import", "people", db, path)
    assert code == 1
    assert "row 3, Email: 'jo@' error: 'jo@' is not an email address" in out
    assert err.startswith("lscp-desktop: Nothing was imported: 1 row has problems")
    assert people(db) == []


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: (p.write_text("hello"), p)[1], "not really an Excel workbook"),
        (lambda p: write_xlsx(p, [["Quarter", "Spend"], ["Q1", 3]]), "No header row"),
        (lambda p: write_xlsx(p, []), "is empty"),
    ],
)
def test_bad_files_are_one_line_and_exit_1(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, says: str
) -> None:
    path = make(tmp_path / "bad.xlsx")  # type: ignore[operator]
    code, out, err = run(capsys, "import", "organisations", db, path)
    assert code == 1 and out == ""
    assert says in err and err.count("\n") == 1 and "Traceback" not in err


def test_unknown_field_and_sheet(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "messy-contributions.xlsx"
    code, _, err = run(capsys, "import", "organisations", db, path, "--sheet", "Budget")
    assert code == 1 and "no sheet called 'Budget'; its sheets are: Notes, 2025-26" in err
    code, _, err = run(capsys, "import", "organisations", db, path, "--column", "colour=Red")
    assert code == 1 and "'colour' is not a field" in err
    code, _, err = run(capsys, "import", "organisations", db, path, "--column", "nonsense")
    assert code == 1 and "should look like FIELD=HEADER" in err


def test_messy_membership_from_the_real_command(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    exe = [sys.executable, "-m", "lscp_desktop"]
    subprocess.run([*exe, "demo", str(db)], check=True, capture_output=True)
    done = subprocess.run(
        [*exe, "import", "memberships", str(db), str(DATA / "messy-membership.xlsx")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "headings in row 4" in done.stdout and "skipped: a totals row" in done.stdout
    with Store.open(db, daily_backup=False) as store:
        assert any(b.name.endswith(".pre-import.db") for b in store.list_backups())
        assert membership.find_person(store, "grace mensah") is not None
