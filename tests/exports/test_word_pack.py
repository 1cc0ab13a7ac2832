"""Pack assembly: item sections with their own headers, appended papers, annex, contents."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from helpers.office import convert, needs_soffice, pdf_pages, pdf_text
from helpers.wordcheck import body_text, check_all

from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.exports.word.pack import PackAssembler

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def paper(path: Path, title: str, *, restart_numbering: bool = False) -> Path:
    doc = Document()
    doc.add_heading(title, 1)
    doc.add_paragraph(f"Body of {title}. " * 40)
    doc.add_picture(io.BytesIO(PNG), width=Cm(2))  # no alt text, as partners often send
    if restart_numbering:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        num = OxmlElement("w:pgNumType")
        num.set(qn("w:start"), "1")
        section._sectPr.append(num)
        doc.add_paragraph("Appendix restarting at page 1")
    doc.save(str(path))
    return path


def council_template(path: Path) -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = "Verdana"
    run = doc.sections[0].header.paragraphs[0].add_run()
    run.add_picture(io.BytesIO(PNG), width=Cm(3))
    doc.sections[0].header.add_paragraph("Northbridge Borough Council")
    doc.save(str(path))
    return path


def build_pack(tmp_path: Path, template: Path | None = None) -> tuple[Path, PackAssembler]:
    police = paper(tmp_path / "police.docx", "Police assurance report")
    health = paper(tmp_path / "health.docx", "Health update", restart_numbering=True)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a Word file")
    slides = tmp_path / "slides.pptx"
    slides.write_bytes(b"slides")
    doc = WordDocument(
        title="Board pack", partnership="Northbridge LSCP", marking="OFFICIAL-SENSITIVE",
        template=template,
    )  # fmt: skip
    doc.title("Safeguarding Partnership Executive", "Tuesday 8 December 2026")
    doc.contents()
    pack = PackAssembler(doc)
    papers = {
        1: [("Police report", police)],
        2: [("Health update", health), ("Slides", slides)],
        3: [("Broken paper", broken), ("Missing paper", tmp_path / "gone.docx")],
        4: [("No file", None)],
    }
    for number in range(1, 5):
        doc.new_section(f"Item {number}")
        doc.heading(f"Item {number}: Title {number}", 1)
        doc.heading("Summary", 2)
        doc.paragraph(f"Summary of item {number}.")
        for name, path in papers[number]:
            pack.add_paper(f"Item {number}", name, path)
    pack.write_annex()
    return doc.save(tmp_path / "pack.docx"), pack


def test_papers_appended_in_order_and_the_rest_annexed(tmp_path: Path) -> None:
    path, pack = build_pack(tmp_path)
    assert pack.appended == ["Police report", "Health update"]
    notes = {e.name: e.note for e in pack.annex_entries}
    assert list(notes) == ["Slides", "Broken paper", "Missing paper", "No file"]
    assert "PPTX" in notes["Slides"] and "damaged" in notes["Broken paper"]
    assert "could not be found" in notes["Missing paper"]
    doc = check_all(path)
    text = body_text(doc).split("this pack\t", 1)[1]  # after the contents list
    assert text.index("Item 1: Title 1") < text.index("Body of Police assurance report")
    assert text.index("Body of Police assurance report") < text.index("Item 2: Title 2")
    assert text.index("Body of Health update") < text.index("Item 3: Title 3")
    assert "Broken paper" in doc.tables[-1].rows[2].cells[1].text


def test_each_item_section_has_its_own_header_and_numbering_runs_on(tmp_path: Path) -> None:
    path, _ = build_pack(tmp_path)
    doc = Document(str(path))
    header_texts = [s.header.paragraphs[-1].text for s in doc.sections if s.header.paragraphs]
    assert header_texts[0] == "OFFICIAL-SENSITIVE\tNorthbridge LSCP"
    for n in range(1, 5):
        assert f"OFFICIAL-SENSITIVE\tNorthbridge LSCP — Item {n}" in header_texts
    assert header_texts[-1].endswith("— Annex")
    assert not doc.element.body.xpath(".//w:pgNumType[@w:start]")


def test_contents_lists_the_items_with_page_references(tmp_path: Path) -> None:
    path, _ = build_pack(tmp_path)
    doc = Document(str(path))
    entries = [p for p in doc.paragraphs if p.style.name == "TOC 1"]
    assert [p.text.split("\t")[0] for p in entries] == [
        "Item 1: Title 1", "Item 2: Title 2", "Item 3: Title 3", "Item 4: Title 4",
        "Annex: papers not included in this pack",
    ]  # fmt: skip
    codes = doc.element.body.xpath(".//w:instrText/text()")
    assert sum("PAGEREF _Toc_lscp_" in c for c in codes) == 5
    names = doc.element.body.xpath(".//w:bookmarkStart/@w:name")
    assert {f"_Toc_lscp_{n}" for n in range(1, 6)} <= set(names)


def test_a_council_template_logo_is_in_every_item_header(tmp_path: Path) -> None:
    template = council_template(tmp_path / "council.docx")
    path, _ = build_pack(tmp_path, template)
    doc = check_all(path)  # the logo gets alt text too
    assert doc.styles["Normal"].font.name == "Verdana"
    for section in doc.sections:
        header = section.header
        assert header._element.xpath(".//a:blip/@r:embed")
        rid = header._element.xpath(".//a:blip/@r:embed")[0]
        assert header.part.related_parts[rid].content_type == "image/png"
        assert "Northbridge Borough Council" in [p.text for p in header.paragraphs]


def test_hostile_names_and_headings_never_crash(tmp_path: Path) -> None:
    hostile = "".join(chr(c) for c in range(32)) + "\ufffe lone \udc00 " + "x" * 100_000
    doc = WordDocument(title=hostile, partnership=hostile)
    doc.contents()
    pack = PackAssembler(doc)
    doc.new_section(hostile)
    doc.heading(hostile, 1)
    pack.add_paper(hostile, hostile, tmp_path / "x.pdf")
    pack.write_annex(hostile)
    saved = Document(str(doc.save(tmp_path / "h.docx")))
    assert any("\ufffd" in p.text and p.style.name == "Heading 1" for p in saved.paragraphs)


@needs_soffice
def test_libreoffice_page_numbers_run_on_and_contents_has_pages(tmp_path: Path) -> None:
    path, _ = build_pack(tmp_path)
    pdf = convert(path, "pdf", tmp_path)
    pages = pdf_pages(pdf)
    text = pdf_text(pdf)
    assert pages >= 7
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text
    contents = text.split("Item 1: Title 1")[1].split("\n")[0]
    # A page number, worked out on layout, ends the line; whether the PDF's text has a space
    # before it (after the dot leaders) depends on the fonts, so it is not asserted.
    page = re.search(r"(\d+)\s*$", contents)
    assert page is not None, contents
    assert 1 <= int(page.group(1)) <= pages
