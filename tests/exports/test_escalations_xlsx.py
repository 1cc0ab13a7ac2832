"""The escalation log workbook: a table the import reads back, real dates, open challenges
shaded, counts on a second sheet, and user text that never becomes a formula."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from lscp_desktop.exports.escalations_xlsx import COLUMNS
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.assurance.escalations import list_escalations, save_escalation
from lscp_desktop.models.store.database import Store


def test_the_log_and_its_counts(demo_store: Store, tmp_path: Path) -> None:
    first = list_escalations(demo_store)[-1]
    save_escalation(
        demo_store,
        {**{k: v for k, v in first.__dict__.items() if k not in ("actions", "action_ids")},
         "summary": "=HYPERLINK(\"http://evil\")"},
        first.id,
    )  # fmt: skip
    path = find_kind("escalations").run(
        demo_store, ExportOptions(), tmp_path / "log.xlsx", lambda *_: None
    )
    wb = load_workbook(path)
    ws = wb["Escalations"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert ws.max_row == len(list_escalations(demo_store)) + 1
    assert isinstance(ws["B2"].value, dt.datetime) and ws["B2"].number_format == "dd/mm/yyyy"
    summaries = [ws.cell(row=r, column=7) for r in range(2, ws.max_row + 1)]
    evil = next(c for c in summaries if str(c.value).startswith("=HYPERLINK"))
    assert evil.data_type == "s"  # text, not a formula
    counts = {(r[0].value, r[1].value): r[2].value for r in wb["By stage and agency"].iter_rows(
        min_row=2)}  # fmt: skip
    assert counts[("Totals", "Raised")] == len(list_escalations(demo_store))
    one_year = find_kind("escalations").run(
        demo_store, ExportOptions(year="2025/26"), tmp_path / "y.xlsx", lambda *_: None
    )
    assert load_workbook(one_year)["Escalations"].max_row < ws.max_row
