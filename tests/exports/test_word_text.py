"""Minute text into Word as typed: paragraphs, bulleted and numbered lists; and column widths
chosen from the content, so references and money never wrap."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from lscp_desktop.exports.word.builder import WordDocument, text_blocks
from lscp_desktop.exports.word.widths import column_widths, kind_of_column, text_cm

MINUTE = """The chair welcomed members.
Partners reported on the audit.

- police: data returned late
  - two sets of figures missing
* health: on time
1. Agree the plan
b) Report back in March"""


def test_text_keeps_paragraphs_and_lists(tmp_path: Path) -> None:
    assert [k for k, _t, _l in text_blocks(MINUTE)] == [
        "paragraph", "paragraph", "bullet", "bullet", "bullet", "number", "number",
    ]  # fmt: skip
    assert text_blocks("  - nested")[0] == ("bullet", "nested", 1)
    doc = WordDocument(title="Minutes", partnership="Northbridge LSCP")
    doc.text(MINUTE)
    saved = Document(str(doc.save(tmp_path / "m.docx")))
    paragraphs = [(p.style.name, p.text) for p in saved.paragraphs]
    assert paragraphs[:2] == [("Normal", "The chair welcomed members."),
                              ("Normal", "Partners reported on the audit.")]  # fmt: skip
    assert ("List Bullet", "police: data returned late") in paragraphs
    assert ("List Bullet 2", "two sets of figures missing") in paragraphs
    assert ("Normal", "1.\tAgree the plan") in paragraphs  # its own number, a hanging indent
    assert not any(text == "" for _s, text in paragraphs)  # blank lines only separate


def test_references_and_money_get_their_whole_width() -> None:
    long = "The yearly report is late and the partners have not agreed why"
    rows = [["SR-008", long, "£244,010.50"], ["SR-010", "Short", "£5,000.00"]]
    widths = column_widths(["Ref", "Risk", "Budget"], rows, 10.0)
    assert abs(sum(widths) - 10.0) < 0.05
    assert widths[0] >= text_cm("SR-008") + 0.4 and widths[2] >= text_cm("£244,010.50") + 0.4
    assert kind_of_column(["SR-008", "EXEC-0042"]) == "token"
    assert kind_of_column(["Rhys Watson", "In progress"]) == "phrase"
    assert kind_of_column(["A long sentence about the partnership's work this year"]) == "prose"
