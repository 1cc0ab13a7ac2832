"""Audits, multi-agency training and the yearly report's dispatch."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import restore_record
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.reviews import assurance as asr
from lscp_desktop.models.store.database import Store

D = dt.date


def _orgs(store: Store, n: int) -> list[int]:
    return [
        save_organisation(
            store, {"name": f"Agency {i}", "kind": "relevant agency", "sector": "other"}
        )
        for i in range(n)
    ]


def test_audits_keep_their_agencies_and_come_back_on_undo(store: Store) -> None:
    orgs = _orgs(store, 3)
    with pytest.raises(ValidationError, match="at least two agencies"):
        asr.save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                              "planned_date": "2026-12-01", "agency_ids": orgs[:1]})  # fmt: skip
    with pytest.raises(ValidationError, match="completed"):
        asr.save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                              "planned_date": "2026-12-01", "findings": "Good"})  # fmt: skip
    aid = asr.save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                                "planned_date": "2026-12-01", "agency_ids": orgs})  # fmt: skip
    assert asr.list_audits(store)[0].agency_ids == orgs
    asr.save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                          "planned_date": "2026-12-01", "agency_ids": orgs[1:]}, aid)  # fmt: skip
    audit = asr.list_audits(store)[0]
    assert audit.agency_ids == orgs[1:]
    assert audit.status(D(2026, 11, 23)) == "Planned" and audit.status(D(2026, 12, 2)) == "Overdue"
    row = asr.delete_audit(store, aid)
    assert store.count("audit_agencies") == 0
    restore_record(store, "audits", row)
    assert asr.list_audits(store)[0].agency_ids == orgs[1:]


def test_training_attendance_by_organisation_and_the_yearly_summary(store: Store) -> None:
    a, b = _orgs(store, 2)
    with pytest.raises(ValidationError, match="no organisation called 'Nobody'"):
        asr.parse_attendance(store, "Agency 0: 4\nNobody: 2")
    with pytest.raises(ValidationError, match="Line 1"):
        asr.parse_attendance(store, "Agency 0 four")
    with pytest.raises(ValidationError, match="Choose the level"):
        asr.save_training(store, {"course": "Core", "level": "5", "date": "2026-06-01"})
    with pytest.raises(ValidationError, match="from 1 to 5"):
        asr.save_training(store, {"course": "Core", "level": "2", "date": "2026-06-01",
                                 "evaluation_score": "9"})  # fmt: skip
    cid = asr.save_training(
        store,
        {"course": "Core", "level": "2", "date": "01/06/2026", "evaluation_score": "4.26",
         "attendance": "Agency 0: 4\nagency 1: 3\n"},
    )  # fmt: skip
    asr.save_training(store, {"course": "DSL", "level": 4, "date": "2026-09-01",
                             "evaluation_score": "3.8", "attendance": {a: 5}})  # fmt: skip
    asr.save_training(store, {"course": "Old", "level": 1, "date": "2026-03-31",
                             "attendance": {b: 9}})  # fmt: skip
    course = next(c for c in asr.list_training(store) if c.id == cid)
    assert course.attendance == {"Agency 0": 4, "Agency 1": 3} and course.attendees == 7
    assert course.evaluation_score == 4.3
    summary = asr.training_summary(store, FinancialYear(2026))
    assert summary.courses == 2 and summary.attendees == 12
    assert summary.by_level == {1: 0, 2: 7, 3: 0, 4: 5}
    assert summary.by_organisation == {"Agency 0": 9, "Agency 1": 3}
    assert summary.average_score == 4.0
    row = asr.delete_training(store, cid)
    restore_record(store, "training_courses", row)
    assert next(c for c in asr.list_training(store) if c.id == cid).attendees == 7


def test_yearly_report_dispatch(store: Store) -> None:
    with pytest.raises(ValidationError, match="publication date before"):
        asr.save_yearly_report(store, {"year": "2025/26", "panel_sent_date": "2026-10-01"})
    with pytest.raises(ValidationError, match="before publication"):
        asr.save_yearly_report(store, {"year": "2025/26", "published_date": "2026-10-01",
                                      "what_works_sent_date": "2026-09-30"})  # fmt: skip
    with pytest.raises(ValidationError, match="financial year"):
        asr.save_yearly_report(store, {"year": "2025"})
    rid = asr.save_yearly_report(store, {"year": "2025-26", "published_date": "30/09/2026"})
    report = asr.get_yearly_report(store, rid)
    assert report.year == "2025/26" and report.dispatch_due == "2026-10-07"
    assert [r.recipient for r in report.recipients] == list(asr.DEFAULT_RECIPIENTS)
    with pytest.raises(ValidationError, match="already a yearly report"):
        asr.save_yearly_report(store, {"year": "2025/26"})
    first = report.recipients[0]
    asr.save_recipient(store, {"recipient": first.recipient, "sent_date": "2026-10-02"}, first.id)
    assert asr.get_yearly_report(store, rid).boards_sent == 1
