"""`lscp-desktop schedule`, `export calendar` and `list meetings|decisions|attendance`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar
import pytest

from lscp_desktop.cli import main


@pytest.fixture
def db(tmp_path: Path, on_engine: Any) -> Path:
    path = tmp_path / "d.db"
    assert main(["demo", str(path)]) == 0
    return on_engine(path)


def test_schedule_dry_run_then_for_real(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["schedule", str(db), "--body", "1", "--year", "2030/31", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "6 meeting(s) would be added" in out
    assert main(["list", "meetings", str(db), "--json", "--body", "1"]) == 0
    before = len(json.loads(capsys.readouterr().out))
    assert main(["schedule", str(db), "--body", "1", "--year", "2030/31"]) == 0
    assert "6 meeting(s) added" in capsys.readouterr().out
    assert main(["schedule", str(db), "--body", "1", "--year", "2030/31"]) == 0
    assert "0 meeting(s) added; 6 already" in capsys.readouterr().out
    assert main(["list", "meetings", str(db), "--json", "--body", "1"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == before + 6


def test_schedule_bad_input_is_one_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["schedule", str(db), "--body", "1", "--year", "2030"]) == 1
    err = capsys.readouterr().err
    assert "not a financial year" in err and "Traceback" not in err
    assert main(["schedule", str(db), "--body", "999", "--year", "2030/31"]) == 1
    assert "no body with id 999" in capsys.readouterr().err


def test_export_calendar_all_or_one_body(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    every = tmp_path / "all.ics"
    one = tmp_path / "exec.ics"
    assert main(["export", "calendar", str(db), "-o", str(every)]) == 0
    assert main(["export", "calendar", str(db), "--body", "1", "-o", str(one)]) == 0
    n_all = len(icalendar.Calendar.from_ical(every.read_bytes()).events)
    n_one = len(icalendar.Calendar.from_ical(one.read_bytes()).events)
    assert n_all > n_one > 0


def test_list_decisions_and_attendance(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["list", "decisions", str(db), "--json"]) == 0
    decisions = json.loads(capsys.readouterr().out)
    assert decisions and {"date", "body", "item", "decision"} <= set(decisions[0])
    assert main(["list", "attendance", str(db)]) == 0
    text = capsys.readouterr().out
    assert "Status" in text and ("present" in text or "apologies" in text)
