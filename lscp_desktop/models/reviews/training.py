"""Multi-agency training delivered: courses by level, attendees by organisation, and the
summary of a financial year that the yearly report's training section draws on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.core.dates import FinancialYear, parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.child_rows import delete_with_rows, replace_rows, restore_with_rows
from lscp_desktop.models.reviews.records import TRAINING_LEVELS, TrainingCourse
from lscp_desktop.models.store.database import Row, Store


def list_training(store: Store) -> list[TrainingCourse]:
    by_course: dict[int, list[Row]] = {}
    for link in queries.training_attendance(store):
        by_course.setdefault(link["course_id"], []).append(link)
    courses = []
    for row in queries.training_courses(store):
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
    course = str(values.get("course") or "").strip()
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
        "trainer": str(values.get("trainer") or "").strip(),
        "evaluation_score": _score(values.get("evaluation_score")),
        "impact_notes": str(values.get("impact_notes") or "").strip(),
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
        replace_rows(store, "training_attendance", "course_id", record_id, wanted)
    return record_id


def delete_training(store: Store, course_id: int) -> Row:
    return delete_with_rows(
        store,
        "training_courses",
        course_id,
        "course",
        {"_attendance": ("training_attendance", "course_id")},
    )


def _restore_training(store: Store, row: Row) -> int:
    return restore_with_rows(store, "training_courses", row, {"_attendance": "training_attendance"})


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


RESTORERS["training_courses"] = _restore_training
