"""What the review, audit, training and yearly report registers show and how they save."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QColor

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.reviews.audits import delete_audit, list_audits, save_audit
from lscp_desktop.models.reviews.lifecycle import delete_review, review_values, save_review
from lscp_desktop.models.reviews.recipients import (
    delete_dispatch_recipient,
    list_dispatch_recipients,
    recipient_name,
    save_dispatch_recipient,
    set_dispatch_recipient_active,
)
from lscp_desktop.models.reviews.records import (
    AUDIT_KINDS,
    DECISIONS,
    REVIEW_KINDS,
    TRAINING_LEVELS,
    Audit,
    DispatchRecipient,
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
        Field("partners_told_date", "Safeguarding partners told", "date"),
        Field("looked_after", "A looked-after child died", "check"),
        Field("lac_notice_date", "Secretary of State and Ofsted told (looked-after child)", "date"),
        Field("rapid_review_date", "Rapid review sent to the Panel", "date"),
        Field("decision", "Decision", "choice", choices=["", *DECISIONS]),
        Field("decision_date", "Decision date", "date"),
        Field("ratified_date", "Decision ratified by the partners", "date"),
        Field("initiated_date", "Initiated (legacy serious case review)", "date"),
        Field("reviewer", "Reviewer commissioned", placeholder="independent reviewer"),
        Field("commissioned_date", "Reviewer commissioned on", "date"),
        Field("draft_date", "Draft report received", "date"),
        Field("final_date", "Final report received", "date"),
        Field("sent_to_panel_date", "Final report to the Panel", "date"),
        Field("sos_sent_date", "Final report to the Secretary of State", "date"),
        Field("ofsted_sent_date", "Final report to Ofsted", "date"),
        Field("planned_publication_date", "Planned publication", "date"),
        Field("published_date", "Published", "date"),
        Field("repository_date", "Entered in the national repository", "date"),
        Field("panel_published_date", "Published by the Panel (national review)", "date"),
        Field("response", "The partnership's response (national review)", "multiline"),
        Field("response_date", "Response agreed", "date"),
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
            Column("Stage", lambda x: x.review.stage, stretch=True),
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


def yearly_spec(store: Store) -> RegisterSpec[YearlyReport]:
    """The yearly reports; the statutory recipients' columns carry their names as stored."""
    panel = recipient_name(store, "yearly report", "panel")
    what_works = recipient_name(store, "yearly report", "what works")

    def sent(value: str | None, report: YearlyReport) -> str:
        if value:
            return uk(value) + (" (late)" if report.sent_late(value) else "")
        return f"by {uk(report.dispatch_due)}" if report.dispatch_due else ""

    def late_colour(value: str | None, report: YearlyReport) -> QColor | None:
        if report.sent_late(value):
            return RAG_COLOURS["late"]
        due = report.dispatch_due
        return (
            RAG_COLOURS["red"] if due and not value and due < dt.date.today().isoformat() else None
        )

    def boards(r: YearlyReport) -> str:
        if not r.recipients:
            return ""
        late = sum(1 for x in r.recipients if x.is_late(r.published_date))
        return f"{r.boards_sent} of {len(r.recipients)} sent" + (f", {late} late" if late else "")

    return RegisterSpec(
        noun="yearly report",
        plural="yearly reports",
        table="yearly_reports",
        columns=[
            Column("Year", lambda r: r.year),
            Column("Planned", lambda r: uk(r.planned_publication_date)),
            Column("Signed off", lambda r: uk(r.signed_off_date)),
            Column("Published", lambda r: uk(r.published_date)),
            Column(
                f"To {short(panel)}",
                lambda r: sent(r.panel_sent_date, r),
                background=lambda r: late_colour(r.panel_sent_date, r),
                tooltip=lambda r: panel,
            ),
            Column(
                f"To {short(what_works)}",
                lambda r: sent(r.what_works_sent_date, r),
                background=lambda r: late_colour(r.what_works_sent_date, r),
                tooltip=lambda r: what_works,
            ),
            Column("Boards", boards),
        ],
        load=list_yearly_reports,
        fields=lambda store: [
            Field("year", "Financial year", optional=False, placeholder="e.g. 2025/26"),
            Field("planned_publication_date", "Planned publication", "date"),
            Field("signed_off_date", "Signed off", "date"),
            Field("published_date", "Published", "date"),
            Field("panel_sent_date", f"Sent to {short(panel)}", "date"),
            Field("what_works_sent_date", f"Sent to {short(what_works)}", "date"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda r: vars(r),
        save=save_yearly_report,
        delete=delete_yearly_report,
        title_of=lambda r: f"Yearly report {r.year}",
        default_sort=None,
    )


def short(name: str) -> str:
    """A recipient's name short enough for a column heading: "the national Panel" for the
    Child Safeguarding Practice Review Panel, "Foundations" for Foundations (What Works…)."""
    if "Practice Review Panel" in name:
        return "the national Panel"
    return name.split(" (", 1)[0]


def recipients_spec() -> RegisterSpec[DispatchRecipient]:
    """Who receives a review report and the yearly report: the statutory recipients can be
    renamed; the partnership's own recipients of the yearly report added, changed, removed."""
    return RegisterSpec(
        noun="recipient",
        plural="recipients",
        table="dispatch_recipients",
        columns=[
            Column("Report", lambda r: r.document.capitalize()),
            Column("Recipient", lambda r: r.name),
            Column("Email", lambda r: r.email or "none yet"),
            Column("When", lambda r: r.rule),
            Column("Rule", lambda r: "statutory" if r.statutory else "the partnership's target"),
            Column("Basis", lambda r: r.basis, tooltip=lambda r: r.basis),
        ],
        load=list_dispatch_recipients,
        fields=lambda store: [
            Field("name", "Recipient", optional=False),
            Field("email", "Email the report to", placeholder="name@organisation.gov.uk"),
            Field(
                "days",
                "Send within (days after publication)",
                placeholder="the statutory recipients keep their rule",
            ),
        ],
        values_of=lambda r: {**vars(r), "days": str(r.days)},
        save=save_dispatch_recipient,
        delete=delete_dispatch_recipient,
        title_of=lambda r: r.name,
        is_inactive=lambda r: not r.active,
        set_active=set_dispatch_recipient_active,
        default_sort=None,
    )
