"""``lscp-desktop list reviews|deadlines|audits|training|yearly-reports``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.cli import main
from lscp_desktop.models.reviews.lifecycle import record_notification, save_review
from lscp_desktop.models.store.database import Store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, on_engine: Any) -> Path:
    path = tmp_path / "r.db"
    with Store.open(path, daily_backup=False) as store:
        record_notification(store, reference="RR 2026-30", aware_date="2026-11-20")
        record_notification(
            store,
            reference="RR 2026-31",
            aware_date="2026-10-01",
            notified_date="2026-10-02",
            partners_told_date="2026-10-02",
        )
        save_review(
            store,
            {"reference": "CSPR 2026-05", "kind": "local CSPR", "decision": "local CSPR",
             "decision_date": "2026-11-02", "commissioned_date": "2026-11-10"},
        )  # fmt: skip
    return on_engine(path)


def test_list_reviews_as_text_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "reviews", db)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Id", "Reference", "Kind"]
    assert "RR 2026-31" in lines[2] and "23/10/2026" in lines[2]  # the overdue clock first
    code, out, _ = run(capsys, "list", "reviews", db, "--json")
    rows = json.loads(out)
    assert {r["reference"] for r in rows} == {"RR 2026-30", "RR 2026-31", "CSPR 2026-05"}
    first = next(r for r in rows if r["reference"] == "RR 2026-30")
    assert first["next_due"] == "2026-11-27" and first["stage"] == "Notify the national Panel"


def test_list_deadlines_within_days(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "list", "deadlines", db, "--json", "--within", "10", "--today", "23/11/2026"
    )
    assert code == 0
    rows = json.loads(out)
    assert [(r["what"], r["status"]) for r in rows] == [
        ("RR 2026-31: Rapid review to the Panel", "21 working days late"),
        ("RR 2026-30: Notify the national Panel", "Due in 4 working days"),
        ("RR 2026-30: Tell the safeguarding partners", "Due in 4 working days"),
    ]
    assert {r["unit"] for r in rows} == {"working days"}
    _, out, _ = run(capsys, "list", "deadlines", db, "--within", "120", "--today", "2026-11-23")
    assert "CSPR 2026-05: Draft report" in out and "statutory" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--within", "-1"], "--within takes a number of days"),
        (["--today", "31/02/2026"], "is not a date"),
    ],
)
def test_deadline_mistakes_are_one_line(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "list", "deadlines", db, *args)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_list_audits_training_and_yearly_reports_on_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", db)[0] == 0
    for kind, heading in (
        ("audits", "Kind"),
        ("training", "Course"),
        ("yearly-reports", "Published"),
    ):
        code, out, _ = run(capsys, "list", kind, db)
        assert code == 0 and heading in out.splitlines()[0]
        code, out, _ = run(capsys, "list", kind, db, "--json")
        assert json.loads(out)


def test_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "reviews", tmp_path / "none.db")
    assert code == 1 and "There is no database" in err
