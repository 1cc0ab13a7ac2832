"""Every filter of an action log."""

from __future__ import annotations

import pytest
from helpers.action_log import TODAY, add

from lscp_desktop.models.actions.filters import ActionFilter, filter_actions
from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.actions.records import (
    OPEN_STATUSES,
)
from lscp_desktop.models.actions.status import set_status
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def test_every_filter(store: Store, log: dict[str, int]) -> None:
    overdue = add(store, log, title="Chase neglect data", raised_date="2026-09-01",
                  due_date="2026-11-01", priority_id=log["priority"])  # fmt: skip
    soon = add(store, log, title="Write briefing", due_date="2026-12-01")
    later = add(store, log, title="Audit report", owner_id=log["bob"], due_date="2027-03-01")
    other = add(store, log, title="Sub work", body_id=log["sub"], due_date="2026-12-05")
    done = add(store, log, title="Old neglect work")
    set_status(store, done, "completed", note="ok", on=TODAY)
    actions = list_actions(store, today=TODAY)

    def ids(**kw: object) -> set[int]:
        flt = ActionFilter(today=TODAY.isoformat(), **kw)  # type: ignore[arg-type]
        return {a.id for a in filter_actions(actions, flt)}

    assert ids() == {overdue, soon, later, other, done}
    assert ids(body_id=log["sub"]) == {other}
    assert ids(owner_id=log["bob"]) == {later}
    assert ids(organisation_id=log["icb"]) == {later}
    assert ids(statuses=frozenset({"completed"})) == {done}
    assert ids(rag="red") == {overdue}
    assert ids(rag="amber") == {soon, other}
    assert ids(overdue=True) == {overdue}
    # Exec's next meeting is 10/12/2026 (the cancelled one on 01/12 does not count); the
    # subgroup has no meeting ahead.
    assert ids(before_next_meeting=True) == {overdue, soon}
    assert ids(priority_id=log["priority"]) == {overdue}
    assert ids(text="NEGLECT") == {overdue, done}
    assert ids(text="neglect chase") == {overdue}
    assert ids(text="bob busy") == {later}
    assert {a.id for a in list_actions(store, statuses=OPEN_STATUSES, today=TODAY)} == {
        overdue, soon, later, other}  # fmt: skip
    with pytest.raises(ValidationError):
        ActionFilter(rag="purple")
