"""The action log's table: its columns and the RAG colours shown in it and in the chase list."""

from __future__ import annotations

from PySide6.QtGui import QColor

from lscp_desktop.models.actions.records import (
    RAG_AMBER,
    RAG_CANCELLED,
    RAG_COMPLETE,
    RAG_GREEN,
    RAG_LABELS,
    RAG_RED,
    RAGS,
    Action,
)
from lscp_desktop.models.core.dates import uk
from lscp_desktop.ui.table import Column

RAG_COLOURS = {
    RAG_RED: QColor("#f4c7c3"),
    RAG_AMBER: QColor("#fce8b2"),
    RAG_GREEN: QColor("#c9e7c9"),
    RAG_COMPLETE: QColor("#cfe2f3"),
    RAG_CANCELLED: QColor("#e7e7e7"),
}


def action_columns() -> list[Column[Action]]:
    return [
        Column("Reference", lambda a: a.reference, sort_key=lambda a: (a.body_id, a.number)),
        Column("Action", lambda a: a.title, tooltip=lambda a: a.detail or a.title, stretch=True),
        Column("Owner", lambda a: a.owner),
        Column("Organisation", lambda a: a.organisation),
        Column("Raised", lambda a: uk(a.raised_date), sort_key=lambda a: a.raised_date),
        Column("Due", lambda a: uk(a.due_date), sort_key=lambda a: a.due_date),
        Column("Status", lambda a: a.status),
        Column(
            "RAG",
            lambda a: RAG_LABELS[a.rag],
            sort_key=lambda a: RAGS.index(a.rag),
            background=lambda a: RAG_COLOURS.get(a.rag),
        ),
        Column("Priority", lambda a: a.priority),
        Column(
            "Chased",
            lambda a: uk(a.chased_on) + (f" ({a.times_chased}×)" if a.times_chased > 1 else ""),
            sort_key=lambda a: a.chased_on or "",
            tooltip=lambda a: (
                f"Owner asked for an update {a.times_chased} time(s), last on {uk(a.chased_on)}"
                if a.chased_on
                else "Not chased by email yet"
            ),
        ),
        Column("Latest note", lambda a: a.latest_note, tooltip=lambda a: a.latest_note),
    ]
