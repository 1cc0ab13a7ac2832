"""Commands for meetings (filled in as that part of the app lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands


def register(commands: Commands) -> None:
    """Add this domain's subcommands."""
