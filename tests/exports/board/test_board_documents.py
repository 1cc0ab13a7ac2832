"""Every board document kind: structure (python-docx), hostile text, LibreOffice page counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from helpers.office import convert, needs_soffice, pdf_pages, pdf_text
from helpers.papers import attach_demo_papers, held_meeting, next_meeting, options_for
from helpers.store import write_around_the_door
from helpers.wordcheck import body_text, check_all, headings

from lscp_desktop.cli import main
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.meetings import coversheets
from lscp_desktop.models.meetings.agenda import list_items, timed_agenda
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.store.database import Store

KINDS = ("agenda", "cover-sheet", "board-pack", "minutes", "action-log", "risk-summary",
         "finance-summary", "annual-report", "yearly-report-dispatch", "decisions",
         "scrutineer-report")  # fmt: skip
YEAR = "2025/26"
HOSTILE = "".join(chr(c) for c in range(32)) + "\ufffe\uffff lone \ud800 x " + "y" * 100_000


def export(store: Store, key: str, path: Path, **changes: object) -> Path:
    options = options_for(store, key)
    if changes:
        options = ExportOptions(**{**options.__dict__, **changes})
    return find_kind(key).run(store, options, path, lambda *_: None)


@pytest.mark.parametrize("key", KINDS)
def test_every_kind_has_accessible_structure(demo_store: Store, tmp_path: Path, key: str) -> None:
    path = export(demo_store, key, tmp_path / f"{key}.docx")
    doc = check_all(path)
    assert headings(doc), key
    assert doc.core_properties.subject == "OFFICIAL"
    header = doc.sections[0].header.paragraphs[0].text
    assert header.startswith("OFFICIAL\t") and "Northbridge" in header


def test_agenda_lists_items_in_order_with_times_presenters_and_papers(
    demo_store: Store, tmp_path: Path
) -> None:
    meeting = next_meeting(demo_store)
    doc = Document(str(export(demo_store, "agenda", tmp_path / "a.docx")))
    assert [h for _, h in headings(doc)][:2] == [meeting.body, "Items"]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "No.", "Item", "Purpose", "Presenter", "Time", "Paper"
    ]  # fmt: skip
    items = timed_agenda(demo_store, meeting.id).items
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[1] for r in rows] == [i.title for i in items]
    assert rows[0][4] == meeting.start_time and all(r[5] for r in rows)
    text = body_text(doc)
    assert "Members invited" in text and "Apologies received" in text


def test_cover_sheet_fields_and_placeholders(demo_store: Store, tmp_path: Path) -> None:
    options = options_for(demo_store, "cover-sheet")
    assert options.item_id is not None
    coversheets.save_cover_sheet(demo_store, options.item_id, {
        "author": "Jane Smith, Head of Quality Assurance", "summary": "What the audit found.",
        "recommendations": "Note the findings.", "voice_of_child": "Young people told us…",
    })  # fmt: skip
    doc = Document(str(export(demo_store, "cover-sheet", tmp_path / "c.docx")))
    text = body_text(doc)
    assert "Report author: Jane Smith, Head of Quality Assurance" in text
    assert "☒" in text and "What the audit found." in text
    assert "[To write" not in text and "Risks and implications" not in text  # left out
    assert [h for level, h in headings(doc) if level == 2] == [
        "Summary", "Recommendations", "The voice of the child"
    ]  # fmt: skip


def test_board_pack_assembles_items_papers_and_annex(demo_store: Store, tmp_path: Path) -> None:
    meeting = next_meeting(demo_store)
    made = attach_demo_papers(demo_store, meeting.id, tmp_path / "papers")
    path = export(demo_store, "board-pack", tmp_path / "pack.docx")
    doc = check_all(path)
    text = body_text(doc)
    assert "Report of the Northshire Police" in text  # an appended .docx paper
    annex = [[c.text for c in r.cells] for r in doc.tables[-1].rows[1:]]
    notes = " ".join(r[2] for r in annex)
    assert "XLSX file dashboard-" in notes and "damaged" in notes
    assert made["broken"] and made["xlsx"]
    contents = [p.text.split("\t")[0] for p in doc.paragraphs if p.style.name == "TOC 1"]
    assert contents[0] == "Agenda" and contents[-1].startswith("Annex")
    item_titles = [c for c in contents if c.startswith("Item ")]
    numbers = [int(c.split(":")[0].split()[1]) for c in item_titles]
    assert numbers == sorted(numbers) and len(numbers) >= 3  # agenda order
    notes_in_headers = {s.header.paragraphs[-1].text.rsplit("— ", 1)[-1] for s in doc.sections}
    assert {f"Item {n}" for n in numbers} <= notes_in_headers
    assert "Action log: Safeguarding Partnership Executive" in text
    assert "Risk summary: Strategic risk register" in text


def test_minutes_record_people_decisions_and_new_actions(demo_store: Store, tmp_path: Path) -> None:
    doc = Document(str(export(demo_store, "minutes", tmp_path / "m.docx")))
    names = [h for _, h in headings(doc)]
    assert names[1:4] == ["Present", "Apologies", "Declarations of interest"]
    assert names[4].startswith("1. ")
    assert names[-2:] == ["Actions agreed", "Date of the next meeting"]
    action_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Ref"]
    assert action_tables, "the demo's held meetings gave rise to actions"
    assert [c.text for c in action_tables[-1].rows[0].cells] == ["Ref", "Action", "Owner", "Due"]


def test_minutes_refused_for_a_meeting_not_yet_held(demo_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="has not been held yet"):
        export(demo_store, "minutes", tmp_path / "m.docx", meeting_id=next_meeting(demo_store).id)
    assert not (tmp_path / "m.docx").exists()


def test_action_log_rag_in_words_and_colour(demo_store: Store, tmp_path: Path) -> None:
    from helpers.wordcheck import check_rag_words

    doc = Document(str(export(demo_store, "action-log", tmp_path / "l.docx")))
    assert check_rag_words(doc) > 0
    rags = {r.cells[5].text for t in doc.tables for r in t.rows[1:]}
    assert rags & {"Red (overdue)", "Amber", "Green"}
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape


def test_risk_summary_heat_map_has_alt_text(demo_store: Store, tmp_path: Path) -> None:
    doc = Document(str(export(demo_store, "risk-summary", tmp_path / "r.docx")))
    alt = doc.inline_shapes[0]._inline.docPr.get("descr")
    assert alt.startswith("Two 5 by 5 heat maps of the") and "After controls" in alt


def test_annual_report_has_working_together_sections_and_charts(
    demo_store: Store, tmp_path: Path
) -> None:
    doc = Document(str(export(demo_store, "annual-report", tmp_path / "y.docx")))
    top = [h for level, h in headings(doc) if level == 1]
    expected = [
        "Contents", "Foreword", "The safeguarding partners",
        "What the partnership did and how effective it was",
        "The forum and the learning hubs", "Priorities and progress",
        "Practice reviews and the actions on their recommendations",
        "Multi-agency and Section 11 audits", "Impact of multi-agency training",
        "Professional challenge and escalation", "Education settings and residential homes",
        "How feedback from children and families shaped the work", "Independent scrutiny",
        "Risks to the partnership's work", "Funding", "Changes to the arrangements",
        "Priorities for 2026/27", "Appendix: membership of the partnership's bodies in 2025/26",
    ]  # fmt: skip
    assert top == expected
    assert len(doc.inline_shapes) == 3  # attendance, heat map, funding
    text = body_text(doc)
    assert "Dispatch checklist" not in text  # the dispatch checklist is a paper of its own
    assert text.count("[To write:") >= 9
    assert "Contributions 2025/26: money and in kind" in text and "Meetings held" in text
    assert "The independent scrutineer's report" in text
    # The assurance registers' sections: the rules, themes, national reviews, escalations,
    # the census and the published documents.
    second = [h for level, h in headings(doc) if level == 2]
    for heading in ("Meetings and attendance the arrangements require", "Quarterly themes",
                    "National reviews and the partnership's response",
                    "The published arrangements and their reviews"):  # fmt: skip
        assert heading in second
    assert "professional challenges were logged in 2025/26" in text
    assert "The census for 2025/26 counts the settings" in text


def test_dispatch_checklist_is_a_page_of_its_own(demo_store: Store, tmp_path: Path) -> None:
    path = export(demo_store, "yearly-report-dispatch", tmp_path / "d.docx")
    doc = check_all(path)
    text = body_text(doc)
    assert "Child Safeguarding Practice Review Panel" in text
    assert "Foundations (What Works Centre for Children and Families)" in text  # as named in data
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["Recipient", "When", "Sent on",
                                                             "Done"]  # fmt: skip


def test_scrutineer_report_has_seed_000s_headings_pre_filled(
    demo_store: Store, tmp_path: Path
) -> None:
    doc = Document(str(export(demo_store, "scrutineer-report", tmp_path / "s.docx")))
    top = [h for level, h in headings(doc) if level == 1]
    assert top == [
        "Contents", "Summary of the scrutineer's findings", "Northbridge context",
        "Analysis of performance, quality and impact of practice, including multi-agency work, "
        "on outcomes for children and young people",
        "The effectiveness of strategic leadership and multi-agency safeguarding arrangements",
        "Progress on planned improvements to frontline practice",
        "The robustness and effectiveness of quality assurance activity and its impact on "
        "practice",
        "Results of scrutiny of Section 11 audits", "Recommendations",
    ]  # fmt: skip
    text = body_text(doc)
    assert text.count("[To write: the scrutineer's judgement") == 5
    assert "Section 11 self-assessment 2025/26" in text  # the year's Section 11 round
    assert "Multi-agency audits" in text and "Statutory review timescales" in text
    assert "professional challenges were logged" in text
    assert "Independent scrutiny in 2025/26:" in text and "(independent commissioner)" in text


def test_hostile_text_in_the_database_never_breaks_an_export(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite cannot hold a lone surrogate, so that one arrives as the partnership's name,
    # which every document carries in its header and properties.
    from lscp_desktop.exports.board import annual, common

    for module in (common, annual):
        monkeypatch.setattr(module, "partnership_name", lambda _store: HOSTILE[:400])
    stored = HOSTILE.replace("\ud800", "")
    meeting = next_meeting(demo_store)
    held = held_meeting(demo_store)
    items = list_items(demo_store, meeting.id)
    # What an old database may hold: the store's door now cleans and limits such text.
    write = write_around_the_door
    with demo_store.transaction():
        for m in (meeting, held):
            write(demo_store, "meetings", m.id, {"venue": stored})
        for item in [*items, *list_items(demo_store, held.id)]:
            write(demo_store, "agenda_items", item.id, {"title": stored[:300] + item.title,
                                                        "minute_text": stored,
                                                        "decisions": stored})  # fmt: skip
        for row in demo_store.query("SELECT id FROM people LIMIT 20"):
            write(demo_store, "people", row["id"], {"name": stored[:200]})
        for table in ("actions", "risks"):
            for row in demo_store.query(f"SELECT id FROM {table} LIMIT 30"):
                write(demo_store, table, row["id"], {"title": stored})
        for row in demo_store.query("SELECT id FROM organisations LIMIT 5"):
            write(demo_store, "organisations", row["id"], {"name": f"{row['id']}{stored[:50]}"})
    coversheets.save_cover_sheet(demo_store, items[2].id, {"summary": stored[:20_000],
                                                           "author": stored[:200]})  # fmt: skip
    for key in KINDS:
        path = export(demo_store, key, tmp_path / f"{key}.docx")
        doc = Document(str(path))  # opens: the XML is valid
        xml = doc.element.xml
        assert "\x01" not in xml and "\ufffe" not in xml, key
        assert "\ufffd" in doc.sections[0].header._element.xml, key  # the surrogate, replaced


def test_cancelling_leaves_no_file(demo_store: Store, tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def progress(done: int, _total: int, _text: str) -> None:
        if done >= 3:
            raise Cancelled

    kind = find_kind("board-pack")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        kind.run(demo_store, options_for(demo_store, "board-pack"), out / "p.docx", progress)
    assert list(out.iterdir()) == []


def test_a_bad_template_or_missing_choice_is_a_clear_message(
    demo_store: Store, tmp_path: Path
) -> None:
    with pytest.raises(LscpError, match="cannot be found"):
        export(demo_store, "agenda", tmp_path / "a.docx", template=str(tmp_path / "none.docx"))
    with pytest.raises(ValidationError, match="Choose the meeting"):
        export(demo_store, "board-pack", tmp_path / "a.docx", meeting_id=None)
    with pytest.raises(ValidationError, match="not a financial year"):
        export(demo_store, "annual-report", tmp_path / "a.docx", year="last year")


def test_cli_exports_a_pack_and_a_yearly_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.db"
    assert main(["demo", str(db)]) == 0
    with Store.open(db, daily_backup=False) as store:
        meeting = next(m for m in list_meetings(store)
                       if m.date >= dt.date.today().isoformat() and m.item_count
                       and m.status != "cancelled")  # fmt: skip
    out = tmp_path / "pack.docx"
    args = ["export", "board-pack", str(db), "--meeting", str(meeting.id), "-o", str(out),
            "--marking", "OFFICIAL-SENSITIVE"]  # fmt: skip
    assert main(args) == 0
    assert Document(str(out)).sections[0].header.paragraphs[0].text.startswith("OFFICIAL-SENSITIVE")
    capsys.readouterr()
    bad = [
        "export",
        "annual-report",
        str(db),
        "--year",
        "twenty25",
        "-o",
        str(tmp_path / "y.docx"),
    ]
    assert main(bad) == 1
    err = capsys.readouterr().err
    assert "not a financial year" in err and "Traceback" not in err


@needs_soffice
@pytest.mark.parametrize(
    ("key", "low", "high"),
    [("agenda", 1, 3), ("cover-sheet", 1, 2), ("minutes", 2, 8), ("action-log", 1, 6),
     ("risk-summary", 1, 3), ("finance-summary", 1, 3), ("board-pack", 8, 30),
     ("annual-report", 5, 17), ("scrutineer-report", 4, 10)],
)  # fmt: skip
def test_libreoffice_renders_each_kind(
    demo_store: Store, tmp_path: Path, key: str, low: int, high: int
) -> None:
    if key == "board-pack":
        attach_demo_papers(demo_store, next_meeting(demo_store).id, tmp_path / "papers")
    pdf = convert(export(demo_store, key, tmp_path / f"{key}.docx"), "pdf", tmp_path)
    pages = pdf_pages(pdf)
    assert low <= pages <= high, f"{key}: {pages} pages"
    text = pdf_text(pdf)
    assert f"Page {pages} of {pages}" in text and "OFFICIAL" in text
