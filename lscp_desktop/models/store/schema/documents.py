"""Board papers: the cover sheet written for an agenda item (owned by the Word documents issue).

Kept in its own set, after every other domain's, so the meetings tables it refers to exist.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, add_row_versions, run

migrations = Migrations("documents")


@migrations()
def m001_cover_sheets(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE cover_sheets (
            id INTEGER PRIMARY KEY,
            agenda_item_id INTEGER NOT NULL UNIQUE
                REFERENCES agenda_items (id) ON DELETE CASCADE,
            author TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            recommendations TEXT NOT NULL DEFAULT '',
            risks TEXT NOT NULL DEFAULT '',
            voice_of_child TEXT NOT NULL DEFAULT '',
            standard_report TEXT NOT NULL DEFAULT ''
        )
        """,
    )


@migrations()
def m002_record_versions_documents(db: Any) -> None:
    """Every record carries a version, so a save over a colleague's change is refused and an
    undo over it too (issue 22)."""
    add_row_versions(
        db,
        "cover_sheets",
    )
