"""A body's cadence: validated when saved, described in words."""

from __future__ import annotations

import pytest
from helpers.meetings import make_partnership

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import cadence as c
from lscp_desktop.models.store.database import Store


def test_cadence_validation(store: Store) -> None:
    p = make_partnership(store)
    base = vars(c.get_cadence(store, p.body)) | {"anchor_month": 4}
    with pytest.raises(ValidationError, match="weekdays"):
        c.save_cadence(store, base | {"weekday": "Saturday"})
    with pytest.raises(ValidationError, match="not a time"):
        c.save_cadence(store, base | {"start_time": "25:99"})
    with pytest.raises(ValidationError, match="not a number of minutes"):
        c.save_cadence(store, base | {"standing_items": "Welcome | five"})
    c.save_cadence(store, base | {"frequency": "every N months", "interval_months": "4"})
    assert c.get_cadence(store, p.body).months_between == 4
    assert "Every 4 months" in c.get_cadence(store, p.body).describe()
