"""Importing existing spreadsheets (.xlsx, .csv) into the registers, safely and all-or-nothing.

- :mod:`.reading` opens files defensively and streams their rows;
- :mod:`.values` parses UK dates, money, yes/no, RAG and status words;
- :mod:`.engine` finds the header row, maps columns to fields and runs the import;
- :mod:`.registry` lists the kinds; each kind is a small module (``organisations``, ``people``,
  ``memberships``…) declaring its fields and a row function that uses the domain's save functions.
"""

from lscp_desktop.models.imports.engine import (
    ImportOptions,
    ImportReport,
    Layout,
    ReportLine,
    inspect_file,
    run_import,
)
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.reading import ImportFileError
from lscp_desktop.models.imports.registry import KIND_MODULES, all_kinds, import_kind

__all__ = [
    "KIND_MODULES",
    "ImportField",
    "ImportFileError",
    "ImportKind",
    "ImportOptions",
    "ImportReport",
    "Layout",
    "Outcome",
    "ReportLine",
    "all_kinds",
    "import_kind",
    "inspect_file",
    "run_import",
]
