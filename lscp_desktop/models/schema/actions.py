"""Action logs and risk registers: actions, progress notes, risks, reviews of risks."""

from __future__ import annotations

from lscp_desktop.models.schema.ddl import Migrations

migrations = Migrations("actions")
