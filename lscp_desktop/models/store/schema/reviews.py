"""Practice reviews and statutory clocks, audits, training and the yearly report's dispatch.

A review is identified by a reference code only ("CSPR 2025-01", "Child R"): there is
deliberately no column for a child's name, date of birth, address, NHS number or postcode.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, run

migrations = Migrations("reviews")


@migrations()
def m001_reviews(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL COLLATE NOCASE UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('serious incident notification', 'rapid review',
                'local CSPR', 'national review', 'local learning review', 'legacy SCR')),
            local_authority TEXT NOT NULL DEFAULT '',
            aware_date TEXT,
            notified_date TEXT,
            rapid_review_date TEXT,
            decision TEXT NOT NULL DEFAULT '',
            decision_date TEXT,
            reviewer TEXT NOT NULL DEFAULT '',
            commissioned_date TEXT,
            draft_date TEXT,
            final_date TEXT,
            sent_to_panel_date TEXT,
            planned_publication_date TEXT,
            published_date TEXT,
            closed_date TEXT,
            summary TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            next_milestone TEXT NOT NULL DEFAULT '',
            next_due TEXT,
            next_statutory INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX reviews_next_due ON reviews (next_due);
        CREATE TABLE review_delays (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
            milestone TEXT NOT NULL,
            reason TEXT NOT NULL,
            revised_date TEXT,
            recorded_on TEXT NOT NULL
        );
        CREATE INDEX review_delays_review ON review_delays (review_id);
        CREATE TABLE review_recommendations (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES reviews (id),
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            owner_organisation_id INTEGER REFERENCES organisations (id),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'in progress', 'completed', 'not accepted')),
            target_date TEXT,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX review_recommendations_review ON review_recommendations (review_id);
        CREATE TABLE audits (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('multi-agency', 'Section 11', 'single-agency')),
            title TEXT NOT NULL,
            theme TEXT NOT NULL DEFAULT '',
            planned_date TEXT NOT NULL,
            completed_date TEXT,
            findings TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audits_planned ON audits (planned_date);
        CREATE TABLE audit_agencies (
            id INTEGER PRIMARY KEY,
            audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            UNIQUE (audit_id, organisation_id)
        );
        CREATE TABLE training_courses (
            id INTEGER PRIMARY KEY,
            course TEXT NOT NULL,
            level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
            date TEXT NOT NULL,
            trainer TEXT NOT NULL DEFAULT '',
            evaluation_score REAL CHECK (evaluation_score IS NULL
                OR evaluation_score BETWEEN 1 AND 5),
            impact_notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX training_courses_date ON training_courses (date);
        CREATE TABLE training_attendance (
            id INTEGER PRIMARY KEY,
            course_id INTEGER NOT NULL REFERENCES training_courses (id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            attendees INTEGER NOT NULL CHECK (attendees > 0),
            UNIQUE (course_id, organisation_id)
        );
        CREATE TABLE yearly_reports (
            id INTEGER PRIMARY KEY,
            year TEXT NOT NULL UNIQUE,
            planned_publication_date TEXT,
            signed_off_date TEXT,
            published_date TEXT,
            panel_sent_date TEXT,
            what_works_sent_date TEXT,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE yearly_report_recipients (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES yearly_reports (id) ON DELETE CASCADE,
            recipient TEXT NOT NULL,
            sent_date TEXT
        );
        CREATE INDEX yearly_report_recipients_report ON yearly_report_recipients (report_id)
        """,
    )


@migrations()
def m002_action_links(db: Any) -> None:
    """An action in the action log can come from a review's recommendation or from an audit;
    the action log's own ``source`` says which, these columns say which one."""
    run(
        db,
        """
        ALTER TABLE actions ADD COLUMN recommendation_id INTEGER
            REFERENCES review_recommendations (id);
        ALTER TABLE actions ADD COLUMN audit_id INTEGER REFERENCES audits (id);
        CREATE INDEX actions_recommendation ON actions (recommendation_id);
        CREATE INDEX actions_audit ON actions (audit_id)
        """,
    )
