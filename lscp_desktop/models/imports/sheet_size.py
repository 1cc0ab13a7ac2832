"""A read-only sheet's stated size, read without reading its rows.

openpyxl's read-only worksheet looks for the sheet's ``<dimension>`` when it is opened, and stops
looking only at the end of ``<sheetData>``: a sheet that states no size (as many programs
write) was parsed through once just to learn that. :func:`read_stated_size_only` makes it stop
where the rows start (the schema puts ``<dimension>`` before them).
"""

from __future__ import annotations

from typing import Any


def read_stated_size_only() -> None:
    """Make openpyxl's read-only sheets find their stated size (<dimension>, which comes
    before the rows) without parsing every row when there is none: its own look-up stops only
    at the end of <sheetData>, so a sheet stating no size was read through once more on
    opening. The same size either way (none, where none comes before the rows)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if ReadOnlyWorksheet._get_size is not _stated_size:
        ReadOnlyWorksheet._get_size = _stated_size


def _stated_size(ws: Any) -> None:
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    with ws._get_source() as src:
        for _event, element in iterparse(src, events=("start",)):
            if element.tag == DATA_TAG:
                return
            if element.tag == DIMENSION_TAG:
                bounds = SheetDimension.from_tree(element).boundaries
                ws._min_column, ws._min_row, ws._max_column, ws._max_row = bounds
                return
