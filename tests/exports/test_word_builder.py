"""The Word builder: structure, accessibility, hostile text, atomic saving, LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from helpers.office import convert, needs_soffice, pdf_pages, pdf_text

from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.errors import ValidationError

HOSTILE = (
    "".join(chr(c) for c in range(32))
    + "\ufffe\uffff"
    + "lone \ud800 surrogate"
    + "=cmd|' /C calc'!A0"
)


def tiny_png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )


def sample(tmp_path: Path, text: str = "Ordinary text", marking: str = "OFFICIAL") -> Path:
    doc = WordDocument(title="Executive agenda", partnership="Northbridge LSCP", marking=marking)
    doc.title("Executive", "Tuesday 8 December 2026")
    doc.heading("1. Welcome", 1)
    doc.paragraph(text)
    doc.heading("Details", 2)
    doc.table(
        ["Item", "RAG"],
        [[text, "Red"], ["Second", "Green"]],
        fills=[[None, "F4C7C3"], [None, "C9E7C9"]],
    )
    doc.picture(tiny_png(), width_cm=2, alt="Heat map of 12 risks")
    doc.placeholder("what the partnership did this year")
    return doc.save(tmp_path / "agenda.docx")


def test_structure_headings_tables_alt_text_and_page_fields(tmp_path: Path) -> None:
    path = sample(tmp_path)
    doc = Document(str(path))
    headings = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        ("Title", "Executive"),
        ("Heading 1", "1. Welcome"),
        ("Heading 2", "Details"),
    ]
    table = doc.tables[0]
    assert table.rows[0].cells[0].text == "Item"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    alt = doc.inline_shapes[0]._inline.docPr.get("descr")
    assert alt == "Heat map of 12 risks"
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    header_text = doc.sections[0].header.paragraphs[0].text
    assert header_text.startswith("OFFICIAL") and "Northbridge LSCP" in header_text
    assert any("[To write:" in p.text for p in doc.paragraphs)


def test_hostile_text_never_crashes_and_is_cleaned(tmp_path: Path) -> None:
    long_text = "A" * 100_000
    path = sample(tmp_path, HOSTILE + long_text)
    doc = Document(str(path))
    text = next(p.text for p in doc.paragraphs if "surrogate" in p.text)
    assert "\x00" not in text and "\ufffe" not in text and "\ud800" not in text
    assert "lone \ufffd surrogate" in text and text.endswith("A" * 1000)
    assert "=cmd|' /C calc'!A0" in text  # kept as text


def test_marking_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="protective marking"):
        WordDocument(title="x", partnership="p", marking="SECRET")
    path = sample(tmp_path, marking="official-sensitive")
    assert (
        Document(str(path)).sections[0].header.paragraphs[0].text.startswith("OFFICIAL-SENSITIVE")
    )


def test_failed_save_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agenda.docx"
    target.write_bytes(b"previous version")
    doc = WordDocument(title="x", partnership="p")

    def boom(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(doc.doc, "save", boom)
    with pytest.raises(OSError):
        doc.save(target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.docx"]


def test_locked_target_gives_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def locked(*_a: object) -> None:
        raise PermissionError(13, "used by another process")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(TargetLockedError, match="open in another program"):
        WordDocument(title="x", partnership="p").save(tmp_path / "a.docx")


def test_council_template_styles_and_header_are_used(tmp_path: Path) -> None:
    from docx.shared import Pt

    council = Document()
    council.styles["Normal"].font.name = "Verdana"
    council.styles["Normal"].font.size = Pt(12)
    council.sections[0].header.paragraphs[0].text = "Northbridge Borough Council"
    council.add_paragraph("template body text that must not survive")
    council.save(str(tmp_path / "council.docx"))
    doc = WordDocument(
        title="x", partnership="Northbridge LSCP", template=tmp_path / "council.docx"
    )
    doc.paragraph("Hello")
    saved = Document(str(doc.save(tmp_path / "out.docx")))
    assert saved.styles["Normal"].font.name == "Verdana"
    header = [p.text for p in saved.sections[0].header.paragraphs]
    assert header[0] == "Northbridge Borough Council" and "OFFICIAL" in header
    assert [p.text for p in saved.paragraphs] == ["Hello"]


@needs_soffice
def test_libreoffice_opens_it_and_counts_pages(tmp_path: Path) -> None:
    path = sample(tmp_path, "Paragraph text. " * 800)
    pdf = convert(path, "pdf", tmp_path)
    assert pdf_pages(pdf) >= 2
    text = pdf_text(pdf)
    assert "Page 1 of" in text and "OFFICIAL" in text


def test_a_picture_without_alt_text_is_refused_and_rag_keeps_its_word() -> None:
    from lscp_desktop.exports.word.builder import rag_fill

    doc = WordDocument(title="x", partnership="p")
    with pytest.raises(ValueError, match="alt text"):
        doc.picture(tiny_png(), width_cm=2, alt=" \x00 ")
    assert rag_fill("Red") == "F4C7C3" and rag_fill("amber (due soon)") == "FCE8B2"
    assert rag_fill("") is None and rag_fill("Complete") is None
