"""Arrangements no template fits, built from a script of command-line calls alone: seed 001
(Lewisham, with a tri-borough group shared with Bexley and Greenwich and lay members for 18
months) and seed 004 (an LSCB's subgroups, working groups and task-and-finish groups, with
dated key actions), each with the same rules and messages as the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lscp_desktop.cli import main

DATA = Path(__file__).parents[1] / "data"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def fails(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code = main([str(a) for a in args])
    _out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    return err


def csv(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def test_seed_001_lewisham_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "lewisham.db"
    run(capsys, "init", db, "--name", "Lewisham Children's Safeguarding Partnership",
        "--authority", "Lewisham")  # fmt: skip
    orgs = csv(
        tmp_path / "orgs.csv",
        """
Organisation
Lewisham Council
NHS Lewisham CCG
Metropolitan Police
Royal Borough of Greenwich
London Borough of Bexley
""",
    )
    out = run(capsys, "import", "organisations", db, orgs)
    assert "Royal Borough of Greenwich: other, local authority" in out
    for code, name, kind, parent, how in (
        ("EXEC", "Executive Group", "executive", "", "quarterly"),
        ("BOARD", "Partnership Board", "board", "EXEC", "quarterly"),
        ("AUDIT", "Audit Subgroup", "subgroup", "EXEC", "quarterly"),
        ("SSG", "Schools Safeguarding Group", "subgroup", "EXEC", "three times a year"),
        ("LFIC", "Learning From Individual Cases", "subgroup", "EXEC", "every other month"),
        ("MET", "Missing, Exploited and Trafficked", "subgroup", "EXEC", "quarterly"),
        ("TRISEG", "Tri-borough Strategic Executive Group", "executive", "EXEC", "twice a year"),
    ):
        extra = ["--reports-to", parent] if parent else []
        if code == "TRISEG":
            extra += ["--hosted-by", "shared with Bexley and Greenwich"]
        run(capsys, "body", "add", db, "--code", code, "--name", name, "--kind", kind,
            "--from", "01/09/2019", *extra)  # fmt: skip
        run(capsys, "cadence", "set", db, code, "--frequency", how, "--weekday", "Wednesday")
    people = csv(
        tmp_path / "people.csv",
        """
Name,Organisation,Job title
Kim Wright,Lewisham Council,Chief Executive
Sara Norman,Lewisham Council,Executive Director for Children and Young People
Martin Wilkinson,NHS Lewisham CCG,Accountable Officer
Simon Rose,Metropolitan Police,Borough Commander
Pat Scrutineer,,Independent Scrutineer
Lay One,,Lay member
""",
    )
    run(capsys, "import", "people", db, people)
    members = csv(
        tmp_path / "members.csv",
        """
Person,Body,Role,Start date,Term (months)
Sara Norman,EXEC,member,01/09/2019,
Martin Wilkinson,EXEC,member,01/09/2019,
Simon Rose,EXEC,member,01/09/2019,
Lay One,BOARD,member,01/09/2019,18
Pat Scrutineer,EXEC,observer,01/09/2019,
""",
    )
    run(capsys, "import", "memberships", db, members)
    leads = (("Kim Wright", "Lewisham Council"), ("Martin Wilkinson", "NHS Lewisham CCG"),
             ("Simon Rose", "Met Police"))  # fmt: skip
    for who, partner in leads:
        run(capsys, "role", "add", db, "--person", who, "--role", "Lead Safeguarding Partner",
            "--organisation", partner, "--from", "01/09/2019")  # fmt: skip
    run(capsys, "role", "add", db, "--person", "Sara Norman", "--role",
        "Delegated Safeguarding Partner", "--organisation", "Lewisham Council")  # fmt: skip
    run(capsys, "role", "add", db, "--person", "Pat Scrutineer", "--role",
        "independent scrutineer", "--from", "01/09/2019")  # fmt: skip
    # the rules, with the window's messages
    err = fails(capsys, "role", "add", db, "--person", "Lay One", "--role",
                "Lead Safeguarding Partner", "--organisation", "Metropolitan Police",
                "--from", "01/01/2020")  # fmt: skip
    assert "already has a Lead Safeguarding Partner, Simon Rose" in err
    err = fails(capsys, "role", "add", db, "--person", "Lay One", "--role",
                "Delegated Safeguarding Partner")  # fmt: skip
    assert "Choose the statutory partner" in err
    run(capsys, "import", "contributions", db, DATA / "lewisham-2018-19-contributions.csv",
        "--year", "2018/19")  # fmt: skip
    run(capsys, "import", "spend", db, DATA / "lewisham-2018-19-spend.csv", "--year", "2018/19")

    organisations = json.loads(run(capsys, "list", "organisations", db, "--json"))
    statutory = sorted(o["name"] for o in organisations if o["kind"] == "statutory partner")
    assert statutory == ["Lewisham Council", "Metropolitan Police", "NHS Lewisham CCG"]  # 3, not 5
    summary = json.loads(run(capsys, "finance", "summary", db, "--year", "2018/19", "--json"))
    assert summary["agreed_pence"] == summary["actual_pence"] == 182_550_00
    kinds = {k["kind"]: k["share"] for k in summary["by_kind"]}
    assert "voluntary & community" not in kinds  # 0% voluntary & community
    memberships = json.loads(run(capsys, "list", "memberships", db, "--json"))
    lay = next(m for m in memberships if m["person"] == "Lay One")
    assert lay["end_date"] == "2021-02-28" and lay["term_months"] == 18
    bodies = {b["code"]: b for b in json.loads(run(capsys, "list", "bodies", db, "--json"))}
    assert bodies["TRISEG"]["hosted_by"] == "shared with Bexley and Greenwich"
    out = run(capsys, "schedule", db, "--body", bodies["TRISEG"]["id"], "--year", "2020/21")
    assert "2 meeting(s) added" in out
    out = run(capsys, "schedule", db, "--body", bodies["LFIC"]["id"], "--year", "2020/21")
    assert "6 meeting(s) added" in out
    run(capsys, "body", "end", db, "SSG", "--on", "31/03/2021")


def test_seed_004_an_lscb_with_working_groups_and_dated_key_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "lscb.db"
    run(capsys, "init", db, "--name", "Local Safeguarding Children Board", "--authority", "Dudley")
    run(capsys, "body", "add", db, "--code", "LSCB", "--name", "Local Safeguarding Children Board",
        "--kind", "board", "--from", "01/04/2017")  # fmt: skip
    groups = [
        ("subgroup", n)
        for n in (
            "Performance and Quality Assurance",
            "Policy and Procedure",
            "Child Death Overview Panel",
            "Serious Case Reviews",
            "Exploitation",
        )
    ]
    groups += [("working group", n) for n in ("E-safety", "Learning and Development",
                                             "Safer Recruitment")]  # fmt: skip
    groups += [("task-and-finish group", n) for n in ("Domestic Abuse", "Neglect")]
    for i, (kind, name) in enumerate(groups, start=1):
        run(capsys, "body", "add", db, "--code", f"G{i}", "--name", name, "--kind", kind,
            "--reports-to", "LSCB", "--from", "01/04/2017")  # fmt: skip
    run(capsys, "cadence", "set", db, "LSCB", "--frequency", "quarterly")
    run(capsys, "cadence", "set", db, "G1", "--frequency", "every 2 months",
        "--standing-items", "Performance scorecard | 30 | assurance")  # fmt: skip
    out = run(capsys, "cadence", "set", db, "G1", "--minutes", "90")
    assert "90" not in out or "1 hour 30 minutes" in out
    for name in ("Domestic abuse", "Exploitation", "Neglect"):
        run(capsys, "priority", "add", db, "--name", name)
    run(capsys, "priority", "end", db, "Exploitation")
    run(capsys, "forward-plan", "add", db, "--to", "LSCB", "--from-body", "G1", "--title",
        "Performance scorecard", "--every", "3", "--first-due", "30/06/2018")  # fmt: skip
    actions = csv(
        tmp_path / "actions.csv",
        """
Action,Body,Due,Priority
Communicate the planned changes to the LSCB structure,LSCB,Dec-18,
Implement the new partnership structure,LSCB,January 2019,
Agree partner financial contributions and support structure,LSCB,Feb 2019,
Implement new performance scorecard,G1,Feb-19,
Agree the relationship between the partnership boards' plans,LSCB,March 2019,Domestic abuse
Publish new structure by the statutory deadline,LSCB,June 2019,
""",
    )
    out = run(capsys, "import", "actions", db, actions)
    assert "Due date 'January 2019' read as 31/01/2019, the month's last day" in out
    listed = json.loads(run(capsys, "list", "actions", db, "--json"))
    assert sorted(a["due_date"] for a in listed) == [
        "2018-12-31",
        "2019-01-31",
        "2019-02-28",
        "2019-02-28",
        "2019-03-31",
        "2019-06-30",
    ]
    bodies = json.loads(run(capsys, "list", "bodies", db, "--json"))
    assert Counter_kinds(bodies) == {"board": 1, "subgroup": 5, "working group": 3,
                                     "task-and-finish group": 2}  # fmt: skip
    # the cadence's standing items were kept when only the length changed
    from lscp_desktop.models.meetings.cadence import get_cadence
    from lscp_desktop.models.store.database import Store

    with Store.open(db, daily_backup=False) as store:
        g1 = next(b["id"] for b in bodies if b["code"] == "G1")
        cadence = get_cadence(store, g1)
    assert cadence.standing_items == "Performance scorecard | 30 | assurance"
    assert cadence.duration_minutes == 90 and cadence.months_between == 2


def Counter_kinds(bodies: list[dict[str, object]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for b in bodies:
        out[str(b["kind"])] = out.get(str(b["kind"]), 0) + 1
    return out
