"""Every import kind, every text field: each identity string refused on its row, nothing saved;
the innocent strings imported.

One file per kind and field: a row for each string, the other cells valid. The store's door
refuses the row (the report gives row, column and the message naming the field) and, as with
any bad row, nothing of the file is saved.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.identity_cases import PASSED, REFUSED

from lscp_desktop.models.core.identity_guard import find_identifiers
from lscp_desktop.models.core.text_policy import rule
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.layout import ImportOptions
from lscp_desktop.models.imports.registry import import_kind
from lscp_desktop.models.store.database import Store

Base = Callable[[int], dict[str, Any]]


def _day(i: int) -> str:
    """A different weekday for each row, in 2031 (no demo meeting is there)."""
    import datetime as dt

    day = dt.date(2031, 1, 6) + dt.timedelta(days=(i // 5) * 7 + i % 5)
    return day.strftime("%d/%m/%Y")


_RISK = {"register": "operational", "category": "Workforce", "inherent_likelihood": 3,
         "inherent_impact": 3, "residual_likelihood": 2, "residual_impact": 2}  # fmt: skip

#: kind -> (a valid row for row number i, the text fields, those that take any text).
CASES: dict[str, tuple[Base, tuple[str, ...], tuple[str, ...]]] = {
    "organisations": (
        lambda i: {"name": f"Agency {i}", "kind": "other"},
        ("name", "sector", "local_authority", "notes"),
        ("name", "local_authority", "notes"),
    ),
    "people": (
        lambda i: {"name": f"Person {i}"},
        ("name", "job_title", "organisation", "email", "phone", "notes"),
        ("name", "job_title", "organisation", "notes"),
    ),
    "memberships": (
        lambda i: {"person": f"Member {i}", "body": "PSB", "start_date": "01/04/2026"},
        ("person", "role", "job_title", "organisation", "notes"),
        ("person", "job_title", "notes"),
    ),
    "meetings": (
        lambda i: {"body": "PSB", "date": _day(i), "status": "cancelled", "status_reason": "x"},
        ("venue", "online_link", "status_reason", "notes"),
        ("venue", "online_link", "status_reason", "notes"),
    ),
    "actions": (
        lambda i: {
            "body": "PSB",
            "title": f"Action {i}",
            "due_date": "31/03/2031",
            "status": "completed",
            "completion_note": "done",
        },
        ("title", "detail", "source_detail", "owner", "priority", "completion_note", "latest_note"),
        ("title", "detail", "completion_note", "latest_note"),
    ),
    "risks": (
        lambda i: {**_RISK, "title": f"Risk {i}", "status": "closed", "closure_note": "gone"},
        ("title", "description", "cause", "consequence", "controls", "owner", "closure_note"),
        ("title", "description", "cause", "consequence", "controls", "closure_note"),
    ),
    "contributions": (
        lambda i: {"organisation": f"Funder {i}", "organisation_kind": "other", "agreed": 1000},
        ("organisation", "invoice_ref", "notes"),
        ("notes", "invoice_ref"),
    ),
}

PARAMS = [(kind, f) for kind, (_, fields, _) in CASES.items() for f in fields]
#: The tables each kind can write to (nothing may be added to any of them).
TABLES = ("organisations", "people", "memberships", "meetings", "actions", "action_notes",
          "risks", "priorities", "contributions", "contribution_payments", "finance_years",
          "audit_log")  # fmt: skip


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    headers = list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, headers)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in TABLES}


@pytest.mark.parametrize(("key", "field"), PARAMS, ids=[f"{k}.{f}" for k, f in PARAMS])
def test_every_identity_is_refused_row_by_row_and_nothing_is_saved(
    demo_store: Store, tmp_path: Path, key: str, field: str
) -> None:
    base, _, _ = CASES[key]
    skip = rule("meetings", field)[0].skip if key == "meetings" else frozenset()
    texts = [t for t, _ in REFUSED if find_identifiers(t, skip=skip)]
    rows = [{**base(i), field: text} for i, text in enumerate(texts)]
    before = _counts(demo_store)
    report = run_import(
        demo_store,
        import_kind(key),
        _write(tmp_path / f"{key}.csv", rows),
        ImportOptions(year="2030/31"),
    )
    bad = {line.row for line in report.errors}
    assert bad == set(range(2, len(texts) + 2)), [str(line) for line in report.lines[:5]]
    assert not report.committed
    assert _counts(demo_store) == before


def _free_params() -> list[tuple[str, str]]:
    return [(kind, f) for kind, (_, _, free) in CASES.items() for f in free]


@pytest.mark.parametrize(
    ("key", "field"), _free_params(), ids=[f"{k}.{f}" for k, f in _free_params()]
)
def test_the_innocent_strings_are_imported(
    demo_store: Store, tmp_path: Path, key: str, field: str
) -> None:
    base, _, _ = CASES[key]
    texts = [t for t in PASSED if t and not t.lower().startswith("total")]
    rows = [{**base(i), field: text} for i, text in enumerate(texts)]
    report = run_import(
        demo_store,
        import_kind(key),
        _write(tmp_path / f"{key}.csv", rows),
        ImportOptions(year="2030/31"),
    )
    assert report.errors == [], [f"{e.row} {e.value}: {e.reason}" for e in report.errors[:5]]
    assert report.committed


def test_the_report_names_the_column_and_quotes_what_was_found(
    demo_store: Store, tmp_path: Path
) -> None:
    rows = [
        {"body": "PSB", "title": "Chase the GP", "due_date": "31/03/2031",
         "latest_note": "Baby X, born 14/03/2026, NHS 943 476 5919, SE11 5QY"},
    ]  # fmt: skip
    report = run_import(demo_store, import_kind("actions"), _write(tmp_path / "a.csv", rows))
    (line,) = report.errors
    assert line.row == 2 and line.column == "latest_note"  # the file's own heading
    assert line.reason.startswith(
        "Progress note: looks like a date of birth: 'born 14/03/2026', an NHS number: "
        "'943 476 5919' and a postcode: 'SE11 5QY'."
    )
    assert "Nothing was imported" in report.summary()
