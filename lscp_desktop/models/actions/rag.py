"""The RAG rating of an action (red, amber, green; complete or cancelled when finished) and the
words for how far off its due date is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.actions.records import (
    DONE_STATUSES,
    OPEN_STATUSES,
    RAG_AMBER,
    RAG_CANCELLED,
    RAG_COMPLETE,
    RAG_GREEN,
    RAG_RED,
    Action,
)
from lscp_desktop.models.core import settings
from lscp_desktop.models.store.database import Store


def rag(action: Any, today: dt.date | str, amber_days: int) -> str:
    """The RAG rating of an action (anything with ``status`` and ``due_date``).

    Completed or closed: complete. Cancelled: cancelled. Otherwise overdue (due before
    *today*) is red, due within *amber_days* is amber, anything later is green.
    """
    status = action.status
    if status in DONE_STATUSES:
        return RAG_COMPLETE
    if status == "cancelled":
        return RAG_CANCELLED
    day = today if isinstance(today, dt.date) else dt.date.fromisoformat(today)
    due = str(action.due_date)
    if due < day.isoformat():
        return RAG_RED
    if due <= (day + dt.timedelta(days=amber_days)).isoformat():
        return RAG_AMBER
    return RAG_GREEN


def amber_days(store: Store) -> int:
    """How many days before its due date an open action turns amber (a setting)."""
    return settings.get_int(store, "rag_amber_days")


def due_label(a: Action, today: dt.date) -> str:
    """'3 days overdue', 'due today', 'due in 5 days' for an open action; '' otherwise."""
    if a.status not in OPEN_STATUSES:
        return ""
    days = (dt.date.fromisoformat(a.due_date) - today).days
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"
