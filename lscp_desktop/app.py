"""Start-up: open the database (explaining any problem), build the demo on first run, show
the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lscp_desktop import APP_NAME, __version__
from lscp_desktop.paths import default_database


def run_gui(db: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from lscp_desktop.ui.startup import open_database

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    path = db or default_database()
    opened = open_database(path, first_run_demo=db is None)
    if opened is None:
        return 1
    store, notices = opened
    from lscp_desktop.ui.mainwindow import MainWindow, quit_soon

    window = MainWindow(store, notices=notices)
    window.show()
    if os.environ.get("LSCP_DESKTOP_EXIT_AFTER_SHOWN"):
        quit_soon()
    try:
        return app.exec()
    finally:
        window.ctx.runner.wait()
        window.ctx.store.close()
