"""Undo through the model layer: each step checked by its area's rules, audited, and refused
when the record went or changed since."""

from __future__ import annotations

import pytest
from helpers.membership import org, person

from lscp_desktop.models.core.errors import NotFoundError, ReadOnlyError, ValidationError
from lscp_desktop.models.core.undo import (
    UndoConflict,
    remove_record,
    restore_record,
    revert_record,
)
from lscp_desktop.models.membership.organisations import (
    delete_organisation,
    get_organisation,
    save_organisation,
)
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.store.database import Store


def test_deleted_record_restores_with_same_id(store: Store) -> None:
    o = org(store, "Empty agency", kind="relevant agency", sector="other")
    row = delete_organisation(store, o)
    assert restore_record(store, "organisations", row) == o
    assert get_organisation(store, o).name == "Empty agency"


def test_restore_applies_the_rules_a_save_applies(store: Store) -> None:
    o = org(store, "Pop-up Agency", kind="other", sector="other")
    other = org(store, "Other Agency", kind="other", sector="other")
    row = delete_organisation(store, o)
    store.update("organisations", other, {"name": "pop-up  agency"})  # the name, taken since
    with pytest.raises(ValidationError, match="already an organisation"):
        restore_record(store, "organisations", row)
    assert store.get("organisations", o) is None


def test_restore_refuses_a_record_already_back(store: Store) -> None:
    o = org(store, "Pop-up Agency", kind="other", sector="other")
    row = delete_organisation(store, o)
    restore_record(store, "organisations", row)
    with pytest.raises(UndoConflict, match="same number"):
        restore_record(store, "organisations", row)


def test_restore_is_audited(store: Store) -> None:
    o = org(store, "Pop-up Agency", kind="other", sector="other")
    restore_record(store, "organisations", delete_organisation(store, o))
    history = store.history("organisations", o)
    after = history[[e.action for e in history].index("delete") + 1 :]
    assert {e.action for e in after} == {"insert"}
    assert ("name", "Pop-up Agency") in {(e.field, e.new) for e in after}


def test_child_rows_need_a_restorer(store: Store) -> None:
    o = org(store, "Pop-up Agency", kind="other", sector="other")
    row = {**delete_organisation(store, o), "_people": []}
    with pytest.raises(ValueError, match="no restorer"):
        restore_record(store, "organisations", row)


def test_revert_writes_old_values_back_only_if_unchanged_since(store: Store) -> None:
    o = org(store, "Council")
    save_organisation(store, {"name": "Borough Council", "kind": "statutory partner",
                              "sector": "local authority"}, o)  # fmt: skip
    with pytest.raises(UndoConflict, match="changed since"):
        revert_record(store, "organisations", o, {"name": "Council"}, expected={"name": "Other"})
    assert get_organisation(store, o).name == "Borough Council"
    revert_record(
        store, "organisations", o, {"name": "Council"}, expected={"name": "Borough Council"}
    )
    assert get_organisation(store, o).name == "Council"
    assert store.history("organisations", o)[-1].new == "Council"


def test_revert_applies_the_rules_a_save_applies(store: Store) -> None:
    council = org(store, "Council")
    agency = org(store, "Agency", kind="other", sector="other")
    ann = person(store, "Ann", agency)
    store.update("people", ann, {"organisation_id": council})
    delete_organisation(store, agency)  # allowed now: Ann moved to the council
    with pytest.raises(NotFoundError, match="no organisation"):
        revert_record(store, "people", ann, {"organisation_id": agency})
    with pytest.raises(ValidationError, match="not an email address"):
        revert_record(store, "people", ann, {"email": "ann@"})
    assert get_person(store, ann).organisation_id == council


def test_revert_refuses_a_deleted_record(store: Store) -> None:
    o = org(store, "Pop-up Agency", kind="other", sector="other")
    delete_organisation(store, o)
    with pytest.raises(UndoConflict, match="deleted since"):
        revert_record(store, "organisations", o, {"name": "Old name"})


def test_remove_goes_through_the_areas_delete_rules(store: Store) -> None:
    o = org(store, "Council")
    as_added = store.require("organisations", o)
    ann = person(store, "Ann", o)
    with pytest.raises(ValidationError, match="Deactivate it instead"):
        remove_record(store, "organisations", o, expected=as_added)
    store.delete("people", ann)
    row = remove_record(store, "organisations", o, expected=as_added)
    assert row["name"] == "Council" and store.get("organisations", o) is None
    with pytest.raises(UndoConflict, match="deleted since"):
        remove_record(store, "organisations", o)


def test_a_read_only_file_refuses_every_step(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    o = org(store, "Pop-up Agency", kind="other", sector="other")
    monkeypatch.setattr(store, "read_only", True)
    with pytest.raises(ReadOnlyError):
        remove_record(store, "organisations", o)
    with pytest.raises(ReadOnlyError):
        revert_record(store, "organisations", o, {"name": "Other"})
    assert get_organisation(store, o).name == "Pop-up Agency"
