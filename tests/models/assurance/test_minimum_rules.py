"""Minimum rules: "the Executive Board meets at least twice a year" (seed 002) and "the Lead
Safeguarding Partners attend at least twice a year" (seed 003), checked over a year."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.identity import IDENTITY_STRINGS
from helpers.meetings import make_partnership, meeting, row_of

from lscp_desktop.models.assurance.minimum_rules import check_rules, list_rules, save_rule
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.membership.roles import save_role
from lscp_desktop.models.store.database import Store

YEAR = FinancialYear(2025)


def test_a_bodys_meetings_and_a_roles_attendance_over_the_year(store: Store) -> None:
    p = make_partnership(store)
    save_rule(store, {"kind": "meetings", "body_id": p.body, "at_least": 2})
    save_rule(store, {"kind": "attendance", "body_id": p.body, "at_least": 2,
                      "role": "Lead Safeguarding Partner"})  # fmt: skip
    save_role(store, {"person_id": p.police_member, "role": "Lead Safeguarding Partner",
                      "organisation_id": p.police, "start_date": "2025-04-01"})  # fmt: skip
    save_role(
        store,
        {
            "person_id": p.chair,
            "role": "Lead Safeguarding Partner",
            "organisation_id": p.council,
            "start_date": "2020-04-01",
            "end_date": "2025-03-31",
        },
    )  # left before the year
    first = meeting(store, p.body, "2025-06-02")
    at.prepare_register(store, first)
    at.set_attendance(store, row_of(store, first, p.police_member), "present")
    store.update("meetings", first, {"status": "held"})
    meeting(store, p.body, "2025-09-01", status="cancelled", status_reason="not quorate")
    meeting(store, p.body, "2026-01-05")

    checks = check_rules(store, YEAR, dt.date(2025, 10, 1))
    assert [(c.who, c.count, c.remaining, c.status) for c in checks] == [
        ("", 1, 1, "on track"),
        ("Pat Police", 1, 1, "on track"),
    ]
    assert checks[0].text == "Executive: 1 held of at least 2 (1 more planned)"
    assert checks[1].text == (
        "Pat Police (Lead Safeguarding Partner): attended 1 of at least 2 Executive meetings "
        "(1 more planned)"
    )
    assert checks[0].rule.description == "Executive meets at least twice a year"
    # After January's meeting is missed, nothing is left: at risk; after the year, not met.
    store.update(
        "meetings",
        meeting(store, p.body, "2026-02-02"),
        {"status": "cancelled", "status_reason": "snow"},
    )
    assert {c.status for c in check_rules(store, YEAR, dt.date(2026, 1, 10))} == {"at risk"}
    assert {c.status for c in check_rules(store, YEAR, dt.date(2026, 4, 1))} == {"not met"}


@pytest.mark.parametrize(
    ("values", "message", "field"),
    [
        ({"kind": "vibes", "at_least": 2}, "Choose what the rule counts", "kind"),
        ({"kind": "meetings", "at_least": 0}, "from 1 to 52", "at_least"),
        ({"kind": "meetings", "at_least": "twice"}, "how many times", "at_least"),
        ({"kind": "attendance", "at_least": 2, "role": "wizard"}, "Choose the role", "role"),
        ({"kind": "meetings", "at_least": 2, "body_id": None}, "Choose the body", "body_id"),
    ],
)  # fmt: skip
def test_bad_rules_are_refused(
    store: Store, values: dict[str, object], message: str, field: str
) -> None:
    p = make_partnership(store)
    with pytest.raises(ValidationError, match=message) as raised:
        save_rule(store, {"body_id": p.body, **values})
    assert raised.value.field == field
    assert list_rules(store) == []


@pytest.mark.parametrize("text", IDENTITY_STRINGS)
def test_notes_refuse_a_childs_identity(store: Store, text: str) -> None:
    p = make_partnership(store)
    with pytest.raises(ValidationError, match="child's identity"):
        save_rule(store, {"kind": "meetings", "body_id": p.body, "at_least": 2, "notes": text})
