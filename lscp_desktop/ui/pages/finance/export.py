"""Exporting the year's Excel funding workbook on the background runner, with a progress
dialog that can cancel it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from lscp_desktop.exports.registry import ExportKind, ExportOptions
from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.ui.background import Cancelled
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.export_done import export_finished


def export_funding_workbook(
    parent: QWidget,
    ctx: AppContext,
    kind: ExportKind,
    options: ExportOptions,
    path: Path,
    *,
    on_done: Callable[[], None],
) -> None:
    """Write the workbook to *path*; *on_done* runs when it has finished, failed or stopped."""
    store = ctx.store
    dialog = QProgressDialog("Exporting the funding workbook…", "Cancel", 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def finished() -> None:
        dialog.reset()
        dialog.deleteLater()
        on_done()

    def on_progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"Exporting the funding workbook…\n{text}")

    def on_success(result: object) -> None:
        finished()
        ctx.status(f"Saved {result}")
        export_finished(parent, "Funding workbook", [Path(str(result))])

    def on_failure(exc: BaseException) -> None:
        finished()
        if isinstance(exc, Cancelled):
            ctx.status("Export cancelled; nothing was saved.")
        elif isinstance(exc, TargetLockedError | LscpError):
            QMessageBox.warning(parent, "Funding workbook", str(exc))
        else:
            QMessageBox.critical(parent, "Funding workbook", f"The export failed: {exc}")

    job = ctx.runner.run(
        lambda progress: kind.run(store, options, path, progress.report),
        on_success=on_success,
        on_failure=on_failure,
        on_progress=on_progress,
    )
    dialog.canceled.connect(job.cancel)
