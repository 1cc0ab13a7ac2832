"""The database schema, as ordered sqlite-utils migration sets.

Each domain owns one set (its own file here); sets are applied in this order. Never edit a
migration that has shipped: add a new one at the end of its set. The schema version written to
``PRAGMA user_version`` is the total number of migrations, and a file holding a migration this
build does not know is refused as coming from a newer version.

Schema modules import ``Migrations`` from ``schema.ddl`` (a lazy facade over sqlite-utils'
class with the same decorator API), never sqlite-utils directly, to keep start-up fast.
"""

from __future__ import annotations

from lscp_desktop.models.store.schema import (
    actions,
    assurance,
    core,
    documents,
    finance,
    meetings,
    reviews,
)
from lscp_desktop.models.store.schema.ddl import Migrations

MIGRATION_SETS: list[Migrations] = [
    core.migrations,
    meetings.migrations,
    actions.migrations,
    finance.migrations,
    reviews.migrations,
    documents.migrations,
    assurance.migrations,
]
