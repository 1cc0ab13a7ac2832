"""The privacy commands: check lists identity-like text; erase shows its plan and needs --yes;
old-records lists the retention schedule's proposals; subject access exports a document."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import location
from helpers.store import write_around_the_door

from lscp_desktop.cli import main
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database


@pytest.fixture
def db(demo_store: Store) -> Path | str:
    return location(demo_store)


def test_check_lists_identity_like_text_in_a_database_seeded_with_some(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(db)]) == 0
    assert "no stored text looks like a child's identity" in capsys.readouterr().out
    with open_database(db, daily_backup=False) as store:
        write_around_the_door(
            store, "action_notes", 1, {"text": "Seen with Baby X, born 14/03/2026"}
        )
        write_around_the_door(store, "people", 2, {"notes": "NHS 943 476 5919"})
    assert main(["check", str(db)]) == 1
    out, err = capsys.readouterr()
    assert "Text that looks like a child's identity (2)" in out
    assert "Progress note: a date of birth: 'born 14/03/2026'" in out
    assert "Notes: an NHS number: '943 476 5919'" in out
    assert "2 stored text(s) look like a child's identity" in err


def test_erase_shows_the_plan_then_erases_with_yes(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(db, daily_backup=False) as store:
        name = store.require("people", 3)["name"]
    assert main(["privacy", "erase", str(db), "--person", "3"]) == 0
    out = capsys.readouterr().out
    assert f"Erase {name}" in out and "Article 17(3)(b)" in out and "Nothing was erased" in out
    assert main(["privacy", "erase", str(db), "--person", "3", "--yes"]) == 1
    assert "Say why" in capsys.readouterr().err
    assert main(["privacy", "erase", str(db), "--person", "3", "--yes", "--reason", "Left"]) == 0
    assert "Former member 3" in capsys.readouterr().out
    with open_database(db, daily_backup=False) as store:
        assert store.require("people", 3)["name"] == "Former member 3"
    assert main(["privacy", "erasures", str(db)]) == 0
    assert "Former member 3" in capsys.readouterr().out


def test_old_records_and_subject_access(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["privacy", "old-records", str(db), "--json"]) == 0
    assert capsys.readouterr().out.startswith("[")
    out = tmp_path / "sar.docx"
    assert main(["export", "subject-access", str(db), "--person", "3", "-o", str(out)]) == 0
    assert out.exists()
    assert (
        main(["export", "subject-access", str(db), "--person", "999", "-o", str(out), "--force"])
        == 1
    )
    assert "no person with id 999" in capsys.readouterr().err
