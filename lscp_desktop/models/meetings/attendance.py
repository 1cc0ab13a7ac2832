"""Who came to a meeting: members, deputies, one-off attendees, guests and declarations of
interest; and whether the meeting was quorate. Attendance over a period: :mod:`attendance_stats`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import Record, required_id
from lscp_desktop.models.meetings.agenda import get_item
from lscp_desktop.models.meetings.cadence import get_cadence
from lscp_desktop.models.meetings.meetings import get_meeting
from lscp_desktop.models.meetings.minutes_lock import ensure_minutes_open
from lscp_desktop.models.meetings.queries import attendance as attendance_queries
from lscp_desktop.models.meetings.queries import members as member_queries
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.records import EXPECTED_ROLES as MEMBERS_EXPECTED
from lscp_desktop.models.membership.records import IN_ATTENDANCE_ROLES
from lscp_desktop.models.store.database import Row, Store

#: A member on the register whose attendance nobody has recorded yet: how every register
#: starts, so a meeting never recorded puts no false absences into the statistics.
NOT_RECORDED = "not recorded"
ATTENDANCE_STATUSES = ("present", "apologies", "absent", "represented", NOT_RECORDED)
#: What can be recorded before the meeting: apologies sent ahead (and going back to nothing).
BEFORE_THE_MEETING = ("apologies", NOT_RECORDED)
#: Statuses that count towards the quorum.
COUNTS_PRESENT = ("present", "represented")
#: Roles on a body that are expected at its meetings: not virtual members (they receive the
#: papers and are called in when needed), nor observers and advisers ("in attendance").
EXPECTED_ROLES = MEMBERS_EXPECTED
#: What someone added to one meeting's register can attend as.
ATTENDING_AS = (*EXPECTED_ROLES, "virtual member", *IN_ATTENDANCE_ROLES)


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
    status: str = NOT_RECORDED
    deputy_id: int | None = None
    deputy: str = ""
    guest: int = 0
    guest_name: str = ""
    guest_organisation: str = ""
    notes: str = ""
    #: The version the values were read at: a form saves over that version only (issue 22).
    row_version: int = 1

    @property
    def name(self) -> str:
        return self.guest_name if self.guest else self.person

    @property
    def counts(self) -> bool:
        return not self.guest and self.status in COUNTS_PRESENT

    @property
    def recorded(self) -> bool:
        return bool(self.guest) or self.status != NOT_RECORDED


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
                "; every safeguarding partner represented." if self.required else "."
            )
        parts = []
        if self.present < self.required:
            parts.append(f"{self.required - self.present} more member(s) needed")
        if self.missing_partners:
            parts.append("no one from " + ", ".join(self.missing_partners))
        return f"Not quorate: {need} — " + "; ".join(parts) + "."


def list_attendance(store: Store, meeting_id: int) -> list[Attendee]:
    return [Attendee.from_row(r) for r in attendance_queries.register_rows(store, meeting_id)]


def _open_meeting(store: Store, meeting_id: int) -> Meeting:
    meeting = get_meeting(store, meeting_id)
    if meeting.status == "cancelled":
        raise ValidationError(
            f"The meeting of {meeting.body} on {uk(meeting.date)} was cancelled, so no "
            "attendance can be recorded for it.",
            "status",
        )
    ensure_minutes_open(store, meeting_id, "change who attended or what was declared")
    return meeting


def expected_members(store: Store, meeting: Meeting) -> list[Row]:
    """The body's members on the day of the meeting who are expected to attend."""
    return member_queries.member_rows_on(store, meeting.body_id, meeting.date, EXPECTED_ROLES)


def prepare_register(store: Store, meeting_id: int) -> int:
    """Add every expected member not yet on the register, their attendance not recorded yet;
    returns how many."""
    with store.transaction():
        meeting = _open_meeting(store, meeting_id)
        have = attendance_queries.registered_person_ids(store, meeting_id)
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
                    "status": NOT_RECORDED,
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
    today: dt.date | None = None,
) -> None:
    """Mark one member present, sent apologies, absent, or represented by a named deputy (or
    back to not recorded). Before the meeting's day only apologies can be recorded."""
    status = str(status or "").strip().lower()
    if status not in ATTENDANCE_STATUSES:
        raise ValidationError(
            f"'{status}' is not an attendance status; choose one of: "
            f"{', '.join(ATTENDANCE_STATUSES)}.",
            "status",
        )
    with store.transaction():
        row = store.require("attendance", attendance_id, "attendance record")
        meeting = _open_meeting(store, row["meeting_id"])
        if (
            status not in BEFORE_THE_MEETING
            and meeting.date > (today or dt.date.today()).isoformat()
        ):
            raise ValidationError(
                f"The meeting of {meeting.body} is on {uk(meeting.date)}: until then only "
                f"apologies can be recorded, not '{status}'.",
                "status",
            )
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


def add_attendee(store: Store, meeting_id: int, person_id: int | None, role: str = "member") -> int:
    """Add a person who is not a current member (e.g. a co-opted attendee for one meeting)."""
    person_id = required_id({"person_id": person_id}, "person_id", "person who attended")
    with store.transaction():
        _open_meeting(store, meeting_id)
        return _register(store, meeting_id, person_id, role, "present")


def call_in(store: Store, meeting_id: int, person_id: int) -> int:
    """Call a virtual member in to one meeting: from then on they are expected at it (on its
    register, their attendance not recorded until the day); at other meetings they are not."""
    with store.transaction():
        meeting = _open_meeting(store, meeting_id)
        virtual = member_queries.member_rows_on(
            store, meeting.body_id, meeting.date, ("virtual member",)
        )
        if all(m["person_id"] != person_id for m in virtual):
            raise ValidationError(
                f"{get_person(store, person_id).name} is not a virtual member of {meeting.body} "
                f"on {uk(meeting.date)}.",
                "person_id",
            )
        return _register(store, meeting_id, person_id, "virtual member", NOT_RECORDED)


def _register(store: Store, meeting_id: int, person_id: int, role: str, status: str) -> int:
    person = get_person(store, person_id)
    if attendance_queries.times_on_register(store, meeting_id, person_id):
        raise ValidationError(f"{person.name} is already on this meeting's register.")
    return store.insert(
        "attendance",
        {
            "meeting_id": meeting_id,
            "person_id": person_id,
            "organisation_id": person.organisation_id,
            "role": role,
            "status": status,
        },
    )


def circulation(store: Store, meeting: Meeting) -> list[Row]:
    """Who receives the papers: members, virtual members, and those in attendance
    (observers, advisers, the secretariat), the chair first."""
    roles = (*EXPECTED_ROLES, "virtual member", *IN_ATTENDANCE_ROLES, "deputy")
    return member_queries.member_rows_on(store, meeting.body_id, meeting.date, roles)


def remove_attendee(store: Store, attendance_id: int) -> Row:
    with store.transaction():
        row = store.require("attendance", attendance_id, "attendance record")
        ensure_minutes_open(store, row["meeting_id"], "change who attended")
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
        on_body = member_queries.partner_organisation_rows(store, meeting.body_id, meeting.date)
        came = {a.organisation_id for a in present}
        missing = [o["name"] for o in on_body if o["id"] not in came]
    recorded = any(a.recorded for a in attendees)
    return Quorum(len(present), cadence.quorum_min, missing, recorded=recorded)


# --------------------------------------------------------------------------- declarations


def list_declarations(store: Store, meeting_id: int) -> list[Declaration]:
    return [Declaration.from_row(r) for r in attendance_queries.declaration_rows(store, meeting_id)]


def add_declaration(
    store: Store, meeting_id: int, person_id: int | None, interest: str, item_id: int | None = None
) -> int:
    person_id = required_id({"person_id": person_id}, "person_id", "person declaring it")
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
    with store.transaction():
        meeting_id = attendance_queries.declaration_meeting(store, declaration_id)
        if meeting_id is not None:
            ensure_minutes_open(store, meeting_id, "change what was declared")
        return store.delete("declarations", declaration_id)
