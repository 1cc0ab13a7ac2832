"""The chosen risk under the register: its detail (scores, controls, linked actions) on the
left; on the right its score over time and its reviews, newest first."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from lscp_desktop.models.actions.records import Action
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.risks.records import Risk, RiskReview
from lscp_desktop.models.risks.scoring import trend
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.page_parts import detail_label, fill_table, read_only_table
from lscp_desktop.ui.pages.risks.charts import ChartLabel, score_chart_drawing
from lscp_desktop.ui.pages.risks.columns import TREND_TEXT


class ReviewPanel(QWidget):
    """A risk's residual score over time above the table of its reviews."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = ChartLabel(fit=True)
        self.chart.setObjectName("scoreChart")
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart.setMinimumHeight(150)
        self.reviews = read_only_table("reviews", ["Date", "Score", "Trend", "Reviewer", "Note"])
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.chart, 3)
        col.addWidget(self.reviews, 2)

    def clear(self) -> None:
        self.reviews.setRowCount(0)
        self.chart.clear()

    def show_reviews(self, runner: BackgroundRunner, r: Risk, reviews: list[RiskReview]) -> None:
        """The reviews newest first, each with the trend up to it; the chart drawn by *runner*."""
        rows = []
        scores: list[int] = []
        for v in reviews:
            scores.append(v.score)
            rows.append((uk(v.review_date), f"{v.score} ({v.likelihood}×{v.impact})",
                         TREND_TEXT[trend(scores)], v.reviewer, v.note))  # fmt: skip
        fill_table(self.reviews, rows[::-1])
        self.chart.draw(
            runner,
            score_chart_drawing(r, [(v.review_date, v.score) for v in reviews]),
            waiting="Drawing the chart…",
            failed="The chart could not be drawn",
        )


class RiskDetail(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.detail = detail_label("riskDetail")
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setWidget(self.detail)
        self.review_panel = ReviewPanel()
        self.addWidget(detail_scroll)
        self.addWidget(self.review_panel)
        self.setSizes([460, 560])

    def clear(self) -> None:
        self.review_panel.clear()
        self.detail.setText("<span style='color:#5f6b7a'>Choose a risk to see its detail, "
                            "reviews and score over time.</span>")  # fmt: skip

    def show_risk(
        self,
        runner: BackgroundRunner,
        r: Risk,
        linked: list[Action],
        reviews: list[RiskReview],
    ) -> None:
        self.review_panel.clear()
        self.detail.setText(detail_html(r, linked))
        self.review_panel.show_reviews(runner, r, reviews)


def detail_html(r: Risk, linked: list[Action]) -> str:
    e = html.escape
    lines = [
        f"<b>{e(r.reference)}</b> — {e(r.title)}",
        f"<b>Register:</b> {e(r.register_label)} · <b>Category:</b> {e(r.category)} "
        f"(appetite {r.appetite})",
        f"<b>Owner:</b> {e(r.owner or 'none')}"
        + (f" · <b>Priority:</b> {e(r.priority)}" if r.priority else ""),
        f"<b>Inherent</b> {r.inherent_likelihood} × {r.inherent_impact} = "
        f"{r.inherent_score} · <b>Residual</b> {r.residual_likelihood} × "
        f"{r.residual_impact} = {r.residual_score}"
        + (" <b style='color:#a4262c'>above appetite</b>" if r.above_appetite else "")
        + f" · <b>Trend</b> {TREND_TEXT[r.trend]}",
        f"<b>Target</b> {r.target_score or '—'} by {uk(r.target_date) or '—'} · "
        f"<b>Status</b> {e(r.status)} · reviewed every {r.review_months} month(s), "
        f"<b>next</b> {uk(r.next_review)}"
        + (" <b style='color:#a4262c'>(overdue)</b>" if r.review_overdue else ""),
    ]
    for label, text in (("Description", r.description), ("Cause", r.cause),
                        ("Consequence", r.consequence), ("Controls", r.controls),
                        ("Closure note", r.closure_note)):  # fmt: skip
        if text:
            lines.append(f"<b>{label}:</b> {e(text)}")
    if linked:
        items = "".join(
            f"<li>{e(a.reference)} {e(a.title)} — {e(a.status)}, due {uk(a.due_date)}</li>"
            for a in linked
        )
        lines.append(f"<b>Further actions ({len(linked)}):</b><ul>{items}</ul>")
    else:
        lines.append("<b>Further actions:</b> none linked yet.")
    return "<br>".join(lines)
