"""Practice reviews and statutory clocks, audits, training and the yearly report's dispatch."""

from __future__ import annotations

from lscp_desktop.models.schema.ddl import Migrations

migrations = Migrations("reviews")
