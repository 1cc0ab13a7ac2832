"""The risk registers' records and constants: registers, statuses, the 5 × 5 scale's labels,
and the records a register shows (a risk, a review, a category with its appetite, a heat map)."""

from __future__ import annotations

from dataclasses import dataclass, field

REGISTERS = ("strategic", "operational", "subgroup")
REGISTER_LABELS = {
    "strategic": "Strategic",
    "operational": "Operational",
    "subgroup": "Subgroup",
}
REFERENCE_PREFIX = {"strategic": "SR", "operational": "OR"}
STATUSES = ("open", "escalated", "tolerated", "closed")
LIVE_STATUSES = frozenset({"open", "escalated", "tolerated"})
TREND_UP, TREND_DOWN, TREND_LEVEL = "up", "down", "level"
LIKELIHOOD_LABELS = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
IMPACT_LABELS = ("Negligible", "Minor", "Moderate", "Major", "Severe")


@dataclass
class Category:
    id: int
    name: str
    appetite: int
    statement: str = ""
    risk_count: int = 0
    #: The version the record was read at (see models/store/versions.py).
    row_version: int = 1


@dataclass(slots=True)
class Risk:
    id: int
    reference: str
    register: str
    body_id: int | None
    body: str
    title: str
    description: str
    cause: str
    consequence: str
    category_id: int
    category: str
    appetite: int
    owner_id: int | None
    owner: str
    priority_id: int | None
    priority: str
    inherent_likelihood: int
    inherent_impact: int
    controls: str
    residual_likelihood: int
    residual_impact: int
    target_score: int | None
    target_date: str | None
    status: str
    closure_note: str
    closed_date: str | None
    review_months: int
    next_review: str | None
    raised_date: str
    last_review: str | None
    review_count: int
    previous_score: int | None
    open_actions: int
    trend: str = TREND_LEVEL
    review_overdue: bool = False
    search_text: str = ""
    #: The version the record was read at (see models/store/versions.py).
    row_version: int = 1

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def above_appetite(self) -> bool:
        return self.status in LIVE_STATUSES and self.residual_score > self.appetite

    @property
    def register_label(self) -> str:
        if self.register == "subgroup":
            return f"{self.body} (subgroup)" if self.body else "Subgroup"
        return REGISTER_LABELS[self.register]


@dataclass(slots=True)
class RiskReview:
    id: int
    risk_id: int
    review_date: str
    likelihood: int
    impact: int
    reviewer_id: int | None
    reviewer: str
    note: str
    #: The version the record was read at (see models/store/versions.py).
    row_version: int = 1

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(slots=True)
class RegisterReview:
    """A review with its risk's reference, for exports of a whole register."""

    reference: str
    review_date: str
    likelihood: int
    impact: int
    reviewer: str
    note: str

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass
class HeatMap:
    """Counts of live risks per cell: ``counts[likelihood-1][impact-1]``; ``above`` counts
    those whose score in that cell is above their category's appetite."""

    which: str
    counts: list[list[int]] = field(default_factory=lambda: [[0] * 5 for _ in range(5)])
    above: list[list[int]] = field(default_factory=lambda: [[0] * 5 for _ in range(5)])

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts))
