"""Audits and the agencies each involves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import restore_record
from lscp_desktop.models.reviews.audits import delete_audit, list_audits, save_audit
from lscp_desktop.models.store.database import Store

D = dt.date


def test_audits_keep_their_agencies_and_come_back_on_undo(
    store: Store, add_agencies: Callable[[int], list[int]]
) -> None:
    orgs = add_agencies(3)
    with pytest.raises(ValidationError, match="at least two agencies"):
        save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                           "planned_date": "2026-12-01", "agency_ids": orgs[:1]})  # fmt: skip
    with pytest.raises(ValidationError, match="completed"):
        save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                           "planned_date": "2026-12-01", "findings": "Good"})  # fmt: skip
    aid = save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                             "planned_date": "2026-12-01", "agency_ids": orgs})  # fmt: skip
    assert list_audits(store)[0].agency_ids == orgs
    save_audit(store, {"title": "Neglect", "kind": "multi-agency",
                       "planned_date": "2026-12-01", "agency_ids": orgs[1:]}, aid)  # fmt: skip
    audit = list_audits(store)[0]
    assert audit.agency_ids == orgs[1:]
    assert audit.status(D(2026, 11, 23)) == "Planned" and audit.status(D(2026, 12, 2)) == "Overdue"
    row = delete_audit(store, aid)
    assert store.count("audit_agencies") == 0
    restore_record(store, "audits", row)
    assert list_audits(store)[0].agency_ids == orgs[1:]
