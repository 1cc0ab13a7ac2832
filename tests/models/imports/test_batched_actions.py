"""New actions imported in batches (``queue_row``) leave exactly what the row-by-row path
(``import_row`` alone, through ``save_action``) leaves: the same report line for line, and
the same actions, references, notes, people, organisations, priorities and audit entries
(all but their times), both for a file that is imported and, inside the transaction before
its rollback, for one with bad rows among good ones (hostile text refused by the identity
guard in a title, a note or a completion note; broken dates; unknown bodies; references
used twice), so nothing is half-saved from a bad row either way."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import _server_store
from helpers.sheets import write_xlsx

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.kinds import ImportKind
from lscp_desktop.models.imports.layout import ImportOptions
from lscp_desktop.models.imports.registry import import_kind
from lscp_desktop.models.imports.report import ImportReport
from lscp_desktop.models.store.database import Store

BATCHED = import_kind("actions")
PER_ROW = dataclasses.replace(BATCHED, queue_row=None)
TABLES = ("actions", "action_notes", "people", "organisations", "priorities", "audit_log")
HEADINGS = ["Reference", "Body", "Title", "Detail", "Source", "Source detail", "Owner",
            "Organisation", "Priority", "Raised", "Due date", "Status", "Completed",
            "Completion note", "Latest note", "Latest note date"]  # fmt: skip
HOSTILE = "Rapid review for Jane Smith born 03/04/2015, NW10 6RB"


@pytest.fixture
def two_demos(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[list[Store]]:
    """Two copies of the small demo on the test's engine."""
    if engine == "postgresql":
        template = request.getfixturevalue("_pg_demo_template")
        made = [_server_store(request, template, empty=False) for _ in range(2)]
        yield [next(m) for m in made]
        for m in made:
            next(m, None)
        return
    template: Path = request.getfixturevalue("_demo_template")
    stores = []
    for n in (1, 2):
        shutil.copy(template, tmp_path / f"demo{n}.db")
        stores.append(Store.open(tmp_path / f"demo{n}.db", daily_backup=False))
    yield stores
    for s in stores:
        s.close()


def snapshot(store: Store) -> dict[str, list[Any]]:
    """Every row of the tables an import writes; audit entries without their id and time."""
    out: dict[str, list[Any]] = {t: store.rows(t, order_by="id") for t in TABLES}
    out["audit_log"] = sorted(
        (e["os_user"], e["machine"], e["action"], e["table_name"], e["record_id"], e["field"],
         e["old"] or "", e["new"] or "")
        for e in out["audit_log"]
    )  # fmt: skip
    return out


#: The columns (and audited fields) holding another table's ids.
LINKS = {"action_id": "actions", "owner_id": "people", "organisation_id": "organisations",
         "priority_id": "priorities"}  # fmt: skip


def renumbered(snap: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """*snap* with every id (and every link to one, in the rows and in the audit entries)
    replaced by its record's place in its table. On PostgreSQL the row-by-row path's failed
    rows use up ids (an identity's sequence is not rolled back with a savepoint), where the
    batches, which write no bad row, leave no gap: the same records, other numbers."""
    place = {t: {r["id"]: n for n, r in enumerate(snap[t])} for t in TABLES if t != "audit_log"}

    def mapped(column: str, value: Any) -> Any:
        table = LINKS.get(column)
        if table is None or value in (None, ""):
            return value
        return place[table].get(int(value), f"gone {value}")

    out: dict[str, list[Any]] = {}
    for t, rows in snap.items():
        if t == "audit_log":
            out[t] = sorted(
                (*e[:4], place.get(e[3], {}).get(e[4], e[4]), e[5], str(mapped(e[5], e[6])),
                 str(mapped(e[5], e[7])))
                for e in rows
            )  # fmt: skip
        else:
            out[t] = [{c: place[t][v] if c == "id" else mapped(c, v) for c, v in r.items()}
                      for r in rows]  # fmt: skip
    return out


def said(report: ImportReport) -> dict[str, Any]:
    return {
        "lines": [(x.row, x.status, x.column, x.value, x.reason, x.record) for x in report.lines],
        "created": report.created,
        "matched": report.matched,
        "guesses": report.guesses,
        "summary": report.summary(),
        "text": report.text_lines(),
    }


def sheet(store: Store, *, bad: bool) -> list[list[Any]]:
    """New actions of every status (numbered, renumbered, with and without notes, dates and
    owners), some named again further down, rows creating a person and a priority, updates
    of actions in the log, awkward but acceptable text; with *bad*, bad rows among them."""
    actions = list_actions(store)[:10]
    rows: list[list[Any]] = [HEADINGS]
    statuses = ("completed", "cancelled", "open", "in progress", "on hold", "closed")
    for n, a in enumerate(actions):
        code = a.reference.split("-")[0]
        for copy in range(3):
            status = statuses[(n + copy) % len(statuses)]
            note = f"Step {n}.{copy}\tdone\u00a0 =SUM(A1) <b>"  # a tab, a formula, markup
            rows.append([
                f"{code}-{7000 + n * 3 + copy}" if copy != 1 else None, a.body,
                f"{a.title} — copy {copy} \u200b",  a.detail, a.source if copy else "meeting",
                a.source_label if copy else "", a.owner or None, None,
                a.priority or None, a.raised_date if copy != 2 else None, a.due_date, status,
                a.raised_date if status in ("completed", "closed") and copy == 0 else None,
                f"Evidence {n}.{copy}" if copy else "", note if copy != 1 else "",
                a.raised_date if copy == 0 else None,
            ])  # fmt: skip
        rows.append(
            [
                a.reference,
                a.body,
                a.title,
                a.detail,
                a.source,
                a.source_label,
                a.owner or None,
                a.organisation or None,
                a.priority or None,
                a.raised_date,
                a.due_date,
                "in progress",
                None,
                "",
                f"Progress on {a.reference}",
                None,
            ]
        )  # fmt: skip  (an update: imported on its own)
    first = actions[0]
    code = first.reference.split("-")[0]
    rows.append([f"{code}-7000", first.body, f"{first.title} — copy 0 \u200b", "", "", "",
                 None, None, None, first.raised_date, first.due_date, "open", None, "",
                 "Named again: found, reopened", None])  # fmt: skip
    rows.append([None, first.body, "A new owner's action", "", "", "", "Batch Newperson", None,
                 "A batch priority", None, "2031-01-31", "open", None, "", "", None])  # fmt: skip
    rows.append([None, first.body, "After the new owner", "", "", "", "Batch Newperson",
                 None, None, None, "2031-02-28", "completed", None, "", "Done at once",
                 None])  # fmt: skip
    rows.append(["OLD/17", first.body, "Legacy numbered action", "", "", "", None, None, None,
                 None, "2031-12-31", "open", None, "", "", None])  # fmt: skip
    if bad:
        at = len(rows) // 2
        bad_rows = [
            [f"{code}-7900", first.body, HOSTILE, "", "", "", None, None, None, None,
             "2031-01-31", "open", None, "", "", None],
            [f"{code}-7901", first.body, "Hostile note", "", "", "", None, None, None, None,
             "2031-01-31", "open", None, "", HOSTILE, None],
            [f"{code}-7902", first.body, "Hostile completion", "", "", "", None, None, None,
             None, "2031-01-31", "completed", None, HOSTILE, "", None],
            [f"{code}-7903", first.body, "Due before raised", "", "", "", None, None, None,
             "2031-05-01", "2031-04-01", "open", None, "", "", None],
            [f"{code}-7904", "No such body", "Unknown body", "", "", "", None, None, None,
             None, "2031-01-31", "open", None, "", "", None],
            [f"{code}-7905", first.body, "Completed before raised", "", "", "", None, None,
             None, "2031-01-10", "2031-01-31", "completed", "2031-01-01", "Done", "", None],
            [f"{code}-7906", first.body, "No completion note", "", "", "", None, None, None,
             None, "2031-01-31", "closed", None, "", "", None],
            [f"{code}-7907", first.body, "A bad status", "", "", "", None, None, None, None,
             "2031-01-31", "finished-ish", None, "", "", None],
            ["ZZZ-7908", first.body, "Another body's reference", "", "", "", None, None,
             None, None, "2031-01-31", "open", None, "", "", None],
            [f"{code}-7909", first.body, "Risk without a reference", "", "risk", "no ref",
             None, None, None, None, "2031-01-31", "open", None, "", "", None],
        ]  # fmt: skip
        rows[at:at] = bad_rows[:5]
        rows[at + 12 : at + 12] = bad_rows[5:]
        rows.append([f"{code}-7000", first.body, "The same reference again", "", "", "", None,
                     None, None, None, "2031-01-31", "cancelled", None, "", "", None])  # fmt: skip
    return rows


def _import(store: Store, kind: ImportKind, path: Path, dry_run: bool) -> tuple[Any, ...]:
    """The report, and every table as it was inside the transaction once every row was
    tried (before the rollback of a file with bad rows or of a dry run)."""
    inside: list[dict[str, list[Any]]] = []

    def progress(done: int, total: int, text: str) -> None:
        if text == "Checked every row":
            inside.append(snapshot(store))

    report = run_import(store, kind, path, ImportOptions(dry_run=dry_run), progress)
    return report, inside[0], snapshot(store)


@pytest.mark.parametrize("bad", [False, True], ids=["good file", "bad rows"])
def test_batches_leave_what_row_by_row_leaves(
    two_demos: list[Store], tmp_path: Path, bad: bool, engine: str
) -> None:
    one, two = two_demos
    path = write_xlsx(tmp_path / "log.xlsx", sheet(one, bad=bad))
    before = snapshot(one)
    assert before == snapshot(two)

    per_row, inside_per_row, after_per_row = _import(one, PER_ROW, path, dry_run=False)
    batched, inside_batched, after_batched = _import(two, BATCHED, path, dry_run=False)

    assert said(batched) == said(per_row)
    if engine == "postgresql" and bad:  # a sequence never goes back: see renumbered
        inside_batched, inside_per_row = renumbered(inside_batched), renumbered(inside_per_row)
    assert inside_batched == inside_per_row
    assert after_batched == after_per_row
    counts = [per_row.count(s) for s in ("imported", "updated", "unchanged", "error")]
    if bad:
        assert not batched.committed and after_batched == before
        assert counts[3] == 10, per_row.text_lines()
        refused = [x for x in per_row.errors if "date of birth" in x.reason]
        assert [x.column for x in refused] == ["Title", "Latest note", "Completion note"]
    else:
        assert batched.committed and per_row.errors == []
        assert counts[:3] == [33, 11, 0], per_row.text_lines()
    new = inside_batched["actions"][len(before["actions"]) :]
    assert len({(a["body_id"], a["number"]) for a in new}) == len(new) == counts[0]
    assert any(a["reference"].endswith("-7000") for a in new)


def test_a_dry_run_of_batches_says_what_row_by_row_says(
    two_demos: list[Store], tmp_path: Path, engine: str
) -> None:
    one, two = two_demos
    path = write_xlsx(tmp_path / "log.xlsx", sheet(one, bad=True))
    before = snapshot(one)
    per_row, inside_per_row, after_per_row = _import(one, PER_ROW, path, dry_run=True)
    batched, inside_batched, after_batched = _import(two, BATCHED, path, dry_run=True)
    assert said(batched) == said(per_row)
    if engine == "postgresql":
        inside_batched, inside_per_row = renumbered(inside_batched), renumbered(inside_per_row)
    assert inside_batched == inside_per_row  # (a dry run is unaudited either way)
    assert after_batched == after_per_row == before


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry run"])
def test_rows_held_that_cannot_be_written_stop_the_import_keeping_nothing(
    two_demos: list[Store], tmp_path: Path, dry_run: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure writing the rows held (whichever row's turn it is) is the import's: it
    stops with a message, no row is blamed for it, and nothing of the import is kept."""
    from lscp_desktop.models.actions.batch import NewActions
    from lscp_desktop.models.core.errors import StoreError
    from lscp_desktop.models.imports.context import HeldRowsError

    store = two_demos[0]
    path = write_xlsx(tmp_path / "log.xlsx", sheet(store, bad=False))
    before = snapshot(store)
    real = NewActions.flush

    def failing(self: NewActions) -> Any:
        if self.pending:
            real(self)  # half of it written, then:
            raise StoreError("the disk said no")
        return real(self)

    monkeypatch.setattr(NewActions, "flush", failing)
    with pytest.raises(HeldRowsError, match=r"could not be written together .*the disk said no"):
        run_import(store, BATCHED, path, ImportOptions(dry_run=dry_run))
    assert snapshot(store) == before
