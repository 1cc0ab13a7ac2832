"""The action log and risk register workbooks opened again; the heat map image."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lscp_desktop.exports.actions_xlsx import build_actions, build_risks
from lscp_desktop.exports.registry import ExportOptions
from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.actions.notes import add_note
from lscp_desktop.models.actions.records import RAG_LABELS
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.actions.status import set_status
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.risks.records import HeatMap
from lscp_desktop.models.risks.reviews import record_review
from lscp_desktop.models.risks.summary import heat_map_counts
from lscp_desktop.models.store.database import Store

HOSTILE = ["=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-2", "bell\x07 and \ufffe"]


def _hostile_actions(store: Store) -> list[int]:
    today = dt.date.today()
    ids = []
    for text in HOSTILE:
        ids.append(
            save_action(
                store,
                {"body_id": 1, "title": text, "detail": text, "source": "other",
                 "source_note": text, "raised_date": today.isoformat(),
                 "due_date": (today + dt.timedelta(days=3)).isoformat()},
            )
        )  # fmt: skip
        add_note(store, ids[-1], text)
    return ids


def test_action_workbook_reads_back_with_types_and_no_formulas(
    demo_store: Store, tmp_path: Path
) -> None:
    ids = _hostile_actions(demo_store)
    set_status(demo_store, ids[0], "completed", note='=HYPERLINK("x")')
    path = build_actions(demo_store, ExportOptions(), tmp_path / "log.xlsx", lambda *_: None)
    wb = load_workbook(path)
    ws = wb["Actions"]
    header = [c.value for c in ws[1]]
    # What a meeting reads comes first (and is what prints); every other field follows.
    assert header[:8] == ["Reference", "Body", "Title", "Owner", "Due date", "Status", "RAG",
                          "Latest note"]  # fmt: skip
    assert {"Detail", "Source", "Completion note", "Times reopened"} <= set(header)
    col = {h: i for i, h in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2, values_only=False))
    assert len(rows) == demo_store.count("actions")
    assert ws.freeze_panes == "A2" and list(ws.tables) == ["Actions"]
    assert ws.auto_filter is not None
    by_ref = {r[col["Reference"]].value: r for r in rows}
    titles = [by_ref[get_action(demo_store, i).reference][col["Title"]] for i in ids]
    assert [c.value for c in titles[:4]] == HOSTILE[:4]
    assert all(c.data_type == "s" for c in titles)
    assert titles[4].value == "bell and "  # the bell dropped at save, U+FFFE in the export
    done = by_ref[get_action(demo_store, ids[0]).reference]
    assert done[col["Completion note"]].value == '=HYPERLINK("x")'
    assert done[col["Completion note"]].data_type == "s"
    assert done[col["RAG"]].value == "Complete"
    first = rows[0]
    assert isinstance(first[col["Due date"]].value, dt.datetime)
    assert first[col["Due date"]].number_format == "dd/mm/yyyy"
    assert isinstance(first[col["Times reopened"]].value, int)
    for r in rows:  # RAG is text and a fill colour
        rag = r[col["RAG"]]
        assert rag.value in RAG_LABELS.values()
        assert rag.fill.fgColor.rgb.endswith(
            {"Red": "F4C7C3", "Amber": "FCE8B2", "Green": "C9E7C9", "Complete": "CFE2F3",
             "Cancelled": "E7E7E7"}[rag.value])  # fmt: skip
    notes = wb["Progress notes"]
    assert [c.value for c in notes[1]] == ["Reference", "Date", "Author", "Kind", "Note"]
    assert notes.max_row - 1 == demo_store.count("action_notes")
    for row in notes.iter_rows(min_row=2):
        assert row[4].data_type == "s"


def test_action_workbook_for_one_body(demo_store: Store, tmp_path: Path) -> None:
    path = build_actions(demo_store, ExportOptions(body_id=2), tmp_path / "b.xlsx",
                         lambda *_: None)  # fmt: skip
    ws = load_workbook(path)["Actions"]
    refs = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert refs and all(str(x).startswith("QSAG-") for x in refs)


def test_risk_workbook_reads_back(demo_store: Store, tmp_path: Path) -> None:
    risk_id = list_risks(demo_store, register="strategic")[0].id
    record_review(demo_store, risk_id, {"likelihood": 5, "impact": 5, "note": "@SUM(1)"})
    path = build_risks(demo_store, ExportOptions(register="strategic"), tmp_path / "r.xlsx",
                       lambda *_: None)  # fmt: skip
    wb = load_workbook(path)
    ws = wb["Risks"]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {r[col["Register"]] for r in rows} == {"Strategic"}
    assert len(rows) == len(list_risks(demo_store, register="strategic"))
    for r in rows:
        assert r[col["Residual score"]] == r[col["Residual likelihood"]] * r[col["Residual impact"]]
        assert r[col["Above appetite"]] in ("Yes", "No")
    reviews = wb["Reviews"]
    hostile = [row for row in reviews.iter_rows(min_row=2) if row[6].value == "@SUM(1)"]
    assert len(hostile) == 1 and hostile[0][6].data_type == "s"
    assert hostile[0][4].value == 25
    with pytest.raises(ValidationError, match="not a register"):
        build_risks(demo_store, ExportOptions(register="secret"), tmp_path / "x.xlsx",
                    lambda *_: None)  # fmt: skip
    assert not (tmp_path / "x.xlsx").exists()


def test_heat_map_png(demo_store: Store) -> None:
    from matplotlib.image import imread

    from lscp_desktop.exports.charts.heatmap import heat_map_png, score_chart_png

    png = heat_map_png(
        heat_map_counts(demo_store, None, "inherent"),
        heat_map_counts(demo_store, None, "residual"),
        title="All registers",
        dpi=60,
    )
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = imread(io.BytesIO(png))
    assert image.shape[1] > image.shape[0] > 200  # two grids side by side
    chart = score_chart_png([("2026-01-01", 9), ("2026-04-01", 12)], target=4, appetite=6)
    assert chart[:4] == b"\x89PNG"
    assert score_chart_png([])[:4] == b"\x89PNG"


def test_heat_map_labels_cells_above_appetite() -> None:
    from matplotlib.figure import Figure

    from lscp_desktop.exports.charts.heatmap import draw_heat_map

    grid = HeatMap("residual")
    grid.counts[4][4], grid.above[4][4] = 3, 2
    grid.counts[0][0] = 1
    ax = Figure().subplots()
    draw_heat_map(ax, grid, "Residual")
    texts = [t.get_text() for t in ax.texts]
    assert "3" in texts and "2 over" in texts and "1" in texts
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1
