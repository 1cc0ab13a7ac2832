"""`lscp-desktop minutes …` and `export … --check`: the minutes' life cycle and the pre-flight
check from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.cli import main
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.store.opening import open_database


def _ids(db: Path) -> tuple[int, int, int]:
    """A held Executive meeting whose minutes are sent, not approved; the next one; an item."""
    with open_database(db) as store:
        meetings = [m for m in list_meetings(store, body_id=1) if m.status == "held"]
        last = meetings[-1]
        following = next(m for m in list_meetings(store, body_id=1) if m.date > last.date)
        return last.id, following.id, list_items(store, last.id)[3].id


def test_minutes_approved_are_refused_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], on_engine: Any
) -> None:
    assert main(["demo", str(tmp_path / "d.db")]) == 0
    db = on_engine(tmp_path / "d.db")
    meeting, following, item = _ids(db)
    assert main(["minutes", "write", str(db), "--item", str(item), "--minute",
                 "First paragraph.\n\n- a point\n- another"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["minutes", "show", str(db), "--meeting", str(meeting)]) == 0
    assert "sent to the chair" in capsys.readouterr().out
    # The next meeting is still to come: the approval is refused until it has taken place.
    assert main(["minutes", "approve", str(db), "--meeting", str(meeting),
                 "--at", str(following)]) == 1  # fmt: skip
    assert "has not taken place yet" in capsys.readouterr().err
    earlier = meeting - 1
    assert main(["minutes", "write", str(db), "--item",
                 str(_first_item(db, earlier)), "--minute", "Changed"]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "were approved on" in err and "amendment" in err and "Traceback" not in err
    assert main(["minutes", "amend", str(db), "--meeting", str(earlier), "--text",
                 "Item 4: the date was 12 May.", "--on", "21/10/2026"]) == 0  # fmt: skip
    capsys.readouterr()
    out = tmp_path / "m.docx"
    assert main(["export", "minutes", str(db), "--meeting", str(earlier), "-o", str(out)]) == 0
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Signed as an accurate record" in text
    table_text = " ".join(c.text for t in Document(str(out)).tables for r in t.rows
                          for c in r.cells)  # fmt: skip
    assert "Item 4: the date was 12 May." in table_text


def _first_item(db: Path, meeting_id: int) -> int:
    with open_database(db) as store:
        return list_items(store, meeting_id)[0].id


def test_export_check_lists_what_is_missing_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], on_engine: Any
) -> None:
    main(["demo", str(tmp_path / "d.db")])
    db = on_engine(tmp_path / "d.db")
    with open_database(db) as store:
        coming = next(m.id for m in list_meetings(store, body_id=1)
                      if m.date >= "2026-12-01" and m.item_count)  # fmt: skip
    capsys.readouterr()
    pack = tmp_path / "pack.docx"
    code = main(["export", "board-pack", str(db), "--meeting", str(coming), "--check"])
    out = capsys.readouterr().out
    assert code == 1 and "to look at before sending" in out and "has not been received" in out
    assert main(["export", "board-pack", str(db), "--meeting", str(coming), "--check",
                 "-o", str(pack)]) == 1  # fmt: skip
    assert not pack.exists()  # with --check, only a clean pack is written
    assert main(["export", "board-pack", str(db), "--meeting", str(coming), "-o", str(pack)]) == 0
    captured = capsys.readouterr()
    assert pack.exists() and "Before sending, look at" in captured.err
    held = [m.id for m in _meetings(db) if m.status == "held"][-1]
    assert main(["export", "minutes", str(db), "--meeting", str(held), "--check"]) == 0
    assert "nothing is missing" in capsys.readouterr().out


def _meetings(db: Path) -> list[Meeting]:
    with open_database(db) as store:
        return list_meetings(store, body_id=1)
