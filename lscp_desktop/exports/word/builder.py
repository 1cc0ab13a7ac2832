"""Build a Word document the way a council sends it out.

Every piece of text passes through :func:`clean_text`, so nothing typed into the app can make
python-docx raise. Headings use real heading styles (Word's navigation pane and contents work),
table header rows repeat on each page, pictures carry alt text, and RAG ratings are written as
words as well as colours. The header carries the partnership name and the protective marking;
the footer says "Page X of Y" with live fields.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lscp_desktop.exports.safe import check_marking, clean_text, one_line, write_atomically
from lscp_desktop.exports.word.template import open_template
from lscp_desktop.exports.word.widths import column_widths

RAG_FILLS = {"red": "F4C7C3", "amber": "FCE8B2", "green": "C9E7C9", "blue": "CFE2F3"}
HEADER_FILL = "DCE4EF"
#: A partnership's name in the page header is shortened to this: no real name is (the longest
#: published ones are about 70 characters), and the header never takes more than two lines.
HEADER_NAME_LIMIT = 150
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def rag_fill(rating: str) -> str | None:
    """The cell colour for a RAG word ("Red", "Amber (due soon)" …); the word itself stays."""
    word = clean_text(rating).strip().split(" ")[0].lower() if rating else ""
    return RAG_FILLS.get(word)


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
        _british_english(self.doc)
        self._clear_body()
        props = self.doc.core_properties
        props.title = one_line(title, 250)
        props.author = one_line(partnership, 250)
        props.subject = self.marking
        self._header_footer(one_line(partnership, HEADER_NAME_LIMIT), one_line(header_note))
        self._style_names = {s.name for s in self.doc.styles}
        self._contents: tuple[Any, int] | None = None  # (marker paragraph, deepest level)
        self._entries: list[tuple[int, str, str]] = []  # (level, text, bookmark)
        self._next_drawing_id = 800_000
        self._style_ids: dict[str, str] = {}

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
        for doc_pr in header._element.xpath(".//wp:docPr"):
            if not (doc_pr.get("descr") or "").strip():
                doc_pr.set("descr", "Logo")  # a template's logo is never silent to a screen reader
        # What the template's own header holds (a council's logo and name), kept so that each
        # new section (a pack's agenda item) starts from the same header.
        self._template_header = [copy.deepcopy(el) for el in header._element]
        self._template_header_part = header.part
        self._partnership = partnership
        self.header_paragraph = self._marking_line(header, note)
        if section.different_first_page_header_footer:
            first = section.first_page_header
            if first._has_definition:
                self._marking_line(first, note)
        footer = section.footer
        footer.is_linked_to_previous = False
        has_page_field = "PAGE" in "".join(footer._element.xpath(".//w:instrText/text()"))
        if not has_page_field:
            blank = not any(p.text.strip() for p in footer.paragraphs)
            para = footer.paragraphs[0] if blank else footer.add_paragraph()
            para.alignment = 1  # centre
            para.add_run("Page ")
            _field(para, "PAGE")
            para.add_run(" of ")
            _field(para, "NUMPAGES")
            para.add_run(f"    {self.marking}")

    def _marking_line(self, header: Any, note: str) -> Any:
        """The marking in bold, then the partnership name and *note* (e.g. "Item 3")."""
        has_own = any(p.text.strip() for p in header.paragraphs) or bool(
            header._element.xpath(".//w:drawing|.//w:pict")
        )
        para = header.add_paragraph() if has_own else header.paragraphs[0]
        for run in para.runs:
            run._r.getparent().remove(run._r)
        run = para.add_run(self.marking)
        run.bold = True
        if not has_own:
            from docx.shared import Cm

            # A left tab clear of the marking, before the style's centre tab: long names and
            # notes then run on to the right instead of being centred back over the marking.
            para.paragraph_format.tab_stops.add_tab_stop(
                Cm(5.2 if "SENSITIVE" in self.marking else 3.0)
            )
            para.add_run(f"\t{self._partnership}")
        self._note_run = para.add_run(f" — {note}" if note else "")
        return para

    def set_header_note(self, note: str) -> None:
        """Change the note after the partnership name in the current section's header."""
        self._note_run.text = f" — {one_line(note)}" if note else ""

    def set_landscape(self, landscape: bool = True) -> None:
        """Turn the current section (for a standalone wide report, the whole document)."""
        from docx.enum.section import WD_ORIENT

        section = self.doc.sections[-1]
        if (section.page_width > section.page_height) != landscape:
            section.page_width, section.page_height = section.page_height, section.page_width
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT

    def new_section(self, header_note: str = "", *, landscape: bool = False) -> None:
        """Start a new page in a new Word section whose header carries *header_note*.

        The template's header (logo, council name) is copied into the new header; the footer
        stays linked, so "Page X of Y" runs on continuously across sections. A wide table
        (an action log) can have a landscape section.
        """
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        self.set_landscape(landscape)
        num_type = section._sectPr.find(_qn("w:pgNumType"))
        if num_type is not None:
            num_type.attrib.pop(_qn("w:start"), None)
        header = section.header
        header.is_linked_to_previous = False
        element = header._element
        for child in list(element):
            element.remove(child)
        for child in self._template_header:
            clone = copy.deepcopy(child)
            self._next_drawing_id = _relink(
                clone, self._template_header_part, header.part, self._next_drawing_id
            )
            element.append(clone)
        if not header.paragraphs:
            header.add_paragraph()
        self.header_paragraph = self._marking_line(header, one_line(header_note))

    # ---- content ----------------------------------------------------------------------------

    def title(self, text: str, subtitle: str = "") -> None:
        self._styled("Title", clean_text(text))
        if subtitle:
            p = self.doc.add_paragraph(clean_text(subtitle))
            p.runs[0].italic = True

    def heading(self, text: str, level: int = 1) -> Any:
        """A real Heading 1–3 (Word's navigation pane); listed in the contents if there is one."""
        level = max(1, min(3, level))
        clean = clean_text(text)
        para = self._styled(f"Heading {level}", clean)
        para.paragraph_format.keep_with_next = True  # whatever the template's style says
        if self._contents is not None and level <= self._contents[1]:
            name = f"_Toc_lscp_{len(self._entries) + 1}"
            _bookmark(para, name, 900_000 + len(self._entries))
            self._entries.append((level, clean, name))
        return para

    def _styled(self, style: str, text: str) -> Any:
        """A paragraph in *style*; the style id is looked up once per document, not per
        paragraph (python-docx's own lookup walks every style each time)."""
        sid = self._style_ids.get(style)
        if sid is None:
            sid = self._style_ids[style] = self.doc.styles[style].style_id
        para = self.doc.add_paragraph()
        para._p.style = sid
        if text:
            para.add_run(text)
        return para

    def paragraph(
        self, text: str = "", *, bold: bool = False, italic: bool = False,
        keep_with_next: bool = False,
    ) -> Any:  # fmt: skip
        """A paragraph; *keep_with_next* for a label that introduces a table or a list."""
        p = self.doc.add_paragraph()
        if text:
            run = p.add_run(clean_text(text))
            run.bold, run.italic = bold, italic
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        return p

    def text(self, text: str) -> None:
        """Text typed in the app, as the user laid it out: each line a paragraph, lines
        starting "-", "*" or "•" bullets (indented: a level down), numbered lines ("1.",
        "a)") kept with their own numbers and a hanging indent; blank lines only separate."""
        from docx.shared import Cm

        for kind, line, level in text_blocks(text):
            if kind == "bullet":
                self._styled("List Bullet 2" if level and self._has("List Bullet 2")
                             else "List Bullet", clean_text(line))  # fmt: skip
            elif kind == "number":
                para = self.paragraph(line)
                para.paragraph_format.left_indent = Cm(0.9 + 0.6 * level)
                para.paragraph_format.first_line_indent = Cm(-0.6)
            else:
                self.paragraph(line)

    def _has(self, style: str) -> bool:
        return style in self._style_names

    def labelled(self, label: str, value: str) -> None:
        """A 'Label: value' line, the label in bold."""
        p = self.doc.add_paragraph()
        p.add_run(f"{clean_text(label)}: ").bold = True
        p.add_run(clean_text(value))

    def bullet(self, text: str) -> None:
        self._styled("List Bullet", clean_text(text))

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
        one_line: Sequence[int] = (),
    ) -> Any:
        """A table that prints well: its header row repeats on every page, no row breaks across
        a page, and the column widths come from the content (:mod:`.widths`), so references,
        money, dates and other short values never wrap. *widths_cm*, when given, are the
        preferred widths of the columns of prose; *fills* are hex colours per cell.

        Rows are stamped from one prototype row (cell widths and the "Table Text" style
        already set) rather than built cell by cell through python-docx's generic element
        API, which is most of the time of a long action log.
        """
        from docx.shared import Cm

        style = "LSCP Table" if "LSCP Table" in self._style_names else "Table Grid"
        self._keep_last_paragraph_with_next()  # "Actions agreed:" stays with its table
        text_rows = [[clean_text(v) for v in values] for values in rows]
        widths = column_widths(
            [clean_text(h) for h in headers], text_rows, self.text_width_cm(),
            one_line=(*one_line, *right_align), preferred_cm=widths_cm,
        )  # fmt: skip
        table = self.doc.add_table(rows=2, cols=len(headers), style=style)
        table.autofit = False
        cell_style = self._table_text_style().style_id
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
        head, proto = table.rows[0], table.rows[1]
        _repeat_header(head)
        _keep_row_together(head)
        _keep_row_together(proto)
        for cell, text in zip(head.cells, headers, strict=True):
            cell.paragraphs[0]._p.style = cell_style
            _text_run(cell._tc.p_lst[0], clean_text(text), bold=True)
            _shade(cell, HEADER_FILL)
        for cell in proto.cells:
            cell.paragraphs[0]._p.style = cell_style
        prototype = proto._tr
        tbl = table._tbl
        tbl.remove(prototype)
        last = len(rows) - 1
        for r, values in enumerate(text_rows):
            tr = copy.deepcopy(prototype)
            tbl.append(tr)
            tcs = tr.tc_lst
            row_fills = fills[r] if fills and r < len(fills) else ()
            for c, value in enumerate(values[: len(tcs)]):
                tc = tcs[c]
                p = tc.p_lst[0]
                if c in right_align:
                    p.get_or_add_pPr().append(_oxml("w:jc", **{"w:val": "right"}))
                _text_run(p, value, bold=bold_last_row and r == last)
                fill = row_fills[c] if c < len(row_fills) else None
                if fill:
                    tc.get_or_add_tcPr().append(
                        _oxml("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill})
                    )
        self.doc.add_paragraph()
        return table

    def _keep_last_paragraph_with_next(self) -> None:
        """The paragraph before a table (a heading, "Actions agreed:") stays on its page."""
        from docx.text.paragraph import Paragraph

        body = self.doc.element.body
        last = body[-2] if len(body) > 1 and body[-1].tag == _qn("w:sectPr") else body[-1]
        if last.tag == _qn("w:p") and "".join(last.itertext()).strip():
            Paragraph(last, self.doc._body).paragraph_format.keep_with_next = True

    def text_width_cm(self) -> float:
        """The width between the margins of the current section, in cm."""
        section = self.doc.sections[-1]
        return float(section.page_width - section.left_margin - section.right_margin) / 360_000

    def _table_text_style(self) -> Any:
        """Table cells use "Table Text" (a council template may define its own)."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        if "Table Text" not in self._style_names:
            style = self.doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            style.font.size = Pt(9)
            style.paragraph_format.space_before = Pt(1.5)
            style.paragraph_format.space_after = Pt(1.5)
            self._style_names.add("Table Text")
        return self.doc.styles["Table Text"]

    def picture(self, png: bytes, *, width_cm: float, alt: str) -> None:
        """A picture with alt text (screen readers); a picture without one is refused."""
        from docx.shared import Cm

        if not clean_text(alt).strip():
            raise ValueError("Every picture in a document needs alt text.")

        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
        inline = self.doc.inline_shapes[-1]._inline
        inline.docPr.set("descr", clean_text(alt))
        inline.docPr.set("title", clean_text(alt)[:100])

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def contents(self, title: str = "Contents", levels: int = 1) -> None:
        """A contents list of the headings (to *levels*) that follow, filled in on saving.

        Each entry links to its heading and shows its page with a PAGEREF field, which Word
        and LibreOffice both work out when they lay the document out.
        """
        self.heading(title, 1)
        self._contents = (self.doc.add_paragraph(), max(1, min(3, levels)))
        _update_fields_on_open(self.doc)

    def _fill_contents(self) -> None:
        if self._contents is None:
            return
        marker, _levels = self._contents
        if not self._entries:
            marker.add_run("(No sections.)")
            self._contents = None
            return
        section = self.doc.sections[0]
        right = section.page_width - section.left_margin - section.right_margin
        for level, text, name in self._entries:
            para = marker.insert_paragraph_before(style=self._toc_style(level, right))
            link = _oxml("w:hyperlink", **{"w:anchor": name, "w:history": "1"})
            para._p.append(link)
            run = _oxml("w:r")
            t = _oxml("w:t", **{"xml:space": "preserve"})
            t.text = f"{text}\t"
            run.append(t)
            link.append(run)
            _field(para, f"PAGEREF {name} \\h", placeholder="")
        marker._p.getparent().remove(marker._p)
        self._contents = None

    def _toc_style(self, level: int, right: Any) -> Any:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm, Pt

        name = f"TOC {level}"
        if name not in self._style_names:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            fmt = style.paragraph_format
            fmt.left_indent = Cm(0.6 * (level - 1))
            fmt.space_after = Pt(4)
            fmt.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            self._style_names.add(name)
        return self.doc.styles[name]

    # ---- saving -----------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write to a temporary file beside *path*, then rename: never half-written."""
        self._fill_contents()
        return write_atomically(path, lambda tmp: self.doc.save(str(tmp)))


_BULLET = re.compile(r"^(\s*)[-*•–·]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,5})[.)])\s+(.*)$")


def text_blocks(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, level) for each non-blank line: kind "bullet", "number" (the number kept
    in the text) or "paragraph"; level 1 for a list item indented by two spaces or a tab."""
    blocks: list[tuple[str, str, int]] = []
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            continue
        line = raw.replace("\t", "    ").rstrip()
        if m := _BULLET.match(line):
            blocks.append(("bullet", m.group(2).strip(), 1 if len(m.group(1)) >= 2 else 0))
        elif m := _NUMBERED.match(line):
            level = 1 if len(m.group(1)) >= 2 else 0
            blocks.append(("number", f"{m.group(2)}\t{m.group(3).strip()}", level))
        else:
            blocks.append(("paragraph", line.strip(), 0))
    return blocks


def _british_english(doc: Any) -> None:
    """Text in UK English (spelling checks, a PDF's language for screen readers) where the
    template left Word's default of US English; a template's own language is kept."""
    for lang in doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        if lang.get(_qn("w:val")) in (None, "en-US"):
            lang.set(_qn("w:val"), "en-GB")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    result: str = qn(tag)
    return result


def _bookmark(paragraph: Any, name: str, ident: int) -> None:
    start = _oxml("w:bookmarkStart", **{"w:id": str(ident), "w:name": name})
    p = paragraph._p
    p.insert(1 if p.pPr is not None else 0, start)
    p.append(_oxml("w:bookmarkEnd", **{"w:id": str(ident)}))


def _relink(element: Any, source: Any, target: Any, first_id: int) -> int:
    """Point the relationship ids in a copied header element at *target*'s own relationships."""
    prefix = f"{{{_R_NS}}}"
    for node in element.iter():
        for attr, value in list(node.attrib.items()):
            if not attr.startswith(prefix) or value not in source.rels:
                continue
            rel = source.rels[value]
            if rel.is_external:
                new = target.relate_to(rel.target_ref, rel.reltype, is_external=True)
            else:
                new = target.relate_to(rel.target_part, rel.reltype)
            node.set(attr, new)
    ident = first_id
    for doc_pr in element.xpath(".//wp:docPr"):
        doc_pr.set("id", str(ident))  # drawing ids must be unique in the package
        ident += 1
    return ident


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


def _text_run(p: Any, text: str, *, bold: bool = False) -> None:
    """Append a run holding *text* to paragraph element *p*: tabs and line breaks kept."""
    run = _oxml("w:r")
    if bold:
        r_pr = _oxml("w:rPr")
        r_pr.append(_oxml("w:b"))
        run.append(r_pr)
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if n:
            run.append(_oxml("w:br"))
        for k, part in enumerate(line.split("\t")):
            if k:
                run.append(_oxml("w:tab"))
            if part:
                t = _oxml("w:t", **{"xml:space": "preserve"})
                t.text = part
                run.append(t)
    p.append(run)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_oxml("w:tblHeader", **{"w:val": "true"}))


def _keep_row_together(row: Any) -> None:
    """The row never breaks across a page (a row taller than a page still does)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.insert(0, _oxml("w:cantSplit", **{"w:val": "true"}))


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(_oxml("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))
