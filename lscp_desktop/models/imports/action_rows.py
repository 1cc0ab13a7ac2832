"""What both ways of importing an action log's row share (its body and reference, its status,
its risk, its owner's warning), and the quick way for a row that is a new action.

:func:`queue_row` checks a row that adds an action by exactly the rules
:func:`.actions.import_row` applies through ``save_action`` (the same messages, the same notes
in the report) and holds it in a :class:`~lscp_desktop.models.actions.batch.NewActions`, which
writes the rows held a table at a time (:meth:`ImportContext.flush`): the same actions,
references, notes and audit entries, without a dozen statements and a savepoint a row. A row
that changes an action already in the log, or names someone or something to be created, is
left to ``import_row`` (the rows held are written first).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.actions.batch import NewAction, NewActions
from lscp_desktop.models.actions.owners import owner_warning
from lscp_desktop.models.actions.records import (
    DONE_STATUSES,
    FINISHED_STATUSES,
    OPEN_STATUSES,
    STATUSES,
    Action,
)
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.action_log import action_log
from lscp_desktop.models.imports.kinds import Outcome
from lscp_desktop.models.imports.values import RAG_WORDS, STATUS_WORDS, normalise_name, parse_word
from lscp_desktop.models.membership.body_records import Body

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

#: How many new actions are held before they are written.
BATCH = 2000

_APP_REFERENCE = re.compile(r"^([A-Za-z][A-Za-z0-9]*)-(\d{1,6})$")
_RISK_REFERENCE = re.compile(r"^\s*([A-Za-z0-9][\w/-]*)\s*:")


def action_status(values: dict[str, Any]) -> str:
    """The action status a row gives: its Status column, or (without one) its RAG."""
    if "status" not in values:
        rag = " ".join(str(values.get("rag") or "").lower().split())
        if rag in FINISHED_STATUSES or rag == "cancelled":
            return "cancelled" if rag == "cancelled" else "completed"
        word = parse_word(rag, RAG_WORDS, "RAG rating", default="green") if rag else "green"
        return "completed" if word == "blue" else "open"
    text = " ".join(str(values["status"]).lower().split())
    if text in STATUSES:
        return text
    try:
        word = parse_word(text, STATUS_WORDS, "status")
    except ValidationError:
        raise ValidationError(
            f"'{values['status']}' is not an action status; use one of: {', '.join(STATUSES)}.",
            "status",
        ) from None
    return "completed" if word == "complete" else word


def body_and_number(
    ctx: ImportContext, values: dict[str, Any], notes: list[str]
) -> tuple[Body, int | None]:
    """The row's body, and the number its reference keeps (None: the body's next number)."""
    reference = " ".join(str(values.get("reference") or "").split())
    m = _APP_REFERENCE.match(reference)
    if "body" in values:
        body = ctx.body(values["body"])
    elif m:
        body = ctx.body(m.group(1))
    else:
        raise ValidationError(
            "Say which body's action log this action belongs to (a Body column, or references "
            "like EXEC-0042).",
            "body",
        )
    if m and normalise_name(m.group(1)) == normalise_name(body.code):
        return body, int(m.group(2))
    if m:
        raise ValidationError(
            f"The reference {reference} belongs to another body's log, not {body.name}'s "
            f"({body.code}).",
            "reference",
        )
    if re.fullmatch(r"\d{1,6}", reference) and int(reference):
        return body, int(reference)
    if reference:
        notes.append(f"its reference '{reference}' is replaced by one in {body.code}'s log")
    return body, None


def risk_id(ctx: ImportContext, detail: str) -> int:
    m = _RISK_REFERENCE.match(detail)
    found = ctx.find_risk(m.group(1)) if m else None
    if found is None:
        raise ValidationError(
            f"An action from a risk needs the risk's reference first in the source detail, like "
            f"'SR-003: …', and the risk must be on a register already; '{detail}' does not name "
            "one. Import the risk register first.",
            "source_detail",
        )
    return found


def owner_warning_note(ctx: ImportContext, status: str, owner_id: int | None,
                       notes: list[str]) -> None:  # fmt: skip
    """Say in *notes* why the owner of an unfinished action may no longer own it (asked
    once an owner per import)."""
    if status not in OPEN_STATUSES or owner_id is None:
        return
    known: dict[int, str | None] = ctx.cached("owner problems", dict)  # per import
    if owner_id not in known:
        known[owner_id] = owner_warning(ctx.store, owner_id, ctx.today)
    if known[owner_id]:
        notes.append(f"{known[owner_id]} Check who owns this action now")


def wanted_action(
    ctx: ImportContext,
    values: dict[str, Any],
    body: Body,
    status: str,
    notes: list[str],
    current: Action | None,
    **people: int | None,
) -> tuple[dict[str, Any], dt.date]:
    """The action a row asks for (its fields for ``save_action``, over *current* when the row
    changes one), with its owner, organisation and priority ids (*people*) already found,
    and the day its status changed; what was filled in is said in *notes*. One rule for a
    new action held in a batch (:func:`queue_row`) and for a row imported on its own."""
    source = str(values.get("source") or (current.source if current else "other")).lower()
    detail = values.get("source_detail")
    links: dict[str, Any] = {"source_note": detail or ""}
    if current is not None and (detail is None or detail == current.source_label):
        # The same source as now: keep the links to the agenda item or risk.
        links = {
            "source_note": current.source_note,
            "agenda_item_id": current.agenda_item_id,
            "risk_id": current.risk_id,
        }
    elif source == "risk":
        links = {"source_note": "", "risk_id": risk_id(ctx, detail or "")}
    completion = values.get("completion_note") or (current.completion_note if current else "")
    if status in DONE_STATUSES and not completion and values.get("latest_note"):
        completion = values["latest_note"]
        notes.append("the latest note is used as its completion note")
    raised = values.get("raised_date") or (
        dt.date.fromisoformat(current.raised_date) if current else None
    )
    due: dt.date = values["due_date"]
    if raised is None:
        raised = min(due, ctx.today)
        notes.append(f"no date raised, so {raised:%d/%m/%Y} was used")
    on = ctx.today
    if status in DONE_STATUSES:
        on = values.get("completed_date") or on
    elif status == "cancelled":
        on = values.get("latest_note_date") or on
    wanted: dict[str, Any] = {
        "body_id": body.id,
        "title": values["title"],
        "detail": values.get("detail", current.detail if current else ""),
        "source": source,
        **links,
        **people,
        "raised_date": raised,
        "due_date": due,
        "status": status,
        "completion_note": completion if status in DONE_STATUSES else "",
    }
    return wanted, on


def queue_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome | None:
    """A row adding an action, checked and held; None for a row :func:`.actions.import_row`
    must import (nothing is changed then). What it checks, and in which order, is what
    ``import_row`` checks for a new action, so a bad row gets the same message."""
    notes: list[str] = []
    body, number = body_and_number(ctx, values, notes)
    ctx.lasting["row begun"] = (values, body, number, list(notes))  # for import_row
    log = action_log(ctx)
    if log.knows(body, number, values["title"]):
        return None  # an action in the log (or held): changed by import_row
    status = action_status(values)
    owner_id = organisation_id = priority_id = None
    if "owner" in values:
        owner_id = ctx.find_person(values["owner"])
        if owner_id is None:
            return None  # to be created: import_row does it, in the row's savepoint
    if "organisation" in values:
        organisation_id = ctx.find_organisation(values["organisation"], notes)
        if organisation_id is None:
            return None
    if "priority" in values:
        priority_id = ctx.find_priority(values["priority"])
        if priority_id is None:
            return None
    wanted, on = wanted_action(ctx, values, body, status, notes, None,
                               owner_id=owner_id, organisation_id=organisation_id,
                               priority_id=priority_id)  # fmt: skip
    batch = new_actions(ctx)
    new = batch.check(wanted, code=body.code, on=on, number=number)
    _latest_note(ctx, batch, new, values)
    batch.hold(new)
    owner_warning_note(ctx, new.status, owner_id, notes)
    new.keys = log.remember_held(new.reference, body.id, new.title)
    if len(batch.pending) >= BATCH:
        ctx.flush()
    return Outcome("imported", None, f"{new.reference}: {new.title}", notes)


def row_begun(
    ctx: ImportContext, values: dict[str, Any], notes: list[str]
) -> tuple[Body, int | None]:
    """The row's body and number (its notes so far added to *notes*), as :func:`queue_row`
    found them just before leaving the row to ``import_row``, or found now."""
    begun = ctx.lasting.pop("row begun", None)
    if begun is not None and begun[0] is values:
        notes += begun[3]
        return begun[1], begun[2]
    return body_and_number(ctx, values, notes)


def _latest_note(
    ctx: ImportContext, batch: NewActions, new: NewAction, values: dict[str, Any]
) -> None:
    """The row's latest note added to *new* as :func:`.action_log.add_latest_note` adds it to
    an action new in the row: unless its one note (its status change's) says it already."""
    text = " ".join(str(values.get("latest_note") or "").split())
    if not text:
        return
    day: dt.date = values.get("latest_note_date") or ctx.today
    latest, latest_day = batch.latest_note(new)
    if " ".join(latest.split()) == text and (
        "latest_note_date" not in values or latest_day == day.isoformat()
    ):
        return
    batch.add_note(new, text, day)


def new_actions(ctx: ImportContext) -> NewActions:
    """The import's new actions held (written by ``ctx.flush()``)."""
    batch = ctx.lasting.get("new actions")
    if batch is None:
        batch = ctx.lasting["new actions"] = NewActions(ctx.store)

        def flush() -> None:
            log = action_log(ctx)
            for a in batch.flush():
                log.remember_id(a.keys, a.id)

        ctx.flushes["new actions"] = flush
    assert isinstance(batch, NewActions)
    return batch
