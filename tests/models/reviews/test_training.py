"""Multi-agency training: attendance by organisation and the yearly summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import restore_record
from lscp_desktop.models.reviews.training import (
    delete_training,
    list_training,
    parse_attendance,
    save_training,
    training_summary,
)
from lscp_desktop.models.store.database import Store


def test_training_attendance_by_organisation_and_the_yearly_summary(
    store: Store, add_agencies: Callable[[int], list[int]]
) -> None:
    a, b = add_agencies(2)
    with pytest.raises(ValidationError, match="no organisation called 'Nobody'"):
        parse_attendance(store, "Agency 0: 4\nNobody: 2")
    with pytest.raises(ValidationError, match="Line 1"):
        parse_attendance(store, "Agency 0 four")
    with pytest.raises(ValidationError, match="Choose the level"):
        save_training(store, {"course": "Core", "level": "5", "date": "2026-06-01"})
    with pytest.raises(ValidationError, match="from 1 to 5"):
        save_training(store, {"course": "Core", "level": "2", "date": "2026-06-01",
                              "evaluation_score": "9"})  # fmt: skip
    cid = save_training(
        store,
        {"course": "Core", "level": "2", "date": "01/06/2026", "evaluation_score": "4.26",
         "attendance": "Agency 0: 4\nagency 1: 3\n"},
    )  # fmt: skip
    save_training(store, {"course": "DSL", "level": 4, "date": "2026-09-01",
                          "evaluation_score": "3.8", "attendance": {a: 5}})  # fmt: skip
    save_training(store, {"course": "Old", "level": 1, "date": "2026-03-31",
                          "attendance": {b: 9}})  # fmt: skip
    course = next(c for c in list_training(store) if c.id == cid)
    assert course.attendance == {"Agency 0": 4, "Agency 1": 3} and course.attendees == 7
    assert course.evaluation_score == 4.3
    summary = training_summary(store, FinancialYear(2026))
    assert summary.courses == 2 and summary.attendees == 12
    assert summary.by_level == {1: 0, 2: 7, 3: 0, 4: 5}
    assert summary.by_organisation == {"Agency 0": 9, "Agency 1": 3}
    assert summary.average_score == 4.0
    row = delete_training(store, cid)
    restore_record(store, "training_courses", row)
    assert next(c for c in list_training(store) if c.id == cid).attendees == 7
