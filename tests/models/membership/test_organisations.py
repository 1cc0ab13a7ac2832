"""Organisations: unique names, known kinds, and deactivating instead of deleting."""

from __future__ import annotations

import pytest
from helpers.membership import org, person

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.organisations import (
    delete_organisation,
    find_organisation,
    list_organisations,
    set_organisation_active,
)
from lscp_desktop.models.store.database import Store


def test_deleting_an_organisation_with_people_suggests_deactivating(store: Store) -> None:
    o = org(store, "Council")
    person(store, "Ann", o)
    with pytest.raises(ValidationError, match="Deactivate it instead"):
        delete_organisation(store, o)
    set_organisation_active(store, o, False)
    assert list_organisations(store, active_only=True) == []
    empty = org(store, "Empty agency", kind="relevant agency", sector="other")
    delete_organisation(store, empty)
    assert [x.name for x in list_organisations(store)] == ["Council"]


def test_names_are_unique_ignoring_case_and_spaces(store: Store) -> None:
    org(store, "Northbridge  Council")
    with pytest.raises(ValidationError, match="already an organisation"):
        org(store, "northbridge council")
    assert find_organisation(store, " NORTHBRIDGE   council ") is not None


def test_unknown_choice_lists_the_allowed_values(store: Store) -> None:
    with pytest.raises(ValidationError, match="choose one of: statutory partner"):
        org(store, "Council", kind="partner-ish")
