"""The shared table models: RecordTableModel (+ proxy) and FilteredTableModel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.filtered_table import FilteredTableModel
from lscp_desktop.ui.table import (
    Column,
    RecordFilterProxy,
    RecordRole,
    RecordTableModel,
    make_table_view,
    selected_record,
)


@dataclass
class Thing:
    id: int
    name: str
    due: str | None


COLUMNS = [
    Column("Name", lambda t: t.name),
    Column("Due", lambda t: t.due or "", sort_key=lambda t: t.due, align_right=True),
]
THINGS = [Thing(1, "beta", "2026-03-01"), Thing(2, "Alpha", None), Thing(3, "gamma", "2026-01-05")]


def names(model: Any) -> list[str]:
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_record_model_sorts_filters_and_changes_rows(qtmodeltester: Any) -> None:
    model: RecordTableModel[Thing] = RecordTableModel(COLUMNS)
    proxy = RecordFilterProxy(model)
    model.set_records(THINGS)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    model.sort(0)
    assert names(model) == ["Alpha", "beta", "gamma"]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["gamma", "beta", "Alpha"]  # no date sorts last
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Due"
    proxy.set_search("GAM")
    assert proxy.rowCount() == 1 and proxy.record_at(0).id == 3
    proxy.set_search("")
    model.upsert(Thing(2, "Aardvark", None))
    model.upsert(Thing(4, "delta", "2026-02-01"))
    assert model.rowCount() == 4 and model.data(model.index(model.row_of(2) or 0, 0)) == "Aardvark"
    model.remove(1)
    assert model.row_of(1) is None and model.rowCount() == 3


def test_filtered_model_shows_what_the_filter_accepts_in_order(qtmodeltester: Any) -> None:
    model: FilteredTableModel[Thing] = FilteredTableModel(COLUMNS)
    model.set_records(THINGS)
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["gamma", "beta", "Alpha"]
    model.set_filter(lambda t: t.due is not None)
    assert names(model) == ["gamma", "beta"] and model.total() == 3
    assert model.row_of(1) == 1 and model.row_of(2) is None
    assert model.data(model.index(0, 0), RecordRole) is model.record(0)
    model.sort(1)
    assert names(model) == ["gamma", "beta"]
    model.set_filter(None)
    assert names(model) == ["gamma", "beta", "Alpha"]
    assert [t.id for t in model.all_records()] == [3, 1, 2]


def test_table_view_gives_the_selected_record_through_a_proxy(qtbot: Any) -> None:
    model: RecordTableModel[Thing] = RecordTableModel(COLUMNS)
    proxy = RecordFilterProxy(model)
    view = make_table_view(proxy, name="things", sort=(0, Qt.SortOrder.AscendingOrder))
    qtbot.addWidget(view)
    model.set_records(THINGS)
    fit_columns(view, pad=10, widest=40)
    assert view.objectName() == "things"
    assert view.columnWidth(0) <= 40  # the last column is stretched
    assert selected_record(view) is None
    proxy.set_search("gamma")
    view.selectRow(0)
    assert selected_record(view).id == 3


@dataclass
class Wide:
    id: int
    title: str
    owner: str
    organisation: str
    due: str


def test_the_long_column_takes_the_room_and_no_heading_is_cut(qtbot: Any) -> None:
    from lscp_desktop.ui.column_widths import heading_width

    columns = [
        Column("Action", lambda w: w.title, stretch=True),
        Column("Owner", lambda w: w.owner),
        Column("Owning organisation", lambda w: w.organisation),
        Column("Due", lambda w: w.due),
    ]
    organisation = "NHS North Thames Integrated Care Board"
    title = "Agree the action plan on domestic abuse " * 2
    rows = [Wide(i, title, "Jasmine Kelly", organisation, "14/10/2026") for i in range(50)]
    model: RecordTableModel[Wide] = RecordTableModel(columns)
    view = make_table_view(model)
    qtbot.addWidget(view)
    model.set_records(rows)
    header = view.horizontalHeader()
    char = view.fontMetrics().averageCharWidth()
    for width in (1100, 560):
        view.resize(width, 300)
        view.show()
        fit_columns(view)
        qtbot.wait(10)
        for col in (1, 2, 3):  # every heading whole; the date too
            assert header.sectionSize(col) >= heading_width(view, col), (width, col)
        assert header.sectionSize(3) >= view.fontMetrics().horizontalAdvance("14/10/2026")
        assert header.sectionSize(0) >= char * 24  # the long text keeps a readable width
    view.resize(1100, 300)
    qtbot.wait(10)
    # Roomy again: the organisation is whole and the action takes what is left.
    assert header.sectionSize(2) >= view.fontMetrics().horizontalAdvance(rows[0].organisation)
    others = sum(header.sectionSize(c) for c in (1, 2, 3))
    assert header.sectionSize(0) + others == view.viewport().width()
    # Set by the table, not by the header's Stretch mode (which finishes on a timer after the
    # first paint and paints the page again).
    assert header.sectionResizeMode(0) == header.ResizeMode.Interactive


def test_with_no_long_column_the_last_fills_the_room_and_keeps_its_width(qtbot: Any) -> None:
    columns = [Column("Owner", lambda w: w.owner), Column("Due", lambda w: w.due)]
    model: RecordTableModel[Wide] = RecordTableModel(columns)
    view = make_table_view(model, stretch_last=False)
    qtbot.addWidget(view)
    model.set_records([Wide(1, "", "Jasmine Kelly", "", "14/10/2026")])
    view.resize(900, 300)
    view.show()
    fit_columns(view)
    header = view.horizontalHeader()
    assert header.sectionSize(0) + header.sectionSize(1) == view.viewport().width()
    narrow = header.sectionSize(1)
    view.resize(160, 300)
    qtbot.wait(10)
    assert header.sectionSize(1) >= view.fontMetrics().horizontalAdvance("14/10/2026")
    view.resize(900, 300)
    qtbot.wait(10)
    assert header.sectionSize(1) == narrow


def test_a_deleted_table_leaves_nothing_behind(qtbot: Any) -> None:
    """The keeper of a table's column widths goes with the table (it once kept the table's
    Python object, and its own, for the rest of the session)."""
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent

    from lscp_desktop.ui import column_widths

    model: RecordTableModel[Thing] = RecordTableModel(COLUMNS)
    view = make_table_view(model)
    model.set_records(THINGS)
    fit_columns(view)
    assert view in column_widths._KEEPERS
    gone = weakref.ref(view)
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del view
    gc.collect()
    assert gone() is None
