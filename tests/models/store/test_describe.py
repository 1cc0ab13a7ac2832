"""A refusal names the record as the user knows it (``versions.describe``): by its reference,
name or date, else by what it belongs to, never by its key."""

from __future__ import annotations

import re

import pytest

from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import describe

EXPECTED = {
    "finance_years": r"The finance year \d{4}/\d\d",
    "contributions": r"The contribution of .+ for \d{4}/\d\d",
    "settings_census": r"The settings census of .+ in .+, \d{4}/\d\d",
    "review_recommendations": r"The review recommendation \d+ of the review .+",
    "yearly_reports": r"The yearly report for \d{4}/\d\d",
    "meeting_minutes": r"The meeting minutes of \d\d/\d\d/\d{4}",
    "attendance": r"The attendance of .+ at the meeting of \d\d/\d\d/\d{4}",
    "meeting_cadences": r"The meeting cadence of the .+",
    "action_notes": r"The action note of the action [A-Z]+-\d{4}",
    "risk_reviews": r"The risk review of the risk .+",
    "cover_sheets": r"The cover sheet of the agenda item ‘.+’",
    "in_kind_contributions": r"The in kind contribution ‘.+’",
}


@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_a_record_is_named_as_the_user_knows_it(demo_store: Store, table: str) -> None:
    row = demo_store.query(f"SELECT * FROM {table} ORDER BY id LIMIT 1")[0]
    assert re.fullmatch(EXPECTED[table], describe(table, row, demo_store)), table


def test_without_the_store_or_with_its_owner_gone_the_number_is_said(demo_store: Store) -> None:
    row = demo_store.query("SELECT * FROM contributions ORDER BY id LIMIT 1")[0]
    assert describe("contributions", row) == f"The contribution number {row['id']}"
    gone = {**row, "organisation_id": 999_999}
    assert describe("contributions", gone, demo_store) == f"The contribution number {row['id']}"
