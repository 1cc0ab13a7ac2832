"""`lscp-desktop list contributions|budget|spend`, `finance …` and `export funding`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.funding import DATA, LAMBETH_CONTRIBUTIONS
from openpyxl import load_workbook

from lscp_desktop.cli import main


@pytest.fixture
def lambeth(tmp_path: Path, capsys: pytest.CaptureFixture[str], on_engine: Any) -> Path:
    db = tmp_path / "lambeth.db"
    assert main(["init", str(db), "--name", "Lambeth Safeguarding Children Partnership"]) == 0
    args = ["finance", "load-table", str(db), "--year", "2018/19",
            "--contributions", str(DATA / "lambeth-2018-19-contributions.csv"),
            "--budget", str(DATA / "lambeth-2018-19-budget.csv")]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    assert (
        "Loaded 2018/19: 7 contributions totalling £282,000; 16 budget lines totalling £282,000."
        in out
    )
    return on_engine(db)


def test_list_contributions_as_json_and_text(
    lambeth: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "contributions", str(lambeth), "--year", "2018/19", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["organisation"], r["kind"], r["agreed_pence"]) for r in rows] == (
        LAMBETH_CONTRIBUTIONS
    )
    assert rows[-1]["share"] == "81.5%"
    assert main(["list", "contributions", str(lambeth), "--year", "2018-19"]) == 0
    out = capsys.readouterr().out
    assert "Lambeth Council" in out and "£229,950" in out
    assert main(["list", "budget", str(lambeth), "--year", "2018/19", "--json"]) == 0
    assert sum(r["budget_pence"] for r in json.loads(capsys.readouterr().out)) == 282_000_00


def test_payments_and_overpayment(lambeth: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["finance", "pay", str(lambeth), "--year", "2018/19", "--organisation", "cafcass"]
    assert main([*base, "--amount", "500", "--date", "01/06/2018"]) == 1
    err = capsys.readouterr().err
    assert "was not invoiced yet" in err and "--allow-uninvoiced" in err
    assert main([*base, "--amount", "500", "--date", "01/06/2019", "--allow-uninvoiced"]) == 1
    assert "--allow-outside-year" in capsys.readouterr().err
    base.append("--allow-uninvoiced")  # the published table's contributions have no invoices
    assert main([*base, "--amount", "500", "--date", "01/06/2018"]) == 0
    assert "has paid £500 of £550 (part-paid)" in capsys.readouterr().out
    assert main([*base, "--amount", "100", "--date", "02/06/2018"]) == 1
    err = capsys.readouterr().err
    assert "£50 more than the £550 agreed" in err and "--allow-overpayment" in err
    assert "Traceback" not in err
    assert main([*base, "--amount", "-5", "--date", "02/06/2018"]) == 1
    assert "tick 'Refund'" in capsys.readouterr().err
    assert main([*base, "--amount", "5", "--date", "02/06/2018", "--refund"]) == 0
    assert "has paid £495 of £550" in capsys.readouterr().out
    assert main(["list", "contributions", str(lambeth), "--year", "2018/19", "--json"]) == 0
    cafcass = next(r for r in json.loads(capsys.readouterr().out) if r["organisation"] == "Cafcass")
    assert (cafcass["received_pence"], cafcass["outstanding_pence"]) == (495_00, 55_00)


def test_roll_forward_and_bad_input(lambeth: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finance", "roll-forward", str(lambeth), "--from", "2018/19",
                 "--uplift", "2.5"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Set up 2019/20: 7 contribution(s)" in out and "16 budget line(s)" in out
    assert main(["list", "contributions", str(lambeth), "--year", "2019/20", "--json"]) == 0
    rows = {r["organisation"]: r["agreed_pence"] for r in json.loads(capsys.readouterr().out)}
    assert rows["Cafcass"] == 564_00 and rows["Lambeth Council"] == 235_699_00
    assert main(["finance", "roll-forward", str(lambeth), "--from", "2018/19"]) == 0
    assert "skipped: Lambeth Council already has a 2019/20 contribution" in capsys.readouterr().out
    for args, message in [
        (["finance", "roll-forward", str(lambeth), "--from", "2018/19", "--uplift", "lots"],
         "is not a percentage"),
        (["list", "spend", str(lambeth), "--year", "2018/20"], "is not a financial year"),
        (["finance", "add-year", str(lambeth), "--year", "2018/19"], "already set up"),
        (["finance", "contribute", str(lambeth), "--year", "2018/19", "--organisation",
          "Cafcass", "--agreed", "1"], "already has a contribution"),
        (["finance", "contribute", str(lambeth), "--year", "2018/19", "--organisation",
          "Nobody", "--agreed", "1"], "no organisation called 'Nobody'"),
    ]:  # fmt: skip
        assert main(args) == 1
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_delete_a_year_set_up_by_mistake(lambeth: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finance", "add-year", str(lambeth), "--year", "2081/82"]) == 0
    capsys.readouterr()
    assert main(["finance", "delete-year", str(lambeth), "--year", "2081/82"]) == 0
    assert capsys.readouterr().out == "Deleted the financial year 2081/82.\n"
    assert main(["finance", "years", str(lambeth), "--json"]) == 0
    assert [r["year"] for r in json.loads(capsys.readouterr().out)] == ["2018/19"]
    for year, message in [
        ("2018/19", "2018/19 cannot be deleted: it holds 7 contributions and 16 budget lines."),
        ("2081/82", "The financial year 2081/82 has not been set up"),
    ]:
        assert main(["finance", "delete-year", str(lambeth), "--year", year]) == 1
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_export_funding_workbook(lambeth: Path, tmp_path: Path) -> None:
    out = tmp_path / "funding.xlsx"
    assert main(["export", "funding", str(lambeth), "--year", "2018/19", "-o", str(out)]) == 0
    wb = load_workbook(out)
    assert wb["Summary"]["A1"].value == (
        "Funding 2018/19: Lambeth Safeguarding Children Partnership"
    )
    assert wb["Contributions"]["A5"].value == "Lambeth Clinical Commissioning Group"
    with pytest.raises(SystemExit):  # argparse: --year is required
        main(["export", "funding", str(lambeth), "-o", str(out)])


def test_summary(lambeth: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finance", "summary", str(lambeth), "--year", "2018/19", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agreed_pence"] == data["budget_pence"] == 282_000_00
    assert data["by_kind"][0] == {
        "kind": "statutory partner", "contributors": 3, "agreed_pence": 274_950_00,
        "share": "97.5%",
    }  # fmt: skip


PAY = ["finance", "pay", "--year", "2018/19", "--organisation", "cafcass", "--date", "01/06/2018"]
OUT_OF_RANGE = {
    "pay": ([*PAY, "--amount", "99999999999999999999", "--allow-overpayment"], "£100,000,000"),
    "contribute": (
        ["finance", "contribute", "--year", "2018/19", "--organisation", "Lambeth Council",
         "--agreed", "9" * 5000],
        "£100,000,000",
    ),
    "uplift": (["finance", "roll-forward", "--from", "2018/19", "--uplift", "1e30"], "percentage"),
    "reserve": (
        ["finance", "add-year", "--year", "2099/00", "--opening-reserve", "-" + "9" * 19],
        "£100,000,000",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("args", "message"), OUT_OF_RANGE.values(), ids=list(OUT_OF_RANGE))
def test_numbers_out_of_range_are_refused_in_one_line(
    lambeth: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    command = [*args[:2], str(lambeth), *args[2:]]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert main(["list", "contributions", str(lambeth), "--year", "2018/19", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sum(r["received_pence"] for r in rows) == 0
