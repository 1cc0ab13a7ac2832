"""Meetings, agendas, papers and decisions: each rule refused cleanly, nothing half-saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.meetings import make_partnership

from lscp_desktop.models import meetings as mt
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import cadence as c
from lscp_desktop.models.store.database import Store


def meeting(store: Store, body: int, date: str = "2026-06-01", **extra: object) -> int:
    return mt.save_meeting(
        store, {"body_id": body, "date": date, "start_time": "10:00", "end_time": "12:00", **extra}
    )


def test_two_meetings_of_one_body_on_one_day_and_end_before_start(store: Store) -> None:
    p = make_partnership(store)
    first = meeting(store, p.body)
    with pytest.raises(ValidationError, match="already has a meeting on 01/06/2026"):
        meeting(store, p.body)
    with pytest.raises(ValidationError, match=r"end time \(09:00\) is before the start"):
        mt.save_meeting(
            store, {"body_id": p.body, "date": "02/06/2026", "start_time": "10:00",
                    "end_time": "09:00"}
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Say why"):
        mt.set_meeting_status(store, first, "cancelled")
    mt.set_meeting_status(store, first, "cancelled", "Chair unwell")
    meeting(store, p.body)  # a cancelled meeting does not block the day
    assert store.count("meetings") == 2


def test_reschedule_keeps_history(store: Store) -> None:
    p = make_partnership(store)
    mid = meeting(store, p.body)
    mt.reschedule_meeting(store, mid, date="08/06/2026", start_time="14:00", reason="Clash")
    mt.reschedule_meeting(store, mid, date="15/06/2026", reason="Room unavailable")
    history = mt.meeting_history(store, mid)
    assert [(h.old_date, h.new_date, h.reason) for h in history] == [
        ("2026-06-01", "2026-06-08", "Clash"),
        ("2026-06-08", "2026-06-15", "Room unavailable"),
    ]
    assert mt.get_meeting(store, mid).start_time == "14:00"
    with pytest.raises(ValidationError, match="why"):
        mt.reschedule_meeting(store, mid, date="22/06/2026", reason="")


def test_agenda_timings_overrun_reorder_and_item_longer_than_meeting(store: Store) -> None:
    p = make_partnership(store)
    mid = meeting(store, p.body)
    a = mt.save_item(store, mid, {"title": "Budget", "purpose": "decision", "minutes_allotted": 50})
    b = mt.save_item(store, mid, {"title": "Audit", "purpose": "assurance", "minutes_allotted": 40})
    cc = mt.save_item(store, mid, {"title": "Risks", "minutes_allotted": 45})
    timing = mt.timed_agenda(store, mid)
    assert [i.starts for i in timing.items] == ["10:00", "10:50", "11:30"]
    assert timing.overrun_minutes == 15
    assert "12:15" in timing.warning and "12:00" in timing.warning
    mt.reorder_items(store, mid, [cc, a, b])
    assert [i.title for i in mt.list_items(store, mid)] == ["Risks", "Budget", "Audit"]
    mt.move_item(store, b, -1)
    assert [i.id for i in mt.list_items(store, mid)] == [cc, b, a]
    assert [i.position for i in mt.list_items(store, mid)] == [1, 2, 3]
    with pytest.raises(ValidationError, match="longer than the whole meeting"):
        mt.save_item(store, mid, {"title": "Marathon", "minutes_allotted": 121})
    with pytest.raises(ValidationError, match="Shorten the item first"):
        mt.save_meeting(
            store, {"body_id": p.body, "date": "2026-06-01", "start_time": "10:00",
                    "end_time": "10:30"}, mid,
        )  # fmt: skip
    assert store.count("agenda_items") == 3
    mt.delete_item(store, cc)
    assert [i.position for i in mt.list_items(store, mid)] == [1, 2]


def test_draft_agenda_has_standing_items_and_forward_plan(store: Store) -> None:
    p = make_partnership(store)
    mt.save_forward_plan(
        store, {"body_id": p.body, "title": "Yearly report", "purpose": "decision",
                "every_months": 12, "first_due": "01/09/2025"}
    )  # fmt: skip
    mt.save_forward_plan(
        store, {"body_id": p.body, "title": "Subgroup report", "every_months": 4,
                "first_due": "01/05/2026"}
    )  # fmt: skip
    june = meeting(store, p.body, "2026-06-15")
    october = meeting(store, p.body, "2026-10-05")
    own = mt.save_item(store, october, {"title": "Budget", "minutes_allotted": 20})
    mt.build_draft_agenda(store, june)
    june_titles = [i.title for i in mt.list_items(store, june)]
    assert "Subgroup report" in june_titles and "Yearly report" not in june_titles
    mt.build_draft_agenda(store, october)
    items = mt.list_items(store, october)
    titles = [i.title for i in items]
    assert titles[0] == "Welcome, introductions and apologies"
    assert titles[-1] == "Any other business"
    assert {"Yearly report", "Subgroup report"} <= set(titles)  # due Sep 2026 and Sep 2026
    assert (
        titles.index("Yearly report") < titles.index("Budget") < titles.index("Any other business")
    )
    assert [i.proposed for i in items if i.title == "Yearly report"] == [1]
    assert next(i for i in items if i.id == own).title == "Budget"
    again = mt.build_draft_agenda(store, october)
    assert again == 0 and len(mt.list_items(store, october)) == len(items)


def test_carry_forward_to_the_next_meeting_of_the_same_body(store: Store) -> None:
    p = make_partnership(store)
    june = meeting(store, p.body, "2026-06-01")
    item = mt.save_item(store, june, {"title": "Neglect strategy", "minutes_allotted": 30})
    with pytest.raises(ValidationError, match="no meeting after 01/06/2026"):
        mt.carry_forward(store, item)
    july = meeting(store, p.body, "2026-07-06")
    new_id = mt.carry_forward(store, item)
    carried = mt.get_item(store, new_id)
    assert (carried.meeting_id, carried.title, carried.carried_from_id) == (
        july,
        "Neglect strategy",
        item,
    )
    with pytest.raises(ValidationError, match="already carried forward"):
        mt.carry_forward(store, item)


def test_paper_deadlines_in_working_days_and_papers_due(store: Store) -> None:
    p = make_partnership(store)
    # Tuesday 7 April 2026: seven working days back skips Easter Monday and Good Friday.
    mid = meeting(store, p.body, "2026-04-07")
    paper = mt.save_paper(store, mid, {"title": "Budget paper", "author_id": p.chair})
    assert mt.list_papers(store, mid)[0].deadline == "2026-03-25"
    c.save_cadence(store, vars(c.get_cadence(store, p.body)) | {"paper_deadline_days": 3})
    assert mt.list_papers(store, mid)[0].deadline == "2026-03-31"
    due = mt.papers_due(store, 7, today=dt.date(2026, 3, 27))
    assert [x.id for x in due] == [paper]
    assert mt.papers_due(store, 2, today=dt.date(2026, 3, 27)) == []
    mt.save_paper(store, mid, {"title": "Budget paper", "status": "received"}, paper)
    assert mt.papers_due(store, 30, today=dt.date(2026, 3, 27)) == []


def test_paper_file_copied_with_clear_errors(store: Store, tmp_path: Path) -> None:
    p = make_partnership(store)
    mid = meeting(store, p.body)
    paper = mt.save_paper(store, mid, {"title": "Audit report"})
    with pytest.raises(ValidationError, match="There is no file"):
        mt.attach_paper_file(store, paper, tmp_path / "missing.docx")
    with pytest.raises(ValidationError, match="is a folder"):
        mt.attach_paper_file(store, paper, tmp_path)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 2048)
    limit = mt.MAX_PAPER_BYTES
    mt.MAX_PAPER_BYTES = 1024
    try:
        with pytest.raises(ValidationError, match="at most"):
            mt.attach_paper_file(store, paper, big)
    finally:
        mt.MAX_PAPER_BYTES = limit
    assert mt.paper_file(store, paper) is None
    source = tmp_path / "audit.docx"
    source.write_bytes(b"report")
    copied = mt.attach_paper_file(store, paper, source)
    assert copied.read_bytes() == b"report" and copied.parent == mt.papers_folder(store)
    saved = mt.list_papers(store, mid)[0]
    assert (saved.status, saved.file_name, saved.file_size) == ("received", "audit.docx", 6)


def test_decisions_register_is_searchable_across_bodies(demo_store: Store) -> None:
    everything = mt.list_decisions(demo_store)
    assert len({d.body for d in everything}) >= 5
    assert everything[0].date >= everything[-1].date
    found = mt.list_decisions(demo_store, search="commission AUDIT")
    assert found and all(
        "commission" in d.decision.lower() and "audit" in d.decision.lower() for d in found
    )
    assert len(found) < len(everything)


def test_choice_providers_list_newest_first(demo_store: Store) -> None:
    from lscp_desktop.exports.registry import choices_for

    meetings = choices_for("meeting", demo_store)
    assert len(meetings) == demo_store.count("meetings")
    first = mt.get_meeting(demo_store, int(str(meetings[0][1])))
    last = mt.get_meeting(demo_store, int(str(meetings[-1][1])))
    assert first.date >= last.date
    items = choices_for("item", demo_store)
    assert len(items) == demo_store.count("agenda_items")


def test_delete_meeting_with_records_is_refused(demo_store: Store) -> None:
    held = next(m for m in mt.list_meetings(demo_store) if m.status == "held")
    with pytest.raises(ValidationError, match="Cancel it instead"):
        mt.delete_meeting(demo_store, held.id)
    assert mt.get_meeting(demo_store, held.id).id == held.id
