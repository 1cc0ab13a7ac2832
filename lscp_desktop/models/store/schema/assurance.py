"""Assurance registers: the professional challenge and escalation log, the published
arrangements and their review dates, the education settings census and the minimum rules the
arrangements set (meetings a body holds, meetings a role attends).

Kept in its own set, after every other domain's, so the tables it refers to exist.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, add_row_versions, run

migrations = Migrations("assurance")


@migrations()
def m001_assurance_registers(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE escalations (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL COLLATE NOCASE UNIQUE,
            raised_date TEXT NOT NULL,
            raising_organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            challenged_organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            local_authority TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            stage1_date TEXT NOT NULL,
            stage2_date TEXT,
            stage3_date TEXT,
            stage4_date TEXT,
            outcome TEXT NOT NULL DEFAULT '',
            resolved_date TEXT,
            learning TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            CHECK (raising_organisation_id <> challenged_organisation_id),
            CHECK (stage1_date >= raised_date),
            CHECK (resolved_date IS NULL OR outcome <> '')
        );
        CREATE INDEX escalations_raised ON escalations (raised_date);
        CREATE TABLE escalation_actions (
            id INTEGER PRIMARY KEY,
            escalation_id INTEGER NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
            action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
            UNIQUE (escalation_id, action_id)
        );
        CREATE INDEX escalation_actions_action ON escalation_actions (action_id);
        CREATE TABLE arrangement_documents (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body_id INTEGER REFERENCES bodies (id),
            version TEXT NOT NULL DEFAULT '',
            approved_by TEXT NOT NULL DEFAULT '',
            published_date TEXT,
            implemented_date TEXT,
            sos_notified_date TEXT,
            review_months INTEGER NOT NULL DEFAULT 12 CHECK (review_months BETWEEN 1 AND 60),
            last_reviewed_date TEXT,
            review_date TEXT,
            withdrawn_date TEXT,
            link TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE settings_census (
            id INTEGER PRIMARY KEY,
            year TEXT NOT NULL,
            local_authority TEXT NOT NULL,
            kind TEXT NOT NULL,
            count INTEGER NOT NULL CHECK (count >= 0),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (year, local_authority, kind)
        );
        CREATE TABLE minimum_rules (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('meetings', 'attendance')),
            body_id INTEGER NOT NULL REFERENCES bodies (id),
            role TEXT NOT NULL DEFAULT '',
            at_least INTEGER NOT NULL CHECK (at_least BETWEEN 1 AND 52),
            notes TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            CHECK ((kind = 'meetings') = (role = ''))
        )
        """,
    )


@migrations()
def m002_references_indexed_ignoring_case(db: Any) -> None:
    """Escalations looked up by ``lower(reference)`` (as actions, m005 there) use an index."""
    run(db, "CREATE INDEX escalations_reference_lower ON escalations (lower(reference))")


@migrations()
def m003_record_versions_assurance(db: Any) -> None:
    """Every record carries a version, so a save over a colleague's change is refused and an
    undo over it too (issue 22)."""
    add_row_versions(
        db,
        "escalations escalation_actions arrangement_documents settings_census minimum_rules",
    )
