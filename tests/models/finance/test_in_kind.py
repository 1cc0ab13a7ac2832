"""In-kind contributions."""

from __future__ import annotations

import pytest
from helpers.funding import add_organisation

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.analysis import summary
from lscp_desktop.models.finance.in_kind import list_in_kind, save_in_kind
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.store.database import Store


def test_in_kind_contributions_with_optional_value(store: Store, year: FinanceYear) -> None:
    org = add_organisation(store, "Northbridge Borough Council", "statutory partner")
    save_in_kind(
        store,
        {"year_id": year.id, "organisation_id": org, "description": "Hosting the business unit",
         "notional": "18,000"},
    )  # fmt: skip
    save_in_kind(store, {"year_id": year.id, "organisation_id": org, "description": "Legal advice"})
    with pytest.raises(ValidationError, match="Enter the description"):
        save_in_kind(store, {"year_id": year.id, "organisation_id": org, "description": " "})
    assert [(k.description, k.notional) for k in list_in_kind(store, year.id)] == [
        ("Hosting the business unit", 18_000_00),
        ("Legal advice", None),
    ]
    assert summary(store, year.id).in_kind_notional == 18_000_00
