"""The row of summary cards above the finance tabs: agreed, received, outstanding, budget,
spent and reserve for the year shown."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.analysis import format_share
from lscp_desktop.models.finance.records import YearSummary

CARDS = (
    ("agreed", "Contributions agreed"),
    ("received", "Received"),
    ("outstanding", "Outstanding"),
    ("budget", "Budget"),
    ("actual", "Spent"),
    ("reserve", "Reserve"),
)


def _card(label: str) -> tuple[QFrame, QLabel, QLabel]:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 8, 12, 8)
    layout.setSpacing(2)
    value = QLabel("—")
    value.setObjectName("cardNumber")
    value.setProperty("small", True)  # 15pt (style.py), not the 20pt of Home's cards
    text = QLabel(label)
    text.setObjectName("cardLabel")
    detail = QLabel()
    detail.setObjectName("muted")
    detail.setWordWrap(True)  # long details wrap rather than widen the window
    text.setWordWrap(True)
    layout.addWidget(value)
    layout.addWidget(text)
    layout.addWidget(detail)
    return card, value, detail


class SummaryCards(QWidget):
    """Six cards in a row; ``cards[key]`` is the (value, detail) pair of labels of each."""

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.cards: dict[str, tuple[QLabel, QLabel]] = {}
        for i, (key, label) in enumerate(CARDS):
            card, value, detail = _card(label)
            grid.addWidget(card, 0, i)
            self.cards[key] = (value, detail)

    def clear(self) -> None:
        for value, detail in self.cards.values():
            value.setText("—")
            detail.setText("")

    def show_summary(self, s: YearSummary) -> None:
        def show(key: str, pence: int, detail: str = "") -> None:
            value, label = self.cards[key]
            value.setText(format_money(pence))
            label.setText(detail)

        show("agreed", s.agreed, f"{s.contributors} contributors")
        share = format_share(Fraction(s.received, s.income)) if s.income else "—"
        show("received", s.received, f"{share} of income")
        show(
            "outstanding",
            s.outstanding,
            f"{s.overdue} overdue" if s.overdue else "none overdue",
        )
        show("budget", s.budget, f"opening reserve {format_money(s.year.opening_reserve)}")
        show(
            "actual",
            s.actual,
            f"{format_money(abs(s.variance))} {'under' if s.variance >= 0 else 'over'} budget",
        )
        if s.ended:
            show("reserve", s.closing_reserve, "carried forward")
        else:
            show("reserve", s.forecast_closing, "forecast to carry forward")
        value = self.cards["outstanding"][0]
        if bool(value.property("overdue")) != bool(s.overdue):  # red while any are overdue
            value.setProperty("overdue", bool(s.overdue))
            value.style().unpolish(value)
            value.style().polish(value)
