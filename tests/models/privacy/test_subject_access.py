"""Subject access: one row that names the person in each kind of record, each found in the
document, which also passes every check the app's documents pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.wordcheck import body_text, check_all
from helpers.writers import first

from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.actions.notes import add_note
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.core.errors import NotFoundError
from lscp_desktop.models.meetings.attendance import add_attendee, add_declaration, set_attendance
from lscp_desktop.models.meetings.chair_rotation import save_rotation
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.membership.roles import save_role
from lscp_desktop.models.privacy.subject_access import person_choices, subject_access
from lscp_desktop.models.reviews.training import save_training
from lscp_desktop.models.risks.saving import save_risk
from lscp_desktop.models.store.database import Store


def _one_of_each(store: Store) -> tuple[int, dict[str, str]]:
    """A new person with one marked record in each kind the issue lists."""
    org = first(store, "organisations")["id"]
    pid = save_person(store, {"name": "Ottilie Marchbanks", "job_title": "Head of Service",
                              "organisation_id": org, "email": "ottilie@example.org.uk",
                              "phone": "020 7946 0999", "notes": "MARK-person"})  # fmt: skip
    body = first(store, "bodies")
    meeting = first(store, "meetings", status="planned", body_id=body["id"])
    marks = {"record": "MARK-person"}
    partner = first(store, "organisations", kind="statutory partner")["id"]
    save_role(store, {"person_id": pid, "role": "Delegated Safeguarding Partner",
                      "organisation_id": partner, "start_date": "2026-04-01",
                      "notes": "MARK-role"})  # fmt: skip
    marks["role"] = "MARK-role"
    save_membership(store, {"person_id": pid, "body_id": body["id"], "role": "member",
                            "start_date": "2026-04-01", "notes": "MARK-membership"})  # fmt: skip
    marks["membership"] = "MARK-membership"
    other = next(r["id"] for r in store.rows("organisations", order_by="id") if r["id"] != org)
    save_rotation(store, body["id"], every_months=12, start_date="2026-04-01",
                  turns=[(org, pid), (other, None)], notes="MARK-chair")  # fmt: skip
    marks["chair"] = "MARK-chair"
    attendance = add_attendee(store, meeting["id"], pid)
    set_attendance(store, attendance, "apologies", notes="MARK-attendance")
    marks["attendance"] = "MARK-attendance"
    add_declaration(store, meeting["id"], pid, "MARK-declaration")
    marks["declaration"] = "MARK-declaration"
    action = save_action(store, {"body_id": body["id"], "title": "MARK-action", "owner_id": pid,
                                 "due_date": "2027-03-31"})  # fmt: skip
    marks["action"] = "MARK-action"
    add_note(store, action, "MARK-note", author_id=pid)
    marks["note"] = "MARK-note"
    risk = dict(first(store, "risks", status="open"))
    save_risk(store, {**risk, "title": "MARK-risk", "owner_id": pid}, risk["id"])
    marks["risk"] = "MARK-risk"
    save_training(store, {"course": "MARK-training", "level": 2, "date": "2026-05-01",
                          "trainer": "Ottilie Marchbanks"})  # fmt: skip
    marks["training"] = "MARK-training"
    save_organisation(store, {"name": "MARK-mention agency", "kind": "other", "sector": "other",
                              "notes": "Contact Ottilie Marchbanks first"})  # fmt: skip
    marks["mention"] = "Contact Ottilie Marchbanks first"
    marks["history"] = "MARK-mention agency"  # the audit entry of that organisation's notes
    return pid, marks


def test_each_kind_of_record_is_in_the_document(demo_store: Store, tmp_path: Path) -> None:
    pid, marks = _one_of_each(demo_store)
    path = find_kind("subject-access").run(
        demo_store, ExportOptions(person_id=pid), tmp_path / "sar.docx", lambda *_: None
    )
    doc = check_all(path)
    text = body_text(doc)
    for kind, mark in marks.items():
        assert mark in text, kind
    assert "Personal data held about Ottilie Marchbanks" in text
    assert f"produced on {dt.date.today():%d/%m/%Y}" in text
    assert "ottilie@example.org.uk" in text and "020 7946 0999" in text
    assert "Article 15" in text and "Information Commissioner" in text


def test_sections_say_what_they_hold(demo_store: Store) -> None:
    pid, _ = _one_of_each(demo_store)
    data = subject_access(demo_store, pid, today=dt.date(2026, 11, 22))
    titles = {s.title: s for s in data.sections}
    assert len(titles["Meetings"].rows) == 1
    assert titles["Meetings"].rows[0][2] == "sent apologies"
    assert titles["Training you delivered"].rows[0][1] == "MARK-training"
    assert titles["Chairing in turn"].rows[0][2:4] == ("1", "12 months")
    history = titles["Changes recorded about you"].rows
    assert any("on " in who for _, who, *_ in history)  # user on computer
    assert data.produced == dt.date(2026, 11, 22)


def test_an_unknown_person_is_a_plain_message(demo_store: Store) -> None:
    with pytest.raises(NotFoundError, match="no person with id 99999"):
        subject_access(demo_store, 99999)
    assert person_choices(demo_store)
