"""Action logs and risk registers: actions, progress notes, risks, reviews of risks.

An action's source is a ``source`` kind plus one nullable foreign key per kind of record it can
come from (``agenda_item_id``, ``risk_id`` here). Practice reviews and audits are added by the
reviews domain in its own migration (``ALTER TABLE actions ADD COLUMN review_id INTEGER
REFERENCES …``), without touching these migrations.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, add_row_versions, run

migrations = Migrations("actions")


@migrations()
def m001_actions_and_risks(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE priorities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE risk_categories (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            appetite INTEGER NOT NULL DEFAULT 12 CHECK (appetite BETWEEN 1 AND 25),
            statement TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE risks (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL COLLATE NOCASE UNIQUE,
            register TEXT NOT NULL
                CHECK (register IN ('strategic', 'operational', 'subgroup')),
            body_id INTEGER REFERENCES bodies (id),
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            cause TEXT NOT NULL DEFAULT '',
            consequence TEXT NOT NULL DEFAULT '',
            category_id INTEGER NOT NULL REFERENCES risk_categories (id),
            owner_id INTEGER REFERENCES people (id),
            priority_id INTEGER REFERENCES priorities (id),
            inherent_likelihood INTEGER NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
            inherent_impact INTEGER NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),
            controls TEXT NOT NULL DEFAULT '',
            residual_likelihood INTEGER NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
            residual_impact INTEGER NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),
            target_score INTEGER CHECK (target_score BETWEEN 1 AND 25),
            target_date TEXT,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'escalated', 'tolerated', 'closed')),
            closure_note TEXT NOT NULL DEFAULT '',
            closed_date TEXT,
            review_months INTEGER NOT NULL DEFAULT 3 CHECK (review_months BETWEEN 1 AND 12),
            next_review TEXT,
            raised_date TEXT NOT NULL
        );
        CREATE INDEX risks_register ON risks (register, body_id);
        CREATE TABLE risk_reviews (
            id INTEGER PRIMARY KEY,
            risk_id INTEGER NOT NULL REFERENCES risks (id),
            review_date TEXT NOT NULL,
            likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
            impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
            reviewer_id INTEGER REFERENCES people (id),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX risk_reviews_risk ON risk_reviews (risk_id, review_date);
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            body_id INTEGER NOT NULL REFERENCES bodies (id),
            number INTEGER NOT NULL,
            reference TEXT NOT NULL COLLATE NOCASE UNIQUE,
            title TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'other'
                CHECK (source IN ('meeting', 'practice review', 'audit', 'risk', 'other')),
            agenda_item_id INTEGER REFERENCES agenda_items (id),
            risk_id INTEGER REFERENCES risks (id),
            source_note TEXT NOT NULL DEFAULT '',
            owner_id INTEGER REFERENCES people (id),
            organisation_id INTEGER REFERENCES organisations (id),
            priority_id INTEGER REFERENCES priorities (id),
            raised_date TEXT NOT NULL,
            due_date TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                ('open', 'in progress', 'on hold', 'completed', 'closed', 'cancelled')),
            completed_date TEXT,
            completion_note TEXT NOT NULL DEFAULT '',
            reopened_count INTEGER NOT NULL DEFAULT 0,
            UNIQUE (body_id, number),
            CHECK (due_date >= raised_date)
        );
        CREATE INDEX actions_status ON actions (status);
        CREATE INDEX actions_owner ON actions (owner_id);
        CREATE INDEX actions_agenda_item ON actions (agenda_item_id);
        CREATE INDEX actions_risk ON actions (risk_id);
        CREATE TABLE action_notes (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions (id),
            note_date TEXT NOT NULL,
            author_id INTEGER REFERENCES people (id),
            kind TEXT NOT NULL DEFAULT 'progress'
                CHECK (kind IN ('progress', 'completed', 'reopened', 'status')),
            text TEXT NOT NULL
        );
        CREATE INDEX action_notes_action ON action_notes (action_id, note_date)
        """,
    )


@migrations()
def m002_priorities_valid_from_to(db: Any) -> None:
    """A priority holds from one date to another, so each year's report lists that year's
    priorities (an undated priority, as before, holds while it is active)."""
    run(
        db,
        """
        ALTER TABLE priorities ADD COLUMN valid_from TEXT;
        ALTER TABLE priorities ADD COLUMN valid_to TEXT
        """,
    )


@migrations()
def m003_action_notes_recorded_by(db: Any) -> None:
    """Who recorded each note (the operating-system user, as the audit log names them), so
    every note says whose it is, including those the app writes itself (a completion, a
    reassignment). Existing notes take the user from the audit log's entry for the note; notes
    it has no entry for (the demo's, an import's) stay blank: unknown, not guessed."""
    run(
        db,
        """
        ALTER TABLE action_notes ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
        UPDATE action_notes SET recorded_by = coalesce((
            SELECT l.os_user FROM audit_log l
            WHERE l.table_name = 'action_notes' AND l.record_id = action_notes.id
                AND l.action = 'insert'
            ORDER BY l.id LIMIT 1
        ), '')
        """,
    )


@migrations()
def m004_actions_chased_on(db: Any) -> None:
    """When an action's owner was last asked for an update (a chase email drafted for them),
    and how many times, so a second chase says it is a reminder and the log shows who was
    chased when."""
    run(
        db,
        """
        ALTER TABLE actions ADD COLUMN chased_on TEXT;
        ALTER TABLE actions ADD COLUMN times_chased INTEGER NOT NULL DEFAULT 0
        """,
    )


@migrations()
def m005_references_indexed_ignoring_case(db: Any) -> None:
    """Look-ups by reference ignore case with ``lower(reference) = lower(?)`` (portable to
    PostgreSQL, where the column's NOCASE does not exist); these indexes let that use an index
    instead of reading every action (an import looks up each row's reference)."""
    run(
        db,
        """
        CREATE INDEX actions_reference_lower ON actions (lower(reference));
        CREATE INDEX risks_reference_lower ON risks (lower(reference))
        """,
    )


@migrations()
def m006_record_versions_actions(db: Any) -> None:
    """Every record carries a version, so a save over a colleague's change is refused and an
    undo over it too (issue 22)."""
    add_row_versions(
        db,
        "priorities risk_categories risks risk_reviews actions action_notes",
    )
