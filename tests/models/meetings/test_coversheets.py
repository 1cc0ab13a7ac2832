"""Cover sheets: validation, one per item, empty sheets removed, standard report choice."""

from __future__ import annotations

import pytest

from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.meetings import coversheets as cs
from lscp_desktop.models.store.database import Store


def make_item(store: Store, title: str = "Partner assurance report") -> int:
    body = store.insert(
        "bodies", {"name": "Executive", "code": "EXEC", "kind": "executive",
                   "start_date": "2020-04-01"},
    )  # fmt: skip
    meeting = store.insert("meetings", {"body_id": body, "date": "2026-12-08"})
    return store.insert("agenda_items", {"meeting_id": meeting, "position": 1, "title": title})


def test_save_read_update_and_clear(store: Store) -> None:
    item = make_item(store)
    assert cs.get_cover_sheet(store, item).is_empty
    sheet_id = cs.save_cover_sheet(
        store, item, {"author": " Jane Smith ", "summary": "What happened", "voice_of_child": "x"}
    )
    sheet = cs.get_cover_sheet(store, item)
    assert sheet.id == sheet_id and sheet.author == "Jane Smith" and not sheet.is_empty
    assert cs.save_cover_sheet(store, item, {"author": "J S", "risks": "None"}) == sheet_id
    assert cs.get_cover_sheet(store, item).summary == ""  # replaced, not merged
    assert cs.cover_sheets_for_meeting(store, 1)[item].risks == "None"
    assert cs.save_cover_sheet(store, item, {}) is None
    assert store.count("cover_sheets") == 0


def test_bad_input_is_refused_with_a_message_and_nothing_saved(store: Store) -> None:
    item = make_item(store)
    with pytest.raises(ValidationError, match="Summary is 20,001 characters") as err:
        cs.save_cover_sheet(store, item, {"summary": "x" * 20_001})
    assert err.value.field == "summary"
    with pytest.raises(ValidationError, match="not a standard report"):
        cs.save_cover_sheet(store, item, {"standard_report": "minutes"})
    with pytest.raises(LscpError):
        cs.save_cover_sheet(store, 999, {"summary": "x"})
    assert store.count("cover_sheets") == 0


def test_standard_report_chosen_or_guessed_from_the_title(store: Store) -> None:
    assert cs.guess_standard_report("Partnership action log") == "action-log"
    assert cs.guess_standard_report("Strategic risk register") == "risk-summary"
    assert cs.guess_standard_report("Budget monitoring 2026/27") == "finance-summary"
    assert cs.guess_standard_report("Minutes of the last meeting and matters arising") == (
        "previous-minutes"
    )
    assert cs.guess_standard_report("Chair's update") == ""
    item = make_item(store, "Risk register")
    sheet = cs.get_cover_sheet(store, item)
    assert cs.standard_report_of(sheet, "Risk register") == "risk-summary"
    cs.save_cover_sheet(store, item, {"standard_report": "none"})
    assert cs.standard_report_of(cs.get_cover_sheet(store, item), "Risk register") == ""


def test_deleting_the_item_removes_its_cover_sheet(store: Store) -> None:
    item = make_item(store)
    cs.save_cover_sheet(store, item, {"summary": "x"})
    store.delete("agenda_items", item)
    assert store.count("cover_sheets") == 0
