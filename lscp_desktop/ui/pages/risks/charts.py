"""Pictures drawn off the GUI thread: a label that shows only its latest drawing, and the heat
map tab built on it. matplotlib is imported inside the drawing functions, never on start-up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from lscp_desktop.models.risks.records import HeatMap, Risk
from lscp_desktop.ui.background import BackgroundRunner


class ChartLabel(QLabel):
    """Shows a PNG drawn by the runner; a drawing overtaken by a newer one is dropped.

    With *fit* the picture is scaled to the label (keeping its shape), else shown as drawn."""

    def __init__(self, *, fit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fit = fit
        self._generation = 0

    def draw(
        self, runner: BackgroundRunner, png: Callable[[], bytes], *, waiting: str, failed: str
    ) -> None:
        self._generation += 1
        generation = self._generation
        self.setText(waiting)

        def shown(data: bytes) -> None:
            if generation == self._generation:
                pixmap = QPixmap()
                pixmap.loadFromData(data, "PNG")
                self.setPixmap(self._fitted(pixmap) if self._fit else pixmap)

        runner.run(lambda _p: png(), on_success=shown,
                   on_failure=lambda exc: self.setText(f"{failed}: {exc}"))  # fmt: skip

    def _fitted(self, pixmap: QPixmap) -> QPixmap:
        size = self.size()
        return pixmap.scaled(
            max(size.width(), 200),
            max(size.height(), 120),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )


class HeatMapPanel(QScrollArea):
    """The heat map tab: inherent and residual grids of the register shown, drawn when opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ChartLabel(fit=False)
        self.label.setText("The heat map is drawn when this tab is opened.")
        self.label.setObjectName("heatMap")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidgetResizable(True)
        self.setWidget(self.label)

    def draw(
        self, runner: BackgroundRunner, inherent: HeatMap, residual: HeatMap, title: str
    ) -> None:
        def png() -> bytes:
            from lscp_desktop.exports.charts.heatmap import heat_map_png

            return heat_map_png(inherent, residual, title=title, dpi=120)

        self.label.draw(
            runner, png, waiting="Drawing the heat map…", failed="The heat map could not be drawn"
        )


def score_chart_drawing(r: Risk, points: list[tuple[str, int]]) -> Callable[[], bytes]:
    """The drawing of a risk's residual score over time, against its target and appetite."""
    target, appetite, title = r.target_score, r.appetite, f"{r.reference}: residual score"

    def png() -> bytes:
        from lscp_desktop.exports.charts.heatmap import score_chart_png

        return score_chart_png(points, target=target, appetite=appetite, title=title, dpi=90)

    return png
