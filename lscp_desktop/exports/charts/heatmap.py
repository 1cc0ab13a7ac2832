"""The 5 × 5 risk heat map and a risk's score over time, as PNG bytes.

Drawn on a bare matplotlib ``Figure`` (no pyplot), so it is safe on a worker thread; the
window shows the PNG as a pixmap and the Word exports insert the same bytes. Cells holding a
risk above its category's appetite are hatched and labelled, not only coloured, so the map
reads in black and white and for colour-blind readers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.exports.charts import hide_top_right, new_figure, to_png
from lscp_desktop.models.risks.records import IMPACT_LABELS, LIKELIHOOD_LABELS, HeatMap
from lscp_desktop.models.risks.scoring import score_band

BAND_COLOURS = {
    "low": "#c9e7c9",
    "medium": "#fce8b2",
    "high": "#f9cb9c",
    "very high": "#f4a6a0",
}
EDGE = "#3a3a3a"


def draw_heat_map(ax: Any, grid: HeatMap, title: str) -> None:
    """Draw one 5 × 5 grid on *ax*: likelihood up, impact across, counts in the cells.

    The cells are added with ``add_artist``, not ``add_patch``: the limits are set below, so
    the data limits ``add_patch`` works out for each cell are never used. The texts inside the
    cells are left out of the layout (they lie within the axes, so the layout is the same
    without them) so it does not measure each one: the same picture, in half the time."""
    from matplotlib.patches import Rectangle

    for li in range(5):
        for im in range(5):
            likelihood, impact = li + 1, im + 1
            score = likelihood * impact
            count = grid.counts[li][im]
            above = grid.above[li][im]
            ax.add_artist(
                Rectangle(
                    (im, li),
                    1,
                    1,
                    facecolor=BAND_COLOURS[score_band(score)],
                    edgecolor="white",
                    linewidth=2,
                )
            )
            if above:
                ax.add_artist(
                    Rectangle(
                        (im + 0.04, li + 0.04),
                        0.92,
                        0.92,
                        facecolor="none",
                        edgecolor=EDGE,
                        hatch="///",
                        linewidth=1.6,
                    )
                )
            if count:
                ax.text(  # in_layout=False: see the docstring
                    im + 0.5,
                    li + 0.56,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=15,
                    fontweight="bold",
                    color="#111111",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
                    if above
                    else None,
                    in_layout=False,
                )
                if above:
                    ax.text(
                        im + 0.5,
                        li + 0.2,
                        f"{above} over",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="#111111",
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"},
                        in_layout=False,
                    )
            ax.text(im + 0.93, li + 0.9, str(score), ha="right", va="top", fontsize=6.5,
                    color="#555555", in_layout=False)  # fmt: skip
    ax.set_xlim(0, 5)
    ax.set_ylim(0, 5)
    ax.set_aspect("equal")
    ax.set_xticks([i + 0.5 for i in range(5)])
    ax.set_xticklabels([f"{i + 1}\n{t}" for i, t in enumerate(IMPACT_LABELS)], fontsize=7)
    ax.set_yticks([i + 0.5 for i in range(5)])
    ax.set_yticklabels([f"{t} {i + 1}" for i, t in enumerate(LIKELIHOOD_LABELS)], fontsize=7)
    ax.set_xlabel("Impact", fontsize=8.5)
    ax.set_ylabel("Likelihood", fontsize=8.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(f"{title} ({grid.total} risk{'s' if grid.total != 1 else ''})", fontsize=10)


def heat_map_png(inherent: HeatMap, residual: HeatMap, *, title: str = "", dpi: int = 150) -> bytes:
    """Inherent and residual heat maps side by side, as PNG bytes."""
    fig = new_figure(8.6, 4.6)
    left, right = fig.subplots(1, 2)
    draw_heat_map(left, inherent, "Inherent (before controls)")
    draw_heat_map(right, residual, "Residual (after controls)")
    caption = (
        "Hatched cells hold a risk above its category's appetite; the small figure is the score."
    )
    fig.text(0.5, 0.005, caption, ha="center", va="bottom", fontsize=7, color="#444444")
    if title:
        fig.suptitle(title, fontsize=11, fontweight="bold")
    return to_png(fig, dpi)


def score_chart_png(
    points: list[tuple[str, int]],
    *,
    target: int | None = None,
    appetite: int | None = None,
    title: str = "",
    dpi: int = 150,
) -> bytes:
    """A risk's residual score at each review (a step line), with appetite and target lines."""
    fig = new_figure(6.5, 2.8)
    ax = fig.subplots()
    if points:
        days = [dt.date.fromisoformat(d) for d, _ in points]
        scores = [s for _, s in points]
        ax.step(days, scores, where="post", color="#1d4f91", linewidth=1.8)
        ax.plot(days, scores, "o", color="#1d4f91", markersize=3.5)
    else:
        ax.text(0.5, 0.5, "No reviews recorded yet", ha="center", va="center",
                transform=ax.transAxes, color="#555555")  # fmt: skip
    if appetite is not None:
        ax.axhline(
            appetite, color="#a4262c", linestyle="--", linewidth=1, label=f"Appetite {appetite}"
        )
    if target is not None:
        ax.axhline(target, color="#2e7d32", linestyle=":", linewidth=1.2, label=f"Target {target}")
    if appetite is not None or target is not None:
        ax.legend(fontsize=7, loc="upper left", frameon=False)
    ax.set_ylim(0, 26)
    ax.set_yticks([0, 5, 10, 15, 20, 25])
    ax.set_ylabel("Residual score", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(axis="y", color="#e3e7ee")
    hide_top_right(ax)
    if points:
        import matplotlib.dates as mdates

        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
    if title:
        ax.set_title(title, fontsize=9.5)
    return to_png(fig, dpi)
