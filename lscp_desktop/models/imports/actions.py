"""Import kind: action logs (the app's own action log workbook reads back unchanged).

An action is matched by its reference (``EXEC-0042``, or a plain number in the body's log), or,
for a log with references of another form or none, by its body and title. A reference in the
app's form, or a plain number, keeps its number in the body's log; any other is replaced and
the report says so. Owners, their organisations and priorities are found by name or created
(and said so); a risk named in the source detail ("SR-003: …") must already exist. Saving goes
through :func:`lscp_desktop.models.actions.saving.save_action`, so the log's own rules apply (a due
date not before the date raised, a completion note to complete or close an action…).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.actions.listing import get_action, list_actions
from lscp_desktop.models.actions.records import (
    RAG_LABELS,
    Action,
)
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.core.dates import optional_date
from lscp_desktop.models.imports.action_log import action_log, add_latest_note
from lscp_desktop.models.imports.action_rows import (
    action_status,
    new_actions,
    owner_warning_note,
    queue_row,
    row_begun,
    wanted_action,
)
from lscp_desktop.models.imports.headings import BODY_NAMES, ORG_NAMES, OWNER_NAMES, PRIORITY_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField(
        "reference",
        "Reference",
        (
            "ref",
            "ref no",
            "action ref",
            "action reference",
            "action number",
            "action no",
            "no",
            "number",
            "id",
            "action id",
        ),
        help="EXEC-0042 keeps its number; another reference is replaced and reported",
    ),
    ImportField(
        "body",
        "Body",
        BODY_NAMES,
        help="the body's name or short code; may be left out when references carry the code",
    ),
    ImportField(
        "title",
        "Title",
        (
            "action",
            "actions",
            "action required",
            "action agreed",
            "action description",
            "task",
            "what",
        ),
        required=True,
    ),
    ImportField("detail", "Detail", ("details", "further detail", "background", "description")),
    ImportField(
        "source",
        "Source",
        ("origin", "arising from", "raised from", "source of action"),
        help="meeting, practice review, audit, risk or other (blank: other)",
    ),
    ImportField(
        "source_detail",
        "Source detail",
        (
            "source note",
            "source reference",
            "minute ref",
            "minute reference",
            "agenda item",
            "meeting and item",
        ),
        help="a risk's reference first (SR-003: …) links the action to that risk",
    ),
    ImportField("owner", "Owner", OWNER_NAMES),
    ImportField(
        "organisation",
        "Organisation",
        (*ORG_NAMES, "lead agency", "owning organisation"),
        help="blank: the owner's organisation",
    ),
    ImportField("priority", "Priority", PRIORITY_NAMES, help="created if new"),
    ImportField(
        "raised_date",
        "Raised",
        (
            "date raised",
            "raised on",
            "date opened",
            "opened",
            "date agreed",
            "date added",
            "date logged",
            "logged",
        ),
        type="date",
        help="blank: the due date if that has passed, else today",
    ),
    ImportField(
        "due_date",
        "Due date",
        ("due", "deadline", "target date", "by when", "date due", "due by", "timescale"),
        required=True,
        type="date",
    ),
    ImportField(
        "status",
        "Status",
        ("action status", "progress status", "state"),
        help="open, in progress, on hold, completed, closed or cancelled (and their usual words)",
    ),
    ImportField(
        "rag",
        "RAG",
        ("rag rating", "rag status", "rating"),
        help="only used when there is no status: blue or complete means completed, "
        "cancelled cancelled, any other colour open",
    ),
    ImportField(
        "completed_date",
        "Completed",
        ("date completed", "completed on", "date closed", "closed on", "completion date"),
        type="date",
    ),
    ImportField(
        "completion_note",
        "Completion note",
        ("outcome", "evidence", "evidence of completion", "closure note", "how completed"),
        help="needed to complete or close an action; blank: the latest note is used",
    ),
    ImportField(
        "latest_note",
        "Latest note",
        (
            "progress",
            "update",
            "progress update",
            "latest update",
            "progress notes",
            "commentary",
            "comments",
            "notes",
        ),
        help="added as a dated progress note",
    ),
    ImportField(
        "latest_note_date",
        "Latest note date",
        ("update date", "date of update", "last updated", "date updated"),
        type="date",
        help="blank: today",
    ),
)


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    notes: list[str] = []
    body, number = row_begun(ctx, values, notes)
    current = action_log(ctx).find(body, number, values["title"])
    status = action_status(values)

    owner_id = current.owner_id if current else None
    if "owner" in values:
        owner_id = ctx.person(values["owner"], notes)
    organisation_id = current.organisation_id if current else None
    if "organisation" in values:
        organisation_id = ctx.organisation(values["organisation"], notes)
    elif "owner" in values and (current is None or owner_id != current.owner_id):
        organisation_id = None  # the owner's organisation
    priority_id = current.priority_id if current else None
    if "priority" in values:
        priority_id = ctx.priority(values["priority"], notes)

    wanted, on = wanted_action(ctx, values, body, status, notes, current,
                               owner_id=owner_id, organisation_id=organisation_id,
                               priority_id=priority_id)  # fmt: skip
    if current is None:
        new_id = save_action(ctx.store, wanted, allow_owner_left=True, on=on, number=number)
        action = get_action(ctx.store, new_id, ctx.today, action_log(ctx).day)
        add_latest_note(ctx, action, values, new=True)
        owner_warning_note(ctx, action.status, action.owner_id, notes)
        action_log(ctx).remember(action)  # the row worked: the log knows it from now on
        new_actions(ctx).numbered(action.body_id, action.number)
        return Outcome("imported", new_id, f"{action.reference}: {action.title}", notes)

    changed = _changes(current, wanted)
    if changed:
        save_action(ctx.store, wanted, current.id, allow_owner_left=True, on=on)
    note = add_latest_note(ctx, current, values)
    if note:
        changed.append("a progress note added")
    what = f"{current.reference}: {current.title}"
    if not changed:
        return Outcome("unchanged", current.id, what, notes)
    action = get_action(ctx.store, current.id, ctx.today, action_log(ctx).day)
    owner_warning_note(ctx, action.status, action.owner_id, notes)
    action_log(ctx).remember(action)
    return Outcome("updated", current.id, what, [*notes, f"changed {', '.join(changed)}"])


def _changes(current: Action, wanted: dict[str, Any]) -> list[str]:
    now = {
        "title": current.title,
        "detail": current.detail,
        "source": current.source,
        "source_note": current.source_note,
        "risk_id": current.risk_id,
        "owner_id": current.owner_id,
        "organisation_id": current.organisation_id,
        "priority_id": current.priority_id,
        "raised_date": current.raised_date,
        "due_date": current.due_date,
        "status": current.status,
        "completion_note": current.completion_note,
    }
    out = []
    for key, before in now.items():
        after = wanted.get(key, before)
        if isinstance(after, dt.date):
            after = after.isoformat()
        if key == "organisation_id" and after is None:
            continue  # follows the owner
        if key in ("title", "detail", "source_note", "completion_note"):
            after = " ".join(str(after or "").split()) if key == "title" else str(after or "")
            before = " ".join(str(before).split()) if key == "title" else before
        if after != before:
            out.append(key.removesuffix("_id").replace("_", " "))
    return out


def export_rows(store: Store) -> list[dict[str, Any]]:
    """Every action as the action log workbook shows it (for the template with records)."""

    return [
        {
            "reference": a.reference,
            "body": a.body,
            "title": a.title,
            "detail": a.detail,
            "source": a.source,
            "source_detail": a.source_label,
            "owner": a.owner,
            "organisation": a.organisation,
            "priority": a.priority,
            "raised_date": optional_date(a.raised_date),
            "due_date": optional_date(a.due_date),
            "status": a.status,
            "rag": RAG_LABELS[a.rag],
            "completed_date": optional_date(a.completed_date),
            "completion_note": a.completion_note,
            "latest_note": a.latest_note,
            "latest_note_date": optional_date(a.latest_note_date),
        }
        for a in list_actions(store)
    ]


KIND = ImportKind(
    key="actions",
    label="Actions",
    description="Action logs: owner, dates, status and notes, matched by reference; bodies "
    "must exist already.",
    fields=FIELDS,
    import_row=import_row,
    export_rows=export_rows,
    column_fields={"text": "latest_note", "source_note": "source_detail"},
    queue_row=queue_row,
)
