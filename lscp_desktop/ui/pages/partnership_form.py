"""The partnership's own details (Home › Partnership details…): name, the local authorities it
covers, how it is chaired. Saved over the version the form opened only: a colleague's change
since is offered back (:mod:`lscp_desktop.ui.conflict`), shown as the form shows it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from lscp_desktop.models.membership.partnership import get_partnership, save_partnership
from lscp_desktop.models.membership.records import CHAIR_ARRANGEMENTS
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.undo import EditCommand


def partnership_values(store: Store) -> dict[str, Any]:
    """The form's values: the local authorities as one comma-separated line."""
    current = get_partnership(store)
    return {
        "name": current.name if current else "",
        "local_authorities": ", ".join(current.local_authorities) if current else "",
        "chair_arrangement": current.chair_arrangement if current else CHAIR_ARRANGEMENTS[0],
        "notes": current.notes if current else "",
    }


class _OpenedPartnership(OpenedRecord):
    """The partnership opened for editing; a colleague's version shown as the form's values."""

    def take_theirs(self) -> dict[str, Any]:
        super().take_theirs()
        return partnership_values(self.store)


def edit_partnership(parent: QWidget, ctx: AppContext) -> bool:
    """Show the form; True when something was saved, or a colleague's changes were kept
    instead (either way the page shows the partnership anew)."""
    store = ctx.store
    # The version first, then the values: a change after this read is refused, never lost.
    opened = _OpenedPartnership.open(store, "partnership", 1)
    values = partnership_values(store)
    fields = [
        Field("name", "Partnership name", optional=False),
        Field("local_authorities", "Local authorities", placeholder="comma-separated"),
        Field("chair_arrangement", "Chair arrangement", "choice", choices=CHAIR_ARRANGEMENTS),
        Field("notes", "Notes", "multiline"),
    ]
    before = store.get("partnership", 1)

    def save(v: dict[str, object]) -> bool:
        save_partnership(
            store,
            name=str(v["name"]),
            local_authorities=str(v["local_authorities"]).split(","),
            chair_arrangement=str(v["chair_arrangement"]),
            notes=str(v["notes"]),
        )
        return True

    if not RecordDialog.ask(
        parent, "Partnership details", fields, values, save, table="partnership", opened=opened
    ):
        return opened is not None and opened.reloaded
    after = store.require("partnership", 1)
    if before is not None:
        old = {k: v for k, v in before.items() if after.get(k) != v}
        if old:
            new = {k: after[k] for k in old}
            ctx.undo_stack.push(
                EditCommand(store, "partnership", 1, old, new, "Edit partnership details")
            )
    return True
