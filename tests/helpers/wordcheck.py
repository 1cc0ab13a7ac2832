"""Open an exported .docx with python-docx and check what every document must have.

- headings use real heading styles, in order (never Heading 1 straight to Heading 3);
- every table's first row is a header row that repeats on each page;
- every picture, in the body and in headers, has alt text;
- the footer of each section shows "Page X of Y" with PAGE and NUMPAGES fields (later
  sections may link to the first), and page numbering never restarts;
- each coloured cell (a RAG rating, a risk band) also says what it means in words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn


def open_docx(path: Path) -> Any:
    return Document(str(path))


def headings(doc: Any) -> list[tuple[int, str]]:
    """(level, text) of each Title (level 0) and Heading n paragraph in the body, in order."""
    found = []
    for p in doc.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name == "Title":
            found.append((0, p.text))
        elif name.startswith("Heading ") and name[8:].isdigit():
            found.append((int(name[8:]), p.text))
    return found


def check_headings(doc: Any) -> list[tuple[int, str]]:
    found = headings(doc)
    assert found, "the document has no headings"
    assert found[0][0] in (0, 1), f"the first heading is {found[0]}"
    previous = 1
    for level, text in found:
        assert text.strip(), "an empty heading"
        if level:
            assert level <= previous + 1, f"heading level jumps to {level} at {text!r}"
            previous = level
    return found


def check_tables(doc: Any, *, skip: int = 0) -> int:
    """Every table (after the first *skip*) has a repeating, non-empty header row."""
    tables = doc.tables[skip:]
    for n, table in enumerate(tables):
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None, (
            f"table {n + skip} has no repeating header row"
        )
        assert any(c.text.strip() for c in table.rows[0].cells), f"table {n + skip} header empty"
    return len(tables)


def check_alt_text(doc: Any) -> int:
    """Every drawing in the body and in every header and footer has a description."""
    parts = [doc.part] + [
        rel.target_part
        for rel in doc.part.rels.values()
        if rel.reltype.endswith(("/header", "/footer"))
    ]
    count = 0
    for part in parts:
        for doc_pr in part.element.xpath(".//wp:docPr"):
            assert (doc_pr.get("descr") or "").strip(), f"a picture in {part.partname} has no alt"
            count += 1
    return count


def check_page_fields(doc: Any) -> None:
    first = doc.sections[0].footer
    codes = " ".join(first._element.xpath(".//w:instrText/text()"))
    assert "PAGE" in codes and "NUMPAGES" in codes, "the footer has no Page X of Y"
    for n, section in enumerate(doc.sections[1:], start=1):
        footer = section.footer
        if not footer.is_linked_to_previous:
            codes = " ".join(footer._element.xpath(".//w:instrText/text()"))
            assert "PAGE" in codes, f"section {n} has its own footer without page numbers"
    starts = doc.element.body.xpath(".//w:pgNumType[@w:start]")
    assert not starts, "page numbering restarts part-way through"


def check_rag_words(doc: Any) -> int:
    """Every coloured cell (other than header rows) says in words what its colour means."""
    coloured = 0
    for table in doc.tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                shd = cell._tc.xpath("./w:tcPr/w:shd")
                fill = shd[0].get(qn("w:fill")) if shd else None
                if fill and fill not in ("auto", "FFFFFF"):
                    coloured += 1
                    assert any(ch.isalpha() for ch in cell.text), (
                        f"a coloured cell with no words: {cell.text!r}"
                    )
    return coloured


def check_all(path: Path, *, skip_tables: int = 0) -> Any:
    """Run every check on *path*; return the opened document for further assertions."""
    doc = open_docx(path)
    check_headings(doc)
    check_tables(doc, skip=skip_tables)
    check_alt_text(doc)
    check_page_fields(doc)
    check_rag_words(doc)
    return doc


def body_text(doc: Any) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)
