"""Who came to a meeting: members, deputies, guests and declarations of interest; the quorum;
and attendance statistics per person and per organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import Record
from lscp_desktop.models.meetings import Meeting, get_item, get_meeting
from lscp_desktop.models.meetings.cadence import get_cadence
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.store.database import Row, Store

ATTENDANCE_STATUSES = ("present", "apologies", "absent", "represented")
#: Statuses that count towards the quorum.
COUNTS_PRESENT = ("present", "represented")
#: Roles on a body that are expected at its meetings (observers and advisers are invited).
EXPECTED_ROLES = ("chair", "vice-chair", "co-chair", "member", "co-opted", "virtual member")


@dataclass
class Attendee(Record):
    id: int
    meeting_id: int
    person_id: int | None = None
    person: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    organisation_kind: str = ""
    role: str = "member"
    status: str = "present"
    deputy_id: int | None = None
    deputy: str = ""
    guest: int = 0
    guest_name: str = ""
    guest_organisation: str = ""
    notes: str = ""

    @property
    def name(self) -> str:
        return self.guest_name if self.guest else self.person

    @property
    def counts(self) -> bool:
        return not self.guest and self.status in COUNTS_PRESENT


@dataclass
class Declaration(Record):
    id: int
    meeting_id: int
    person_id: int
    interest: str
    agenda_item_id: int | None = None
    person: str = ""
    item: str = ""


@dataclass
class Quorum:
    present: int
    required: int
    missing_partners: list[str] = field(default_factory=list)
    recorded: bool = True

    @property
    def met(self) -> bool:
        return self.present >= self.required and not self.missing_partners

    def describe(self) -> str:
        if not self.recorded:
            return "No attendance recorded yet."
        need = f"{self.present} present of {self.required} needed"
        if self.met:
            return f"Quorate: {need}" + (
                "; every statutory partner represented." if self.required else "."
            )
        parts = []
        if self.present < self.required:
            parts.append(f"{self.required - self.present} more member(s) needed")
        if self.missing_partners:
            parts.append("no one from " + ", ".join(self.missing_partners))
        return f"Not quorate: {need} — " + "; ".join(parts) + "."


@dataclass
class AttendanceStat:
    key: int
    name: str
    organisation: str = ""
    expected: int = 0
    present: int = 0
    represented: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def attended(self) -> int:
        return self.present + self.represented

    @property
    def rate(self) -> float:
        return self.attended / self.expected if self.expected else 0.0

    @property
    def rate_percent(self) -> int:
        return round(self.rate * 100)


_ATTENDANCE_SQL = (
    "SELECT t.*, coalesce(p.name, '') AS person, coalesce(o.name, t.guest_organisation) AS"
    " organisation, coalesce(o.kind, '') AS organisation_kind, coalesce(d.name, '') AS deputy"
    " FROM attendance t LEFT JOIN people p ON p.id = t.person_id"
    " LEFT JOIN organisations o ON o.id = t.organisation_id"
    " LEFT JOIN people d ON d.id = t.deputy_id"
)


def list_attendance(store: Store, meeting_id: int) -> list[Attendee]:
    rows = store.query(
        _ATTENDANCE_SQL + " WHERE t.meeting_id = ? ORDER BY t.guest, t.role != 'chair', person,"
        " t.guest_name",
        [meeting_id],
    )
    return [Attendee.from_row(r) for r in rows]


def _open_meeting(store: Store, meeting_id: int) -> Meeting:
    meeting = get_meeting(store, meeting_id)
    if meeting.status == "cancelled":
        raise ValidationError(
            f"The meeting of {meeting.body} on {uk(meeting.date)} was cancelled, so no "
            "attendance can be recorded for it.",
            "status",
        )
    return meeting


def expected_members(store: Store, meeting: Meeting) -> list[Row]:
    """The body's members on the day of the meeting who are expected to attend."""
    marks = ", ".join("?" * len(EXPECTED_ROLES))
    return store.query(
        "SELECT m.person_id, m.role, p.organisation_id FROM memberships m"
        " JOIN people p ON p.id = m.person_id WHERE m.body_id = ? AND m.start_date <= ?"
        f" AND (m.end_date IS NULL OR m.end_date >= ?) AND m.role IN ({marks})"
        " ORDER BY m.role != 'chair', p.name",
        [meeting.body_id, meeting.date, meeting.date, *EXPECTED_ROLES],
    )


def prepare_register(store: Store, meeting_id: int) -> int:
    """Add every expected member not yet on the register, marked absent; returns how many."""
    with store.transaction():
        meeting = _open_meeting(store, meeting_id)
        have = {r["person_id"] for r in store.rows("attendance", "meeting_id = ?", [meeting_id])}
        added = 0
        for m in expected_members(store, meeting):
            if m["person_id"] in have:
                continue
            store.insert(
                "attendance",
                {
                    "meeting_id": meeting_id,
                    "person_id": m["person_id"],
                    "organisation_id": m["organisation_id"],
                    "role": m["role"],
                    "status": "absent",
                },
            )
            have.add(m["person_id"])
            added += 1
        return added


def set_attendance(
    store: Store,
    attendance_id: int,
    status: str,
    *,
    deputy_id: int | None = None,
    notes: str | None = None,
) -> None:
    """Mark one member present, sent apologies, absent, or represented by a named deputy."""
    status = str(status or "").strip().lower()
    if status not in ATTENDANCE_STATUSES:
        raise ValidationError(
            f"'{status}' is not an attendance status; choose one of: "
            f"{', '.join(ATTENDANCE_STATUSES)}.",
            "status",
        )
    with store.transaction():
        row = store.require("attendance", attendance_id, "attendance record")
        _open_meeting(store, row["meeting_id"])
        if row["guest"]:
            raise ValidationError("Guests are listed as present; remove a guest who did not come.")
        changes: dict[str, Any] = {"status": status, "deputy_id": None}
        if status == "represented":
            if not deputy_id:
                raise ValidationError("Choose the deputy who represented the member.", "deputy_id")
            deputy = get_person(store, int(deputy_id))
            member = get_person(store, int(row["person_id"]))
            if deputy.id == member.id:
                raise ValidationError("A member cannot be their own deputy.", "deputy_id")
            if deputy.organisation_id != member.organisation_id:
                raise ValidationError(
                    f"{deputy.name} is from {deputy.organisation or 'no organisation'}, not "
                    f"{member.organisation or 'the same organisation'} like {member.name}. A "
                    "deputy must come from the member's own organisation.",
                    "deputy_id",
                )
            changes["deputy_id"] = deputy.id
        if notes is not None:
            changes["notes"] = notes
        store.update("attendance", attendance_id, changes)


def add_guest(store: Store, meeting_id: int, name: str, organisation: str = "") -> int:
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ValidationError("Enter the guest's name.", "guest_name")
    with store.transaction():
        _open_meeting(store, meeting_id)
        return store.insert(
            "attendance",
            {
                "meeting_id": meeting_id,
                "guest": 1,
                "guest_name": clean,
                "guest_organisation": str(organisation or "").strip(),
                "role": "guest",
                "status": "present",
            },
        )


def add_attendee(store: Store, meeting_id: int, person_id: int, role: str = "member") -> int:
    """Add a person who is not a current member (e.g. a co-opted attendee for one meeting)."""
    with store.transaction():
        _open_meeting(store, meeting_id)
        person = get_person(store, person_id)
        if store.count("attendance", "meeting_id = ? AND person_id = ?", [meeting_id, person_id]):
            raise ValidationError(f"{person.name} is already on this meeting's register.")
        return store.insert(
            "attendance",
            {
                "meeting_id": meeting_id,
                "person_id": person_id,
                "organisation_id": person.organisation_id,
                "role": role,
                "status": "present",
            },
        )


def remove_attendee(store: Store, attendance_id: int) -> Row:
    return store.delete("attendance", attendance_id)


def quorum(store: Store, meeting_id: int) -> Quorum:
    """Whether the meeting is quorate under its body's rule, from the attendance so far."""
    meeting = get_meeting(store, meeting_id)
    return quorum_for(store, meeting, list_attendance(store, meeting_id))


def quorum_for(store: Store, meeting: Meeting, attendees: list[Attendee]) -> Quorum:
    cadence = get_cadence(store, meeting.body_id)
    present = [a for a in attendees if a.counts]
    missing: list[str] = []
    if cadence.quorum_each_partner:
        on_body = store.query(
            "SELECT DISTINCT o.id, o.name FROM memberships m JOIN people p ON p.id = m.person_id"
            " JOIN organisations o ON o.id = p.organisation_id WHERE m.body_id = ?"
            " AND o.kind = 'statutory partner' AND m.start_date <= ?"
            " AND (m.end_date IS NULL OR m.end_date >= ?) ORDER BY o.name",
            [meeting.body_id, meeting.date, meeting.date],
        )
        came = {a.organisation_id for a in present}
        missing = [o["name"] for o in on_body if o["id"] not in came]
    return Quorum(len(present), cadence.quorum_min, missing, recorded=bool(attendees))


# --------------------------------------------------------------------------- declarations


def list_declarations(store: Store, meeting_id: int) -> list[Declaration]:
    rows = store.query(
        "SELECT d.*, p.name AS person, coalesce(a.title, '') AS item FROM declarations d"
        " JOIN people p ON p.id = d.person_id LEFT JOIN agenda_items a ON a.id = d.agenda_item_id"
        " WHERE d.meeting_id = ? ORDER BY a.position, p.name",
        [meeting_id],
    )
    return [Declaration.from_row(r) for r in rows]


def add_declaration(
    store: Store, meeting_id: int, person_id: int, interest: str, item_id: int | None = None
) -> int:
    text = " ".join(str(interest or "").split())
    if not text:
        raise ValidationError("Describe the interest declared.", "interest")
    with store.transaction():
        _open_meeting(store, meeting_id)
        get_person(store, person_id)
        if item_id is not None and get_item(store, item_id).meeting_id != meeting_id:
            raise ValidationError("That agenda item is on another meeting.", "agenda_item_id")
        return store.insert(
            "declarations",
            {
                "meeting_id": meeting_id,
                "person_id": person_id,
                "agenda_item_id": item_id,
                "interest": text,
            },
        )


def remove_declaration(store: Store, declaration_id: int) -> Row:
    return store.delete("declarations", declaration_id)


# --------------------------------------------------------------------------- statistics


def _stat_rows(store: Store, start: str, end: str, body_id: int | None) -> list[Row]:
    sql = (
        "SELECT t.person_id, t.organisation_id, t.status, coalesce(p.name, '') AS person,"
        " coalesce(o.name, '(no organisation)') AS organisation FROM attendance t"
        " JOIN meetings m ON m.id = t.meeting_id LEFT JOIN people p ON p.id = t.person_id"
        " LEFT JOIN organisations o ON o.id = t.organisation_id"
        " WHERE t.guest = 0 AND m.status NOT IN ('cancelled', 'postponed')"
        " AND m.date BETWEEN ? AND ?"
    )
    params: list[Any] = [start, end]
    if body_id is not None:
        sql += " AND m.body_id = ?"
        params.append(body_id)
    return store.query(sql, params)


def _tally(stats: dict[int, AttendanceStat], key: int, status: str) -> None:
    stat = stats[key]
    stat.expected += 1
    if status == "present":
        stat.present += 1
    elif status == "represented":
        stat.represented += 1
    elif status == "apologies":
        stat.apologies += 1
    else:
        stat.absent += 1


def _period(start: Any, end: Any) -> tuple[str, str]:
    from lscp_desktop.models.core.dates import check_order, parse_date

    s = parse_date(start, "start date")
    e = parse_date(end, "end date")
    check_order(s, e)
    return s.isoformat(), e.isoformat()


def attendance_by_person(
    store: Store, start: Any, end: Any, *, body_id: int | None = None
) -> list[AttendanceStat]:
    """Per person over a period: meetings expected and how they were attended. Cancelled
    and postponed meetings do not count."""
    s, e = _period(start, end)
    stats: dict[int, AttendanceStat] = {}
    for r in _stat_rows(store, s, e, body_id):
        key = r["person_id"]
        if key not in stats:
            stats[key] = AttendanceStat(key, r["person"], r["organisation"])
        _tally(stats, key, r["status"])
    return sorted(stats.values(), key=lambda x: x.name)


def attendance_by_organisation(
    store: Store, start: Any, end: Any, *, body_id: int | None = None
) -> list[AttendanceStat]:
    """Per organisation over a period (each member's expected place counts once)."""
    s, e = _period(start, end)
    stats: dict[int, AttendanceStat] = {}
    for r in _stat_rows(store, s, e, body_id):
        key = r["organisation_id"] or 0
        if key not in stats:
            stats[key] = AttendanceStat(key, r["organisation"], r["organisation"])
        _tally(stats, key, r["status"])
    return sorted(stats.values(), key=lambda x: x.name)


def follow_up(
    store: Store, start: Any, end: Any, threshold_percent: int, *, body_id: int | None = None
) -> list[AttendanceStat]:
    """Organisations whose attendance is under *threshold_percent*, lowest first."""
    if not 0 < threshold_percent <= 100:
        raise ValidationError("The threshold should be a percentage from 1 to 100.", "threshold")
    rows = attendance_by_organisation(store, start, end, body_id=body_id)
    low = [r for r in rows if r.rate * 100 < threshold_percent]
    return sorted(low, key=lambda r: (r.rate, r.name))


def attendance_rows(store: Store, start: Any = None, end: Any = None) -> list[dict[str, Any]]:
    """Flat attendance records for the command line."""
    s = start or "0001-01-01"
    e = end or dt.date.max.isoformat()
    rows = store.query(
        "SELECT m.date, b.code AS body, coalesce(p.name, t.guest_name) AS person,"
        " coalesce(o.name, t.guest_organisation) AS organisation, t.role, t.status,"
        " coalesce(d.name, '') AS deputy FROM attendance t JOIN meetings m ON m.id = t.meeting_id"
        " JOIN bodies b ON b.id = m.body_id LEFT JOIN people p ON p.id = t.person_id"
        " LEFT JOIN organisations o ON o.id = t.organisation_id"
        " LEFT JOIN people d ON d.id = t.deputy_id WHERE m.date BETWEEN ? AND ?"
        " ORDER BY m.date, b.id, t.guest, person",
        [s, e],
    )
    return rows
