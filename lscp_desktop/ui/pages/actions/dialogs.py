"""Forms for actions: add or edit (warning about an owner who has left), notes, bulk status
change and reassignment. Each hands its values to a model function that validates first."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.actions.notes import add_note
from lscp_desktop.models.actions.owners import reassign_actions
from lscp_desktop.models.actions.priorities import (
    delete_priority,
    list_priorities,
    save_priority,
    set_priority_active,
)
from lscp_desktop.models.actions.records import (
    SOURCES,
    STATUSES,
    Action,
    OwnerHasLeftError,
    Priority,
)
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.actions.status import bulk_set_status
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog, ScrollingRecordDialog
from lscp_desktop.ui.register_view import RegisterSpec, RegisterView


def _people(store: Store) -> list[tuple[str, object]]:
    return [
        (f"{p.name} ({p.organisation})" if p.organisation else p.name, p.id)
        for p in list_people(store, active_only=True)
    ]


def _bodies(store: Store) -> list[tuple[str, object]]:
    return [(f"{b.code}: {b.name}", b.id) for b in list_bodies(store)]


def action_fields(store: Store) -> list[Field]:
    return [
        Field("body_id", "Action log of", "ref", options=lambda: _bodies(store), optional=False),
        Field("title", "Action", optional=False, placeholder="what is to be done"),
        Field("detail", "Detail", "multiline"),
        Field("source", "Source", "choice", choices=SOURCES),
        Field(
            "risk_id",
            "Risk (if from a risk)",
            "ref",
            options=lambda: [(f"{r.reference}: {r.title}", r.id) for r in list_risks(store)],
        ),
        Field("source_note", "Source detail", placeholder="e.g. audit name or meeting date"),
        Field("owner_id", "Owner", "ref", options=lambda: _people(store)),
        Field(
            "organisation_id",
            "Owning organisation",
            "ref",
            options=lambda: [(o.name, o.id) for o in list_organisations(store, active_only=True)],
        ),
        Field(
            "priority_id",
            "Partnership priority",
            "ref",
            options=lambda: [(p.name, p.id) for p in list_priorities(store, active_only=True)],
        ),
        Field("raised_date", "Raised", "date", optional=False),
        Field("due_date", "Due date", "date", optional=False),
        Field("status", "Status", "choice", choices=STATUSES),
        Field(
            "completed_date",
            "Completed on",
            "date",
            placeholder="when completed or closed: today if blank",
        ),
        Field("completion_note", "Completion note", "multiline"),
        Field("reopen_reason", "Reason for reopening", placeholder="only when reopening"),
    ]


def save_with_owner_check(
    parent: QWidget, store: Store, values: dict[str, Any], record_id: int | None
) -> int:
    """Save; if the owner has left, ask whether to keep them (No: choose another owner)."""
    try:
        return save_action(store, values, record_id)
    except OwnerHasLeftError as exc:
        answer = QMessageBox.question(
            parent,
            "Owner has left",
            f"{exc}\n\nKeep them as the owner? Choose No to pick someone else.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            raise
        return save_action(store, values, record_id, allow_owner_left=True)


def ask_action(
    parent: QWidget, store: Store, values: dict[str, Any], record_id: int | None = None
) -> int | None:
    """Show the action form; returns the saved action's id, or None if cancelled (the id
    also when a colleague's changes were kept instead: the page shows them)."""
    original = dict(values)
    title = "New action" if record_id is None else f"Edit action {values.get('reference', '')}"
    opened = None if record_id is None else OpenedRecord.open(store, "actions", record_id)
    result = ScrollingRecordDialog.ask(
        parent,
        title,
        action_fields(store),
        values,
        lambda v: save_with_owner_check(parent, store, {**original, **v}, record_id),
        table="actions",
        opened=opened,
    )
    if result is None and opened is not None and opened.reloaded:
        return record_id
    return int(result) if result is not None else None


def action_values(a: Action) -> dict[str, Any]:
    values = {f.name: getattr(a, f.name) for f in dataclasses.fields(a)}
    values["completion_note"] = a.completion_note
    return values


def ask_note(parent: QWidget, store: Store, action: Action) -> int | None:
    import datetime as dt

    result = RecordDialog.ask(
        parent,
        f"Progress note on {action.reference}",
        [
            Field("note_date", "Date", "date", optional=False),
            Field("author_id", "Author", "ref", options=lambda: _people(store)),
            Field("text", "Note", "multiline", optional=False),
        ],
        {"note_date": dt.date.today().isoformat(), "author_id": action.owner_id},
        lambda v: add_note(
            store, action.id, v["text"], on=v["note_date"], author_id=v["author_id"]
        ),
        table="action_notes",
    )
    return int(result) if result is not None else None


def ask_bulk_status(parent: QWidget, store: Store, ids: list[int]) -> int | None:
    """Change the status of the chosen actions together; all or none are changed."""
    import datetime as dt

    result = RecordDialog.ask(
        parent,
        f"Change the status of {len(ids)} action{'s' if len(ids) != 1 else ''}",
        [
            Field("status", "New status", "choice", choices=STATUSES),
            Field("completed_on", "Completed on", "date", placeholder="not after today"),
            Field(
                "note",
                "Completion note or reason",
                "multiline",
                placeholder="needed to complete or close; kept as the reason when reopening",
            ),
        ],
        {"status": "completed", "completed_on": dt.date.today().isoformat()},
        lambda v: bulk_set_status(
            store, ids, v["status"], note=v["note"], completed_on=v["completed_on"] or None
        ),
    )
    return int(result) if result is not None else None


def ask_reassign(parent: QWidget, store: Store, ids: list[int]) -> int | None:
    """Give the actions to someone else; each action notes the change (and why)."""
    result = RecordDialog.ask(
        parent,
        f"Reassign {len(ids)} action{'s' if len(ids) != 1 else ''}",
        [
            Field("owner_id", "New owner", "ref", options=lambda: _people(store), optional=False),
            Field(
                "reason",
                "Why",
                placeholder="noted on each action, e.g. 'left the post'",
                column="text",
            ),
        ],
        {},
        lambda v: reassign_actions(store, ids, v["owner_id"], reason=v["reason"]),
        table="action_notes",
    )
    return int(result) if result is not None else None


def edit_priorities(parent: QWidget, ctx: AppContext) -> None:
    """The partnership's priorities, editable in a small register."""
    from lscp_desktop.ui.table import Column

    spec: RegisterSpec[Priority] = RegisterSpec(
        noun="priority",
        plural="priorities",
        table="priorities",
        columns=[
            Column("Order", lambda p: str(p.position), sort_key=lambda p: p.position),
            Column("Priority", lambda p: p.name),
            Column("Actions", lambda p: str(p.action_count), sort_key=lambda p: p.action_count),
            Column("Active", lambda p: "Yes" if p.active else "No"),
            Column("Holds", lambda p: p.period or "while active", sort_key=lambda p: p.valid_from),
            Column("Description", lambda p: p.description, stretch=True),
        ],
        load=lambda s: list_priorities(s),
        fields=lambda s: [
            Field("name", "Priority", optional=False),
            Field("position", "Order", placeholder="1, 2, 3…"),
            Field("valid_from", "Holds from", "date", placeholder="blank: while it is active"),
            Field("valid_to", "Holds until", "date", placeholder="e.g. 31/03/2026"),
            Field("description", "Description", "multiline"),
        ],
        values_of=lambda p: vars(p),
        save=save_priority,
        delete=delete_priority,
        title_of=lambda p: p.name,
        is_inactive=lambda p: not p.active,
        set_active=set_priority_active,
    )
    small_register_dialog(parent, ctx, spec, "Partnership priorities")


def small_register_dialog(parent: QWidget, ctx: AppContext, spec: Any, title: str) -> None:
    """A register in a dialog. Its changes are not on the window's undo stack (they are kept
    in the history instead), because undo only knows how to restore membership records."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(760, 420)
    local = dataclasses.replace(ctx, undo_stack=QUndoStack(dialog))
    view: RegisterView[Any] = RegisterView(local, spec)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    view.refresh()
    dialog.exec()
