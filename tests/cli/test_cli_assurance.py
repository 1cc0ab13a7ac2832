"""The assurance registers from the command line: the escalation log (add, update, list,
export, raise an action), published documents, the census, themes, minimum rules, recipients,
review dates and the deadlines they make, with one-line messages for mistakes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.membership import body, org

from lscp_desktop.cli import main
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, on_engine: Any) -> Path:
    path = tmp_path / "a.db"
    with Store.open(path, daily_backup=False) as store:
        save_partnership(store, name="Northbridge SCP", local_authorities=["Northbridge"])
        org(store, "Northbridge Academy", "education", "education")
        org(store, "Northbridge Council")
        body(store, "Executive", "EXEC", "executive")
        body(store, "Quality Assurance Subgroup", "QA")
    return on_engine(path)


def test_the_escalation_log(db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(
        capsys,
        "escalation",
        "add",
        db,
        "--raised",
        "06/05/2025",
        "--by",
        "northbridge academy",
        "--challenged",
        "Northbridge Council",
        "--reason",
        "threshold or referral decision",
        "--summary",
        "Referral declined.",
    )
    assert (code, err) == (0, "")
    assert out.strip() == "Logged ESC 2025-01: Northbridge Academy to Northbridge Council."
    code, out, _ = run(
        capsys,
        "escalation",
        "update",
        db,
        "ESC 2025-01",
        "--stage2",
        "12/05/2025",
        "--outcome",
        "resolved by agreement",
        "--resolved",
        "20/05/2025",
        "--learning",
        "Call the referrer before closing a contact.",
    )
    assert code == 0 and out.strip() == "Updated ESC 2025-01."
    code, out, _ = run(
        capsys,
        "escalation",
        "raise-action",
        db,
        "esc 2025-01",
        "--body",
        "QA",
        "--title",
        "Audit threshold decisions",
        "--due",
        "31/07/2040",
    )
    assert out.strip() == "Raised action QA-0001 from ESC 2025-01."
    code, out, _ = run(capsys, "escalation", "list", db, "--year", "2025/26", "--json")
    rows = json.loads(out)
    assert [(r["reference"], r["stage"], r["outcome"], r["actions"]) for r in rows] == [
        ("ESC 2025-01", 2, "resolved by agreement", ["QA-0001"])
    ]
    _, out, _ = run(capsys, "escalation", "list", db)
    assert "ESC 2025-01" in out and "Northbridge Academy" in out
    xlsx = tmp_path / "log.xlsx"
    code, out, _ = run(capsys, "escalation", "export", db, "-o", xlsx)
    assert code == 0 and xlsx.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["escalation", "add", "{db}", "--raised", "06/05/2025", "--by", "Nobody Ltd",
          "--challenged", "Northbridge Council", "--reason", "other"],
         "no organisation called 'Nobody Ltd'"),
        (["escalation", "add", "{db}", "--raised", "06/05/2025", "--by", "Northbridge Council",
          "--challenged", "Northbridge Council", "--reason", "other"],
         "cannot escalate to itself"),
        (["escalation", "add", "{db}", "--raised", "06/05/2025", "--by", "Northbridge Council",
          "--challenged", "Northbridge Academy", "--reason", "other", "--summary",
          "Child born 01/03/2015"], "child's identity"),
        (["escalation", "update", "{db}", "ESC 2030-01", "--stage2", "01/01/2031"],
         "no escalation 'ESC 2030-01'"),
        (["escalation", "export", "{db}", "-o", "log.csv"], "should end in .xlsx"),
        (["census", "set", "{db}", "--year", "2025/26", "--kind", "zoos", "--count", "3"],
         "not a kind of setting"),
        (["rule", "add", "{db}", "--body", "EXEC", "--attends", "2"], "--role"),
        (["theme", "add", "{db}", "--quarter", "spring", "--title", "x", "--body", "EXEC"],
         "not a quarter"),
        (["review", "set", "{db}", "--reference", "SCR Child K"], "--kind"),
    ],
)  # fmt: skip
def test_mistakes_are_one_line(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *[a.replace("{db}", str(db)) for a in args])
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_documents_census_themes_rules_and_recipients(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "arrangement", "add", db, "--kind", "published arrangements", "--title",
               "Partnership arrangements", "--published", "28/06/2019", "--implemented",
               "29/09/2019")[0] == 0  # fmt: skip
    _, out, _ = run(capsys, "list", "arrangements", db, "--json")
    doc = json.loads(out)[0]
    assert (doc["review_due"], doc["kind"]) == ("2020-09-29", "published arrangements")
    _, out, _ = run(capsys, "arrangement", "reviewed", db, doc["id"], "--on", "15/09/2020")
    assert out.strip() == "Partnership arrangements: reviewed; next review due 15/09/2021."

    assert run(capsys, "census", "set", db, "--year", "2025/26", "--kind", "primary schools",
               "--count", "63")[0] == 0  # fmt: skip
    _, out, _ = run(capsys, "list", "census", db, "--year", "2025/26", "--json")
    assert json.loads(out) == [
        {"kind": "primary schools", "year": "2025/26", "Northbridge": 63, "total": 63}
    ]
    assert run(capsys, "theme", "add", db, "--quarter", "2025/26 Q1", "--title", "Neglect",
               "--body", "EXEC", "--body", "qa")[0] == 0  # fmt: skip
    _, out, _ = run(capsys, "list", "themes", db, "--json")
    theme = json.loads(out)[0]
    assert (theme["quarter"], theme["bodies"]) == (
        "2025/26 Q1", ["Executive", "Quality Assurance Subgroup"]
    )  # fmt: skip
    assert run(capsys, "rule", "add", db, "--body", "EXEC", "--meetings", "2")[0] == 0
    _, out, _ = run(capsys, "list", "rules", db, "--year", "2025/26", "--today", "01/10/2025")
    assert "Executive meets at least twice a year" in out and "at risk" in out

    _, out, _ = run(capsys, "list", "recipients", db, "--json")
    what_works = next(r for r in json.loads(out) if r["role"] == "what works")
    assert what_works["name"].startswith("Foundations")
    assert run(capsys, "recipient", "rename", db, what_works["id"], "--name", "Foundations")[0] == 0
    _, out, _ = run(capsys, "list", "recipients", db)
    assert "Foundations  " in out


def test_review_dates_and_the_deadlines_they_make(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "review", "set", db, "--reference", "SCR Child K", "--kind",
                       "legacy SCR", "--initiated", "15/04/2019")  # fmt: skip
    assert code == 0 and out.startswith("Added SCR Child K.")
    _, out, _ = run(capsys, "list", "deadlines", db, "--json", "--today", "01/10/2019",
                    "--within", "200")  # fmt: skip
    due = {r["what"]: r["due"] for r in json.loads(out)}
    assert due["SCR Child K: Publication"] == "2019-10-15"
    assert due["SCR Child K: Publication: exceptional maximum"] == "2020-04-15"
    _, out, _ = run(capsys, "review", "step", db, "SCR Child K", "--step", "publication",
                    "--date", "01/11/2019")  # fmt: skip
    assert out.startswith("SCR Child K: publication recorded. Next: Published")
    run(capsys, "review", "set", db, "--reference", "RR 2025-03", "--kind", "rapid review",
        "--aware", "28/05/2026", "--looked-after", "yes")  # fmt: skip
    _, out, _ = run(capsys, "list", "deadlines", db, "--today", "29/05/2026", "--json")
    what = {r["what"]: r["due"] for r in json.loads(out)}
    assert what["RR 2025-03: Tell the safeguarding partners"] == "2026-06-04"
    assert what["RR 2025-03: Tell the Secretary of State and Ofsted (looked-after child)"] == (
        "2026-06-04"
    )


def test_the_yearly_report_cycle_and_a_late_dispatch(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lscp_desktop.models.reviews.yearly_reports import save_yearly_report

    with open_database(db, daily_backup=False) as store:
        save_yearly_report(store, {"year": "2019/20", "published_date": "30/09/2020",
                                   "panel_sent_date": "05/10/2020",
                                   "what_works_sent_date": "12/10/2020"})  # fmt: skip
    _, out, _ = run(capsys, "list", "deadlines", db, "--today", "2021-09-20")
    line = next(x for x in out.splitlines() if "Publish the next yearly report" in x)
    assert line.startswith("30/09/2021") and "statutory" in line
    _, out, _ = run(capsys, "list", "yearly-reports", db, "--json")
    report = json.loads(out)[0]
    assert (report["what_works_uk"], report["panel_uk"]) == ("12/10/2020 (late)", "05/10/2020")
