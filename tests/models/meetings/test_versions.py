"""Meetings records a form edits keep their version (issue 22): the records carry the version
they were read at, and a chair rotation is changed in place, its partners counting as its own
fields, so a save over a colleague's change to either is refused."""

from __future__ import annotations

import pytest
from helpers.meetings import make_partnership

from lscp_desktop.models.core.errors import ConflictError
from lscp_desktop.models.meetings.chair_rotation import get_rotation, save_rotation
from lscp_desktop.models.meetings.meetings import get_meeting, save_meeting
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import OpenedRecord


def test_a_meeting_read_carries_its_version(store: Store) -> None:
    p = make_partnership(store)
    mid = save_meeting(store, {"body_id": p.body, "date": "2026-06-01"})
    assert get_meeting(store, mid).row_version == 1
    store.update("meetings", mid, {"venue": "Room 4"})
    assert get_meeting(store, mid).row_version == 2


def test_a_rotation_is_changed_in_place_and_its_partners_count_as_its_own(store: Store) -> None:
    p = make_partnership(store)

    def rotate(months: int, *partners: int) -> int:
        return save_rotation(store, p.body, every_months=months, start_date="2025-04-01",
                             turns=[(o, None) for o in partners])  # fmt: skip

    rotation_id = rotate(12, p.council, p.icb, p.police)
    opened = OpenedRecord.open(store, "chair_rotations", rotation_id)
    assert opened is not None and opened.version == 1
    assert rotate(12, p.council, p.icb, p.police) == rotation_id  # nothing changed
    assert store.require("chair_rotations", rotation_id)["row_version"] == 1
    # A colleague puts the police first: the same rotation, one version on, its history says so.
    assert rotate(12, p.police, p.council, p.icb) == rotation_id
    assert store.require("chair_rotations", rotation_id)["row_version"] == 2
    entry = store.history("chair_rotations", rotation_id)[-1]
    assert entry.field == "partners"
    assert entry.new == "Northshire Police, Northbridge Council, North ICB"
    # A form opened before that is refused, and nothing of it is saved.
    with pytest.raises(ConflictError) as refused, opened.saving():
        rotate(6, p.council, p.icb, p.police)
    assert str(refused.value).startswith("The chair rotation of the ")
    rotation = get_rotation(store, p.body)
    assert rotation is not None and rotation.every_months == 12
    assert [t.organisation_id for t in rotation.turns] == [p.police, p.council, p.icb]
    # Saved over theirs when the user chooses so.
    opened.overwrite(refused.value)
    with opened.saving():
        rotate(6, p.council, p.icb)
    rotation = get_rotation(store, p.body)
    assert rotation is not None and rotation.every_months == 6 and rotation.id == rotation_id
    assert [t.organisation_id for t in rotation.turns] == [p.council, p.icb]


def test_a_rotation_deleted_since_the_form_opened_is_not_added_again(store: Store) -> None:
    from lscp_desktop.models.core.errors import NotFoundError
    from lscp_desktop.models.meetings.chair_rotation import delete_rotation

    p = make_partnership(store)
    turns = [(p.council, None), (p.icb, None)]
    rotation_id = save_rotation(store, p.body, every_months=12, start_date="2025-04-01",
                                turns=turns)  # fmt: skip
    opened = OpenedRecord.open(store, "chair_rotations", rotation_id)
    assert opened is not None
    delete_rotation(store, p.body)  # a colleague's
    with pytest.raises(NotFoundError, match="deleted by someone else"), opened.saving():
        save_rotation(store, p.body, every_months=6, start_date="2025-04-01", turns=turns)
    assert get_rotation(store, p.body) is None
    # Without a form's record open, a rotation is added as before.
    assert save_rotation(store, p.body, every_months=6, start_date="2025-04-01", turns=turns)
