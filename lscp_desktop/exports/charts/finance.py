"""Funding charts: contributions by organisation, and budget against actual by category.

They take the model's records (plain dataclasses, already read), so they can be drawn on a
worker thread and reused by the yearly report. Amounts are labelled with the app's own £ text;
bar lengths are pounds as floats, which only positions pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lscp_desktop.exports.charts import hide_top_right, new_figure, to_png
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.records import BUDGET_CATEGORIES, BudgetLine, Contribution

BLUE = "#1d4f91"
LIGHT = "#9db8dc"
RED = "#a4262c"
GREY = "#5f6b7a"
MAX_BARS = 12


def _short(name: str, limit: int = 38) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def contributions_png(
    contributions: Sequence[Contribution],
    year_label: str,
    *,
    width_in: float = 6.5,
    dpi: int = 150,
) -> bytes:
    """Agreed (light) and received (dark) per organisation, largest first; beyond twelve
    organisations the rest are one bar."""
    items = sorted(contributions, key=lambda c: -c.agreed)
    rows = [(c.organisation, c.agreed, c.received) for c in items[:MAX_BARS]]
    rest = items[MAX_BARS:]
    if rest:
        rows.append(
            (
                f"{len(rest)} other organisations",
                sum(c.agreed for c in rest),
                sum(c.received for c in rest),
            )
        )
    fig = new_figure(width_in, 0.9 + 0.32 * max(len(rows), 3))
    ax = fig.add_subplot()
    if not rows:
        _empty(ax, f"No contributions recorded for {year_label}")
        return to_png(fig, dpi)
    labels = [_short(r[0]) for r in rows][::-1]
    agreed = [r[1] / 100 for r in rows][::-1]
    received = [r[2] / 100 for r in rows][::-1]
    positions = range(len(rows))
    ax.barh(positions, agreed, color=LIGHT, height=0.7, label="Agreed")
    ax.barh(positions, received, color=BLUE, height=0.38, label="Received")
    ax.set_yticks(list(positions), labels, fontsize=8)
    top = max(agreed) or 1
    for y, (a, pence) in enumerate(zip(agreed, [r[1] for r in rows][::-1], strict=True)):
        ax.text(a + top * 0.01, y, format_money(pence), va="center", fontsize=7, color=GREY)
    ax.set_xlim(0, top * 1.18)
    _money_axis(ax)
    ax.set_title(f"Contributions by organisation, {year_label}", fontsize=10, loc="left")
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    _tidy(ax)
    return to_png(fig, dpi)


def budget_png(
    lines: Sequence[BudgetLine], year_label: str, *, width_in: float = 6.5, dpi: int = 150
) -> bytes:
    """Budget and actual per category, with overspent categories in red."""
    cats = [c for c in BUDGET_CATEGORIES if any(b.category == c for b in lines)]
    rows = [
        (
            cat,
            sum(b.budget for b in lines if b.category == cat),
            sum(b.actual for b in lines if b.category == cat),
        )
        for cat in cats
    ]
    fig = new_figure(width_in, 0.9 + 0.42 * max(len(rows), 3))
    ax = fig.add_subplot()
    if not rows:
        _empty(ax, f"No budget set for {year_label}")
        return to_png(fig, dpi)
    rows = rows[::-1]
    positions = list(range(len(rows)))
    budget = [r[1] / 100 for r in rows]
    actual = [r[2] / 100 for r in rows]
    ax.barh([p + 0.2 for p in positions], budget, height=0.38, color=LIGHT, label="Budget")
    ax.barh(
        [p - 0.2 for p in positions],
        actual,
        height=0.38,
        color=[RED if r[2] > r[1] else BLUE for r in rows],
        label="Actual",
    )
    ax.set_yticks(positions, [r[0].capitalize() for r in rows], fontsize=8)
    top = max(budget + actual) or 1
    for p, r in zip(positions, rows, strict=True):
        variance = r[1] - r[2]
        text = f"{format_money(abs(variance))} {'under' if variance >= 0 else 'over'}"
        ax.text(
            max(r[1], r[2]) / 100 + top * 0.01,
            p,
            text,
            va="center",
            fontsize=7,
            color=RED if variance < 0 else GREY,
        )
    ax.set_xlim(0, top * 1.25)
    _money_axis(ax)
    ax.set_title(f"Budget and actual spend by category, {year_label}", fontsize=10, loc="left")
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    _tidy(ax)
    return to_png(fig, dpi)


def _money_axis(ax: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    def pounds(value: float, _pos: int) -> str:
        if value >= 1000:
            return f"£{value / 1000:,.0f}k"
        return f"£{value:,.0f}"

    ax.xaxis.set_major_formatter(FuncFormatter(pounds))
    ax.tick_params(axis="x", labelsize=7)


def _tidy(ax: Any) -> None:
    hide_top_right(ax)
    ax.grid(axis="x", color="#e3e7ee", linewidth=0.6)
    ax.set_axisbelow(True)


def _empty(ax: Any, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", color=GREY)
    ax.set_axis_off()
