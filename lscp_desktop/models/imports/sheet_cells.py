"""A read-only sheet's plain inline-string cells read without openpyxl's rich-text objects.

openpyxl reads a cell written as an inline string (``<c t="inlineStr"><is><t>text</t></is>``,
what openpyxl itself and many exporters write) by building a :class:`openpyxl.cell.text.Text`
from the ``<is>`` element and taking its ``content``: several descriptor checks a cell, about
a third of the time a 48,000-row log takes to read. :func:`read_inline_strings_fast` makes
openpyxl's read-only sheets take the text of the one ``<t>`` straight from the element, which
is that same ``content``; any other shape of cell (several runs, phonetic text, attributes, a
formula) is still read by openpyxl's own code, so every value is the one it would give.
"""

from __future__ import annotations

from typing import Any


def read_inline_strings_fast() -> None:
    """Make openpyxl's read-only sheets read a plain inline-string cell directly (the same
    value, without building a rich-text object for it)."""
    from openpyxl.worksheet import _read_only

    if not getattr(_read_only.WorkSheetParser, "lscp_inline_strings", False):
        _read_only.WorkSheetParser = _parser_class()


def _parser_class() -> type[Any]:
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import (
        FORMULA_TAG,
        INLINE_STRING,
        SHEET_MAIN_NS,
        WorkSheetParser,
    )

    text_tag = f"{{{SHEET_MAIN_NS}}}t"

    class InlineStringsParser(WorkSheetParser):  # openpyxl is untyped: WorkSheetParser is Any
        lscp_inline_strings = True

        def parse_cell(self, element: Any) -> Any:
            if element.get("t") != "inlineStr" or self.rich_text:
                return super().parse_cell(element)
            child = element.find(INLINE_STRING)
            if (
                child is None
                or child.attrib
                or len(child) != 1
                or (not self.data_only and element.find(FORMULA_TAG) is not None)
            ):
                return super().parse_cell(element)
            text = child[0]
            if text.tag != text_tag or len(text):
                return super().parse_cell(element)
            # What WorkSheetParser.parse_cell gives for it: Text(t=...).content is the text.
            style_id = element.get("s", 0)
            if style_id:
                style_id = int(style_id)
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            return {
                "row": row,
                "column": column,
                "value": text.text or "",
                "data_type": "s",
                "style_id": style_id,
            }

    return InlineStringsParser
