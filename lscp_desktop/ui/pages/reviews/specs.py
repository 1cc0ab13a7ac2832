"""What the review, audit, training and yearly report registers show and how they save."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.reviews.audits import delete_audit, list_audits, save_audit
from lscp_desktop.models.reviews.lifecycle import delete_review, review_values, save_review
from lscp_desktop.models.reviews.records import (
    AUDIT_KINDS,
    DECISIONS,
    REVIEW_KINDS,
    TRAINING_LEVELS,
    Audit,
    TrainingCourse,
    YearlyReport,
)
from lscp_desktop.models.reviews.register import ReviewLine, review_register
from lscp_desktop.models.reviews.training import (
    delete_training,
    format_attendance,
    list_training,
    save_training,
)
from lscp_desktop.models.reviews.yearly_reports import (
    delete_yearly_report,
    list_yearly_reports,
    save_yearly_report,
)
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import Field
from lscp_desktop.ui.register_view import RegisterSpec
from lscp_desktop.ui.table import Column

#: RAG colour keys from the model, as cell backgrounds (light enough to read text on).
RAG_COLOURS = {
    "red": QColor("#f6c9cc"),
    "amber": QColor("#ffe4a0"),
    "green": QColor("#cdebd5"),
    "done": QColor("#dde7f3"),
    "late": QColor("#f3dcc4"),
    "waiting": QColor("#eceff3"),
}


def rag_colour(rag: str) -> QColor | None:
    return RAG_COLOURS.get(rag)


def organisation_options(store: Store) -> list[tuple[str, object]]:
    return [(o.name, o.id) for o in list_organisations(store, active_only=True)]


def area_options(store: Store) -> list[str]:
    partnership = get_partnership(store)
    return ["", *(partnership.local_authorities if partnership else [])]


def review_fields(store: Store) -> list[Field]:
    return [
        Field("reference", "Reference code", optional=False, placeholder="e.g. CSPR 2025-01"),
        Field("kind", "Kind", "choice", choices=REVIEW_KINDS),
        Field("local_authority", "Local authority", "choice", choices=area_options(store)),
        Field("aware_date", "Local authority became aware", "date"),
        Field("notified_date", "Notified to the national Panel", "date"),
        Field("rapid_review_date", "Rapid review sent to the Panel", "date"),
        Field("decision", "Decision", "choice", choices=["", *DECISIONS]),
        Field("decision_date", "Decision date", "date"),
        Field("reviewer", "Reviewer commissioned", placeholder="independent reviewer"),
        Field("commissioned_date", "Reviewer commissioned on", "date"),
        Field("draft_date", "Draft report received", "date"),
        Field("final_date", "Final report received", "date"),
        Field("sent_to_panel_date", "Final report to the Panel and Secretary of State", "date"),
        Field("planned_publication_date", "Planned publication", "date"),
        Field("published_date", "Published", "date"),
        Field("closed_date", "Closed", "date"),
        Field("summary", "Summary (no names, dates of birth, addresses)", "multiline"),
        Field("notes", "Notes", "multiline"),
    ]


def reviews_spec() -> RegisterSpec[ReviewLine]:
    return RegisterSpec(
        noun="review",
        plural="reviews",
        table="reviews",
        columns=[
            Column("Reference", lambda x: x.review.reference),
            Column("Kind", lambda x: x.review.kind),
            Column("Area", lambda x: x.review.local_authority),
            Column("Stage", lambda x: x.review.stage),
            Column(
                "Due",
                lambda x: uk(x.review.next_due),
                sort_key=lambda x: x.review.next_due,
            ),
            Column(
                "Clock",
                lambda x: x.status.text,
                sort_key=lambda x: x.status.days_left if x.status.days_left is not None else 10**6,
                background=lambda x: rag_colour(x.status.rag),
            ),
            Column(
                "Recs done",
                lambda x: (
                    f"{x.review.recommendations_done}/{x.review.recommendations}"
                    if x.review.recommendations
                    else ""
                ),
                tooltip=lambda x: "Recommendations completed or closed, of all recommendations",
            ),
        ],
        load=lambda store: review_register(store),
        fields=review_fields,
        values_of=lambda x: review_values(x.review),
        save=save_review,
        delete=delete_review,
        title_of=lambda x: x.review.reference,
        is_inactive=lambda x: not x.review.is_open,
        inactive_label="Show closed",
        new_values=lambda: {"kind": "local learning review"},
        default_sort=None,  # the model's order: open first, nearest clock first
    )


def audits_spec() -> RegisterSpec[Audit]:
    import datetime as dt

    def status(a: Audit) -> str:
        return a.status(dt.date.today())

    return RegisterSpec(
        noun="audit",
        plural="audits",
        table="audits",
        columns=[
            Column("Title", lambda a: a.title, stretch=True),
            Column("Kind", lambda a: a.kind),
            Column("Planned", lambda a: uk(a.planned_date), sort_key=lambda a: a.planned_date),
            Column(
                "Completed", lambda a: uk(a.completed_date), sort_key=lambda a: a.completed_date
            ),
            Column(
                "Status",
                status,
                background=lambda a: rag_colour(
                    {"Completed": "done", "Overdue": "red"}.get(status(a), "green")
                ),
            ),
            Column(
                "Agencies",
                lambda a: str(len(a.agencies)),
                sort_key=lambda a: len(a.agencies),
                align_right=True,
                tooltip=lambda a: "\n".join(a.agencies),
            ),
            Column("Findings", lambda a: a.findings, tooltip=lambda a: a.findings, stretch=True),
        ],
        load=list_audits,
        fields=lambda store: [
            Field("title", "Title", optional=False),
            Field("kind", "Kind", "choice", choices=AUDIT_KINDS),
            Field("theme", "Theme"),
            Field(
                "agency_ids",
                "Agencies taking part",
                "multi",
                options=lambda: organisation_options(store),
            ),
            Field("planned_date", "Planned for", "date", optional=False),
            Field("completed_date", "Completed on", "date"),
            Field("findings", "Findings", "multiline"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda a: vars(a),
        save=save_audit,
        delete=delete_audit,
        title_of=lambda a: a.title,
        new_values=lambda: {"kind": "multi-agency"},
        default_sort=None,
    )


def training_spec() -> RegisterSpec[TrainingCourse]:
    def values_of(c: TrainingCourse) -> dict[str, Any]:
        values = dict(vars(c))
        values["level"] = str(c.level)
        values["attendance"] = format_attendance(c.attendance)
        values["evaluation_score"] = "" if c.evaluation_score is None else str(c.evaluation_score)
        return values

    return RegisterSpec(
        noun="course delivered",
        plural="courses",
        table="training_courses",
        columns=[
            Column("Date", lambda c: uk(c.date), sort_key=lambda c: c.date),
            Column("Course", lambda c: c.course, stretch=True),
            Column("Level", lambda c: str(c.level), align_right=True),
            Column(
                "Attendees",
                lambda c: str(c.attendees),
                sort_key=lambda c: c.attendees,
                align_right=True,
                tooltip=lambda c: format_attendance(c.attendance),
            ),
            Column(
                "Organisations",
                lambda c: ", ".join(c.attendance),
                tooltip=lambda c: format_attendance(c.attendance),
            ),
            Column(
                "Evaluation (1–5)",
                lambda c: "" if c.evaluation_score is None else f"{c.evaluation_score:.1f}",
                sort_key=lambda c: c.evaluation_score,
                align_right=True,
            ),
            Column(
                "Impact", lambda c: c.impact_notes, tooltip=lambda c: c.impact_notes, stretch=True
            ),
        ],
        load=list_training,
        fields=lambda store: [
            Field("course", "Course", optional=False),
            Field("level", "Level", "choice", choices=[str(n) for n in TRAINING_LEVELS]),
            Field("date", "Delivered on", "date", optional=False),
            Field("trainer", "Trainer"),
            Field(
                "attendance",
                "Attendees by organisation",
                "multiline",
                placeholder="one a line, e.g. Northshire Police: 6",
            ),
            Field("evaluation_score", "Evaluation score", placeholder="average from 1 to 5"),
            Field("impact_notes", "Impact", "multiline"),
        ],
        values_of=values_of,
        save=save_training,
        delete=delete_training,
        title_of=lambda c: f"{c.course} on {uk(c.date)}",
        new_values=lambda: {"level": "2"},
        default_sort=None,
    )


def yearly_spec() -> RegisterSpec[YearlyReport]:
    def sent(value: str | None, report: YearlyReport) -> str:
        if value:
            return uk(value)
        return f"by {uk(report.dispatch_due)}" if report.dispatch_due else ""

    return RegisterSpec(
        noun="yearly report",
        plural="yearly reports",
        table="yearly_reports",
        columns=[
            Column("Year", lambda r: r.year),
            Column("Planned", lambda r: uk(r.planned_publication_date)),
            Column("Signed off", lambda r: uk(r.signed_off_date)),
            Column("Published", lambda r: uk(r.published_date)),
            Column("To the national Panel", lambda r: sent(r.panel_sent_date, r)),
            Column("To the What Works body", lambda r: sent(r.what_works_sent_date, r)),
            Column(
                "Boards",
                lambda r: f"{r.boards_sent} of {len(r.recipients)} sent" if r.recipients else "",
            ),
        ],
        load=list_yearly_reports,
        fields=lambda store: [
            Field("year", "Financial year", optional=False, placeholder="e.g. 2025/26"),
            Field("planned_publication_date", "Planned publication", "date"),
            Field("signed_off_date", "Signed off", "date"),
            Field("published_date", "Published", "date"),
            Field("panel_sent_date", "Sent to the national Panel", "date"),
            Field("what_works_sent_date", "Sent to the What Works body", "date"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda r: vars(r),
        save=save_yearly_report,
        delete=delete_yearly_report,
        title_of=lambda r: f"Yearly report {r.year}",
        default_sort=None,
    )
