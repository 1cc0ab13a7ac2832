"""The yearly report's publication and dispatch."""

from __future__ import annotations

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.reviews.recipients import save_dispatch_recipient, yearly_boards
from lscp_desktop.models.reviews.yearly_reports import (
    get_yearly_report,
    save_recipient,
    save_yearly_report,
)
from lscp_desktop.models.store.database import Store


def test_yearly_report_dispatch(store: Store) -> None:
    with pytest.raises(ValidationError, match="publication date before"):
        save_yearly_report(store, {"year": "2025/26", "panel_sent_date": "2026-10-01"})
    with pytest.raises(ValidationError, match="before publication"):
        save_yearly_report(store, {"year": "2025/26", "published_date": "2026-10-01",
                                   "what_works_sent_date": "2026-09-30"})  # fmt: skip
    with pytest.raises(ValidationError, match="financial year"):
        save_yearly_report(store, {"year": "2025"})
    rid = save_yearly_report(store, {"year": "2025-26", "published_date": "30/09/2026"})
    report = get_yearly_report(store, rid)
    assert report.year == "2025/26" and report.dispatch_due == "2026-10-07"
    # The usual recipients of seed 000, paragraph 74, from the recipients list.
    assert [r.recipient for r in report.recipients] == [name for name, _ in yearly_boards(store)]
    assert report.recipients[0].recipient == "ICB Board"
    save_dispatch_recipient(store, {"name": "Overview and Scrutiny Committee", "days": 28})
    later = get_yearly_report(store, save_yearly_report(store, {"year": "2026/27"}))
    assert (later.recipients[-1].recipient, later.recipients[-1].send_by_days) == (
        "Overview and Scrutiny Committee", 28
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already a yearly report"):
        save_yearly_report(store, {"year": "2025/26"})
    first = report.recipients[0]
    save_recipient(store, {"recipient": first.recipient, "sent_date": "2026-10-02"}, first.id)
    assert get_yearly_report(store, rid).boards_sent == 1
