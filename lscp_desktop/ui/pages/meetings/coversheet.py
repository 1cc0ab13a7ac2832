"""The cover sheet of an agenda item, edited from the meeting's agenda (board papers issue)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QWidget

from lscp_desktop.models.meetings import coversheets
from lscp_desktop.models.meetings.records import AgendaItem
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.meetings.opened import kept_theirs, open_record


def _report_options() -> list[tuple[str, Any]]:
    return [
        ("Decide from the item's title", ""),
        ("None", "none"),
        *[(label, key) for key, label in coversheets.STANDARD_REPORTS.items()],
    ]


FIELDS = [
    Field("author", "Report author", placeholder="Name and job title"),
    Field("summary", "Summary", "multiline"),
    Field("recommendations", "Recommendations", "multiline"),
    Field("risks", "Risks and implications", "multiline"),
    Field("voice_of_child", "Voice of the child", "multiline"),
    Field("standard_report", "Report in the board pack", "ref", options=_report_options,
          optional=False),
]  # fmt: skip


def edit_cover_sheet(parent: QWidget | None, store: Store, item: AgendaItem) -> bool:
    """Show the item's cover sheet in a form; True when it was saved (or a colleague's
    version of it was kept instead: the agenda shows theirs)."""
    sheet = coversheets.get_cover_sheet(store, item.id)
    opened = open_record(store, "cover_sheets", sheet.id, sheet.row_version)

    def save(values: dict[str, Any]) -> bool:
        coversheets.save_cover_sheet(store, item.id, values, new=sheet.id is None)
        return True

    saved = RecordDialog.ask(
        parent,
        f"Cover sheet: item {item.position}, {item.title}",
        FIELDS,
        dataclasses.asdict(sheet),
        save,
        table="cover_sheets",
        opened=opened,
    )
    return bool(saved) or kept_theirs(opened)
