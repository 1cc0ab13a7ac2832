"""Screenshots of every page (and every tab on it) for looking at, and comparing before/after.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py DB OUT_DIR [--size 1280x720]

Set ``QT_SCALE_FACTOR=1.5`` for the 150% scaling check. The database is opened read-only, so a
demo file can be shot again and again; background loads are waited for before each grab.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtWidgets import QApplication, QTabWidget

    from lscp_desktop.models.store.database import Store
    from lscp_desktop.ui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = Store.open(args.db, read_only=True, daily_backup=False)
    window = MainWindow(store)
    window.resize(width, height)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle(seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)
        window.ctx.runner.wait()
        app.processEvents()

    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        settle()
        key = window.nav.item(row).text().lower().replace(" ", "-")
        window.grab().save(str(args.out / f"{row + 1:02d}-{key}.png"))
        page = window.stack.currentWidget()
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                settle(0.3)
                name = tabs.tabText(index).lower().replace(" ", "-").replace("&", "")
                window.grab().save(str(args.out / f"{row + 1:02d}-{key}-{index:02d}-{name}.png"))
            tabs.setCurrentIndex(0)
    window.close()
    store.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
