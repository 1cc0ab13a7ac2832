"""A risk register for the risks model tests: two categories with their appetites; ``risk``
adds a risk to it."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.risks.categories import save_category
from lscp_desktop.models.risks.saving import save_risk
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2026, 11, 22)


def make_categories(store: Store) -> dict[str, int]:
    return {
        "practice": save_category(store, {"name": "Practice", "appetite": "6"}),
        "finance": save_category(store, {"name": "Finance", "appetite": "12"}),
    }


def risk(store: Store, category: int, **values: object) -> int:
    base: dict[str, object] = {"register": "strategic", "title": "A risk", "category_id": category,
                               "inherent_likelihood": 4, "inherent_impact": 4,
                               "residual_likelihood": 2, "residual_impact": 3,
                               "raised_date": "2026-01-10"}  # fmt: skip
    base.update(values)
    return save_risk(store, base, on=TODAY)
