"""The correspondence drafts, parsed back with Python's ``email`` package: headers, the text and
HTML parts, attachments that open (docx with python-docx, ics with icalendar), the people left
out listed, and the rules of who gets what."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import icalendar
import pytest
from helpers.correspondence import MEETING_DAY, TODAY, Setup, addresses, make_setup, read

from lscp_desktop.exports.mail.writer import to_folder, write_batch
from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.correspondence.chasing import chase_batch
from lscp_desktop.models.correspondence.circulation import circulation_batch
from lscp_desktop.models.correspondence.invitations import invitation_batch
from lscp_desktop.models.correspondence.paper_requests import papers_batch
from lscp_desktop.models.meetings.meetings import reschedule_meeting, set_meeting_status
from lscp_desktop.models.meetings.papers import list_papers
from lscp_desktop.models.store.database import Store


@pytest.fixture
def setup(store: Store) -> Setup:
    return make_setup(store)


def _write(store: Store, batch, folder: Path, **kw):  # type: ignore[no-untyped-def]
    folder.mkdir(exist_ok=True)
    return write_batch(store, batch, to_folder(folder), today=TODAY, pdf=False, **kw)


def _attachment(msg, suffix: str) -> bytes:  # type: ignore[no-untyped-def]
    for part in msg.iter_attachments():
        if (part.get_filename() or "").endswith(suffix):
            return part.get_payload(decode=True)  # type: ignore[no-any-return]
    raise AssertionError(f"no {suffix} attached")


def test_chase_drafts_follow_owners_exactly(store: Store, setup: Setup, tmp_path: Path) -> None:
    batch = chase_batch(store, today=TODAY)
    written = _write(store, batch, tmp_path / "out")
    by_owner = {}
    for path in written.paths:
        msg = read(path)
        assert msg["X-Unsent"] == "1"
        (to,) = addresses(msg)
        by_owner[to] = msg
    # Nina: her overdue and her due-before-the-meeting action; Dan: only the one due before it.
    assert set(by_owner) == {"nina.nurse@nhs.example.uk", "dan.director@northbridge.gov.uk"}
    nina = by_owner["nina.nurse@nhs.example.uk"].get_body(("plain",)).get_content()
    dan = by_owner["dan.director@northbridge.gov.uk"].get_body(("plain",)).get_content()
    assert "Audit of neglect referrals" in nina and "Health data for the dashboard" in nina
    assert "Red (overdue)" in nina
    assert "Early help review" in dan and "Thresholds document refresh" not in dan
    for text in (nina, dan):
        assert "Unowned action" not in text and "Police voice of the child" not in text
    # Pat has no email address and the unowned action has no owner: both listed, not dropped.
    left = {n.who: n.reason for n in written.not_sent}
    assert any("Pat Police" in who and "no email address" in r for who, r in left.items())
    assert any(who.startswith("No owner: 1 action") for who in left)
    # Chased on is recorded per action, and the next chase says it is a reminder.
    assert get_action(store, setup.actions["nina_due"], TODAY).chased_on == TODAY.isoformat()
    assert get_action(store, setup.actions["dan_later"], TODAY).chased_on is None
    later = TODAY + dt.timedelta(days=7)
    again = chase_batch(store, today=later)
    subjects = {m.to[0].email: m.subject for m in again.mails}
    assert subjects["nina.nurse@nhs.example.uk"].startswith("Reminder: ")
    reminder = again.mails[0].blocks[1]
    assert isinstance(reminder, str) and "This is a reminder" in reminder


def test_chase_html_has_the_table_and_the_sign_off(
    store: Store, setup: Setup, tmp_path: Path
) -> None:
    written = _write(store, chase_batch(store, today=TODAY), tmp_path / "out", record=False)
    msg = read(written.paths[0])
    html = msg.get_body(("html",)).get_content()
    assert (
        "<table" in html
        and "Reference</th>" in html
        and "Business Manager, Northbridge SCP" in html
    )
    assert msg.get_content_type() == "multipart/alternative"
    assert str(msg["From"]) == "Sam Okafor <sam.okafor@northbridge.gov.uk>"


def test_paper_requests_attach_the_cover_sheet(store: Store, setup: Setup, tmp_path: Path) -> None:
    batch = papers_batch(store, setup.meeting, today=TODAY)
    written = _write(store, batch, tmp_path / "out")
    msgs = {next(iter(addresses(read(p)))): read(p) for p in written.paths}
    assert set(msgs) == {"nina.nurse@nhs.example.uk", "dan.director@northbridge.gov.uk"}
    nina = msgs["nina.nurse@nhs.example.uk"]
    assert "your paper due" in nina["Subject"]
    text = nina.get_body(("plain",)).get_content()
    assert "Neglect strategy 2027-2030" in text and "7 working days before the meeting" in text
    cover = docx.Document(io.BytesIO(_attachment(nina, ".docx")))
    assert any("Neglect strategy" in p.text for p in cover.paragraphs) or any(
        "Neglect strategy" in c.text for t in cover.tables for r in t.rows for c in r.cells
    )
    left = " ".join(f"{n.who}: {n.reason}" for n in written.not_sent)
    assert "Pat Police" in left and "Paper nobody presents" in left
    requested = {p.id: p.requested_on for p in list_papers(store, setup.meeting)}
    assert requested[setup.papers["neglect"]] == TODAY.isoformat()
    assert requested[setup.papers["police"]] is None  # no email: not asked


def _event(msg) -> icalendar.Event:  # type: ignore[no-untyped-def]
    cal = icalendar.Calendar.from_ical(_attachment(msg, ".ics"))
    (event,) = cal.walk("VEVENT")
    return event


def test_invitation_then_reschedule_and_cancellation(
    store: Store, setup: Setup, tmp_path: Path
) -> None:
    def invite(folder: str):  # type: ignore[no-untyped-def]
        batch = invitation_batch(store, meeting_ids=[setup.meeting], today=TODAY)
        (path,) = _write(store, batch, tmp_path / folder).paths
        return read(path)

    first = invite("one")
    ev1 = _event(first)
    cal = icalendar.Calendar.from_ical(_attachment(first, ".ics"))
    assert cal["METHOD"] == "REQUEST"
    assert str(ev1["ORGANIZER"]) == "mailto:sam.okafor@northbridge.gov.uk"
    attendees = {str(a) for a in ev1.get("ATTENDEE")}
    assert "mailto:nina.nurse@nhs.example.uk" in attendees
    assert "mailto:olu@observer.example.uk" in attendees  # an observer is in attendance
    assert "mailto:vic@school.example.uk" not in attendees  # virtual: only when called in
    from lscp_desktop.models.meetings.attendance import call_in

    call_in(store, setup.meeting, setup.virtual)
    called = _event(invite("called-in"))
    assert "mailto:vic@school.example.uk" in {str(a) for a in called.get("ATTENDEE")}
    reschedule_meeting(
        store, setup.meeting, date="2026-12-17", start_time="14:00", reason="Chair unavailable"
    )
    second = invite("two")
    ev2 = _event(second)
    assert second["Subject"].startswith("Updated: ")
    set_meeting_status(store, setup.meeting, "cancelled", "No quorum expected")
    third = invite("three")
    ev3 = _event(third)
    assert icalendar.Calendar.from_ical(_attachment(third, ".ics"))["METHOD"] == "CANCEL"
    assert str(ev1["UID"]) == str(ev2["UID"]) == str(ev3["UID"])
    assert int(ev1["SEQUENCE"]) < int(ev2["SEQUENCE"]) < int(ev3["SEQUENCE"])
    assert ev2.decoded("DTSTART") == dt.datetime(
        2026, 12, 17, 14, 0, tzinfo=ev2.decoded("DTSTART").tzinfo
    )
    # The calendar part also travels as the message's alternative, with its method.
    assert any(p.get_content_type() == "text/calendar" for p in third.walk())


def test_time_zone_rules_hold_beyond_2030(store: Store, setup: Setup, tmp_path: Path) -> None:
    from lscp_desktop.exports.mail.ics import london_timezone

    tz = london_timezone().to_tz()
    summer = dt.datetime(2047, 7, 1, 10, 0)
    winter = dt.datetime(2047, 12, 1, 10, 0)
    assert summer.replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=1)
    assert winter.replace(tzinfo=tz).utcoffset() == dt.timedelta(0)
    # The last Sunday of March 2041 is the 31st: summer time from then.
    assert dt.datetime(2041, 3, 31, 12).replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=1)
    assert dt.datetime(2041, 3, 30, 12).replace(tzinfo=tz).utcoffset() == dt.timedelta(0)


def test_members_only_paper_absent_from_a_non_members_pack(
    store: Store, setup: Setup, tmp_path: Path
) -> None:
    batch = circulation_batch(store, setup.meeting, today=TODAY)
    written = _write(store, batch, tmp_path / "out")
    assert len(written.paths) == 2
    packs = {}
    for path in written.paths:
        msg = read(path)
        assert msg["Subject"].startswith("OFFICIAL: ")  # the pack carries the marking
        data = _attachment(msg, ".docx")
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        packs[frozenset(addresses(msg))] = (msg, text)
    full = next(k for k in packs if "nina.nurse@nhs.example.uk" in k)
    partial = next(k for k in packs if "vic@school.example.uk" in k)
    assert "dee.deputy@northbridge.gov.uk" in full  # a member's deputy is sent the members' pack
    assert {"vic@school.example.uk", "olu@observer.example.uk"} == set(partial)
    assert "Rapid reviews: confidential summary" in packs[full][1]
    assert "Rapid reviews: confidential summary" not in packs[partial][1]
    # The item stays on the agenda; its cover sheet goes to members only.
    assert "is for the members of the Executive only" in packs[partial][1]
    assert "is for the members of the Executive only" not in packs[full][1]
    assert "Rapid reviews" not in packs[partial][0].get_body(("plain",)).get_content()
    assert any("Pat Police" in n.who for n in written.not_sent)


def test_a_line_break_in_a_subject_is_refused(store: Store, setup: Setup, tmp_path: Path) -> None:
    batch = chase_batch(store, today=TODAY)
    batch.mails[0].subject = "Update\r\nBcc: everyone@example.com"
    with pytest.raises(ValidationError, match="line break"):
        _write(store, batch, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.eml")) or True
    # Nothing was recorded as chased when the batch failed.
    assert get_action(store, setup.actions["nina_due"], TODAY).chased_on is None


def test_a_name_with_a_line_break_cannot_add_a_header(
    store: Store, setup: Setup, tmp_path: Path
) -> None:
    batch = chase_batch(store, today=TODAY)
    mail = batch.mails[0]
    mail.to = [type(mail.to[0])("Nina\nBcc: x@example.com", mail.to[0].email)]
    with pytest.raises(ValidationError, match="line break"):
        _write(store, batch, tmp_path / "out")


def test_invitations_need_the_sender(store: Store, setup: Setup) -> None:
    from lscp_desktop.models.core import settings

    settings.set_value(store, "mail_sender_email", "")
    with pytest.raises(ValidationError, match="sender's email address"):
        invitation_batch(store, meeting_ids=[setup.meeting], today=TODAY)


def test_sign_off_goes_through_the_identity_guard(store: Store, setup: Setup) -> None:
    from lscp_desktop.models.core import settings

    with pytest.raises(ValidationError, match="date of birth"):
        settings.set_value(store, "mail_sign_off", "Thanks\nre Jane born 14/03/2019")


def test_a_year_of_invitations(store: Store, setup: Setup, tmp_path: Path) -> None:
    from lscp_desktop.models.meetings.meetings import save_meeting

    save_meeting(store, {"body_id": setup.body, "date": "2027-03-08", "start_time": "10:00"})
    save_meeting(store, {"body_id": setup.body, "date": "2026-09-07", "start_time": "10:00"})
    batch = invitation_batch(store, body_id=setup.body, year="2026/27", today=TODAY)
    assert [m.invitation.start[:10] for m in batch.mails if m.invitation] == [
        MEETING_DAY,
        "2027-03-08",
    ]  # the past meeting is not invited to


def test_home_lists_paper_requests_and_the_pack_until_drafted(
    store: Store, setup: Setup, tmp_path: Path
) -> None:
    from lscp_desktop.models.correspondence.circulation import circulation_due
    from lscp_desktop.models.reporting.home import attention

    # The papers are due 07/12 (7 working days before 16/12); asked for 10 working days
    # before that, so from 23/11; the pack goes out 5 working days before, on 09/12.
    today = dt.date(2026, 12, 3)
    titles = [i.title for i in attention(store, today) if i.area == "Papers"]
    assert "EXEC 16/12/2026: ask for 3 papers (due 07/12/2026)" in titles
    assert "EXEC 16/12/2026: circulate the pack" in titles
    assert [(m.id, by.isoformat()) for m, by in circulation_due(store, today)] == [
        (setup.meeting, "2026-12-09")
    ]
    _write(store, papers_batch(store, setup.meeting, today=today), tmp_path / "a")
    _write(store, circulation_batch(store, setup.meeting, today=today), tmp_path / "b")
    titles = [i.title for i in attention(store, today) if i.area == "Papers"]
    # Pat Police's paper: no email address, so still to ask for (by phone, say).
    assert titles == ["EXEC 16/12/2026: ask for 1 paper (due 07/12/2026)"]


class _FakeConverter:
    name = "fake"

    def convert(self, docx: Path, pdf: Path) -> None:
        pdf.write_bytes(b"%PDF-1.7 made from " + docx.name.encode())


def test_the_pack_goes_with_its_pdf_where_one_can_be_made(
    store: Store, setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.exports import pdf

    monkeypatch.setattr(pdf, "find_converter", lambda **_k: _FakeConverter())
    batch = circulation_batch(store, setup.meeting, today=TODAY)
    (tmp_path / "out").mkdir()
    written = write_batch(store, batch, to_folder(tmp_path / "out"), today=TODAY, pdf=True)
    names = [p.get_filename() for p in read(written.paths[0]).iter_attachments()]
    assert len(names) == 2 and names[0].endswith(".docx") and names[1].endswith(".pdf")
    assert _attachment(read(written.paths[0]), ".pdf").startswith(b"%PDF")


def test_without_word_or_libreoffice_the_pack_goes_as_word_and_says_so(
    store: Store, setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.exports import pdf

    def none(**_k: object) -> object:
        raise pdf.PdfUnavailableError("A PDF needs Microsoft Word or LibreOffice.")

    monkeypatch.setattr(pdf, "find_converter", none)
    batch = circulation_batch(store, setup.meeting, today=TODAY)
    (tmp_path / "out").mkdir()
    written = write_batch(store, batch, to_folder(tmp_path / "out"), today=TODAY, pdf=True)
    names = [p.get_filename() for p in read(written.paths[0]).iter_attachments()]
    assert len(names) == 1 and names[0].endswith(".docx")
    assert written.notes == [
        "The pack is attached as a Word document only: A PDF needs Microsoft Word or LibreOffice."
    ]
