"""The Reports page: the pre-flight check before a pack goes out, a PDF beside the Word
document, and opening the result (or its folder) when the export is done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.exports import pdf
from lscp_desktop.models.meetings.agenda import save_item
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui import files
from lscp_desktop.ui.pages.reports.page import ReportsPage


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> ReportsPage:
    p = ReportsPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.refresh()
    return p


def choose(page: ReportsPage, key: str, data: object = None) -> None:
    row = next(n for n, k in enumerate(page.kinds) if k.key == key)
    page.list.setCurrentRow(row)
    if data is not None:
        page.choice.setCurrentIndex(page.choice.findData(data))


def coming(store: Store) -> int:
    return next(m.id for m in list_meetings(store, body_id=1)
                if m.date >= "2026-12-01" and m.item_count)  # fmt: skip


def test_the_check_comes_first_and_cancelling_exports_nothing(
    page: ReportsPage, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    message_boxes: Any, saved_files: Any,
) -> None:  # fmt: skip
    meeting = coming(demo_store)
    save_item(demo_store, meeting, {"title": "CAMHS waiting times", "minutes_allotted": 10,
                                    "proposed": True})  # fmt: skip
    target = tmp_path / "pack.docx"
    asked: list[str] = []
    monkeypatch.setattr(ReportsPage, "ask_path",
                        classmethod(lambda cls, *a: asked.append("path") or target))  # fmt: skip
    choose(page, "board-pack", meeting)
    assert not page.check_button.isHidden()
    message_boxes.export_anyway = False
    page.export_button.click()
    kind, label, text = message_boxes.shown[-1]
    assert (kind, label) == ("preflight", "board pack")
    assert "CAMHS waiting times" in text and "not agreed with the chair" in text
    assert not asked and not target.exists()
    message_boxes.export_anyway = True
    page.export_button.click()
    assert target.exists()
    assert saved_files == [("Board pack", target)] and saved_files.pdfs == [None]


def test_the_check_on_request(page: ReportsPage, demo_store: Store, message_boxes: Any) -> None:
    choose(page, "minutes", next(m.id for m in list_meetings(demo_store, body_id=1)
                                 if m.status == "held"))  # fmt: skip
    page.check_button.click()
    assert message_boxes.shown[-1][0] in ("information", "warning")
    assert "minutes" in message_boxes.shown[-1][1]


class CopyConverter:
    name = "Fake Word"

    def convert(self, docx: Path, target: Path) -> None:
        target.write_bytes(b"%PDF-1.7\n%%EOF\n")


def test_a_pdf_beside_the_document_and_open_it_when_done(
    page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saved_files: Any
) -> None:
    monkeypatch.setattr(pdf, "find_converter", lambda **_: CopyConverter())
    opened: list[Path] = []
    monkeypatch.setattr(files, "open_file", opened.append)
    target = tmp_path / "yearly.docx"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: target))
    choose(page, "yearly-report-dispatch", "2025/26")
    assert page.pdf_check.isEnabled()
    page.pdf_check.setChecked(True)
    saved_files.choice = "open-pdf"
    page.export_button.click()
    assert target.exists() and target.with_suffix(".pdf").exists()
    assert saved_files == [("Yearly report dispatch checklist", target)]
    assert saved_files.pdfs == [target.with_suffix(".pdf")]  # "Open the PDF" offered
    assert opened == [target.with_suffix(".pdf")]


def test_show_in_folder_after_a_workbook(
    page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saved_files: Any
) -> None:
    shown: list[Path] = []
    monkeypatch.setattr(files, "show_in_folder", shown.append)
    target = tmp_path / "decisions.xlsx"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: target))
    choose(page, "decisions-workbook")
    assert page.marking.isEnabled() and not page.pdf_check.isEnabled()
    saved_files.choice = "folder"
    page.export_button.click()
    assert shown == [target]
