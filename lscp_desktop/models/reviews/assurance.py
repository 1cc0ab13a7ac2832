"""Assurance work the partnership schedules: multi-agency and Section 11 audits, multi-agency
training delivered (which the yearly report's training section draws on), and the yearly report
with its publication and dispatch to the national Panel, the What Works body and the boards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import FinancialYear, iso, optional_date, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.identity_guard import check_no_identity
from lscp_desktop.models.core.records import Record
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.store.database import Row, Store

AUDIT_KINDS = ("multi-agency", "Section 11", "single-agency")
TRAINING_LEVELS = (1, 2, 3, 4)
#: Who receives the yearly report besides the national Panel and the What Works body (seed 000).
DEFAULT_RECIPIENTS = (
    "ICB Board",
    "Lead Member for Children's Services",
    "Chief Executive of the council",
    "Children and Young People's Partnership Board",
    "Health and Wellbeing Board",
    "Community Safety Partnership",
    "Safeguarding Adults Board",
)
#: The yearly report goes to the national Panel and the What Works body within 7 days of
#: publication; the partnership uses the same target for the boards that receive it.
DISPATCH_DAYS = 7


# --------------------------------------------------------------------------- records


@dataclass
class Audit(Record):
    id: int
    kind: str
    title: str
    planned_date: str
    theme: str = ""
    completed_date: str | None = None
    findings: str = ""
    notes: str = ""
    agency_ids: list[int] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)

    def status(self, today: dt.date) -> str:
        if self.completed_date:
            return "Completed"
        return "Overdue" if self.planned_date < today.isoformat() else "Planned"


@dataclass
class TrainingCourse(Record):
    id: int
    course: str
    level: int
    date: str
    trainer: str = ""
    evaluation_score: float | None = None
    impact_notes: str = ""
    attendance: dict[str, int] = field(default_factory=dict)
    attendance_ids: dict[int, int] = field(default_factory=dict)

    @property
    def attendees(self) -> int:
        return sum(self.attendance.values())


@dataclass
class Recipient(Record):
    id: int
    report_id: int
    recipient: str
    sent_date: str | None = None


@dataclass
class YearlyReport(Record):
    id: int
    year: str
    planned_publication_date: str | None = None
    signed_off_date: str | None = None
    published_date: str | None = None
    panel_sent_date: str | None = None
    what_works_sent_date: str | None = None
    notes: str = ""
    recipients: list[Recipient] = field(default_factory=list)

    @property
    def dispatch_due(self) -> str | None:
        if not self.published_date:
            return None
        due = dt.date.fromisoformat(self.published_date) + dt.timedelta(days=DISPATCH_DAYS)
        return due.isoformat()

    @property
    def boards_sent(self) -> int:
        return sum(1 for r in self.recipients if r.sent_date)


# --------------------------------------------------------------------------- audits


def list_audits(store: Store) -> list[Audit]:
    rows = store.query("SELECT * FROM audits ORDER BY planned_date DESC, title")
    links = store.query(
        "SELECT a.audit_id, o.id, o.name FROM audit_agencies a"
        " JOIN organisations o ON o.id = a.organisation_id ORDER BY o.name"
    )
    by_audit: dict[int, list[tuple[int, str]]] = {}
    for link in links:
        by_audit.setdefault(link["audit_id"], []).append((link["id"], link["name"]))
    audits = []
    for row in rows:
        audit = Audit.from_row(row)
        pairs = by_audit.get(audit.id, [])
        audit.agency_ids = [p[0] for p in pairs]
        audit.agencies = [p[1] for p in pairs]
        audits.append(audit)
    return audits


def save_audit(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    title = check_no_identity(str(values.get("title") or ""), "title", "The title")
    if not title:
        raise ValidationError("Enter the audit's title.", "title")
    kind = str(values.get("kind") or "")
    if kind not in AUDIT_KINDS:
        raise ValidationError(f"Choose the kind of audit: {', '.join(AUDIT_KINDS)}.", "kind")
    planned = parse_date(values.get("planned_date"), "planned date")
    completed = optional_date(values.get("completed_date"), "completed date")
    clean: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "theme": check_no_identity(str(values.get("theme") or ""), "theme", "The theme"),
        "planned_date": planned.isoformat(),
        "completed_date": iso(completed),
        "findings": check_no_identity(str(values.get("findings") or ""), "findings", "Findings"),
        "notes": check_no_identity(str(values.get("notes") or ""), "notes", "The notes"),
    }
    if clean["findings"] and not completed:
        raise ValidationError(
            "Record the date the audit was completed along with its findings.", "completed_date"
        )
    agencies = sorted({int(a) for a in values.get("agency_ids") or []})
    if kind == "multi-agency" and len(agencies) == 1:
        raise ValidationError(
            "A multi-agency audit involves at least two agencies; tick them all.", "agency_ids"
        )
    with store.transaction():
        if record_id is None:
            record_id = store.insert("audits", clean)
        else:
            store.update("audits", record_id, clean)
        _replace_rows(
            store,
            "audit_agencies",
            "audit_id",
            record_id,
            [{"organisation_id": o} for o in agencies],
        )
    return record_id


def _replace_rows(
    store: Store, table: str, key: str, record_id: int, wanted: list[dict[str, Any]]
) -> None:
    """Make the child rows of a record exactly *wanted*, touching only those that differ."""
    with store.transaction():
        existing = store.rows(table, f"{key} = ?", [record_id], order_by="id")
        strip = {"id", key}
        have = [{k: v for k, v in r.items() if k not in strip} for r in existing]
        for row, values in zip(existing, have, strict=True):
            if values not in wanted:
                store.delete(table, int(row["id"]))
        for values in wanted:
            if values not in have:
                store.insert(table, {key: record_id, **values})


def delete_audit(store: Store, audit_id: int) -> Row:
    with store.transaction():
        row = dict(store.require("audits", audit_id, "audit"))
        row["_agencies"] = store.rows("audit_agencies", "audit_id = ?", [audit_id])
        store.delete("audits", audit_id)  # its agency links go with it (ON DELETE CASCADE)
    return row


def _restore_audit(store: Store, row: Row) -> int:
    with store.transaction():
        new_id = store.insert("audits", {k: v for k, v in row.items() if not k.startswith("_")})
        for link in row.get("_agencies", []):
            store.insert("audit_agencies", link)
    return new_id


# --------------------------------------------------------------------------- training


def list_training(store: Store) -> list[TrainingCourse]:
    rows = store.query("SELECT * FROM training_courses ORDER BY date DESC, course")
    links = store.query(
        "SELECT t.course_id, t.attendees, o.id, o.name FROM training_attendance t"
        " JOIN organisations o ON o.id = t.organisation_id ORDER BY t.attendees DESC, o.name"
    )
    by_course: dict[int, list[Row]] = {}
    for link in links:
        by_course.setdefault(link["course_id"], []).append(link)
    courses = []
    for row in rows:
        course = TrainingCourse.from_row(row)
        for link in by_course.get(course.id, []):
            course.attendance[link["name"]] = link["attendees"]
            course.attendance_ids[link["id"]] = link["attendees"]
        courses.append(course)
    return courses


def format_attendance(attendance: dict[str, int]) -> str:
    return "\n".join(f"{name}: {n}" for name, n in attendance.items())


def parse_attendance(store: Store, text: str) -> dict[int, int]:
    """Attendees by organisation, one "Organisation: number" a line."""
    out: dict[int, int] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, count = line.rpartition(":")
        if not sep or not name.strip():
            raise ValidationError(
                f"Line {number} of the attendees ('{line.strip()}') should read "
                "'Organisation: number', e.g. Northshire Police: 6.",
                "attendance",
            )
        org = find_organisation(store, name)
        if org is None:
            raise ValidationError(
                f"Line {number}: there is no organisation called '{name.strip()}'. Add it "
                "under Membership first, or check the spelling.",
                "attendance",
            )
        try:
            n = int(count.strip())
        except ValueError:
            n = 0
        if n <= 0:
            raise ValidationError(
                f"Line {number}: '{count.strip()}' is not a number of attendees.", "attendance"
            )
        out[org.id] = out.get(org.id, 0) + n
    return out


def _score(value: Any) -> float | None:
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    try:
        score = round(float(text), 1)
    except ValueError:
        score = 0.0
    if not 1 <= score <= 5:
        raise ValidationError(
            f"The evaluation score '{text}' should be the average rating from 1 to 5, e.g. 4.3.",
            "evaluation_score",
        )
    return score


def save_training(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """A multi-agency course delivered; attendees are a dict {organisation id: number} or the
    "Organisation: number" lines of the form."""
    course = check_no_identity(str(values.get("course") or ""), "course", "The course")
    if not course:
        raise ValidationError("Enter the course's title.", "course")
    try:
        level = int(str(values.get("level") or "").strip())
    except ValueError:
        level = 0
    if level not in TRAINING_LEVELS:
        raise ValidationError("Choose the level, 1 to 4.", "level")
    clean: dict[str, Any] = {
        "course": course,
        "level": level,
        "date": parse_date(values.get("date"), "date delivered").isoformat(),
        "trainer": check_no_identity(str(values.get("trainer") or ""), "trainer", "Trainer"),
        "evaluation_score": _score(values.get("evaluation_score")),
        "impact_notes": check_no_identity(
            str(values.get("impact_notes") or ""), "impact_notes", "The impact notes"
        ),
    }
    attendance = values.get("attendance") or {}
    if isinstance(attendance, str):
        attendance = parse_attendance(store, attendance)
    with store.transaction():
        if record_id is None:
            record_id = store.insert("training_courses", clean)
        else:
            store.update("training_courses", record_id, clean)
        wanted = [{"organisation_id": int(o), "attendees": int(n)} for o, n in attendance.items()]
        _replace_rows(store, "training_attendance", "course_id", record_id, wanted)
    return record_id


def delete_training(store: Store, course_id: int) -> Row:
    with store.transaction():
        row = dict(store.require("training_courses", course_id, "course"))
        row["_attendance"] = store.rows("training_attendance", "course_id = ?", [course_id])
        store.delete("training_courses", course_id)
    return row


def _restore_training(store: Store, row: Row) -> int:
    with store.transaction():
        new_id = store.insert(
            "training_courses", {k: v for k, v in row.items() if not k.startswith("_")}
        )
        for link in row.get("_attendance", []):
            store.insert("training_attendance", link)
    return new_id


@dataclass(frozen=True)
class TrainingSummary:
    """What the yearly report's training section draws on, for one financial year."""

    year: str
    courses: int
    attendees: int
    by_level: dict[int, int]
    by_organisation: dict[str, int]
    average_score: float | None


def training_summary(store: Store, year: FinancialYear) -> TrainingSummary:
    courses = [
        c for c in list_training(store) if year.start.isoformat() <= c.date <= year.end.isoformat()
    ]
    by_level = {level: 0 for level in TRAINING_LEVELS}
    by_org: dict[str, int] = {}
    for c in courses:
        by_level[c.level] += c.attendees
        for name, n in c.attendance.items():
            by_org[name] = by_org.get(name, 0) + n
    scores = [c.evaluation_score for c in courses if c.evaluation_score is not None]
    return TrainingSummary(
        year.label,
        len(courses),
        sum(c.attendees for c in courses),
        by_level,
        dict(sorted(by_org.items(), key=lambda kv: (-kv[1], kv[0]))),
        round(sum(scores) / len(scores), 1) if scores else None,
    )


# --------------------------------------------------------------------------- yearly report


def list_yearly_reports(store: Store) -> list[YearlyReport]:
    reports = [
        YearlyReport.from_row(r) for r in store.query("SELECT * FROM yearly_reports ORDER BY year")
    ]
    recipients = [
        Recipient.from_row(r)
        for r in store.query("SELECT * FROM yearly_report_recipients ORDER BY id")
    ]
    by_report: dict[int, list[Recipient]] = {}
    for r in recipients:
        by_report.setdefault(r.report_id, []).append(r)
    for report in reports:
        report.recipients = by_report.get(report.id, [])
    return list(reversed(reports))


def get_yearly_report(store: Store, report_id: int) -> YearlyReport:
    for report in list_yearly_reports(store):
        if report.id == report_id:
            return report
    store.require("yearly_reports", report_id, "yearly report")
    raise AssertionError  # pragma: no cover - require raised


def save_yearly_report(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """A yearly report; a new one gets the usual boards as recipients."""
    year = FinancialYear.parse(str(values.get("year") or "")).label
    dates = {
        key: iso(optional_date(values.get(key), label))
        for key, label in (
            ("planned_publication_date", "planned publication date"),
            ("signed_off_date", "sign-off date"),
            ("published_date", "publication date"),
            ("panel_sent_date", "date sent to the national Panel"),
            ("what_works_sent_date", "date sent to the What Works body"),
        )
    }
    for key, label in (
        ("panel_sent_date", "sent to the national Panel"),
        ("what_works_sent_date", "sent to the What Works body"),
    ):
        if dates[key] and not dates["published_date"]:
            raise ValidationError(
                f"Record the publication date before the date it was {label}.", "published_date"
            )
        sent, published = dates[key], dates["published_date"]
        if sent and published and sent < published:
            raise ValidationError(
                f"The date it was {label} ({uk(sent)}) is before publication ({uk(published)}).",
                key,
            )
    signed, published = dates["signed_off_date"], dates["published_date"]
    if signed and published and published < signed:
        raise ValidationError(
            f"The publication date ({uk(published)}) is before the sign-off ({uk(signed)}).",
            "published_date",
        )
    clean = {
        "year": year,
        **dates,
        "notes": check_no_identity(str(values.get("notes") or ""), "notes", "The notes"),
    }
    with store.transaction():
        clash = store.query(
            "SELECT id FROM yearly_reports WHERE year = ? AND id IS NOT ?", [year, record_id]
        )
        if clash:
            raise ValidationError(f"There is already a yearly report for {year}.", "year")
        if record_id is None:
            record_id = store.insert("yearly_reports", clean)
            for name in DEFAULT_RECIPIENTS:
                store.insert(
                    "yearly_report_recipients", {"report_id": record_id, "recipient": name}
                )
        else:
            store.update("yearly_reports", record_id, clean)
    return record_id


def delete_yearly_report(store: Store, report_id: int) -> Row:
    with store.transaction():
        row = dict(store.require("yearly_reports", report_id, "yearly report"))
        row["_recipients"] = store.rows("yearly_report_recipients", "report_id = ?", [report_id])
        store.delete("yearly_reports", report_id)
    return row


def _restore_yearly_report(store: Store, row: Row) -> int:
    with store.transaction():
        new_id = store.insert(
            "yearly_reports", {k: v for k, v in row.items() if not k.startswith("_")}
        )
        for link in row.get("_recipients", []):
            store.insert("yearly_report_recipients", link)
    return new_id


def save_recipient(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    name = check_no_identity(str(values.get("recipient") or ""), "recipient", "The recipient")
    if not name:
        raise ValidationError("Enter who receives the report.", "recipient")
    sent = iso(optional_date(values.get("sent_date"), "date sent"))
    with store.transaction():
        if record_id is None:
            report_id = int(values.get("report_id") or 0)
            store.require("yearly_reports", report_id, "yearly report")
            return store.insert(
                "yearly_report_recipients",
                {"report_id": report_id, "recipient": name, "sent_date": sent},
            )
        store.update("yearly_report_recipients", record_id, {"recipient": name, "sent_date": sent})
        return record_id


def delete_recipient(store: Store, recipient_id: int) -> Row:
    return store.delete("yearly_report_recipients", recipient_id)


RESTORERS.update(
    {
        "audits": _restore_audit,
        "training_courses": _restore_training,
        "yearly_reports": _restore_yearly_report,
        "yearly_report_recipients": None,
    }
)
