"""Core tables: audit log, settings, and the partnership's membership."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, add_row_versions, run

migrations = Migrations("core")


@migrations()
def m001_membership(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            os_user TEXT NOT NULL,
            action TEXT NOT NULL,
            table_name TEXT NOT NULL,
            record_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT
        );
        CREATE INDEX audit_log_record ON audit_log (table_name, record_id);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE partnership (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            local_authorities TEXT NOT NULL DEFAULT '[]',
            chair_arrangement TEXT NOT NULL DEFAULT 'independent chair',
            year_start_month INTEGER NOT NULL DEFAULT 4 CHECK (year_start_month BETWEEN 1 AND 12),
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            kind TEXT NOT NULL,
            sector TEXT NOT NULL,
            local_authority TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            job_title TEXT NOT NULL DEFAULT '',
            organisation_id INTEGER REFERENCES organisations (id),
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX people_organisation ON people (organisation_id);
        CREATE TABLE partnership_roles (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id),
            role TEXT NOT NULL,
            organisation_id INTEGER REFERENCES organisations (id),
            start_date TEXT NOT NULL,
            end_date TEXT,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX partnership_roles_person ON partnership_roles (person_id);
        CREATE TABLE bodies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            code TEXT NOT NULL COLLATE NOCASE UNIQUE,
            kind TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT '',
            reports_to_id INTEGER REFERENCES bodies (id),
            local_authority TEXT NOT NULL DEFAULT '',
            start_date TEXT NOT NULL,
            end_date TEXT,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE memberships (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id),
            body_id INTEGER NOT NULL REFERENCES bodies (id),
            role TEXT NOT NULL,
            deputy_for_id INTEGER REFERENCES memberships (id),
            delegated_authority INTEGER NOT NULL DEFAULT 0,
            start_date TEXT NOT NULL,
            end_date TEXT,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX memberships_person ON memberships (person_id);
        CREATE INDEX memberships_body ON memberships (body_id)
        """,
    )


@migrations()
def m002_extra_partners_member_terms_hosted_bodies(db: Any) -> None:
    """Working Together 2023 and the seeds: an organisation the arrangement names a safeguarding
    partner beside the statutory three (Education); a membership's term in months (lay members
    for 18 months); a body hosted by another partnership (a shared tri-borough group)."""
    run(
        db,
        """
        ALTER TABLE organisations ADD COLUMN safeguarding_partner INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE memberships ADD COLUMN term_months INTEGER;
        ALTER TABLE bodies ADD COLUMN hosted_by TEXT NOT NULL DEFAULT ''
        """,
    )


@migrations()
def m003_privacy_audit_machine_and_erasures(db: Any) -> None:
    """The audit log names the computer as well as the user (issue 14); ``erasures`` records
    that a person's details were erased, when, by whom and why, but not what they were."""
    run(
        db,
        """
        ALTER TABLE audit_log ADD COLUMN machine TEXT NOT NULL DEFAULT '';
        CREATE TABLE erasures (
            id INTEGER PRIMARY KEY,
            erased_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_id INTEGER NOT NULL,
            label TEXT NOT NULL,
            reason TEXT NOT NULL,
            os_user TEXT NOT NULL,
            machine TEXT NOT NULL DEFAULT ''
        )
        """,
    )


@migrations()
def m004_record_versions_core(db: Any) -> None:
    """Every record carries a version, so a save over a colleague's change is refused and an
    undo over it too (issue 22)."""
    add_row_versions(
        db,
        "partnership organisations people partnership_roles bodies memberships",
    )
