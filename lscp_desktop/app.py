"""Start-up: logging, open the database used last (explaining any problem), the welcome on
first run, the window."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lscp_desktop import APP_NAME, __version__
from lscp_desktop.paths import default_database, resources_dir

if TYPE_CHECKING:
    from lscp_desktop.ui.collector import GuiThreadCollector

log = logging.getLogger(__name__)

ICON_NAME = "lscp-desktop.png"


def run_gui(db: Path | str | None = None) -> int:
    """Run the window until it is closed; the process ends once this returns."""
    # Imported before PySide6: PySide's import hook would read the source of its imports.
    from lscp_desktop.ui.import_hook import skip_source_scan

    # No collection passes while the modules are imported and the window built: start-up
    # makes ~30,000 objects (types, enums, modules, the window's wrappers) that live as long
    # as the process, and the collector walked them again and again (issue 21). After each
    # stretch they are frozen (left out of every later collection) and the collector runs as
    # usual: while the database is opened (the welcome may wait for the user) and after, on
    # the window's thread only (ui/collector.py).
    gc.disable()
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    skip_source_scan()  # before the window's modules are imported
    from lscp_desktop.logs import install_excepthook, setup_logging
    from lscp_desktop.ui.startup import open_database

    setup_logging(rotating=False)  # rotating once the window is drawn (logs.py)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from lscp_desktop.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector(app)
    icon = resources_dir() / ICON_NAME
    if icon.is_file() and isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(icon)))
    install_excepthook(_show_crash)
    log.info("Starting %s %s (Python %s)", APP_NAME, __version__, sys.version.split()[0])
    from lscp_desktop.ui.file_menu import last_file

    _collect_as_usual(collector)
    # The database used last (a partnership started from File › New, or a team database),
    # else the usual one. A team database used last that cannot be reached now (the message
    # says why) gives way to the usual file, so the window still opens.
    path = db or last_file() or default_database()
    opened = open_database(path, welcome=path == default_database())
    if opened is None and db is None and isinstance(path, str):
        path = default_database()
        opened = open_database(path, welcome=True)
    if opened is None:
        return 1  # could not open, or the user quit the welcome: nothing more to do
    store, notices = opened
    from lscp_desktop.ui.mainwindow import MainWindow, quit_soon

    window = MainWindow(store, notices=notices)
    window.show()
    _collect_as_usual(collector)
    window.start_background_checks()
    window.ctx.runner.after_release(setup_logging)  # the log rotating from then on
    if os.environ.get("LSCP_DESKTOP_EXIT_AFTER_SHOWN"):
        quit_soon()
    try:
        return app.exec()
    finally:
        # Exit does not wait for the opening check (it is interrupted and gives no verdict),
        # nor for loads held until the first paint (dropped unstarted); a backup under way is
        # still waited for.
        window.ctx.store.stop_check()
        window.ctx.runner.wait()
        window.ctx.store.close()
        log.info("Closed")
        # The process ends once this returns. Python's last full collection, as it exits,
        # walks the ~30,000 objects of PySide's types and enums and the app's modules: 20-40 ms
        # of exit for nothing, as the database is closed above and the log is flushed at exit
        # (atexit) before it would run. Frozen, those objects are left to the process's end.
        gc.freeze()


def _collect_as_usual(collector: GuiThreadCollector) -> None:
    """The objects made so far out of later collections (they last the session), and the
    collections due made from now on, on the window's thread. (Building the window runs no
    event loop, so none is made while it is built.)"""
    gc.freeze()
    collector.start()


def _show_crash(text: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is not None:
        QMessageBox.critical(None, f"{APP_NAME}: something went wrong", text)
