"""Papers for a meeting: requested from their authors, due a number of working days before it,
and copies of the files kept beside the database."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.dates import add_working_days, parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.agenda import get_item
from lscp_desktop.models.meetings.cadence import paper_deadline_days
from lscp_desktop.models.meetings.meetings import get_meeting
from lscp_desktop.models.meetings.queries import papers as paper_queries
from lscp_desktop.models.meetings.records import PAPER_STATUSES, Paper
from lscp_desktop.models.store.database import Row, Store

#: Papers larger than this are refused (board packs are emailed; keep them small).
MAX_PAPER_BYTES = 25 * 1024 * 1024


def paper_deadline(meeting_day: dt.date, working_days: int) -> str:
    return add_working_days(meeting_day, -working_days).isoformat()


def _with_deadlines(store: Store, rows: list[Row]) -> list[Paper]:
    days: dict[int, int] = {}
    out = []
    for r in rows:
        body_id = r["body_id"]
        if body_id not in days:
            days[body_id] = paper_deadline_days(store, body_id)
        paper = Paper.from_row(r)
        paper.deadline = paper_deadline(dt.date.fromisoformat(r["meeting_date"]), days[body_id])
        out.append(paper)
    return out


def list_papers(store: Store, meeting_id: int) -> list[Paper]:
    return _with_deadlines(store, paper_queries.paper_rows(store, meeting_id))


def papers_due(store: Store, days: int, today: dt.date | None = None) -> list[Paper]:
    """Papers still requested whose deadline falls within the next *days* days (or has
    passed for a meeting still to come), across all bodies, soonest first."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    rows = paper_queries.awaited_paper_rows(
        store, today.isoformat(), (horizon + dt.timedelta(days=60)).isoformat()
    )
    papers = [p for p in _with_deadlines(store, rows) if p.deadline <= horizon.isoformat()]
    return sorted(papers, key=lambda p: (p.deadline, p.meeting_date, p.title))


def papers_folder(store: Store) -> Path:
    """Where copies of papers are kept: beside the database, like its backups."""
    return store.path.with_name(store.path.stem + "-papers")


def save_paper(
    store: Store, meeting_id: int, values: dict[str, Any], record_id: int | None = None
) -> int:
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        raise ValidationError("Enter the paper's title.", "title")
    status = str(values.get("status") or "requested").lower()
    if status not in PAPER_STATUSES:
        raise ValidationError(
            f"'{status}' is not a paper status; choose one of: {', '.join(PAPER_STATUSES)}.",
            "status",
        )
    received = values.get("received_date")
    received_iso = parse_date(received, "date received").isoformat() if received else None
    if status == "received" and not received_iso:
        received_iso = dt.date.today().isoformat()
    item_id = values.get("agenda_item_id")
    author_id = values.get("author_id")
    clean: dict[str, Any] = {
        "meeting_id": meeting_id,
        "title": title,
        "agenda_item_id": int(item_id) if item_id else None,
        "author_id": int(author_id) if author_id else None,
        "status": status,
        "received_date": received_iso,
        "notes": str(values.get("notes") or ""),
    }
    if "members_only" in values:  # left out: kept as it is
        clean["members_only"] = 1 if values.get("members_only") else 0
    with store.transaction():
        get_meeting(store, meeting_id)
        if clean["agenda_item_id"] is not None:
            item = get_item(store, clean["agenda_item_id"])
            if item.meeting_id != meeting_id:
                raise ValidationError("That agenda item is on another meeting.", "agenda_item_id")
        if record_id is None:
            return store.insert("papers", clean)
        store.update("papers", record_id, clean)
        return record_id


def attach_paper_file(store: Store, paper_id: int, source: str | Path) -> Path:
    """Copy the paper's file into the papers folder; the paper is marked received."""
    path = Path(source)
    if not path.exists():
        raise ValidationError(f"There is no file at {path}.", "file")
    if not path.is_file():
        raise ValidationError(f"{path} is a folder; choose the paper's file.", "file")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise ValidationError(
            f"{path.name} cannot be read ({exc.strerror}). Close it in other programs or copy it "
            "somewhere you can open it, then try again.",
            "file",
        ) from exc
    if size > MAX_PAPER_BYTES:
        raise ValidationError(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; papers can be at most "
            f"{MAX_PAPER_BYTES // 1024 // 1024} MB. Compress it or split it.",
            "file",
        )
    paper = store.require("papers", paper_id, "paper")
    folder = papers_folder(store)
    stored_name = f"{paper_id}-{path.name}"
    target = folder / stored_name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{stored_name}.tmp"
        shutil.copyfile(path, tmp)
        tmp.replace(target)
    except OSError as exc:
        raise ValidationError(
            f"The paper could not be copied to {folder} ({exc.strerror}). Nothing was changed.",
            "file",
        ) from exc
    try:
        store.update(
            "papers",
            paper_id,
            {
                "file_name": path.name,
                "stored_name": stored_name,
                "file_size": size,
                "status": "received"
                if paper["status"] in ("requested", "late")
                else paper["status"],
                "received_date": paper["received_date"] or dt.date.today().isoformat(),
            },
        )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    old = paper["stored_name"]
    if old and old != stored_name:
        (folder / old).unlink(missing_ok=True)
    return target


def paper_file(store: Store, paper_id: int) -> Path | None:
    paper = store.require("papers", paper_id, "paper")
    if not paper["stored_name"]:
        return None
    return papers_folder(store) / paper["stored_name"]


def delete_paper(store: Store, paper_id: int) -> Row:
    row = store.delete("papers", paper_id)
    if row.get("stored_name"):
        (papers_folder(store) / row["stored_name"]).unlink(missing_ok=True)
    return row
