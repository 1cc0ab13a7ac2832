"""Charts drawn with matplotlib's Agg canvas, as PNG bytes for the window and for Word.

matplotlib is imported only here and only when a chart is drawn (it costs ~400 ms), and
``Figure`` is used without pyplot so charts can be drawn on a worker thread.
"""

from __future__ import annotations

import io
from typing import Any


def new_figure(width_in: float = 6.5, height_in: float = 3.5) -> Any:
    """A matplotlib Figure with the house font sizes, not attached to pyplot."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=100, layout="constrained")
    fig.set_facecolor("white")
    return fig


def to_png(fig: Any, dpi: int = 150, *, compress_level: int | None = None) -> bytes:
    """The figure as PNG bytes; a low *compress_level* (1) saves time on big documents.

    The figure's layout is worked out here, once, at the printed resolution, and the figure
    then drawn once: ``savefig`` of a figure with a layout engine would first draw the whole
    figure with its output switched off only to run the layout (the same picture, in about
    two thirds of the time)."""
    engine = fig.get_layout_engine()
    if engine is not None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)  # the renderer the layout measures text with
        fig.dpi = dpi
        engine.execute(fig)
        fig.set_layout_engine(None)  # laid out: savefig need not do it again
    buffer = io.BytesIO()
    extra = {} if compress_level is None else {"pil_kwargs": {"compress_level": compress_level}}
    fig.savefig(buffer, format="png", dpi=dpi, **extra)
    return buffer.getvalue()


def hide_top_right(ax: Any) -> None:
    """Drop the top and right frame lines, as every chart here draws them."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
