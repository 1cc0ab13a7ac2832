"""A dry run says exactly what the import would do: the same lines, references, counts and
notes as the real import of the same file, and leaves nothing behind; the real import is
audited (a dry run is rehearsed unaudited, then rolled back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.sheets import write_xlsx

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.layout import ImportOptions
from lscp_desktop.models.imports.registry import import_kind
from lscp_desktop.models.imports.report import ImportReport
from lscp_desktop.models.store.database import Store

ACTIONS = import_kind("actions")
TABLES = ("actions", "action_notes", "people", "organisations", "priorities", "audit_log")
HEADINGS = ["Reference", "Body", "Title", "Owner", "Organisation", "Priority", "Raised",
            "Due date", "Status", "Completion note", "Latest note", "Latest note date"]  # fmt: skip


def everything(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {t: store.rows(t, order_by="id") for t in TABLES}


def said(report: ImportReport) -> dict[str, Any]:
    return {
        "lines": [(x.row, x.status, x.column, x.value, x.reason, x.record) for x in report.lines],
        "created": report.created,
        "matched": report.matched,
        "guesses": report.guesses,
        "counts": [report.count(a) for a in ("imported", "updated", "unchanged", "skipped")],
    }


def log_rows(store: Store) -> list[list[Any]]:
    """Some of the demo's actions as they are, changed, and copied as new ones (with new
    owners, priorities, statuses and notes), and legacy references: every path of a row."""
    actions = list_actions(store)[:12]
    rows: list[list[Any]] = [HEADINGS]
    for n, a in enumerate(actions):
        row = [a.reference, a.body, a.title, a.owner, a.organisation, a.priority,
               a.raised_date, a.due_date, a.status, a.completion_note, a.latest_note,
               a.latest_note_date]  # fmt: skip
        rows.append(row)  # unchanged
        code = a.reference.split("-")[0]
        status = ("completed", "cancelled", "open", "in progress")[n % 4]
        rows.append([f"{code}-{8000 + n}", a.body, f"{a.title} (again)",
                     "Dry Run Newperson" if n % 3 == 0 else a.owner, None,
                     "A new priority" if n % 5 == 0 else a.priority, a.raised_date, a.due_date,
                     status, "", f"Done, step {n}", None])  # fmt: skip
    again = list(rows[2])  # a new action named again further down: found, and changed
    again[8], again[10] = "open", "Reopened: not done after all"
    rows.append(again)
    first = actions[0]
    rows.append([first.reference, first.body, first.title, first.owner, None, None,
                 first.raised_date, first.due_date, "in progress", "", "A new note",
                 None])  # fmt: skip
    rows.append(["OLD/1", first.body, "Legacy numbered action", None, None, None, None,
                 "2026-12-31", "open", "", "", None])  # fmt: skip
    return rows


def test_a_dry_run_reports_what_the_import_then_does(demo_store: Store, tmp_path: Path) -> None:
    rows = log_rows(demo_store)
    path = write_xlsx(tmp_path / "log.xlsx", rows)
    before = everything(demo_store)
    dry = run_import(demo_store, ACTIONS, path, ImportOptions(dry_run=True))
    assert not dry.committed and dry.errors == [], dry.text_lines()
    assert everything(demo_store) == before  # nothing saved, nor audited

    real = run_import(demo_store, ACTIONS, path)
    assert real.committed
    assert said(real) == said(dry)
    imported, updated, unchanged, _ = said(real)["counts"]
    assert (imported, updated, unchanged) == (13, 2, 12)
    assert any("created person 'Dry Run Newperson'" in line for line in real.created)
    # every saved action and note is in the audit log
    audit = demo_store.rows("audit_log", "id > ?", (before["audit_log"][-1]["id"],))
    inserted = {e["record_id"] for e in audit if e["table_name"] == "actions"
                and e["action"] == "insert"}  # fmt: skip
    assert len(inserted) == imported
    new_notes = len(demo_store.rows("action_notes")) - len(before["action_notes"])
    audited_notes = {e["record_id"] for e in audit if e["table_name"] == "action_notes"}
    assert new_notes > imported and len(audited_notes) == new_notes
    assert any(e["table_name"] == "actions" and e["action"] == "update" for e in audit)


def test_a_dry_run_of_a_file_with_a_bad_row_says_what_the_import_says(
    demo_store: Store, tmp_path: Path
) -> None:
    rows = log_rows(demo_store)
    rows.insert(5, ["EXEC-9100", "EXEC", "Due before raised", None, None, None, "2026-05-01",
                    "2026-04-01", "open", "", "", None])  # fmt: skip
    path = write_xlsx(tmp_path / "log.xlsx", rows)
    before = everything(demo_store)
    dry = run_import(demo_store, ACTIONS, path, ImportOptions(dry_run=True))
    real = run_import(demo_store, ACTIONS, path)
    assert not real.committed and len(real.errors) == 1
    assert said(real) == said(dry)
    assert everything(demo_store) == before
