"""PySide6 widgets, Qt item models and dialogs. No business rules and no SQL here.

Importing the package keeps PySide6's import hook from caching the source of every module
imported after it (:mod:`.source_cache`)."""

from lscp_desktop.ui.source_cache import lighten

lighten()
