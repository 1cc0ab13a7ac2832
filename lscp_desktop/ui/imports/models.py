"""The import dialog's table models: the file's first rows, and the check/import report."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from lscp_desktop.models.imports.kinds import ImportKind
from lscp_desktop.models.imports.layout import Layout
from lscp_desktop.models.imports.report import ReportLine
from lscp_desktop.ui.table import Column, RecordTableModel

PreviewRow = tuple[int, list[str]]

_STATUS_COLOURS = {
    "error": QColor("#fde2e1"),
    "skipped": QColor("#eef0f3"),
    "imported": QColor("#e3f4e6"),
    "updated": QColor("#e4eefb"),
}


def preview_model(layout: Layout, kind: ImportKind) -> RecordTableModel[PreviewRow]:
    """The first rows under the header; each heading says which field it feeds."""
    feeds = {index: kind.field(key).label for key, index in layout.mapping.items()}
    columns: list[Column[PreviewRow]] = [Column("Row", lambda r: str(r[0]), lambda r: r[0])]
    mapped = QColor("#f2f7fd")

    def cell(i: int) -> Any:
        return lambda r: r[1][i] if i < len(r[1]) else ""

    def shaded(_row: PreviewRow) -> QColor | None:
        return mapped

    for i, header in enumerate(layout.headers):
        title = header or f"(column {i + 1})"
        if i in feeds:
            title = f"{title}\n→ {feeds[i]}"
        columns.append(Column(title, cell(i), background=shaded if i in feeds else None))
    model: RecordTableModel[PreviewRow] = RecordTableModel(columns, key=lambda r: r[0])
    model.set_records(layout.preview)
    return model


def report_model() -> RecordTableModel[ReportLine]:
    def colour(line: ReportLine) -> QColor | None:
        return _STATUS_COLOURS.get(line.status)

    columns: list[Column[ReportLine]] = [
        Column("Row", lambda r: str(r.row), lambda r: r.row, background=colour),
        Column("Result", lambda r: r.status, background=colour),
        Column("Record", lambda r: r.record, background=colour, tooltip=lambda r: r.record),
        Column("Column", lambda r: r.column, background=colour),
        Column("Value", lambda r: r.value, background=colour, tooltip=lambda r: r.value),
        Column(
            "Reason",
            lambda r: r.reason,
            background=colour,
            tooltip=lambda r: r.reason,
            stretch=True,
        ),
    ]
    return RecordTableModel(columns, key=id)
