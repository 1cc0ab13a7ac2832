"""Assemble a board pack: each agenda item in its own section, partners' .docx papers appended.

Papers that are Word documents are appended with docxcompose (their styles mapped onto the
pack's, their pictures and numbering carried across) in agenda order. Anything else — a PDF, a
spreadsheet, a slide deck, a file that has gone missing or a .docx that cannot be read — is
listed by name in the pack's annex with a note saying why, so a bad paper never stops the pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lscp_desktop.exports.safe import clean_text
from lscp_desktop.exports.word.builder import WordDocument, _oxml, _qn

WORD_SUFFIXES = (".docx",)  # a .docm carries macros: circulated separately, never merged


@dataclass(frozen=True)
class AnnexEntry:
    item: str
    name: str
    note: str


class PackAssembler:
    """Appends papers to a :class:`WordDocument` and remembers what has to go in the annex."""

    def __init__(self, doc: WordDocument) -> None:
        self.doc = doc
        self.annex_entries: list[AnnexEntry] = []
        self.appended: list[str] = []
        self._composer: Any = None

    def add_paper(
        self,
        item: str,
        name: str,
        path: str | Path | None,
        *,
        heading: str = "",
        missing_note: str = "No file is attached; circulated separately.",
        file_name: str = "",
    ) -> bool:
        """Append the paper if it is a readable Word document; otherwise list it in the annex.

        *heading* (e.g. "Paper 6a: Police assurance report") goes on the paper's first page, so
        the paper shows in Word's navigation pane.
        """
        label = clean_text(name).strip() or (Path(path).name if path else "Untitled paper")
        if not path:
            self._annex(item, label, missing_note)
            return False
        file = Path(path)
        shown = clean_text(file_name) or file.name
        if file.suffix.lower() not in WORD_SUFFIXES:
            kind = file.suffix.lstrip(".").upper() or "non-Word"
            self._annex(item, label, f"{kind} file {shown}; circulated separately.")
            return False
        if not file.is_file():
            self._annex(item, label, f"The file {shown} could not be found when the pack "
                        "was made.")  # fmt: skip
            return False
        problem = self._append(file, label, clean_text(heading))
        if problem:
            self._annex(item, label, f"{shown} could not be included: {problem}")
            return False
        self.appended.append(label)
        return True

    def _annex(self, item: str, name: str, note: str) -> None:
        self.annex_entries.append(AnnexEntry(clean_text(item), name, clean_text(note)))

    def _append(self, file: Path, label: str, heading: str) -> str:
        """Append *file*; on any failure undo what was added and say what went wrong."""
        from docx import Document
        from docxcompose.composer import Composer

        try:
            paper = Document(str(file))
        except Exception:  # a damaged package raises zip, XML, key or value errors
            return "it is damaged or is not really a Word document."
        body = self.doc.doc.element.body
        before = len(body)
        sections = self.doc.doc.sections
        start_type = sections[-1].start_type
        try:
            if self._composer is None:
                self._composer = Composer(self.doc.doc)
            self.doc.page_break()
            if heading:
                self.doc.heading(heading, 2)
            self._composer.append(paper)
            for doc_pr in body.xpath(".//wp:docPr[not(@descr) or @descr='']")[:10_000]:
                doc_pr.set("descr", f"Picture from the paper “{label}” (its author gave no "
                           "description).")  # fmt: skip
        except Exception:
            added = len(body) - before
            sect_pr = body[-1]
            for _ in range(max(0, added)):
                body.remove(sect_pr.getprevious())
            return "its contents could not be read."
        # Partners' tables print like the pack's own: a repeating header row (their first
        # row), and no row broken across a page; their headings stay with what follows.
        for element in list(body)[before:-1]:
            if (
                element.tag == _qn("w:p")
                and element.style
                and element.style.startswith(("Heading", "heading"))
            ):
                element.get_or_add_pPr().keepNext_val = True
            for tbl in element.iter(_qn("w:tbl")):
                rows = tbl.findall(_qn("w:tr"))
                for n, row in enumerate(rows):
                    tr_pr = row.get_or_add_trPr()
                    if tr_pr.find(_qn("w:cantSplit")) is None:
                        tr_pr.insert(0, _oxml("w:cantSplit", **{"w:val": "true"}))
                    if n == 0 and tr_pr.find(_qn("w:tblHeader")) is None:
                        tr_pr.append(_oxml("w:tblHeader", **{"w:val": "true"}))
        # Page numbers run on through the whole pack, and the item's section keeps its start.
        for num_type in body.iter(_qn("w:pgNumType")):
            num_type.attrib.pop(_qn("w:start"), None)
        self.doc.doc.sections[-1].start_type = start_type
        return ""

    def write_annex(self, title: str = "Annex: papers not included in this pack") -> None:
        """The annex: every paper that is not in the pack itself, by item and name."""
        self.doc.new_section("Annex")
        self.doc.heading(title, 1)
        if not self.annex_entries:
            self.doc.paragraph("Every paper is included in the pack.")
            return
        self.doc.paragraph(
            "These papers belong to the meeting but are not part of this document. They are "
            "circulated separately with the pack."
        )
        self.doc.table(
            ["Item", "Paper", "Note"],
            [[e.item, e.name, e.note] for e in self.annex_entries],
            widths_cm=[2.2, 6.4, 8.0],
        )
