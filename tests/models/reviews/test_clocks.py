"""Each review's stored nearest clock kept up to date: after a delay, and after a clock target
changes in the settings."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.reviews.clocks import record_delay
from lscp_desktop.models.reviews.lifecycle import save_review
from lscp_desktop.models.reviews.milestones import MilestoneStatus
from lscp_desktop.models.reviews.register import get_review, review_milestones
from lscp_desktop.models.store.database import Store

D = dt.date


def test_a_delay_moves_the_clock_and_says_why(store: Store) -> None:
    rid = save_review(
        store,
        {"reference": "CSPR 2026-03", "kind": "local CSPR", "decision": "local CSPR",
         "decision_date": "2027-01-15", "commissioned_date": "2027-02-01",
         "draft_date": "2027-05-10", "final_date": "2027-06-10"},
    )  # fmt: skip
    assert get_review(store, rid).next_due == "2027-07-06"  # report to the Panel
    with pytest.raises(ValidationError, match="must be after"):
        record_delay(store, rid, "publication", "Trial", "2027-07-01")
    with pytest.raises(ValidationError, match="already done"):
        record_delay(store, rid, "draft", "Late", "2027-08-01")
    record_delay(store, rid, "publication", "Criminal trial listed", "2027-10-01")
    items = {m.key: m for m in review_milestones(store, rid)}
    assert items["publication"].effective_due == D(2027, 10, 1)
    assert items["publication"].due == D(2027, 7, 15)
    # Publication is a rule in months: said in months, 30 calendar days left.
    assert items["publication"].status(D(2027, 9, 1)) == MilestoneStatus(
        "Delayed: due in 1 month", "amber", 30
    )
    assert items["publication"].delay_reason == "Criminal trial listed"
    # The report to the Panel counts back from the revised publication date.
    assert items["sent_to_panel"].due == D(2027, 9, 22)
    assert get_review(store, rid).next_due == "2027-09-22"


def test_changing_a_target_recomputes_every_clock(store: Store) -> None:
    rid = save_review(store, {"reference": "LLR 2026-02", "kind": "local learning review",
                              "decision": "local learning review",
                              "decision_date": "2026-11-02",
                              "commissioned_date": "2026-11-05"})  # fmt: skip
    assert get_review(store, rid).next_due == "2027-03-02"
    settings.set_value(store, "review_draft_months", 2)
    # Two months is Sat 02/01/2027 and Fri 01/01 is a bank holiday: Thu 31/12/2026.
    assert get_review(store, rid).next_due == "2026-12-31"
    draft = next(m for m in review_milestones(store, rid) if m.key == "draft")
    assert draft.due == D(2026, 12, 31)


CHANGE_TARGET = """
import sys
from lscp_desktop.models.core import settings
from lscp_desktop.models.reviews.lifecycle import save_review
from lscp_desktop.models.reviews.register import get_review
from lscp_desktop.models.store.database import Store

store = Store.open(sys.argv[1], daily_backup=False)
rid = save_review(store, {"reference": "LLR 2026-02", "kind": "local learning review",
                          "decision": "local learning review", "decision_date": "2026-11-02",
                          "commissioned_date": "2026-11-05"})
before = get_review(store, rid).next_due
settings.set_value(store, "review_draft_months", "2")
print(before, get_review(store, rid).next_due)
store.close()
"""


def test_a_target_changed_through_settings_recomputes_clocks_in_a_fresh_process(
    tmp_path: Path,
) -> None:
    """Every setting is changed through ``settings.set_value`` (the window's Reports page is
    the one caller today). In a process that has loaded only what records a review, not this
    suite's other imports, changing a clock target that way recomputes the stored clocks."""
    out = subprocess.run(
        [sys.executable, "-c", CHANGE_TARGET, str(tmp_path / "p.db")],
        capture_output=True,
        text=True,
        check=True,
    )
    # Two months after 02/11/2026 is Sat 02/01/2027, after the New Year bank holiday: 31/12.
    assert out.stdout.split() == ["2027-03-02", "2026-12-31"]
