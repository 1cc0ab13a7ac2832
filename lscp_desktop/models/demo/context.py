"""What the membership step of the demo built, handed to every later demo step."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.store.database import Store


@dataclass
class DemoContext:
    """What the membership step built, for the other domains' demo steps to use."""

    rng: random.Random
    size: str
    today: dt.date
    years: list[FinancialYear]
    local_authorities: list[str]
    organisation_ids: dict[str, int] = field(default_factory=dict)
    person_ids: list[int] = field(default_factory=list)
    body_ids: dict[str, int] = field(default_factory=dict)
    statutory_partner_ids: list[int] = field(default_factory=list)

    @property
    def large(self) -> bool:
        return self.size == "large"


DemoStep = Callable[[Store, DemoContext], None]
