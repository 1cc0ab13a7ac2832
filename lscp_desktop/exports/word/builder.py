"""Build a Word document the way a council sends it out.

Every piece of text passes through :func:`clean_text`, so nothing typed into the app can make
python-docx raise. Headings use real heading styles (Word's navigation pane and contents work),
table header rows repeat on each page, pictures carry alt text, and RAG ratings are written as
words as well as colours. The header carries the partnership name and the protective marking;
the footer says "Page X of Y" with live fields.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lscp_desktop.exports.safe import clean_text, write_atomically
from lscp_desktop.exports.word.template import open_template
from lscp_desktop.models.errors import ValidationError

MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE")
RAG_FILLS = {"red": "F4C7C3", "amber": "FCE8B2", "green": "C9E7C9", "blue": "CFE2F3"}
HEADER_FILL = "DCE4EF"


def check_marking(marking: str) -> str:
    text = (marking or "").strip().upper()
    if text not in MARKINGS:
        raise ValidationError(
            f"'{marking}' is not a protective marking; use {' or '.join(MARKINGS)}.", "marking"
        )
    return text


class WordDocument:
    """A document in progress. Create, add content, then :meth:`save`."""

    def __init__(
        self,
        *,
        title: str,
        partnership: str,
        marking: str = "OFFICIAL",
        template: str | Path | None = None,
        header_note: str = "",
    ) -> None:
        self.marking = check_marking(marking)
        self.doc = open_template(template)
        self._clear_body()
        props = self.doc.core_properties
        props.title = clean_text(title)[:250]
        props.author = clean_text(partnership)[:250]
        props.subject = self.marking
        self._header_footer(clean_text(partnership), clean_text(header_note))
        self._style_names = {s.name for s in self.doc.styles}

    # ---- page furniture -------------------------------------------------------------------

    def _clear_body(self) -> None:
        body = self.doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)

    def _header_footer(self, partnership: str, note: str) -> None:
        section = self.doc.sections[0]
        header = section.header
        header.is_linked_to_previous = False
        has_own = any(p.text.strip() for p in header.paragraphs) or bool(
            header._element.xpath(".//w:drawing")
        )
        first = header.paragraphs[0] if not has_own else header.add_paragraph()
        first.text = ""
        run = first.add_run(self.marking)
        run.bold = True
        if not has_own:
            first.add_run(f"\t{partnership}")
            if note:
                first.add_run(f" — {note}")
        self.header_paragraph = first
        footer = section.footer
        footer.is_linked_to_previous = False
        if not any(p.text.strip() for p in footer.paragraphs):
            para = footer.paragraphs[0]
            para.alignment = 1  # centre
            para.add_run("Page ")
            _field(para, "PAGE")
            para.add_run(" of ")
            _field(para, "NUMPAGES")
            para.add_run(f"    {self.marking}")

    def set_header_note(self, note: str) -> None:
        """Change the note after the partnership name (e.g. the agenda item number)."""
        runs = self.header_paragraph.runs
        if len(runs) >= 3:
            runs[2].text = f" — {clean_text(note)}" if note else ""
        elif len(runs) == 2 and note:
            self.header_paragraph.add_run(f" — {clean_text(note)}")

    # ---- content ----------------------------------------------------------------------------

    def title(self, text: str, subtitle: str = "") -> None:
        self.doc.add_paragraph(clean_text(text), style="Title")
        if subtitle:
            p = self.doc.add_paragraph(clean_text(subtitle))
            p.runs[0].italic = True

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(clean_text(text), level=max(1, min(3, level)))

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False) -> Any:
        p = self.doc.add_paragraph()
        if text:
            run = p.add_run(clean_text(text))
            run.bold, run.italic = bold, italic
        return p

    def labelled(self, label: str, value: str) -> None:
        """A 'Label: value' line, the label in bold."""
        p = self.doc.add_paragraph()
        p.add_run(f"{clean_text(label)}: ").bold = True
        p.add_run(clean_text(value))

    def bullet(self, text: str) -> None:
        self.doc.add_paragraph(clean_text(text), style="List Bullet")

    def placeholder(self, text: str) -> None:
        """A clearly marked gap for the author's own words."""
        style = "Placeholder" if "Placeholder" in self._style_names else None
        p = self.doc.add_paragraph(style=style)
        run = p.add_run(f"[To write: {clean_text(text)}]")
        run.italic = True
        from docx.enum.text import WD_COLOR_INDEX

        run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        widths_cm: Sequence[float] | None = None,
        fills: Sequence[Sequence[str | None]] | None = None,
        right_align: Sequence[int] = (),
        bold_last_row: bool = False,
    ) -> Any:
        """A table whose header row repeats on every page; *fills* are hex colours per cell."""
        style = "LSCP Table" if "LSCP Table" in self._style_names else "Table Grid"
        table = self.doc.add_table(rows=1, cols=len(headers), style=style)
        table.autofit = widths_cm is None
        head = table.rows[0]
        _repeat_header(head)
        for cell, text in zip(head.cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(clean_text(text)).bold = True
            _shade(cell, HEADER_FILL)
        for r, values in enumerate(rows):
            cells = table.add_row().cells
            for c, value in enumerate(values):
                para = cells[c].paragraphs[0]
                run = para.add_run(clean_text(value))
                if bold_last_row and r == len(rows) - 1:
                    run.bold = True
                if c in right_align:
                    para.alignment = 2
                fill = fills[r][c] if fills and r < len(fills) and c < len(fills[r]) else None
                if fill:
                    _shade(cells[c], fill)
        if widths_cm:
            from docx.shared import Cm

            for column, width in zip(table.columns, widths_cm, strict=False):
                column.width = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm, strict=False):
                    cell.width = Cm(width)
        self.doc.add_paragraph()
        return table

    def picture(self, png: bytes, *, width_cm: float, alt: str) -> None:
        """A picture with alt text (screen readers) and a caption-free layout."""
        from docx.shared import Cm

        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
        inline = self.doc.inline_shapes[-1]._inline
        inline.docPr.set("descr", clean_text(alt))
        inline.docPr.set("title", clean_text(alt)[:100])

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def contents(self, title: str = "Contents") -> None:
        """A table of contents field; Word fills it on opening (LibreOffice on update)."""
        self.heading(title, 1)
        p = self.doc.add_paragraph()
        _field(p, 'TOC \\o "1-2" \\h \\z \\u', placeholder="Right-click and choose Update Field.")
        _update_fields_on_open(self.doc)

    # ---- saving -----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def save(self, path: str | Path) -> Path:
        """Write to a temporary file beside *path*, then rename: never half-written."""
        return write_atomically(path, lambda tmp: self.doc.save(str(tmp)))


def _oxml(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def _field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) as begin/instr/separate/result/end runs."""
    run = paragraph.add_run()
    run._r.append(_oxml("w:fldChar", **{"w:fldCharType": "begin", "w:dirty": "true"}))
    instr = paragraph.add_run()
    text = _oxml("w:instrText", **{"xml:space": "preserve"})
    text.text = f" {instruction} "
    instr._r.append(text)
    sep = paragraph.add_run()
    sep._r.append(_oxml("w:fldChar", **{"w:fldCharType": "separate"}))
    paragraph.add_run(placeholder)
    end = paragraph.add_run()
    end._r.append(_oxml("w:fldChar", **{"w:fldCharType": "end"}))


def _update_fields_on_open(doc: Any) -> None:
    settings = doc.settings.element
    if not settings.xpath("w:updateFields"):
        settings.append(_oxml("w:updateFields", **{"w:val": "true"}))


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_oxml("w:tblHeader", **{"w:val": "true"}))


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(_oxml("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))
