"""The registers written by the fast path (XlsxWriter, constant memory) are the workbooks the
standard path (openpyxl) writes for the same data: cell for cell and sheet for sheet, both
loaded with openpyxl; hostile text stays text."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from lscp_desktop.exports.actions_xlsx import action_sheets, build_actions, risk_sheets
from lscp_desktop.exports.decisions import decision_sheets
from lscp_desktop.exports.escalations_xlsx import escalation_sheets
from lscp_desktop.exports.excel import TableSheet, XColumn
from lscp_desktop.exports.fast_xlsx import save_tables
from lscp_desktop.exports.registry import ExportOptions
from lscp_desktop.models.actions.notes import add_note
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.store.database import Store

EMOJI = "\U0001f9d2\U0001f3fd"  # a child, medium skin tone: two characters, four UTF-16 units
HOSTILE = [
    "=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-2", "=1+1", "bell\x07 and \ufffe",
    "nul\x00 vt\x0b ff\x0c esc\x1b", "  leading and trailing spaces  ", "tab\there\r\nCRLF",
    f"emoji {EMOJI} and accents: Zoë, Łódź, café", "lone \ud800 surrogate",
    "x" * 40_000, EMOJI * 20_000, "a" * 32_766 + EMOJI, "word " * 30,
]  # fmt: skip


def _rgb(color: Any) -> str | None:
    rgb = getattr(color, "rgb", None) if color is not None else None
    return rgb[-6:] if isinstance(rgb, str) else None


def _one(value: Any) -> int:
    return 1 if value is None else int(value)


def _cell(c: Any) -> tuple[Any, ...]:
    f, fill, a, b = c.font, c.fill, c.alignment, c.border
    return (
        c.value, c.data_type, c.number_format,
        f.name, f.sz, bool(f.b), bool(f.i), _rgb(f.color),
        fill.fill_type, _rgb(fill.fgColor) if fill.fill_type else None,
        a.horizontal, a.vertical, bool(a.wrap_text), a.indent,
        [getattr(getattr(b, side), "style", None) for side in ("left", "right", "top", "bottom")],
    )  # fmt: skip


def _table(t: Any) -> tuple[Any, ...]:
    style = t.tableStyleInfo
    return (t.ref, style.name, bool(style.showRowStripes), bool(style.showColumnStripes),
            t.autoFilter.ref, [col.name for col in t.tableColumns])  # fmt: skip


def _sheet(ws: Any) -> dict[str, Any]:
    widths = {}
    for dim in ws.column_dimensions.values():
        if dim.customWidth:
            widths |= dict.fromkeys(range(dim.min, dim.max + 1), dim.width)
    setup, margins = ws.page_setup, ws.page_margins
    return {
        "size": (ws.max_row, ws.max_column),
        "widths": widths,
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
        "tables": {t.displayName: _table(t) for t in ws.tables.values()},
        "freeze": ws.freeze_panes,
        "titles": ws.print_title_rows,
        "area": ws.print_area,
        # fitToWidth and fitToHeight are 1 when absent (ECMA-376; XlsxWriter leaves out 1)
        "setup": (setup.orientation, str(setup.paperSize), _one(setup.fitToWidth),
                  _one(setup.fitToHeight),
                  ws.sheet_properties.pageSetUpPr.fitToPage),
        "margins": (margins.left, margins.right, margins.top, margins.bottom, margins.header,
                    margins.footer),
        "header": [(h.left.text, h.center.text, h.right.text)
                   for h in (ws.oddHeader, ws.oddFooter)],
    }  # fmt: skip


def assert_same_workbook(fast: Path, standard: Path) -> None:
    a, b = load_workbook(fast), load_workbook(standard)
    assert a.sheetnames == b.sheetnames
    assert a.properties.title == b.properties.title
    for name in a.sheetnames:
        wa, wb = a[name], b[name]
        assert _sheet(wa) == _sheet(wb), name
        for ra, rb in zip(wa.iter_rows(), wb.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                assert _cell(ca) == _cell(cb), (name, ca.coordinate)


@pytest.fixture(params=["constant memory", "in memory"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways XlsxWriter writes a register: rows streamed (big ones) and in memory."""
    if request.param == "constant memory":
        monkeypatch.setattr("lscp_desktop.exports.fast_xlsx.CONSTANT_MEMORY_CELLS", 0)
    return str(request.param)


def _both(tmp_path: Path, sheets: list[TableSheet], title: str) -> tuple[Path, Path]:
    fast = save_tables(tmp_path / "fast.xlsx", sheets, title)
    standard = save_tables(tmp_path / "standard.xlsx", sheets, title, fast=False)
    return fast, standard


def _hostile_actions(store: Store) -> None:
    today = dt.date.today()
    for text in HOSTILE:
        if "\ud800" in text:
            continue  # refused on saving (tests/models: broken characters)
        action_id = save_action(
            store,
            {"body_id": 1, "title": text[:500], "detail": text, "source": "other",
             "source_note": text[:500], "raised_date": today.isoformat(),
             "due_date": (today + dt.timedelta(days=3)).isoformat()},
        )  # fmt: skip
        add_note(store, action_id, text)


def test_every_kind_of_cell_is_the_same(tmp_path: Path, mode: str) -> None:
    columns = [
        XColumn("Text", width=12),
        XColumn("Money", "money", width=11.5),
        XColumn("After a figure", width=20, wrap=True),
        XColumn("Date", "date", width=10),
        XColumn("Status", width=9),
        XColumn("Share", "percent", width=8),
        XColumn("Count", "int", width=7),
        XColumn("Long heading that wraps over lines", width=9, wrap=True),
        XColumn("Fixed", "money", width=12, number_format="0.00"),
    ]
    rows: list[list[Any]] = [
        [text, 12_345, text, "2026-03-31", text, 0.125, 3, text, 100] for text in HOSTILE
    ]
    rows += [
        [None, None, "", None, "", None, None, None, None],
        [42, -1, "x", dt.date(2026, 1, 2), "ok", 1, 0, "y", 5],
        [dt.date(2026, 1, 2), 0, "x", dt.datetime(2026, 1, 2, 13, 30), "\x00", 0.5, -4, "", 7],
    ]
    fills = [[None, "F4C7C3", None, "C9E7C9", None, None, None, None, None]] * len(rows)
    sheets = [
        TableSheet("Every kind", columns, rows, "Every kind!", "A title & more =1",
                   "OFFICIAL-SENSITIVE", printed_columns=5, fills=fills,
                   heading="=A heading", subheading="+a subheading \x07"),
        TableSheet("No rows", columns, [], "Empty", landscape=False),
        TableSheet("Headed", columns[:2], [["a", 100]], "Headed", heading="Only a heading"),
    ]  # fmt: skip
    fast, standard = _both(tmp_path, sheets, "A workbook")
    assert_same_workbook(fast, standard)
    ws = load_workbook(fast)["Every kind"]
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate  # user text is never a formula
    assert ws["A5"].value == "=cmd|' /C calc'!A0"
    assert ws["A14"].value == f"emoji {EMOJI} and accents: Zoë, Łódź, café"
    # Excel's limit is 32,767 UTF-16 units; an emoji cut in half is left out.
    assert len(ws["A16"].value.encode("utf-16-le")) == 2 * 32_767
    assert ws["A17"].value == EMOJI * 8191 + EMOJI[0]
    assert ws["A18"].value == "a" * 32_766


def test_text_that_looks_like_excels_escapes_shows_as_typed(tmp_path: Path, mode: str) -> None:
    """Excel reads "_x0041_" in a cell's XML as "A"; XlsxWriter escapes the underscore so Excel
    shows what was typed. openpyxl decodes the escapes in shared strings (in memory) as Excel
    does, but reads inline strings (constant memory) as they are, escape and all."""
    sheets = [TableSheet("T", [XColumn("Text")], [["_x0041_ and \r"]], "T")]
    fast = save_tables(tmp_path / "fast.xlsx", sheets, "T")
    escaped = "_x005F" if mode == "constant memory" else ""
    assert load_workbook(fast)["T"]["A2"].value == escaped + "_x0041_ and \n"


@pytest.mark.parametrize("which", ["actions", "risks", "escalations", "decisions"])
def test_the_registers_are_the_same_either_way(
    demo_store: Store, tmp_path: Path, which: str, mode: str
) -> None:
    _hostile_actions(demo_store)
    build = {"actions": action_sheets, "risks": risk_sheets, "escalations": escalation_sheets,
             "decisions": decision_sheets}[which]  # fmt: skip
    sheets, title = build(demo_store, ExportOptions(marking="OFFICIAL-SENSITIVE"))
    assert sheets[0].rows
    assert_same_workbook(*_both(tmp_path, sheets, title))


def test_the_action_log_export_takes_the_fast_path(demo_store: Store, tmp_path: Path) -> None:
    _hostile_actions(demo_store)
    path = build_actions(demo_store, ExportOptions(), tmp_path / "log.xlsx", lambda *_: None)
    ws = load_workbook(path)["Actions"]
    titles = {c.value for c in ws["C"]}
    assert "=1+1" in titles and "@SUM(1)" in titles
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def _hostile_funding(data: Any) -> None:
    """Hostile text in every free-text field of the funding workbook's records."""
    texts = iter(HOSTILE * 20)
    data.partnership = "Northbridge & =Eastmere\x07 " + EMOJI
    data.marking = "OFFICIAL-SENSITIVE"
    for c in data.contributions:
        c.organisation, c.notes, c.invoice_ref = next(texts), next(texts), next(texts)[:40]
    for k in data.in_kind:
        k.organisation, k.description, k.notes = next(texts), next(texts), next(texts)
    for b in data.lines:
        b.description = next(texts)
    for s in data.spend:
        s.payee, s.description, s.reference, s.line = (next(texts) for _ in range(4))
    for r in data.reserves:
        r.name, r.purpose = next(texts), next(texts)
    history = data.history
    history.organisations = [(i, next(texts), kind) for i, _, kind in history.organisations]


@pytest.mark.parametrize("hostile", [False, True])
def test_the_funding_workbook_is_the_one_openpyxl_built(
    demo_store: Store, tmp_path: Path, hostile: bool
) -> None:
    """The funding workbook XlsxWriter writes directly is the one the openpyxl builder it
    replaced (tests/helpers/funding_openpyxl.py) made and saved, for every demo year (ended,
    current, empty of spend), with hostile text everywhere, and for a year with nothing in it."""
    from helpers.funding_openpyxl import write_funding_workbook as openpyxl_workbook

    from lscp_desktop.exports.funding_xlsx import funding_data, write_funding_workbook
    from lscp_desktop.models.finance.years import ensure_year, list_years

    ensure_year(demo_store, "2030/31")
    labels = [y.label for y in list_years(demo_store)]
    assert "2030/31" in labels and len(labels) >= 4
    for label in labels:
        data = funding_data(demo_store, label)
        if hostile:
            _hostile_funding(data)
        fast = write_funding_workbook(data, tmp_path / "fast.xlsx")
        standard = openpyxl_workbook(data, tmp_path / "standard.xlsx")
        assert_same_workbook(fast, standard)


def test_the_action_log_reads_as_the_records_give_it(demo_store: Store, tmp_path: Path) -> None:
    """The action log's quick reading (plain rows, the latest notes found among the log's notes)
    gives the sheets that the action and note records give, cell for cell and fill for fill."""
    from lscp_desktop.exports.actions_xlsx import record_action_sheets
    from lscp_desktop.models.actions.status import set_status

    _hostile_actions(demo_store)
    today = dt.date.today()
    author = int(demo_store.scalar("SELECT min(id) FROM people"))
    ids = [
        save_action(demo_store, {"body_id": 1, "title": f"Notes in any order {i}",
                                 "source": "other",
                                 "raised_date": (today - dt.timedelta(days=30)).isoformat(),
                                 "due_date": (today - dt.timedelta(days=i)).isoformat()})
        for i in range(4)
    ]  # fmt: skip
    add_note(demo_store, ids[0], "today, first", on=today)
    add_note(demo_store, ids[0], "today, second (the latest)", on=today, author_id=author)
    add_note(demo_store, ids[0], "added later, dated earlier", on=today - dt.timedelta(days=9))
    add_note(demo_store, ids[1], "the only note", on=today - dt.timedelta(days=2))
    set_status(demo_store, ids[2], "cancelled")
    body_ids = [None, 1, int(demo_store.scalar("SELECT max(id) FROM bodies"))]
    for body_id in body_ids:
        options = ExportOptions(body_id=body_id, marking="OFFICIAL-SENSITIVE")
        quick, title = action_sheets(demo_store, options)
        records, record_title = record_action_sheets(demo_store, options)
        assert title == record_title
        for a, b in zip(quick, records, strict=True):
            assert (a.name, a.title, a.table, a.columns) == (b.name, b.title, b.table, b.columns)
            assert [list(r) for r in a.rows] == [list(r) for r in b.rows], a.name
            assert [list(f) for f in a.fills or []] == [list(f) for f in b.fills or []]
    quick, title = action_sheets(demo_store, ExportOptions())
    latest = {r[0]: (r[7], r[8]) for r in quick[0].rows}
    refs = {r[2]: r[0] for r in quick[0].rows}
    assert latest[refs["Notes in any order 0"]] == ("today, second (the latest)", today.isoformat())
    assert latest[refs["Notes in any order 3"]] == ("", None)
    records, _ = record_action_sheets(demo_store, ExportOptions())
    fast = save_tables(tmp_path / "quick.xlsx", quick, title)
    standard = save_tables(tmp_path / "records.xlsx", records, title)
    assert_same_workbook(fast, standard)


@pytest.mark.parametrize("which", ["lambeth", "lewisham"])
def test_the_published_funding_tables_are_the_one_openpyxl_built(
    store: Store, tmp_path: Path, which: str
) -> None:
    """The published 2018/19 tables (the seeds' fixtures): budget without spend, spend without
    budget, one year with no year before it."""
    from helpers.funding import load_lambeth, load_lewisham
    from helpers.funding_openpyxl import write_funding_workbook as openpyxl_workbook

    from lscp_desktop.exports.funding_xlsx import funding_data, write_funding_workbook

    (load_lambeth if which == "lambeth" else load_lewisham)(store)
    data = funding_data(store, "2018/19")
    fast = write_funding_workbook(data, tmp_path / "fast.xlsx")
    assert_same_workbook(fast, openpyxl_workbook(data, tmp_path / "standard.xlsx"))


def test_a_big_register_leaves_what_was_frozen_before_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window freezes what its start-up made (app.py); a big register exported in its
    process (a team database's) used to unfreeze all of it when done. Where nothing else is
    frozen (the export worker) the rows are frozen while written, and thawed after."""
    monkeypatch.setattr("lscp_desktop.exports.fast_xlsx.CONSTANT_MEMORY_CELLS", 0)
    sheet = TableSheet("Actions", [XColumn("Title")], [["A row"]] * 50, "Actions")
    freeze, frozen_while_writing = gc.freeze, []

    def recorded_freeze() -> None:
        freeze()
        frozen_while_writing.append(gc.get_freeze_count())

    monkeypatch.setattr(gc, "freeze", recorded_freeze)
    save_tables(tmp_path / "alone.xlsx", [sheet], "Actions")
    assert len(frozen_while_writing) == 1 and frozen_while_writing[0] > 0
    assert gc.get_freeze_count() == 0

    kept = [object() for _ in range(100)]  # as the window's start-up froze its objects
    freeze()
    try:
        count = gc.get_freeze_count()
        assert count >= len(kept)
        save_tables(tmp_path / "in-the-window.xlsx", [sheet], "Actions")
        assert gc.get_freeze_count() == count and len(frozen_while_writing) == 1
    finally:
        gc.unfreeze()
