"""The calendar export parsed back with icalendar: stable UIDs, cancellations, London time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from helpers.meetings import make_partnership

from lscp_desktop.exports.calendar_ics import uid_for
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.meetings.agenda import save_item
from lscp_desktop.models.meetings.meetings import (
    reschedule_meeting,
    save_meeting,
    set_meeting_status,
)
from lscp_desktop.models.store.database import Store


def export(store: Store, path: Path, body_id: int | None = None) -> icalendar.Calendar:
    find_kind("calendar").run(store, ExportOptions(body_id=body_id), path, lambda *_: None)
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_ics_round_trip(store: Store, tmp_path: Path) -> None:
    p = make_partnership(store)
    summer = save_meeting(
        store, {"body_id": p.body, "date": "2026-07-06", "start_time": "14:00",
                "end_time": "16:00", "venue": "Town Hall"}
    )  # fmt: skip
    winter = save_meeting(store, {"body_id": p.body, "date": "2026-12-07", "start_time": "10:00"})
    save_item(store, summer, {"title": "Budget \x0b2026/27", "purpose": "decision",
                              "minutes_allotted": 30})  # fmt: skip
    first = export(store, tmp_path / "a.ics")
    events = {e["uid"]: e for e in first.events}
    assert set(events) == {uid_for(summer), uid_for(winter)}
    july = events[uid_for(summer)]
    assert july.start == dt.datetime(2026, 7, 6, 14, 0, tzinfo=july.start.tzinfo)
    assert july.start.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert july["dtstart"].params["TZID"] == "Europe/London"
    assert events[uid_for(winter)].start.utcoffset() == dt.timedelta(0)
    assert july.end - july.start == dt.timedelta(hours=2)
    assert "1. Budget 2026/27 (decision, 30 min)" in str(july["description"])
    assert str(july["location"]) == "Town Hall"
    assert any(c.name == "VTIMEZONE" for c in first.walk())

    set_meeting_status(store, winter, "cancelled", "Inspection week")
    reschedule_meeting(store, summer, date="13/07/2026", reason="Clash")
    second = export(store, tmp_path / "b.ics")
    again = {e["uid"]: e for e in second.events}
    assert set(again) == set(events)  # same UIDs: Outlook updates rather than duplicates
    assert str(again[uid_for(winter)]["status"]) == "CANCELLED"
    assert "Inspection week" in str(again[uid_for(winter)]["description"])
    assert int(again[uid_for(summer)]["sequence"]) > int(july["sequence"])
    assert again[uid_for(summer)].start.date() == dt.date(2026, 7, 13)


def test_one_body_only(demo_store: Store, tmp_path: Path) -> None:
    everything = export(demo_store, tmp_path / "all.ics")
    assert len(everything.events) == demo_store.count("meetings")
    exec_only = export(demo_store, tmp_path / "exec.ics", body_id=1)
    assert 0 < len(exec_only.events) < len(everything.events)
    assert {str(e["categories"].cats[0]) for e in exec_only.events} == {"EXEC"}
