"""Exporting a document or workbook from the window: where to save it (the last folder used
for that kind of file, a name from the document and the date), the export with a progress
dialog that can cancel it, then Open or Show in folder.

The export runs in the session's export worker, a process of its own
(:mod:`lscp_desktop.exports.worker_client`), so Word's and the charts' libraries never load
into the window's process; a background thread waits for it. With a synchronous runner (the
tests) it runs here, inline, as the command line's does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from lscp_desktop.exports.registry import ExportKind, ExportOptions
from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.ui import files
from lscp_desktop.ui.background import Cancelled, Progress, ProgressShown
from lscp_desktop.ui.context import AppContext

#: The kind of file whose last folder a save dialog starts in, per suffix.
FOLDER_KINDS = {".docx": "documents", ".xlsx": "workbooks", ".ics": "calendars"}


def ask_export_path(parent: QWidget | None, kind: ExportKind, suggested: str) -> Path | None:
    """Where to save *kind*'s file, starting in the folder last used for that kind of file."""
    return files.ask_save_path(
        parent, FOLDER_KINDS.get(kind.suffix, "exports"), f"Export {kind.label.lower()}",
        suggested, kind.suffix,
    )  # fmt: skip


def uses_worker(ctx: AppContext) -> bool:
    """Whether exports go to the export worker process: from a file, with a threaded runner.
    The worker opens the file read-only itself; a team database's exports are made in this
    process (the worker would need the user's password)."""
    return not ctx.runner.synchronous and ctx.store.opens_from_path


def warm_up(ctx: AppContext, kind: ExportKind) -> None:
    """Have the export worker get ready for *kind* (start, import its libraries) while the
    user chooses where to save it."""
    if uses_worker(ctx):
        from lscp_desktop.exports.worker_client import session_workers

        session_workers().prepare(kind.key)


def run_export(
    parent: QWidget,
    ctx: AppContext,
    kind: ExportKind,
    options: ExportOptions,
    path: Path,
    *,
    ask_again: Callable[[str], Path | None],
    on_done: Callable[[], None] = lambda: None,
) -> None:
    """Write *kind* to *path* off the GUI thread; *on_done* runs when it has finished, failed
    or been cancelled. A file open in another program offers another name (*ask_again* asks
    for it, given a suggestion)."""
    store = ctx.store
    shown = ProgressShown(parent, f"Exporting {kind.label.lower()}…")

    def finished() -> None:
        shown.close()
        on_done()

    def on_success(result: object) -> None:
        finished()
        saved = Path(str(result))
        pdf = saved.with_suffix(".pdf") if options.pdf else None
        ctx.status(f"Saved {saved}" + (f" and {pdf.name}" if pdf else ""))
        files.SavedFile.offer(parent, kind.label, saved, pdf=pdf)

    def on_failure(exc: BaseException) -> None:
        from lscp_desktop.exports.worker import ExportCancelled

        finished()
        if isinstance(exc, (Cancelled, ExportCancelled)):
            ctx.status("Export cancelled; nothing was saved.")
        elif isinstance(exc, TargetLockedError):
            again = QMessageBox.question(parent, kind.label, f"{exc}\n\nSave under another name?")
            if again == QMessageBox.StandardButton.Yes:
                new_path = ask_again(f"{path.stem} copy")
                if new_path is not None:
                    run_export(parent, ctx, kind, options, new_path, ask_again=ask_again,
                               on_done=on_done)  # fmt: skip
        elif isinstance(exc, LscpError):
            QMessageBox.warning(parent, kind.label, str(exc))
        else:
            QMessageBox.critical(parent, kind.label, f"The export failed: {exc}")

    def in_worker(progress: Progress) -> Path:
        from lscp_desktop.exports.worker_client import session_workers

        return session_workers().run(
            kind.key, options, path, store.data_path, progress.report, lambda: progress.cancelled
        )

    def here(progress: Progress) -> Path:
        return kind.run(store, options, path, progress.report)

    job = ctx.runner.run(
        in_worker if uses_worker(ctx) else here,
        on_success=on_success,
        on_failure=on_failure,
        on_progress=shown.update,
    )
    shown.cancels(job)
