"""The escalation log: saving with its stage dates in order, refusing bad input and a child's
identity, listing by year, raising and linking actions, and the year's counts by stage and
agency."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers.identity import IDENTITY_STRINGS
from helpers.membership import body, org

from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.assurance.escalations import (
    delete_escalation,
    escalation_of_action,
    get_escalation,
    link_action,
    linkable_actions,
    list_escalations,
    next_reference,
    raise_action,
    save_escalation,
    summarise,
)
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import restore_record, revert_record
from lscp_desktop.models.store.database import Store


@pytest.fixture
def agencies(store: Store) -> dict[str, int]:
    return {
        "school": org(store, "Northbridge Academy", "education", "education"),
        "council": org(store, "Northbridge Council"),
        "police": org(store, "Northshire Police", sector="police"),
    }


def values(agencies: dict[str, int], **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "raised_date": "2025-05-06",
        "raising_organisation_id": agencies["school"],
        "challenged_organisation_id": agencies["council"],
        "reason": "threshold or referral decision",
        "summary": "Referral not accepted by the front door; school disagreed with threshold.",
    }
    base.update(extra)
    return base


def test_an_escalation_through_the_stages_to_its_outcome(
    store: Store, agencies: dict[str, int]
) -> None:
    eid = save_escalation(store, values(agencies, stage2_date="12/05/2025"))
    e = get_escalation(store, eid)
    assert e.reference == "ESC 2025-01"
    assert e.stage1_date == "2025-05-06"  # stage 1 starts when it was raised
    assert (e.stage, e.stage_label, e.is_open) == (2, "2: Line managers", True)
    assert (e.raising_organisation, e.challenged_organisation) == (
        "Northbridge Academy",
        "Northbridge Council",
    )
    assert next_reference(store, "2025-09-01") == "ESC 2025-02"
    assert next_reference(store, "2026-04-01") == "ESC 2026-01"
    save_escalation(
        store,
        values(agencies, reference=e.reference, stage2_date="12/05/2025",
               stage3_date="20/05/2025", outcome="resolved: challenge upheld",
               resolved_date="23/05/2025",
               learning="Front door to call the referrer before closing a contact."),
        eid,
    )  # fmt: skip
    e = get_escalation(store, eid)
    assert (e.stage, e.is_open, e.days_open(dt.date(2026, 1, 1))) == (3, False, 17)


@pytest.mark.parametrize(
    ("extra", "message", "field"),
    [
        ({"raised_date": ""}, "Enter the date raised", "date raised"),
        ({"raising_organisation_id": None}, "agency that raised", "raising_organisation_id"),
        ({"challenged_organisation_id": "same"}, "cannot escalate to itself",
         "challenged_organisation_id"),
        ({"reason": "bad mood"}, "Choose the reason", "reason"),
        ({"stage3_date": "2025-05-20"}, "give the date of stage 2", "stage2_date"),
        ({"stage2_date": "2025-05-01"}, "is before stage 1", "stage2_date"),
        ({"stage2_date": "2025-05-10", "stage3_date": "2025-05-09"}, "is before stage 2",
         "stage3_date"),
        ({"resolved_date": "2025-06-01"}, "how the challenge ended", "outcome"),
        ({"outcome": "withdrawn"}, "date the challenge was resolved", "resolved_date"),
        ({"outcome": "won", "resolved_date": "2025-06-01"}, "Choose the outcome", "outcome"),
        ({"outcome": "withdrawn", "resolved_date": "2025-05-01"}, "before its last stage",
         "resolved_date"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_clear_message(
    store: Store, agencies: dict[str, int], extra: dict[str, Any], message: str, field: str
) -> None:
    if extra.get("challenged_organisation_id") == "same":
        extra = {"challenged_organisation_id": agencies["school"]}
    with pytest.raises(ValidationError, match=message) as raised:
        save_escalation(store, values(agencies, **extra))
    assert raised.value.field == field
    assert list_escalations(store) == []


@pytest.mark.parametrize("field", ["summary", "learning", "notes", "reference"])
@pytest.mark.parametrize("text", IDENTITY_STRINGS)
def test_every_text_field_refuses_a_childs_identity(
    store: Store, agencies: dict[str, int], field: str, text: str
) -> None:
    with pytest.raises(ValidationError, match="child's identity") as raised:
        save_escalation(store, values(agencies, **{field: text}))
    assert raised.value.field == field


def test_a_duplicate_reference_is_refused(store: Store, agencies: dict[str, int]) -> None:
    save_escalation(store, values(agencies, reference="ESC 2025-07"))
    with pytest.raises(ValidationError, match=r"(?i)already an escalation ESC 2025-07"):
        save_escalation(store, values(agencies, reference="esc 2025-07"))


def test_actions_raised_from_an_escalation_link_both_ways(
    store: Store, agencies: dict[str, int]
) -> None:
    eid = save_escalation(store, values(agencies))
    qa = body(store, "Quality Assurance Subgroup", "QA")
    action = raise_action(
        store, eid, body_id=qa, title="Audit threshold decisions at the front door",
        due_date="2025-07-31", today=dt.date(2025, 5, 20),
    )  # fmt: skip
    row = store.require("actions", action)
    assert row["source_note"].startswith("Escalation ESC 2025-01")
    assert row["organisation_id"] == agencies["council"]
    assert get_escalation(store, eid).actions == ["QA-0001"]
    assert escalation_of_action(store, action) == eid
    assert link_action(store, eid, action) == link_action(store, eid, action)  # once only
    assert action not in {a.id for a in linkable_actions(store, eid)}  # linked already
    with pytest.raises(ValidationError, match="has actions in the action log"):
        delete_escalation(store, eid)


def test_delete_and_undo(store: Store, agencies: dict[str, int]) -> None:
    eid = save_escalation(store, values(agencies))
    row = delete_escalation(store, eid)
    assert list_escalations(store) == []
    restore_record(store, "escalations", row)
    assert get_escalation(store, eid).reference == "ESC 2025-01"
    with pytest.raises(ValidationError, match="before it was raised"):
        revert_record(store, "escalations", eid, {"stage1_date": "2025-01-01"})


def test_the_years_counts_by_stage_agency_and_outcome(
    store: Store, agencies: dict[str, int]
) -> None:
    school, council, police = agencies["school"], agencies["council"], agencies["police"]
    for raised, by, at, stages, resolved in (
        ("2025-05-06", school, council, 1, "2025-05-09"),
        ("2025-06-10", school, council, 2, "2025-06-30"),
        ("2025-09-01", police, council, 3, None),
        ("2026-02-02", council, police, 4, "2026-04-10"),  # resolved next year
        ("2024-12-01", school, police, 1, "2025-04-02"),  # raised last year
    ):
        stage_dates = {f"stage{n}_date": raised for n in range(2, stages + 1)}
        resolution = {"outcome": "resolved by agreement", "resolved_date": resolved} if (
            resolved) else {}  # fmt: skip
        save_escalation(
            store,
            {
                "raised_date": raised,
                "raising_organisation_id": by,
                "challenged_organisation_id": at,
                "reason": "information sharing",
                **stage_dates,
                **resolution,
            },
        )
    summary = summarise(store, FinancialYear(2025))
    assert summary.raised == 4
    assert summary.by_stage == {1: 1, 2: 1, 3: 1, 4: 1}
    assert summary.by_raising == {"Northbridge Academy": 2, "Northbridge Council": 1,
                                  "Northshire Police": 1}  # fmt: skip
    assert summary.by_challenged == {"Northbridge Council": 3, "Northshire Police": 1}
    assert summary.resolved == 3 and summary.open_at_end == 2
    assert summary.by_outcome == {"resolved by agreement": 3}
    assert summary.median_days_to_resolve == 20
    assert [e.reference for e in list_escalations(store, year=FinancialYear(2024))] == [
        "ESC 2024-01"
    ]
    assert len(list_escalations(store, open_only=True)) == 1  # still open today
    whole = list_escalations(store)  # the log a caller has read already gives the same figures
    for year in (FinancialYear(2025), FinancialYear(2024), None):
        assert summarise(store, year, log=whole) == summarise(store, year)
    assert summarise(store).raised == len(whole)


def test_actions_offered_for_linking_are_from_a_quarter_before_on(
    store: Store, agencies: dict[str, int]
) -> None:
    eid = save_escalation(store, values(agencies))
    raised = dt.date.fromisoformat(get_escalation(store, eid).raised_date)
    qa = body(store, "Quality Assurance Subgroup", "QA")
    made = {
        days: save_action(store, {
            "body_id": qa, "title": f"An action raised {days} days before",
            "raised_date": (raised - dt.timedelta(days=days)).isoformat(),
            "due_date": (raised + dt.timedelta(days=60)).isoformat(),
        })
        for days in (0, 89, 91)
    }  # fmt: skip
    offered = [a.id for a in linkable_actions(store, eid)]
    assert offered == [made[0], made[89]]  # newest first; 91 days before is out
