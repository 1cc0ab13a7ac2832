"""The Charts tab: contributions by organisation and budget against spend, drawn with
matplotlib on the background runner (never on the GUI thread) and only when the tab is shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QWidget

from lscp_desktop.models.finance.records import BudgetLine, Contribution
from lscp_desktop.ui.background import BackgroundRunner, Progress


class ChartsPanel(QScrollArea):
    """Two charts side by side; ``stale`` until drawn for the records last given."""

    def __init__(self, runner: BackgroundRunner) -> None:
        super().__init__()
        self._runner = runner
        self._generation = 0
        #: The year shown changed since the charts were last drawn.
        self.stale = True
        self.setWidgetResizable(True)
        charts = QWidget()
        layout = QHBoxLayout(charts)
        self.contributions_chart = QLabel("Drawing…")
        self.budget_chart = QLabel("Drawing…")
        for chart in (self.contributions_chart, self.budget_chart):
            chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(chart, 1)
        self.setWidget(charts)

    def draw(
        self, contributions: Sequence[Contribution], lines: Sequence[BudgetLine], label: str
    ) -> None:
        """Draw both charts for year *label*; a later call wins over one still drawing."""
        self.stale = False
        self._generation += 1
        generation = self._generation
        contributions, lines = list(contributions), list(lines)
        width_in = max(4.0, (self.viewport().width() / 2 - 24) / 100)

        def draw(_progress: Progress) -> tuple[bytes, bytes]:
            from lscp_desktop.exports.charts.finance import budget_png, contributions_png

            return (
                contributions_png(contributions, label, width_in=width_in, dpi=100),
                budget_png(lines, label, width_in=width_in, dpi=100),
            )

        def shown(result: tuple[bytes, bytes]) -> None:
            if generation != self._generation:
                return  # a newer year was chosen meanwhile
            for label_widget, png in zip(
                (self.contributions_chart, self.budget_chart), result, strict=True
            ):
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                label_widget.setPixmap(pixmap)

        def failed(exc: BaseException) -> None:
            self.contributions_chart.setText(f"The charts could not be drawn: {exc}")

        self.contributions_chart.setText("Drawing…")
        self.budget_chart.clear()
        # Let the page paint first; the drawing itself runs on the thread pool.
        QTimer.singleShot(0, lambda: self._runner.run(draw, on_success=shown, on_failure=failed))
