"""Charts for the yearly report: partner contributions and attendance, as PNG bytes.

Bars are labelled with their values and the charts carry titles, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lscp_desktop.exports.charts import hide_top_right, to_png
from lscp_desktop.exports.safe import clean_text

NAVY, TEAL, GREY = "#1d3d6b", "#4f9a94", "#9aa5b1"


def _figure(rows: int, per_row: float) -> Any:
    """A bare Figure with fixed margins: constrained layout costs more than the drawing."""
    from matplotlib.figure import Figure

    height = min(8.5, 1.1 + per_row * max(1, rows))
    fig = Figure(figsize=(6.6, height), dpi=100)
    fig.set_facecolor("white")
    fig.subplots_adjust(left=0.34, right=0.95, top=1 - 0.42 / height, bottom=0.55 / height)
    return fig


def _label(name: str) -> str:
    """A tick label: clean, on one line, at most 34 characters."""
    text = " ".join(clean_text(name).split()) or "(no name)"
    return text if len(text) <= 34 else text[:33] + "…"


def funding_png(names: Sequence[str], agreed_pence: Sequence[int],
                received_pence: Sequence[int], *, title: str) -> bytes:  # fmt: skip
    """Agreed and received contribution per partner, horizontal bars, whole pounds."""
    fig = _figure(len(names), 0.36)
    ax = fig.subplots()
    rows = list(range(len(names)))[::-1]
    agreed = [p // 100 for p in agreed_pence]
    received = [p // 100 for p in received_pence]
    ax.barh([r + 0.2 for r in rows], agreed, height=0.38, color=NAVY, label="Agreed")
    ax.barh([r - 0.2 for r in rows], received, height=0.38, color=TEAL, label="Received",
            hatch="//", edgecolor="white")  # fmt: skip
    top = max([*agreed, *received, 1])
    for r, a, g in zip(rows, agreed, received, strict=True):
        ax.text(a + top * 0.01, r + 0.2, f"£{a:,}", va="center", fontsize=6.5)
        ax.text(g + top * 0.01, r - 0.2, f"£{g:,}", va="center", fontsize=6.5)
    ax.set_yticks(rows)
    ax.set_yticklabels([_label(n) for n in names], fontsize=7)
    ax.set_xlim(0, top * 1.18)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"£{int(v):,}")
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    ax.set_title(title, fontsize=9.5)
    hide_top_right(ax)
    return to_png(fig, 150, compress_level=1)


def attendance_png(names: Sequence[str], percents: Sequence[int], *, title: str) -> bytes:
    """Attendance rate per organisation, horizontal bars labelled with the percentage."""
    fig = _figure(len(names), 0.32)
    ax = fig.subplots()
    rows = list(range(len(names)))[::-1]
    colours = [NAVY if p >= 75 else GREY for p in percents]
    ax.barh(rows, percents, height=0.6, color=colours)
    for r, p in zip(rows, percents, strict=True):
        ax.text(p + 1, r, f"{p}%", va="center", fontsize=6.5)
    ax.axvline(75, color="#a4262c", linestyle="--", linewidth=1)
    ax.text(75, len(names) - 0.4, " 75% expected", color="#a4262c", fontsize=6.5)
    ax.set_yticks(rows)
    ax.set_yticklabels([_label(n) for n in names], fontsize=7)
    ax.set_xlim(0, 110)
    ax.set_xlabel("Meetings attended in person or by a deputy (%)", fontsize=7.5)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title(title, fontsize=9.5)
    hide_top_right(ax)
    return to_png(fig, 150, compress_level=1)
