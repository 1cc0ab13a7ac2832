"""`lscp-desktop list actions|risks` and `export actions|risks`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from lscp_desktop.cli import main


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "d.db"
    assert main(["demo", str(path)]) == 0
    return path


@pytest.fixture
def db(_demo: Path, on_engine: Any) -> Path | str:
    return on_engine(_demo)


def test_list_actions_with_filters(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["list", "actions", str(db), "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert main(["list", "actions", str(db), "--json", "--overdue", "--body", "1"]) == 0
    overdue = json.loads(capsys.readouterr().out)
    assert 0 < len(overdue) < len(everything)
    assert all(a["rag"] == "Red" and a["body_id"] == 1 for a in overdue)
    assert main(["list", "actions", str(db), "--status", "completed", "--status", "closed",
                 "--json"]) == 0  # fmt: skip
    done = json.loads(capsys.readouterr().out)
    assert done and {a["status"] for a in done} <= {"completed", "closed"}
    assert main(["list", "actions", str(db), "--open", "--text", "neglect"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].split()[:3] == ["Reference", "Title", "Owner"]
    assert main(["list", "actions", str(db), "--today", "31/02/2026"]) == 1
    assert "not a date" in capsys.readouterr().err


def test_list_chase_with_the_logs_filters(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["list", "chase", str(db), "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert everything and all(r["status"] in ("open", "in progress", "on hold") for r in everything)
    org = next(r["organisation_id"] for r in everything if r["rag"] == "Red")
    assert main(["list", "chase", str(db), "--json", "--overdue", "--organisation", str(org)]) == 0
    overdue = json.loads(capsys.readouterr().out)
    assert 0 < len(overdue) < len(everything) and all(r["rag"] == "Red" for r in overdue)
    assert {r["organisation_id"] for r in overdue} == {org}


def test_list_risks(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["list", "risks", str(db), "--register", "strategic", "--json"]) == 0
    risks = json.loads(capsys.readouterr().out)
    assert risks and {r["register"] for r in risks} == {"strategic"}
    assert main(["list", "risks", str(db), "--above-appetite", "--json"]) == 0
    assert all(r["above_appetite"] for r in json.loads(capsys.readouterr().out))


def test_export_actions_and_risks(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exec.xlsx"
    assert main(["export", "actions", str(db), "--body", "1", "-o", str(out)]) == 0
    refs = [r[0] for r in load_workbook(out)["Actions"].iter_rows(min_row=2, values_only=True)]
    assert refs and all(r.startswith("EXEC-") for r in refs)
    out = tmp_path / "risks.xlsx"
    assert main(["export", "risks", str(db), "--register", "operational", "-o", str(out)]) == 0
    nope = tmp_path / "nope.xlsx"
    assert main(["export", "risks", str(db), "--register", "nope", "-o", str(nope)]) == 1
    assert "not a register" in capsys.readouterr().err
    assert main(["export", "actions", str(db), "-o", str(tmp_path / "x.docx")]) == 1


def test_list_actions_json_is_every_field_of_the_records(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON made straight from the query's rows is, byte for byte, the records' fields (but
    the search text) with the RAG label, one object a line, as the filtered listing gives."""
    import dataclasses

    from lscp_desktop.models.actions.listing import list_actions
    from lscp_desktop.models.actions.records import RAG_LABELS
    from lscp_desktop.models.store.opening import open_database

    def expected(**kwargs: Any) -> str:
        with open_database(db, read_only=True, create=False, daily_backup=False) as store:
            actions = list_actions(store, **kwargs)
        lines = []
        for a in actions:
            row = {k: v for k, v in dataclasses.asdict(a).items() if k != "search_text"}
            row["rag"] = RAG_LABELS[a.rag]
            lines.append(json.dumps(row, ensure_ascii=False))
        return "[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n"

    capsys.readouterr()
    assert main(["list", "actions", str(db), "--json"]) == 0
    assert capsys.readouterr().out == expected()
    assert main(["list", "actions", str(db), "--json", "--body", "2", "--open"]) == 0
    assert capsys.readouterr().out == expected(body_id=2, statuses={"open", "in progress",
                                                                   "on hold"})  # fmt: skip
    assert main(["list", "actions", str(db), "--json", "--text", "neglect"]) == 0
    filtered = json.loads(capsys.readouterr().out)
    assert filtered and all("neglect" in json.dumps(a).lower() for a in filtered)
    assert main(["list", "actions", str(db), "--json", "--body", "999"]) == 0
    assert capsys.readouterr().out == "[]\n"
