"""Funding charts: PNGs drawn from the model's records, without pyplot."""

from __future__ import annotations

import subprocess
import sys

from lscp_desktop.exports.charts.finance import budget_png, contributions_png
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.years import get_year
from lscp_desktop.models.store.database import Store

PNG = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_charts_of_the_demo_year(demo_store: Store) -> None:
    year = get_year(demo_store, "2026/27")
    contributions = list_contributions(demo_store, year.id)
    lines = list_budget_lines(demo_store, year.id)
    png = contributions_png(contributions, year.label, width_in=6, dpi=100)
    assert png.startswith(PNG)
    width, height = _size(png)
    assert width == 600 and height > 300  # a bar per contributor
    budget = budget_png(lines, year.label, width_in=6, dpi=100)
    assert budget.startswith(PNG) and _size(budget)[0] == 600


def test_many_contributors_and_none(demo_store: Store) -> None:
    year = get_year(demo_store, "2026/27")
    many = list_contributions(demo_store, year.id) * 6
    few = contributions_png(many[:12], "x", dpi=50)
    grouped = contributions_png(many, "x", dpi=50)
    assert _size(grouped)[1] == _size(contributions_png(many[:13], "x", dpi=50))[1]
    assert _size(grouped)[1] > _size(few)[1]
    assert contributions_png([], "2030/31", dpi=50).startswith(PNG)
    assert budget_png([], "2030/31", dpi=50).startswith(PNG)


def test_drawing_never_loads_pyplot() -> None:
    code = (
        "import sys\n"
        "from lscp_desktop.exports.charts.finance import budget_png\n"
        "budget_png([], '2025/26')\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
