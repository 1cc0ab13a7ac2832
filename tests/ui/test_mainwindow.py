"""The main window: navigation, status bar, keyboard commands, restore, layout, start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.membership.organisations import find_organisation, save_organisation
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages import PAGES
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.membership.page import MembershipPage
from lscp_desktop.ui.restore import RestoreDialog
from lscp_desktop.ui.startup import open_database


@pytest.fixture
def window(qtbot: Any, demo_store: Store) -> MainWindow:
    w = MainWindow(demo_store, notices=["Welcome."], runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    return w


def test_every_page_opens_in_the_window(window: MainWindow) -> None:
    for row, spec in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        page = window.current_page()
        assert window.stack.currentWidget() is page
        assert isinstance(page, Page) and window.page(spec.key) is page
    assert window.stack.count() == len(PAGES)  # each stand-in replaced, none left behind
    assert window.banner.isVisible() and "Welcome." in window.banner.text()


def test_status_bar_shows_database_and_last_backup(window: MainWindow, demo_store: Store) -> None:
    assert str(demo_store.path) in window.db_label.text()
    assert window.backup_label.text() == "Last backup: none yet"
    window.backup_action.trigger()
    assert window.backup_label.text().startswith("Last backup: ")
    assert "none" not in window.backup_label.text()
    assert len(demo_store.list_backups()) == 1


def test_keyboard_commands_reach_the_current_page(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_record("membership", None)
    page = window.current_page()
    assert isinstance(page, MembershipPage)
    calls: list[str] = []
    monkeypatch.setattr(page, "new_record", lambda: calls.append("new"))
    monkeypatch.setattr(page, "delete_selected", lambda: calls.append("delete"))
    window.new_action.trigger()
    window.delete_action.trigger()
    window.find_action.trigger()
    assert calls == ["new", "delete"]
    assert window.focusWidget() is page.current().search  # Find reached the page too
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.redo_action.shortcuts()[0].toString() == "Ctrl+Y"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_undo_from_the_edit_menu_refreshes_the_page(window: MainWindow, demo_store: Store) -> None:
    from lscp_desktop.ui.undo import AddCommand

    window.open_record("membership", None)
    page = window.current_page()
    assert isinstance(page, MembershipPage)
    new_id = save_organisation(demo_store, {"name": "Temp", "kind": "other", "sector": "other"})
    window.undo_stack.push(AddCommand(demo_store, "organisations", new_id, "Add organisation"))
    page.refresh()
    assert page.organisations.model.row_of(new_id) is not None
    window.undo_action.trigger()
    assert page.organisations.model.row_of(new_id) is None


def test_restore_from_the_file_menu(
    window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    backup = demo_store.backup()
    save_organisation(
        demo_store, {"name": "Added after backup", "kind": "other", "sector": "other"}
    )
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, backups: backups[0]))
    window.restore_action.trigger()
    assert window.ctx.store is not demo_store
    assert find_organisation(window.ctx.store, "Added after backup") is None
    assert message_boxes.shown[-1][1] == "Backup restored"
    assert backup.exists()
    window.ctx.store.close()


def test_window_geometry_and_splitter_are_remembered(qtbot: Any, demo_store: Store) -> None:
    first = MainWindow(demo_store)
    qtbot.addWidget(first)
    first.resize(760, 540)
    first.show()
    qtbot.waitExposed(first)
    first.splitter.setSizes([240, 520])
    saved_nav_width = first.splitter.sizes()[0]
    first.close()
    second = MainWindow(demo_store)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (760, 540)
    second.show()
    qtbot.waitExposed(second)
    assert second.splitter.sizes()[0] == saved_nav_width
    assert saved_nav_width != 190  # not the default


def test_closing_as_it_was_leaves_the_settings_file_alone(qtbot: Any, demo_store: Store) -> None:
    """Every exit used to rewrite the settings file (and flush it to disk) with the same size
    and splitter; now only a change is written."""
    from PySide6.QtCore import QSettings

    def closed_once() -> int:
        window = MainWindow(demo_store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.close()
        settings = QSettings()
        settings.sync()
        return Path(settings.fileName()).stat().st_ino  # a rewrite is a new file, renamed

    closed_once()  # (the offscreen screen is smaller than a new window: restored, it shrinks)
    first = closed_once()
    assert closed_once() == first
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.splitter.setSizes([250, 510])
    window.close()
    QSettings().sync()
    assert Path(QSettings().fileName()).stat().st_ino != first


def test_first_run_creates_the_demo_and_says_so(
    tmp_path: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.ui.welcome import WelcomeChoice, WelcomeDialog

    monkeypatch.setattr(WelcomeDialog, "ask", classmethod(lambda *a: WelcomeChoice(demo=True)))
    opened = open_database(tmp_path / "fresh.db", welcome=True)
    assert opened is not None
    store, notices = opened
    try:
        assert store.count("people") > 0
        assert any("demonstration partnership" in n for n in notices)
    finally:
        store.close()


def test_damaged_database_offers_the_latest_backup(
    tmp_path: Path, qapp: Any, message_boxes: Any
) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        for i in range(200):
            save_organisation(
                store, {"name": f"Agency {i:03d} " + "x" * 60, "kind": "other", "sector": "other"}
            )
        store.backup()
    data = bytearray(path.read_bytes())
    data[8192:20000] = b"\xa5" * (20000 - 8192)
    path.write_bytes(bytes(data))
    message_boxes.answer = QMessageBox.StandardButton.Yes
    opened = open_database(path, welcome=False)
    assert opened is not None
    store, notices = opened
    try:
        assert store.count("organisations") == 200
        assert any("Restored from the backup" in n for n in notices)
        assert message_boxes.shown[0][1] == "The database is damaged"
    finally:
        store.close()


def test_newer_file_is_refused_with_a_message(
    tmp_path: Path, qapp: Any, message_boxes: Any
) -> None:
    import sqlite3

    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    assert open_database(path, welcome=False) is None
    kind, _title, text = message_boxes.shown[0]
    assert kind == "critical" and "newer version" in text


def test_background_checks_take_the_days_backup_after_showing(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as s:
        save_partnership(s, name="Eastmere Safeguarding Children Partnership")
    store = Store.open(path, daily_backup=False, defer_check=True)
    w = MainWindow(store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    assert w.backup_label.text() == "Last backup: none yet"  # nothing was waited for
    w.start_background_checks()
    assert len(store.list_backups()) == 1 and ".daily." in store.list_backups()[0].name
    assert "none" not in w.backup_label.text()
    store.close()


def test_background_check_finding_damage_offers_the_latest_backup(
    qtbot: Any, tmp_path: Path, message_boxes: Any
) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as s:
        for i in range(600):
            save_organisation(
                s, {"name": f"Organisation {i} with a long name", "kind": "other",
                    "sector": "other"},
            )  # fmt: skip
        good = s.backup()
    data = bytearray(path.read_bytes())
    for offset in range(len(data) - 3 * 4096, len(data) - 4096):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    store = Store.open(path, daily_backup=False, defer_check=True)
    w = MainWindow(store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    message_boxes.answer = QMessageBox.StandardButton.No
    w.start_background_checks()
    assert w.ctx.store.read_only
    assert "damaged" in w.banner.text() and w.banner.isVisible()
    asked = [box for box in message_boxes.shown if box[0] == "question"]
    assert asked and good.name in asked[0][2]
    w.ctx.store.close()


def test_the_title_bar_says_when_the_file_is_read_only(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as s:
        save_partnership(s, name="Eastmere Safeguarding Children Partnership")
    store = Store.open(path, read_only=True, daily_backup=False)
    w = MainWindow(store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    try:
        assert w.windowTitle().startswith("Eastmere Safeguarding Children Partnership")
        assert "(read-only)" in w.windowTitle()
    finally:
        store.close()


def test_a_save_waiting_for_another_program_keeps_the_window_alive(
    qtbot: Any, tmp_path: Path
) -> None:
    """Another program holds the write lock for a second: the save waits for it off the GUI
    thread, the window goes on painting and says what it is waiting for, then the save goes
    through."""
    import sqlite3
    import threading
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    store = Store.open(path, daily_backup=False)
    w = MainWindow(store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    holding = threading.Event()

    def other_program() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        holding.set()
        time.sleep(1.0)
        conn.execute("ROLLBACK")
        conn.close()

    texts: list[str] = []

    def tick() -> None:
        texts.extend(
            d.labelText()
            for d in QApplication.topLevelWidgets()
            if isinstance(d, QProgressDialog) and d.isVisible()
        )
        texts.append("tick")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    holder = threading.Thread(target=other_program)
    holder.start()
    try:
        assert holding.wait(10)
        save_organisation(store, {"name": "Northshire Police", "kind": "statutory partner",
                                  "sector": "police"})  # fmt: skip
    finally:
        timer.stop()
        holder.join()
    try:
        assert texts.count("tick") >= 5  # the event loop ran while the save waited
        assert any("another" in t.lower() for t in texts if t != "tick")
        assert find_organisation(store, "Northshire Police") is not None
    finally:
        store.close()


def test_the_window_waits_briefly_for_a_command_writing_to_the_file(
    tmp_path: Path, qapp: Any
) -> None:
    """A command-line write holds the app lock for a moment: the window, starting then, waits
    for it instead of opening read-only for its whole session."""
    import threading

    from lscp_desktop.models.store.lock import FileLock

    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    lock = FileLock.beside(path)
    assert lock.acquire()
    threading.Timer(0.5, lock.release).start()
    opened = open_database(path, welcome=False)
    assert opened is not None
    store, _notices = opened
    try:
        assert not store.read_only
    finally:
        store.close()
