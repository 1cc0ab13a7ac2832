"""Meetings: each body's cadence, its meetings, agendas, papers, attendance and minutes."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, add_row_versions, run

migrations = Migrations("meetings")


@migrations()
def m001_meetings(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE meeting_cadences (
            id INTEGER PRIMARY KEY,
            body_id INTEGER NOT NULL UNIQUE REFERENCES bodies (id),
            frequency TEXT NOT NULL DEFAULT 'quarterly',
            interval_months INTEGER NOT NULL DEFAULT 3,
            anchor_month INTEGER NOT NULL DEFAULT 4 CHECK (anchor_month BETWEEN 1 AND 12),
            week INTEGER NOT NULL DEFAULT 2 CHECK (week BETWEEN -1 AND 4),
            weekday INTEGER NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 0 AND 6),
            day_of_month INTEGER NOT NULL DEFAULT 1 CHECK (day_of_month BETWEEN 1 AND 31),
            start_time TEXT NOT NULL DEFAULT '10:00',
            duration_minutes INTEGER NOT NULL DEFAULT 120,
            venue TEXT NOT NULL DEFAULT '',
            online_link TEXT NOT NULL DEFAULT '',
            paper_deadline_days INTEGER,
            quorum_min INTEGER NOT NULL DEFAULT 0,
            quorum_each_partner INTEGER NOT NULL DEFAULT 0,
            standing_items TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            body_id INTEGER NOT NULL REFERENCES bodies (id),
            date TEXT NOT NULL,
            start_time TEXT NOT NULL DEFAULT '10:00',
            duration_minutes INTEGER NOT NULL DEFAULT 120,
            venue TEXT NOT NULL DEFAULT '',
            online_link TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'planned',
            status_reason TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            rule_date TEXT
        );
        CREATE INDEX meetings_body_date ON meetings (body_id, date);
        CREATE INDEX meetings_date ON meetings (date);
        CREATE TABLE meeting_changes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
            changed_at TEXT NOT NULL,
            old_date TEXT NOT NULL,
            old_start_time TEXT NOT NULL,
            new_date TEXT NOT NULL,
            new_start_time TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX meeting_changes_meeting ON meeting_changes (meeting_id);
        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT 'information',
            presenter_id INTEGER REFERENCES people (id),
            minutes_allotted INTEGER NOT NULL DEFAULT 10,
            minute_text TEXT NOT NULL DEFAULT '',
            decisions TEXT NOT NULL DEFAULT '',
            standing INTEGER NOT NULL DEFAULT 0,
            proposed INTEGER NOT NULL DEFAULT 0,
            carried_from_id INTEGER REFERENCES agenda_items (id),
            forward_plan_id INTEGER REFERENCES forward_plan (id)
        );
        CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);
        CREATE TABLE forward_plan (
            id INTEGER PRIMARY KEY,
            body_id INTEGER NOT NULL REFERENCES bodies (id),
            title TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT 'assurance',
            from_body_id INTEGER REFERENCES bodies (id),
            presenter_id INTEGER REFERENCES people (id),
            every_months INTEGER NOT NULL CHECK (every_months BETWEEN 1 AND 24),
            first_due TEXT NOT NULL,
            minutes_allotted INTEGER NOT NULL DEFAULT 15,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX forward_plan_body ON forward_plan (body_id);
        CREATE TABLE papers (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            agenda_item_id INTEGER REFERENCES agenda_items (id),
            title TEXT NOT NULL,
            author_id INTEGER REFERENCES people (id),
            status TEXT NOT NULL DEFAULT 'requested',
            received_date TEXT,
            file_name TEXT NOT NULL DEFAULT '',
            stored_name TEXT NOT NULL DEFAULT '',
            file_size INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX papers_meeting ON papers (meeting_id);
        CREATE TABLE attendance (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            person_id INTEGER REFERENCES people (id),
            organisation_id INTEGER REFERENCES organisations (id),
            role TEXT NOT NULL DEFAULT 'member',
            status TEXT NOT NULL DEFAULT 'present',
            deputy_id INTEGER REFERENCES people (id),
            guest INTEGER NOT NULL DEFAULT 0,
            guest_name TEXT NOT NULL DEFAULT '',
            guest_organisation TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            UNIQUE (meeting_id, person_id)
        );
        CREATE INDEX attendance_person ON attendance (person_id);
        CREATE INDEX attendance_organisation ON attendance (organisation_id);
        CREATE TABLE declarations (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            agenda_item_id INTEGER REFERENCES agenda_items (id),
            person_id INTEGER NOT NULL REFERENCES people (id),
            interest TEXT NOT NULL
        );
        CREATE INDEX declarations_meeting ON declarations (meeting_id)
        """,
    )


@migrations()
def m002_chair_rotations(db: Any) -> None:
    """A body whose chair rotates among named partners every N months (seed 000's Executive):
    the rule, and the partners' turns in order (the person, when named, chairs for them)."""
    run(
        db,
        """
        CREATE TABLE chair_rotations (
            id INTEGER PRIMARY KEY,
            body_id INTEGER NOT NULL UNIQUE REFERENCES bodies (id),
            every_months INTEGER NOT NULL CHECK (every_months BETWEEN 1 AND 60),
            start_date TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE chair_rotation_turns (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER NOT NULL REFERENCES chair_rotations (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            person_id INTEGER REFERENCES people (id)
        );
        CREATE INDEX chair_rotation_turns_rotation ON chair_rotation_turns (rotation_id, position)
        """,
    )


@migrations()
def m003_quarterly_themes(db: Any) -> None:
    """A theme for each quarter of the financial year, set by the planning group and examined by
    the bodies named for it; the agenda item that takes it up names the theme."""
    run(
        db,
        """
        CREATE TABLE quarterly_themes (
            id INTEGER PRIMARY KEY,
            quarter_start TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            priority_id INTEGER REFERENCES priorities (id),
            description TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE quarterly_theme_bodies (
            id INTEGER PRIMARY KEY,
            theme_id INTEGER NOT NULL REFERENCES quarterly_themes (id) ON DELETE CASCADE,
            body_id INTEGER NOT NULL REFERENCES bodies (id),
            UNIQUE (theme_id, body_id)
        );
        ALTER TABLE agenda_items ADD COLUMN theme_id INTEGER REFERENCES quarterly_themes (id);
        CREATE INDEX agenda_items_theme ON agenda_items (theme_id)
        """,
    )


@migrations()
def m004_attendance_not_recorded(db: Any) -> None:
    """Registers start "not recorded" instead of "absent". Existing "absent" places become
    "not recorded" where the register was never filled in: a meeting still in the future, or
    one where nobody on the register is marked present, represented or sent apologies (a
    meeting cannot be held with every member absent, so those absences were only the old
    default). Where some of the register was recorded, "absent" is kept: the user saw it and
    left it, and nothing can tell that apart from an absence marked on purpose."""
    run(
        db,
        """
        UPDATE attendance SET status = 'not recorded'
        WHERE status = 'absent' AND guest = 0 AND (
            meeting_id IN (SELECT id FROM meetings WHERE date > date('now', 'localtime'))
            OR meeting_id NOT IN (
                SELECT meeting_id FROM attendance
                WHERE guest = 0 AND status IN ('present', 'represented', 'apologies')
            )
        )
        """,
    )


@migrations()
def m005_minutes_life_cycle(db: Any) -> None:
    """Minutes with a life cycle (draft, sent to the chair, approved at a later meeting and
    locked), whether items with nothing minuted print "Noted" or are left out, and the
    corrections agreed after approval."""
    run(
        db,
        """
        CREATE TABLE meeting_minutes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings (id),
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'sent', 'approved')),
            sent_on TEXT,
            approved_on TEXT,
            approved_at_meeting_id INTEGER REFERENCES meetings (id),
            approved_item_id INTEGER REFERENCES agenda_items (id),
            unminuted_items TEXT NOT NULL DEFAULT 'noted'
                CHECK (unminuted_items IN ('noted', 'omit'))
        );
        CREATE INDEX meeting_minutes_approved_at ON meeting_minutes (approved_at_meeting_id);
        CREATE TABLE minute_amendments (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            agreed_on TEXT NOT NULL,
            agreed_at_meeting_id INTEGER REFERENCES meetings (id),
            agenda_item_id INTEGER REFERENCES agenda_items (id),
            text TEXT NOT NULL
        );
        CREATE INDEX minute_amendments_meeting ON minute_amendments (meeting_id)
        """,
    )


@migrations()
def m006_papers_members_only_circulation_days(db: Any) -> None:
    """A paper can be for the body's members only (left out of the pack sent to virtual
    members, observers and advisers); a body's pack is circulated a number of working days
    before each meeting (empty: five); a paper's request and a meeting's circulation are
    recorded when their emails are drafted."""
    run(
        db,
        """
        ALTER TABLE papers ADD COLUMN members_only INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE papers ADD COLUMN requested_on TEXT;
        ALTER TABLE meetings ADD COLUMN circulated_on TEXT;
        ALTER TABLE meeting_cadences ADD COLUMN circulation_days INTEGER
        """,
    )


@migrations()
def m007_record_versions_meetings(db: Any) -> None:
    """Every record carries a version, so a save over a colleague's change is refused and an
    undo over it too (issue 22)."""
    add_row_versions(
        db,
        "meeting_cadences meetings meeting_changes agenda_items forward_plan papers "
        "attendance declarations chair_rotations chair_rotation_turns quarterly_themes "
        "quarterly_theme_bodies meeting_minutes minute_amendments",
    )
