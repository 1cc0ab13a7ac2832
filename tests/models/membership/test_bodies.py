"""Bodies: no reporting loops, and short codes and dates explained when wrong."""

from __future__ import annotations

import pytest
from helpers.membership import body

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.store.database import Store


def test_body_cannot_report_to_its_own_subgroup(store: Store) -> None:
    top = body(store, "Executive", "EXEC", "executive")
    sub = body(store, "Subgroup", "SUB", reports_to_id=top)
    with pytest.raises(ValidationError, match="report to itself"):
        save_body(
            store,
            {
                "name": "Executive",
                "code": "EXEC",
                "kind": "executive",
                "start_date": "2025-04-01",
                "reports_to_id": sub,
            },
            top,
        )


def test_bad_body_code_and_bad_date_are_explained(store: Store) -> None:
    with pytest.raises(ValidationError, match="short code"):
        body(store, "Executive", "E X")
    with pytest.raises(ValidationError, match="not a date; use dd/mm/yyyy"):
        save_body(
            store, {"name": "Exec", "code": "EXEC", "kind": "executive", "start_date": "31/02/2026"}
        )
    assert store.count("bodies") == 0
