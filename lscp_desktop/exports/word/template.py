"""The default Word template, and finding the one a document should use.

The template lives in ``resources/lscp-template.docx`` (made by ``scripts/make_template.py``
from :func:`build_default_template`). A council's own .docx can replace it: its styles, fonts,
logo, header and footer are then used by every export.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.errors import LscpError

TEMPLATE_NAME = "lscp-template.docx"
NAVY = (0x1D, 0x3D, 0x6B)


def resources_dir() -> Path:
    """``resources/`` beside the package (source checkout) or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def build_default_template() -> bytes:
    """A clean A4 template: Arial, navy headings, generous margins, a table style."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    sizes = {"Title": 24, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11.5}
    for name, size in sizes.items():
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(*NAVY)
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    for name in ("Caption", "List Bullet"):
        styles[name].font.name = "Arial"
    for style in styles:
        _drop_theme_fonts(style)
    if "LSCP Table" not in [s.name for s in styles]:
        table_style = styles.add_style("LSCP Table", WD_STYLE_TYPE.TABLE)
        table_style.base_style = styles["Table Grid"]
        table_style.font.name = "Arial"
        table_style.font.size = Pt(9)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_before = Pt(1.5)
    table_text.paragraph_format.space_after = Pt(1.5)
    table_text.paragraph_format.line_spacing = 1.0
    marking = styles.add_style("Protective Marking", WD_STYLE_TYPE.PARAGRAPH)
    marking.base_style = styles["Normal"]
    marking.font.bold = True
    marking.font.size = Pt(10)
    marking.paragraph_format.space_after = Pt(0)
    for level in (1, 2):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(4)
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(16.6), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
    placeholder = styles.add_style("Placeholder", WD_STYLE_TYPE.PARAGRAPH)
    placeholder.base_style = styles["Normal"]
    placeholder.font.italic = True
    placeholder.font.color.rgb = RGBColor(0x8A, 0x3B, 0x00)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _drop_theme_fonts(style: Any) -> None:
    """Theme font attributes override the named font; remove them so Arial really applies."""
    from docx.oxml.ns import qn

    rpr = style.element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)


def open_template(custom: str | Path | None = None) -> Any:
    """A python-docx Document from the council's template, the shipped one, or a fresh default."""
    from docx import Document

    if custom:
        path = Path(custom)
        if not path.is_file():
            raise LscpError(
                f"The Word template {path} cannot be found; choose it again in Reports."
            )
        if path.suffix.lower() != ".docx":
            raise LscpError(
                f"{path.name} is not a Word .docx template (a .dotx or .doc will not do)."
            )
        try:
            return Document(str(path))
        except Exception as exc:  # python-docx raises several kinds for a bad package
            raise LscpError(f"{path.name} cannot be read as a Word document ({exc}).") from exc
    shipped = resources_dir() / TEMPLATE_NAME
    if shipped.is_file():
        return Document(str(shipped))
    return Document(io.BytesIO(build_default_template()))
