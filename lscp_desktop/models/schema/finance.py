"""Finance: financial years, contributions, payments, budget lines, spend and reserves."""

from __future__ import annotations

from lscp_desktop.models.schema.ddl import Migrations

migrations = Migrations("finance")
