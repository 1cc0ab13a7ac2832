"""`init --template` and `diagnostics`: the command-line side of the welcome and the About box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lscp_desktop.cli import main

TRI = ["Hammersmith & Fulham", "Kensington and Chelsea", "Westminster"]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_from_a_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "t.db"
    args = [a for la in TRI for a in ("--authority", la)]
    code, out, _ = run(
        capsys, "init", db, "--name", "Tri-borough", "--template", "three-authorities", *args
    )
    assert code == 0 and "9 bodies" in out
    bodies = json.loads(run(capsys, "list", "bodies", db, "--json")[1])
    assert sorted(b["local_authority"] for b in bodies if b["kind"] == "local group") == sorted(TRI)


def test_init_with_partner_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "f.db"
    code, _, _ = run(
        capsys,
        "init", db, "--name", "Lambeth", "--template", "four-partners", "--authority", "Lambeth",
        "--partner", "Lambeth Council", "--partner", "NHS South East London ICB",
    )  # fmt: skip
    assert code == 0
    orgs = {o["name"] for o in json.loads(run(capsys, "list", "organisations", db, "--json")[1])}
    assert orgs == {"Lambeth Council", "NHS South East London ICB", "Police", "Lambeth Education"}


def test_a_template_mistake_is_one_line_and_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bad.db"
    code, out, err = run(
        capsys, "init", db, "--name", "X", "--template", "three-authorities", "--authority", "A"
    )
    assert code == 1 and out == ""
    assert err.startswith("lscp-desktop: This template covers 3 local authorities")
    assert err.count("\n") == 1 and not db.exists()


def test_diagnostics_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    run(capsys, "demo", db)
    people = json.loads(run(capsys, "list", "people", db, "--json")[1])
    code, out, _ = run(capsys, "diagnostics", db)
    assert code == 0 and "check: OK" in out and "Last " in out
    assert "Command: list people" in out  # the CLI logs what it ran
    assert all(p["name"] not in out for p in people)
    code, out, _ = run(capsys, "diagnostics", "--licences")
    assert code == 0 and "python-docx" in out and "MIT" in out
