"""The chosen action under the log: its detail on the left, its progress notes on the right."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from lscp_desktop.models.actions.rag import due_label
from lscp_desktop.models.actions.records import RAG_LABELS, Action, ActionNote
from lscp_desktop.models.core.dates import uk
from lscp_desktop.ui.page_parts import detail_label, fill_table, read_only_table


class ActionDetail(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.detail = detail_label("actionDetail", selectable=True)
        self.notes = read_only_table("notes", ["Date", "Author", "Kind", "Note"])
        self.notes.setWordWrap(True)
        self.addWidget(self.detail)
        self.addWidget(self.notes)
        self.setSizes([420, 600])

    def show_action(self, a: Action | None, notes: list[ActionNote]) -> None:
        """Show one action and its notes, or a hint to choose one (*a* None)."""
        self.notes.setRowCount(0)
        if a is None:
            self.detail.setText("<span style='color:#5f6b7a'>Choose an action to see its detail "
                                "and progress notes.</span>")  # fmt: skip
            return
        self.detail.setText(detail_html(a, dt.date.today()))
        fill_table(self.notes, [(uk(n.note_date), n.by, n.kind, n.text) for n in notes])


def detail_html(a: Action, today: dt.date) -> str:
    e = html.escape
    lines = [
        f"<b>{e(a.reference)}</b> — {e(a.title)}",
        f"<b>Body:</b> {e(a.body)}",
        f"<b>Source:</b> {e(a.source)}" + (f" — {e(a.source_label)}" if a.source_label else ""),
        f"<b>Owner:</b> {e(a.owner or 'none')}"
        + (f" ({e(a.organisation)})" if a.organisation else ""),
        f"<b>Raised</b> {uk(a.raised_date)} · <b>due</b> {uk(a.due_date)} · "
        f"{e(a.status)} · <b>RAG</b> {RAG_LABELS[a.rag]}"
        + (f" ({due_label(a, today)})" if a.is_open else ""),
    ]
    if a.priority:
        lines.append(f"<b>Priority:</b> {e(a.priority)}")
    if a.detail:
        lines.append(e(a.detail))
    if a.completion_note:
        lines.append(f"<b>Completed {uk(a.completed_date)}:</b> {e(a.completion_note)}")
    if a.reopened_count:
        lines.append(f"Reopened {a.reopened_count} time(s).")
    if a.chased_on:
        times = f" ({a.times_chased} times)" if a.times_chased > 1 else ""
        lines.append(f"<b>Chased</b> {uk(a.chased_on)}{times}")
    return "<br>".join(lines)
