"""Papers a business manager can send as they come out: nothing internal printed, the
pre-flight check listing what is missing, tables that print well, one money format per column,
deputies "for" their member, the yearly report as at the year's end."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from helpers.papers import attach_demo_papers
from helpers.wordcheck import body_text

from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.meetings import coversheets
from lscp_desktop.models.meetings.agenda import list_items, save_item
from lscp_desktop.models.meetings.meetings import get_meeting, list_meetings
from lscp_desktop.models.meetings.minutes import save_minutes
from lscp_desktop.models.meetings.preflight import preflight
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.risks.as_at import risks_as_at
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.risks.reviews import list_reviews, record_review
from lscp_desktop.models.store.database import Store

WORD_KINDS = ("agenda", "cover-sheet", "board-pack", "minutes", "action-log", "risk-summary",
              "finance-summary", "annual-report", "yearly-report-dispatch", "decisions",
              "membership")  # fmt: skip
OVERRUN = re.compile(r"too long|runs to \d\d:\d\d but")


def exec_id(store: Store) -> int:
    return next(b.id for b in list_bodies(store) if b.code == "EXEC")


def coming(store: Store) -> int:
    return next(m.id for m in list_meetings(store, body_id=exec_id(store))
                if m.date >= "2026-12-01" and m.item_count)  # fmt: skip


def held(store: Store) -> int:
    """The Executive's latest held meeting whose minutes are not yet approved."""
    return [m.id for m in list_meetings(store, body_id=exec_id(store)) if m.status == "held"][-1]


def export(store: Store, key: str, path: Path, **options: Any) -> Document:
    defaults: dict[str, Any] = {"meeting_id": coming(store), "year": "2025/26",
                                "body_id": exec_id(store)}  # fmt: skip
    defaults.update(options)
    find_kind(key).run(store, ExportOptions(**defaults), path, lambda *_: None)
    return Document(str(path))


def spoil_the_agenda(store: Store, meeting_id: int) -> tuple[int, int]:
    """An overrunning agenda, a proposed item, and a cover sheet half written."""
    meeting = get_meeting(store, meeting_id)
    long_item = save_item(
        store, meeting_id,
        {"title": "Neglect strategy: workshop", "minutes_allotted": meeting.duration_minutes},
    )  # fmt: skip
    proposed = save_item(store, meeting_id, {"title": "Proposed: CAMHS waiting times",
                                             "minutes_allotted": 10, "proposed": True})  # fmt: skip
    coversheets.save_cover_sheet(store, long_item, {"summary": "What the workshop is for."})
    return long_item, proposed


def test_a_spoilt_pack_is_listed_by_the_check_and_nothing_internal_prints(
    demo_store: Store, tmp_path: Path
) -> None:
    meeting_id = coming(demo_store)
    long_item, _proposed = spoil_the_agenda(demo_store, meeting_id)
    check = preflight(demo_store, meeting_id, "board-pack")
    text = "\n".join(check.lines())
    assert "too long" in text  # the overrun, said once, here
    assert "\u201cProposed: CAMHS waiting times\u201d is proposed and is not agreed" in text
    assert ("recommendations, risks and implications or voice of the child; those are left out "
            "of the pack") in text  # fmt: skip
    assert "has no presenter" in text
    assert not check.ok
    for key in ("agenda", "board-pack", "cover-sheet"):  # the user exports anyway
        doc = export(demo_store, key, tmp_path / f"{key}.docx", item_id=long_item)
        printed = body_text(doc)
        assert not OVERRUN.search(printed), key
        assert "[To write" not in printed and "Not given" not in printed, key
        assert "CAMHS" not in printed, key  # the proposed item stays off until agreed
    minutes = export(demo_store, "minutes", tmp_path / "m.docx", meeting_id=held(demo_store))
    assert not OVERRUN.search(body_text(minutes))


def test_the_minutes_mark_or_leave_out_items_with_nothing_minuted(
    demo_store: Store, tmp_path: Path
) -> None:
    from lscp_desktop.models.meetings.minutes_cycle import set_unminuted_items

    meeting_id = held(demo_store)
    item = list_items(demo_store, meeting_id)[1]
    save_minutes(demo_store, item.id, "", "")
    assert any("has nothing minuted" in line
               for line in preflight(demo_store, meeting_id, "minutes").lines())  # fmt: skip
    doc = export(demo_store, "minutes", tmp_path / "m.docx", meeting_id=meeting_id)
    paragraphs = [p.text for p in doc.paragraphs]
    at = paragraphs.index(f"2. {item.title}")
    assert paragraphs[at + 1] == "Noted."
    assert "No minute recorded" not in body_text(doc)
    set_unminuted_items(demo_store, meeting_id, "omit")
    doc = export(demo_store, "minutes", tmp_path / "m2.docx", meeting_id=meeting_id)
    assert f"2. {item.title}" not in [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("key", WORD_KINDS)
def test_every_table_row_is_kept_whole_and_every_header_repeats(
    demo_store: Store, tmp_path: Path, key: str
) -> None:
    if key == "board-pack":
        attach_demo_papers(demo_store, coming(demo_store), tmp_path / "papers")
    options = {"meeting_id": held(demo_store)} if key == "minutes" else {}
    if key == "cover-sheet":
        options["item_id"] = list_items(demo_store, coming(demo_store))[3].id
    doc = export(demo_store, key, tmp_path / f"{key}.docx", **options)
    assert doc.tables or key == "cover-sheet", key
    for n, table in enumerate(doc.tables):
        rows = table._tbl.findall(qn("w:tr"))
        header = rows[0].trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None, (key, n)
        for row in rows:
            assert row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None, (key, n)
    for p in doc.paragraphs:  # headings stay with what follows them
        if p.style.name.startswith("Heading"):
            assert p.paragraph_format.keep_with_next, (key, p.text)


MONEY = re.compile(r"^-?£[\d,]+(\.\d\d)?$")


@pytest.mark.parametrize("key", ["finance-summary", "annual-report"])
def test_one_money_format_per_column(demo_store: Store, tmp_path: Path, key: str) -> None:
    doc = export(demo_store, key, tmp_path / f"{key}.docx")
    checked = 0
    for table in doc.tables:
        for column in table.columns:
            amounts = [c.text for c in column.cells[1:] if MONEY.match(c.text)]
            if len(amounts) > 1:
                checked += 1
                assert len({"." in a for a in amounts}) == 1, amounts
        for row in table.rows[1:]:  # money never shares a cell with words
            for cell in row.cells:
                if "£" in cell.text and not cell.text.startswith(("£", "-£")):
                    pytest.fail(f"money inside words: {cell.text!r}")
    assert checked >= 3


def test_deputies_are_present_for_the_member_they_stood_in_for(
    demo_store: Store, tmp_path: Path
) -> None:
    from lscp_desktop.models.meetings.attendance import list_attendance

    meeting_id = next(
        m.id for m in reversed(list_meetings(demo_store, body_id=exec_id(demo_store)))
        if m.status == "held"
        and any(a.status == "represented" for a in list_attendance(demo_store, m.id))
    )  # fmt: skip
    represented = [a for a in list_attendance(demo_store, meeting_id)
                   if a.status == "represented"]  # fmt: skip
    doc = export(demo_store, "minutes", tmp_path / "m.docx", meeting_id=meeting_id)
    present = [[c.text for c in r.cells] for r in doc.tables[0].rows[1:]]
    for a in represented:
        assert [a.deputy, a.organisation, f"For {a.name}"] in present


def test_the_yearly_report_shows_the_risks_as_they_stood_on_31_march(
    demo_store: Store, tmp_path: Path
) -> None:
    """A risk whose score changed after the year end is reported at its 31 March score."""
    year_end = dt.date(2026, 3, 31)
    risk = next(
        r for r in list_risks(demo_store, register="strategic", include_closed=False)
        if r.residual_score < 20
        and any(v.review_date <= "2026-03-31" for v in list_reviews(demo_store, r.id))
    )  # fmt: skip
    then = [v for v in list_reviews(demo_store, risk.id) if v.review_date <= "2026-03-31"][-1]
    record_review(demo_store, risk.id, {"likelihood": 5, "impact": 5, "note": "Much worse",
                                        "review_date": dt.date.today()})  # fmt: skip
    assert next(r for r in list_risks(demo_store) if r.id == risk.id).residual_score == 25
    past = {r.reference: r for r in risks_as_at(demo_store, year_end, register="strategic")}
    assert past[risk.reference].residual_score == then.score
    doc = export(demo_store, "annual-report", tmp_path / "y.docx")
    alt = next(s._inline.docPr.get("descr") for s in doc.inline_shapes
               if "heat maps" in s._inline.docPr.get("descr"))  # fmt: skip
    assert f"of the {len(past)} open risks" in alt
    top = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["Ref", "Risk"])
    rows = {r.cells[0].text: r.cells[4].text for r in top.rows[1:]}
    if risk.reference in rows:
        assert rows[risk.reference].split("\n")[0] == str(then.score)
    assert all(r.split("\n")[0] != "25" or past[ref].residual_score == 25
               for ref, r in rows.items())  # fmt: skip
    text = body_text(doc)
    assert "As at 31/03/2026 the register held" in text
