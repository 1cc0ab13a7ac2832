"""Charts for the yearly report: partner contributions and attendance, as PNG bytes.

Bars are labelled with their values and the charts carry titles, so nothing depends on colour.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from lscp_desktop.exports.charts import hide_top_right, to_png
from lscp_desktop.exports.safe import clean_text

NAVY, TEAL, GREY = "#1d3d6b", "#4f9a94", "#9aa5b1"


#: Tick labels longer than this wrap onto a second line rather than being cut off.
LABEL_WRAP = 30
TICK_SIZE = 7


def _labels(names: Sequence[str]) -> list[str]:
    """Every name whole: clean, wrapped onto two lines when long (a third only if it must)."""
    out = []
    for name in names:
        text = " ".join(clean_text(name).split()) or "(no name)"
        out.append("\n".join(textwrap.wrap(text, LABEL_WRAP, max_lines=3, placeholder="…")))
    return out


def _text_inches(text: str, size: float = TICK_SIZE) -> float:
    """How wide matplotlib draws *text* at *size* points, measured with its own font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    width, _height, _descent = TextToPath().get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width) / 72


def _figure(labels: Sequence[str], per_row: float) -> Any:
    """A bare Figure whose left margin fits the longest label (constrained layout costs more
    than the drawing): 6.6 inches wide, as tall as the rows need."""
    from matplotlib.figure import Figure

    rows = max(1, len(labels))
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    height = min(9.5, 1.1 + max(per_row, 0.14 * lines + 0.06) * rows)
    width = 6.6
    longest = max((_text_inches(line) for label in labels for line in label.split("\n")),
                  default=1.0)  # fmt: skip
    left = min(0.5, (longest + 0.15) / width)  # the label, the tick and a little air
    fig = Figure(figsize=(width, height), dpi=100)
    fig.set_facecolor("white")
    fig.subplots_adjust(left=left, right=0.93, top=1 - 0.42 / height, bottom=0.55 / height)
    return fig


def funding_png(names: Sequence[str], agreed_pence: Sequence[int],
                received_pence: Sequence[int], *, title: str) -> bytes:  # fmt: skip
    """Agreed and received contribution per partner, horizontal bars, whole pounds."""
    labels = _labels(names)
    fig = _figure(labels, 0.36)
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
    ax.set_yticklabels(labels, fontsize=TICK_SIZE)
    ax.set_xlim(0, top * 1.18)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"£{int(v):,}")
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    ax.set_title(title, fontsize=9.5)
    hide_top_right(ax)
    return to_png(fig, 150, compress_level=1)


def attendance_png(names: Sequence[str], percents: Sequence[int], *, title: str) -> bytes:
    """Attendance rate per organisation, horizontal bars labelled with the percentage."""
    labels = _labels(names)
    fig = _figure(labels, 0.32)
    ax = fig.subplots()
    rows = list(range(len(names)))[::-1]
    colours = [NAVY if p >= 75 else GREY for p in percents]
    ax.barh(rows, percents, height=0.6, color=colours)
    for r, p in zip(rows, percents, strict=True):
        ax.text(p + 1, r, f"{p}%", va="center", fontsize=6.5)
    ax.axvline(75, color="#a4262c", linestyle="--", linewidth=1)
    ax.set_ylim(-0.6, len(names) - 0.4 + 0.5)  # room above the top bar for the line's label
    ax.text(75, len(names) - 0.35, " 75% expected", color="#a4262c", fontsize=6.5, va="center")
    ax.set_yticks(rows)
    ax.set_yticklabels(labels, fontsize=TICK_SIZE)
    ax.set_xlim(0, 110)
    ax.set_xlabel("Meetings attended in person or by a deputy (%)", fontsize=7.5)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title(title, fontsize=9.5)
    hide_top_right(ax)
    return to_png(fig, 150, compress_level=1)
