"""Import kind: money spent in a year against its budget lines (defined in :mod:`budget`)."""

from lscp_desktop.models.imports.budget import SPEND as KIND

__all__ = ["KIND"]
