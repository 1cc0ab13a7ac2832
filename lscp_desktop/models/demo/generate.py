"""Building the demo partnership: the membership first, then each area's step in order.

A fictional partnership shaped like the published arrangements in the seed documents. The same
seed gives the same partnership; dates are anchored to the financial year that contains
``today`` so there is always a current year and upcoming work. Other areas add their own demo
data by appending a step to :data:`DEMO_STEPS`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.demo.context import DemoContext, DemoStep
from lscp_desktop.models.demo.marker import mark_demo
from lscp_desktop.models.demo.membership import build_membership
from lscp_desktop.models.store.database import Store

SIZES = ("small", "large")

AUTHORITIES = ("Northbridge", "Eastmere", "Westholm")

#: Further demo data as "module:function" names, run in order after the membership is built.
#: Each domain appends its own; they are imported only when a demo is built.
DEMO_STEPS: list[str] = [
    "lscp_desktop.models.demo.meetings:build",
    # after meetings, so actions can link to agenda items
    "lscp_desktop.models.demo.actions:build",
    "lscp_desktop.models.demo.finance:build_finance",
    "lscp_desktop.models.demo.reviews:add_reviews",
    # after reviews and actions: escalations raise actions; themes go on meetings' agendas
    "lscp_desktop.models.demo.assurance:add_assurance",
]
#: Cover sheets for the Executive's next meetings (runs last: it needs meetings' agendas).
DEMO_STEPS.append("lscp_desktop.models.demo.documents:build")


def _steps() -> list[DemoStep]:
    found = []
    for name in DEMO_STEPS:
        module, _, func = name.partition(":")
        found.append(getattr(importlib.import_module(module), func))
    return found


def build_demo(
    store: Store,
    *,
    size: str = "small",
    seed: int = 1,
    authorities: int | None = None,
    today: dt.date | None = None,
) -> DemoContext:
    """Fill an empty database with a fictional partnership. Refuses a database that has data."""
    if size not in SIZES:
        raise ValidationError(f"The size must be one of: {', '.join(SIZES)}.", "size")
    authorities = authorities or (3 if size == "large" else 1)
    if authorities not in (1, 3):
        raise ValidationError("The demo covers either one or three local authorities.")
    if store.count("organisations") or store.count("people"):
        raise ValidationError(
            f"{store.path.name} already has organisations or people; demo data goes into a new "
            "file only."
        )
    today = today or dt.date.today()
    current = FinancialYear.containing(today)
    n_years = 10 if size == "large" else 3
    years = [FinancialYear(current.start_year - n_years + 1 + i) for i in range(n_years)]
    ctx = DemoContext(random.Random(seed), size, today, years, list(AUTHORITIES[:authorities]))
    with store.transaction():
        build_membership(store, ctx)
        for step in _steps():
            step(store, ctx)
        mark_demo(store, size=size, seed=seed)
    return ctx
