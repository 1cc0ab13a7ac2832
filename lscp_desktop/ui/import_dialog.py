"""File > Import…: kept so ``from lscp_desktop.ui.import_dialog import ImportDialog`` still works.

The dialog and its pieces live in :mod:`lscp_desktop.ui.imports`.
"""

from lscp_desktop.ui.imports.dialog import ImportDialog
from lscp_desktop.ui.imports.mapping import NOT_IMPORTED
from lscp_desktop.ui.imports.models import PreviewRow, preview_model, report_model

__all__ = ["NOT_IMPORTED", "ImportDialog", "PreviewRow", "preview_model", "report_model"]
