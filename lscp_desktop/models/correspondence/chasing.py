"""Chasing action owners before a meeting: one email per owner listing what they owe.

Each owner is sent only their own actions: overdue ones and those due by their body's next
meeting, as a table (reference, action, due, RAG in words), asking for an update by a date.
An owner chased before about any of them is sent a reminder. Actions nobody owns are never
sent to anyone: they are listed for the business manager to give an owner; owners who have
left, or have no email address, are listed too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from lscp_desktop.models.actions.chase import chase_list
from lscp_desktop.models.actions.filters import ActionFilter
from lscp_desktop.models.actions.records import RAG_LABELS, RAG_RED, Action, ChaseEntry
from lscp_desktop.models.core.dates import add_working_days, long_date, uk
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.correspondence.addresses import first_name, reachable
from lscp_desktop.models.correspondence.records import (
    Addressee,
    Batch,
    Block,
    Mail,
    NotSent,
    Table,
)
from lscp_desktop.models.store.database import Store

#: Working days an owner is given to reply, unless their next meeting is sooner.
REPLY_WORKING_DAYS = 5


def to_chase(action: Action, today: dt.date) -> bool:
    """Overdue, or due by the next meeting of its body."""
    if action.due_date < today.isoformat():
        return True
    return action.next_meeting is not None and action.due_date <= action.next_meeting


def reply_by(actions: Iterable[Action], today: dt.date) -> dt.date:
    """Five working days from today, or two working days before the soonest meeting the
    actions are due at, whichever is sooner (never before tomorrow's working day)."""
    by = add_working_days(today, REPLY_WORKING_DAYS)
    meetings = [dt.date.fromisoformat(a.next_meeting) for a in actions if a.next_meeting]
    if meetings:
        by = min(by, add_working_days(min(meetings), -2))
    return max(by, add_working_days(today, 1))


def chase_batch(
    store: Store,
    *,
    body_id: int | None = None,
    flt: ActionFilter | None = None,
    today: dt.date | None = None,
    entries: list[ChaseEntry] | None = None,
    message: str = "",
) -> Batch:
    """The chase emails for the chase list (*entries*, as the window shows it, or read with
    *body_id* and *flt*)."""
    today = today or dt.date.today()
    if entries is None:
        entries = chase_list(store, body_id=body_id, today=today, flt=flt)
    batch = Batch("chase")
    actions_total = 0
    for entry in entries:
        due = [a for a in entry.actions if to_chase(a, today)]
        if not due:
            continue
        refs = ", ".join(a.reference for a in due[:6]) + (
            f" and {len(due) - 6} more" if len(due) > 6 else ""
        )
        if entry.owner_id is None:
            batch.not_sent.append(
                NotSent(
                    f"No owner: {pluralise(len(due), 'action')} ({refs})",
                    "nobody owns them; give each an owner and chase again",
                )
            )
            continue
        person = Addressee(entry.owner, entry.email.strip(), entry.organisation)
        if entry.has_left:
            batch.not_sent.append(
                NotSent(person.label, f"has left; reassign {refs} to someone in post")
            )
            continue
        ok, missing = reachable([person], f"{pluralise(len(due), 'action')}: {refs}")
        batch.not_sent += missing
        if ok:
            batch.mails.append(_chase_mail(ok[0], due, today, message))
            actions_total += len(due)
    owners = len(batch.mails)
    batch.summary = (
        f"Chasing {pluralise(owners, 'owner')} for {pluralise(actions_total, 'action')}"
        if owners
        else "Nobody to chase: no owner has actions overdue or due by the next meeting"
    )
    return batch


def _chase_mail(to: Addressee, actions: list[Action], today: dt.date, message: str) -> Mail:
    # Drafted again the same day (the first drafts deleted, say) is not yet a reminder.
    chased = sorted(a.chased_on for a in actions if a.chased_on and a.chased_on < str(today))
    reminder = bool(chased)
    by = reply_by(actions, today)
    overdue = sum(1 for a in actions if a.rag == RAG_RED)
    one = len(actions) == 1
    if one:
        subject = f"Update needed by {uk(by)}: {actions[0].reference}" + (
            " (overdue)" if overdue else ""
        )
    else:
        subject = f"Update needed by {uk(by)} on your {len(actions)} partnership actions"
    if reminder:
        subject = "Reminder: " + subject
    blocks: list[Block] = [f"Dear {first_name(to.name)},"]
    if reminder:
        blocks.append(
            f"This is a reminder: I wrote on {long_date(chased[-1])} asking for an update on "
            f"the {'action' if one else 'actions'} below, and have not yet had one recorded."
        )
    due = len(actions) - overdue
    if one:
        state = "is overdue" if overdue else "is due before the next meeting"
        lead = f"Your action on the partnership's action log {state}."
    elif not due:
        lead = f"Your {len(actions)} actions on the partnership's action log are overdue."
    elif not overdue:
        lead = (
            f"Your {len(actions)} actions on the partnership's action log are due before the "
            "next meeting."
        )
    else:
        lead = (
            f"You have {len(actions)} actions on the partnership's action log needing an "
            f"update: {overdue} overdue and {due} due before the next meeting."
        )
    blocks.append(lead)
    blocks.append(
        Table(
            ("Reference", "Action", "Due", "RAG", "Next meeting"),
            tuple(
                (
                    a.reference,
                    a.title,
                    uk(a.due_date),
                    RAG_LABELS[a.rag] + (" (overdue)" if a.rag == RAG_RED else ""),
                    f"{a.body_code} {uk(a.next_meeting)}" if a.next_meeting else "",
                )
                for a in actions
            ),
        )
    )
    blocks.append(
        f"Please reply by {long_date(by)} with a short update{'' if one else ' on each'}: "
        "what has been done, whether it is complete (and what evidences it), or a revised "
        "date and the reason. Your update goes into the action log for the meeting."
    )
    if message:
        blocks.append(message)
    ids = tuple(a.id for a in actions)
    return Mail(
        "chase",
        [to],
        subject,
        blocks,
        file_stem=f"Chase - {to.name}",
        records=("actions", ids),
    )
