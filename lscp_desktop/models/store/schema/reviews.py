"""Practice reviews and statutory clocks, audits, training and the yearly report's dispatch.

A review is identified by a reference code only ("CSPR 2025-01", "Child R"): there is
deliberately no column for a child's name, date of birth, address, NHS number or postcode.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, add_row_versions, run

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


@migrations()
def m003_review_clocks_and_dispatch_recipients(db: Any) -> None:
    """The clocks Working Together adds around a review (safeguarding partners told, the
    Secretary of State and Ofsted told of a looked-after child's death, the final report's
    copies to the Secretary of State and Ofsted, ratification of the decision, the national
    repository), a legacy serious case review's initiation, a national review's publication by
    the Panel and the partnership's response; who receives a review report and the yearly
    report, as data the user can edit (defaults from Working Together 2023); each yearly report
    recipient's own send-by period.

    Reviews already notified to the Panel are taken to have told the safeguarding partners on
    the same day, as the guidance asked then, so no old case shows a clock nobody kept."""
    run(
        db,
        """
        ALTER TABLE reviews ADD COLUMN partners_told_date TEXT;
        ALTER TABLE reviews ADD COLUMN looked_after INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE reviews ADD COLUMN lac_notice_date TEXT;
        ALTER TABLE reviews ADD COLUMN ratified_date TEXT;
        ALTER TABLE reviews ADD COLUMN initiated_date TEXT;
        ALTER TABLE reviews ADD COLUMN sos_sent_date TEXT;
        ALTER TABLE reviews ADD COLUMN ofsted_sent_date TEXT;
        ALTER TABLE reviews ADD COLUMN repository_date TEXT;
        ALTER TABLE reviews ADD COLUMN panel_published_date TEXT;
        ALTER TABLE reviews ADD COLUMN response TEXT NOT NULL DEFAULT '';
        ALTER TABLE reviews ADD COLUMN response_date TEXT;
        UPDATE reviews SET initiated_date = decision_date
            WHERE kind = 'legacy SCR' AND decision_date IS NOT NULL;
        UPDATE reviews SET partners_told_date = notified_date WHERE notified_date IS NOT NULL;
        CREATE TABLE dispatch_recipients (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL CHECK (document IN ('review report', 'yearly report')),
            role TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL,
            days INTEGER NOT NULL CHECK (days BETWEEN 0 AND 365),
            unit TEXT NOT NULL CHECK (unit IN ('days', 'working days')),
            timing TEXT NOT NULL CHECK (timing IN ('before publication', 'after publication')),
            statutory INTEGER NOT NULL DEFAULT 0,
            basis TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX dispatch_recipients_role ON dispatch_recipients (document, role)
            WHERE role <> '';
        ALTER TABLE yearly_report_recipients ADD COLUMN send_by_days INTEGER
            CHECK (send_by_days IS NULL OR send_by_days BETWEEN 0 AND 365)
        """,
    )
    for position, row in enumerate(_DISPATCH_RECIPIENTS_2023, start=1):
        db.execute(
            "INSERT INTO dispatch_recipients (document, role, name, days, unit, timing,"
            " statutory, basis, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*row, position],
        )


_WT = "Working Together to Safeguard Children 2023"
_REPORT_COPY = (
    f"{_WT}, chapter 5 (local child safeguarding practice reviews): the safeguarding partners "
    "send a copy of the full report to the Panel and to the Secretary of State at least seven "
    "working days before it is published"
)
_YEARLY = (
    f"{_WT}, chapter 2 (the yearly report): the report goes to the Child Safeguarding Practice "
    "Review Panel and to the What Works centre for children's social care within seven days of "
    "publication"
)
#: Who receives a review report and the yearly report as Working Together 2023 was published,
#: frozen here as this migration's data (the user edits the names; later changes to the
#: defaults are new migrations). The What Works centre for children's social care merged with
#: the Early Intervention Foundation to form Foundations, launched on 6 June 2023.
_DISPATCH_RECIPIENTS_2023 = (
    ("review report", "panel", "Child Safeguarding Practice Review Panel", 7, "working days",
     "before publication", 1, _REPORT_COPY),
    ("review report", "secretary of state", "Secretary of State for Education", 7,
     "working days", "before publication", 1, _REPORT_COPY),
    ("review report", "ofsted", "Ofsted", 7, "working days", "before publication", 1,
     f"{_WT}, chapter 5: the report is also provided to Ofsted within the same timescale "
     "(seed 003: 'shared with the National Panel, the Secretary of State and Ofsted no later "
     "than seven days ahead of publication')"),
    ("yearly report", "panel", "Child Safeguarding Practice Review Panel", 7, "days",
     "after publication", 1, _YEARLY),
    ("yearly report", "what works", "Foundations (What Works Centre for Children and Families)",
     7, "days", "after publication", 1,
     _YEARLY + "; Foundations was formed from What Works for Children's Social Care and the "
     "Early Intervention Foundation and launched on 6 June 2023"),
    *(
        ("yearly report", "", board, 7, "days", "after publication", 0,
         "The partnership's own target (seed 000, paragraph 74)")
        for board in (
            "ICB Board",
            "Lead Member for Children's Services",
            "Chief Executive of the council",
            "Children and Young People's Partnership Board",
            "Health and Wellbeing Board",
            "Community Safety Partnership",
            "Safeguarding Adults Board",
        )
    ),
)  # fmt: skip


@migrations()
def m004_dispatch_recipients_email(db: Any) -> None:
    """The email address a report is sent to, for each usual recipient, so the dispatch emails
    can be drafted (empty until the business manager enters it: never guessed)."""
    run(db, "ALTER TABLE dispatch_recipients ADD COLUMN email TEXT NOT NULL DEFAULT ''")


@migrations()
def m005_references_indexed_ignoring_case(db: Any) -> None:
    """Reviews looked up by ``lower(reference)`` (as actions, m005 there) use an index."""
    run(db, "CREATE INDEX reviews_reference_lower ON reviews (lower(reference))")


@migrations()
def m006_record_versions_reviews(db: Any) -> None:
    """Every record carries a version, so a save over a colleague's change is refused and an
    undo over it too (issue 22)."""
    add_row_versions(
        db,
        "reviews review_delays review_recommendations audits audit_agencies "
        "training_courses training_attendance yearly_reports yearly_report_recipients "
        "dispatch_recipients",
    )
