"""``lscp-desktop import``: the report, the exit code, and nothing written on any error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.sheets import write_csv, write_xlsx

from lscp_desktop.cli import main
from lscp_desktop.models.membership.people import find_person, list_people
from lscp_desktop.models.store.opening import open_database

DATA = Path(__file__).parents[1] / "data"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, on_engine: Any) -> Path:
    path = tmp_path / "p.db"
    assert main(["init", str(path), "--name", "Test LSCP"]) == 0
    return on_engine(path)


def people(db: Path) -> list[str]:
    with open_database(db, daily_backup=False) as store:
        return [p.name for p in list_people(store)]


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
    with open_database(db, daily_backup=False) as store:
        assert any(b.name.endswith(".pre-import.db") for b in store.list_backups())
        assert find_person(store, "grace mensah") is not None


# --------------------------------------------------------------------------- the registers

TABLES = ("actions", "action_notes", "risks", "risk_categories", "priorities",
          "contributions", "contribution_payments", "finance_years", "meetings",
          "organisations", "people")  # fmt: skip


@pytest.fixture(scope="module")
def _demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-demo") / "demo.db"
    assert main(["demo", str(path)]) == 0
    return path


@pytest.fixture
def demo_db(_demo_db: Path, tmp_path: Path, on_engine: Any) -> Path:
    import shutil

    return on_engine(Path(shutil.copy(_demo_db, tmp_path / "demo.db")))


def contents(db: Path) -> dict[str, list[dict[str, object]]]:
    with open_database(db, daily_backup=False) as store:
        return {t: store.rows(t) for t in TABLES}


@pytest.mark.parametrize(
    ("kind", "extra"),
    [("actions", []), ("risks", []), ("contributions", ["--year", "2025/26"])],
)
def test_each_registers_workbook_imports_back_through_the_command(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
    extra: list[str],
) -> None:  # fmt: skip
    export = "funding" if kind == "contributions" else kind
    book = tmp_path / f"{kind}.xlsx"
    code, _, err = run(capsys, "export", export, demo_db, "-o", book, *extra)
    assert code == 0, err
    before = contents(demo_db)
    code, out, err = run(capsys, "import", kind, demo_db, book, *extra, "--dry-run")
    assert code == 0, err
    assert "Dry run, nothing saved. The import would give: 0 new, 0 updated, " in out
    assert contents(demo_db) == before
    code, out, _ = run(capsys, "import", kind, demo_db, book, *extra)
    assert code == 0 and ": 0 new, 0 updated, " in out.splitlines()[-1]
    assert contents(demo_db) == before  # nothing changed: every record already matched


def test_a_risk_register_needing_missing_bodies_saves_nothing(
    demo_db: Path, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "risks.xlsx"
    assert run(capsys, "export", "risks", demo_db, "-o", book)[0] == 0
    before = contents(db)
    code, out, err = run(capsys, "import", "risks", db, book)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("lscp-desktop: Nothing was imported: 6 rows have problems")
    assert "There is no body called 'Case Review Subgroup'" in out
    assert "created category" in out  # the other rows were checked, then undone
    assert contents(db) == before


def test_import_contributions_needs_a_year(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "messy-contributions.xlsx"
    code, out, err = run(capsys, "import", "contributions", db, path)
    assert code == 1 and out == "" and "Say which financial year" in err
    code, out, err = run(capsys, "import", "contributions", db, path, "--year", "2025/26")
    assert code == 0, err
    assert "sheet '2025-26', headings in row 4" in out
    assert "row 7: Northshire Police: £34,592 imported" in out
    with open_database(db, daily_backup=False) as store:
        from lscp_desktop.models.finance.contributions import list_contributions
        from lscp_desktop.models.finance.years import get_year

        year = get_year(store, "2025/26")
        assert sum(c.received for c in list_contributions(store, year.id)) == 17_729_650


def test_import_meetings_dry_run_then_for_real(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(
        tmp_path / "dates.csv",
        "Board,Date,Time,Venue\nEXEC,12/04/2028,9:30,Teams\nFORUM,13-Apr-28,14:00,Town Hall\n",
    )
    before = contents(demo_db)
    code, out, _ = run(capsys, "import", "meetings", demo_db, csv, "--dry-run")
    assert code == 0 and "would give: 2 new" in out and contents(demo_db) == before
    code, out, _ = run(capsys, "import", "meetings", demo_db, csv)
    assert code == 0 and "Imported dates.csv: 2 new" in out
    added = [m for m in contents(demo_db)["meetings"] if m["date"] in ("2028-04-12", "2028-04-13")]
    assert sorted((m["start_time"], m["venue"], m["online_link"]) for m in added) == [
        ("09:30", "", "Teams"), ("14:00", "Town Hall", "")]  # fmt: skip


def test_a_bad_action_row_leaves_everything_untouched(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["Body", "Action", "Owner", "Date raised", "Deadline"]]
    rows += [["EXEC", f"Task {n}", f"New Owner {n}", "01/01/2027", "01/03/2027"] for n in range(20)]
    rows[12][4] = "01/12/2026"  # before it was raised
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    before = contents(demo_db)
    code, out, err = run(capsys, "import", "actions", demo_db, path)
    assert code == 1 and "Nothing was imported: 1 row has problems" in err
    assert "row 13, Deadline: '01/12/2026' error: The due date (01/12/2026) is before" in out
    assert contents(demo_db) == before  # no action, note or new owner kept
