"""The risk register's table: its columns, the score-band colours and the trend arrows; and the
columns of the categories-and-appetite register."""

from __future__ import annotations

from PySide6.QtGui import QColor

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.risks.records import TREND_DOWN, TREND_LEVEL, TREND_UP, Category, Risk
from lscp_desktop.models.risks.scoring import score_band
from lscp_desktop.ui.table import Column

BAND_COLOURS = {
    "low": QColor("#c9e7c9"),
    "medium": QColor("#fce8b2"),
    "high": QColor("#f9cb9c"),
    "very high": QColor("#f4a6a0"),
}
TREND_TEXT = {TREND_UP: "▲ up", TREND_DOWN: "▼ down", TREND_LEVEL: "► level"}


def risk_columns() -> list[Column[Risk]]:
    return [
        Column("Ref.", lambda r: r.reference, tooltip=lambda r: r.reference),
        Column("Risk", lambda r: r.title, tooltip=lambda r: r.description or r.title, stretch=True),
        Column("Register", lambda r: r.register_label),
        Column("Category", lambda r: r.category),
        Column("Owner", lambda r: r.owner),
        Column(
            "Inherent",
            lambda r: f"{r.inherent_score} ({r.inherent_likelihood}×{r.inherent_impact})",
            sort_key=lambda r: r.inherent_score,
            background=lambda r: BAND_COLOURS[score_band(r.inherent_score)],
        ),
        Column(
            "Residual",
            lambda r: f"{r.residual_score} ({r.residual_likelihood}×{r.residual_impact})",
            sort_key=lambda r: r.residual_score,
            background=lambda r: BAND_COLOURS[score_band(r.residual_score)],
        ),
        Column(
            "Appetite",
            lambda r: f"{r.appetite}" + (" — above" if r.above_appetite else ""),
            sort_key=lambda r: (r.above_appetite, r.appetite),
        ),
        Column("Trend", lambda r: TREND_TEXT[r.trend]),
        Column("Target", lambda r: str(r.target_score or ""), sort_key=lambda r: r.target_score),
        Column("Status", lambda r: r.status),
        Column(
            "Next review",
            lambda r: uk(r.next_review) + (" — overdue" if r.review_overdue else ""),
            sort_key=lambda r: r.next_review,
            background=lambda r: QColor("#f4c7c3") if r.review_overdue else None,
        ),
        Column(
            "Actions",
            lambda r: str(r.open_actions),
            sort_key=lambda r: r.open_actions,
            tooltip=lambda r: f"{r.open_actions} open action(s) linked to the risk",
        ),
    ]


def category_columns() -> list[Column[Category]]:
    return [
        Column("Category", lambda c: c.name),
        Column(
            "Appetite (highest acceptable score)",
            lambda c: str(c.appetite),
            sort_key=lambda c: c.appetite,
        ),
        Column("Risks", lambda c: str(c.risk_count), sort_key=lambda c: c.risk_count),
        Column("Appetite statement", lambda c: c.statement, stretch=True),
    ]
