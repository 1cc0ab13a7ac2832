"""The window's File menu (New partnership from a template, Open, Open recent, Save a copy),
the demo marked whenever it is open, undo per page, and the page shortcuts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from lscp_desktop.models.membership.organisations import find_organisation, list_organisations
from lscp_desktop.models.membership.partnership import get_partnership, save_partnership
from lscp_desktop.models.store.backups import verify_backup
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.file_menu import FileCommands, last_file
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages import PAGES
from lscp_desktop.ui.pages.membership.page import MembershipPage
from lscp_desktop.ui.welcome import WelcomeDialog
from tests.helpers.dialogs import choose, fill_dialog, set_text


def test_the_demo_is_marked_whenever_it_is_open(window: MainWindow, demo_store: Store) -> None:
    """A second launch gets no welcome notices, yet the demo is still called the demo."""
    assert window.windowTitle().startswith("DEMO — ")
    assert window.demo_banner.isVisible() and "invented" in window.demo_banner.text()
    assert not window.banner.isVisible()  # no first-run notice needed to say so
    assert last_file() == demo_store.path  # and it is the file opened at the next start


def test_a_real_partnership_is_not_marked(qtbot: Any, tmp_path: Path) -> None:
    with Store.open(tmp_path / "real.db", daily_backup=False) as s:
        save_partnership(s, name="Eastmere Safeguarding Children Partnership")
    store = Store.open(tmp_path / "real.db", daily_backup=False)
    w = MainWindow(store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    assert w.windowTitle() == "Eastmere Safeguarding Children Partnership — LSCP Desktop"
    assert not w.demo_banner.isVisible()
    w.close()
    store.close()


def test_new_partnership_from_a_template_in_the_window(
    window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    demo_store: Store,
) -> None:  # fmt: skip
    shown: list[WelcomeDialog] = []

    def exec_(dialog: WelcomeDialog) -> int:
        shown.append(dialog)
        assert dialog.stack.currentIndex() == 1 and dialog.back_button.text() == "Cancel"
        dialog.select_template("executive-forum")
        qtbot.keyClicks(dialog.name_edit, "Lambeth Safeguarding Children Partnership")
        qtbot.keyClicks(dialog.authority_edits[0], "Lambeth")
        qtbot.keyClicks(dialog.partner_edits[0], "London Borough of Lambeth")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(WelcomeDialog, "exec", exec_)
    target = tmp_path / "Lambeth.db"
    monkeypatch.setattr(FileCommands, "ask_new_path", classmethod(lambda cls, name: target))
    window.file_commands.new_action.trigger()
    assert len(shown) == 1
    store = window.ctx.store
    assert store.path == target.absolute() and store is not demo_store
    assert window.windowTitle() == "Lambeth Safeguarding Children Partnership — LSCP Desktop"
    assert not window.demo_banner.isVisible() and "is set up in Lambeth.db" in window.banner.text()
    names = sorted(o.name for o in list_organisations(store))
    assert names == ["London Borough of Lambeth", "NHS Integrated Care Board", "Police"]
    assert last_file() == target.absolute()
    # The demo is closed: another copy of the app could open it for writing now.
    with Store.open(demo_store.path, daily_backup=False) as again:
        assert not again.read_only
    window.close()
    store.close()


def test_new_partnership_never_overwrites_a_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any,
    demo_store: Store,
) -> None:  # fmt: skip
    from lscp_desktop.models.meetings.templates import prepare

    existing = tmp_path / "existing.db"
    existing.write_bytes(b"something precious")
    plan = prepare("executive-forum", name="X LSCP", authorities=["X"])
    monkeypatch.setattr(WelcomeDialog, "ask_plan", classmethod(lambda cls, parent: plan))
    monkeypatch.setattr(FileCommands, "ask_new_path", classmethod(lambda cls, name: existing))
    window.file_commands.new_action.trigger()
    assert (
        message_boxes.shown[-1][0] == "warning" and "already exists" in message_boxes.shown[-1][2]
    )
    assert existing.read_bytes() == b"something precious"
    assert window.ctx.store is demo_store


def test_open_and_open_recent(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    other = tmp_path / "other.db"
    with Store.open(other, daily_backup=False) as s:
        save_partnership(s, name="Westmere Safeguarding Children Partnership")
    monkeypatch.setattr(FileCommands, "ask_open_path", classmethod(lambda cls: other))
    window.file_commands.open_action.trigger()
    assert window.ctx.store.path == other.absolute()
    assert window.windowTitle().startswith("Westmere")
    menu = window.file_commands.recent_menu
    window.file_commands.fill_recent_menu()
    entries = [a for a in menu.actions() if a.isEnabled()]
    assert [a.toolTip() for a in entries] == [str(demo_store.path)]
    entries[0].trigger()
    assert window.ctx.store.path == demo_store.path and window.windowTitle().startswith("DEMO")
    window.close()
    window.ctx.store.close()


def test_save_a_copy(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saved_files: Any
) -> None:
    target = tmp_path / "copies" / "demo copy.db"
    target.parent.mkdir()
    monkeypatch.setattr(FileCommands, "ask_copy_path", classmethod(lambda cls, name: target))
    window.file_commands.copy_action.trigger()
    verify_backup(target)
    assert saved_files == [("Save a copy", target)]
    assert window.ctx.store.path != target  # the window goes on with the file it had


def add_organisation(window: MainWindow, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    page = window.current_page()
    assert isinstance(page, MembershipPage)
    page.tabs.setCurrentWidget(page.organisations)

    def fill(d: RecordDialog) -> None:
        set_text(d, "name", name)
        choose(d, "kind", "other")
        choose(d, "sector", "other")

    fill_dialog(monkeypatch, fill)
    page.organisations.new_record()


def test_undo_on_one_page_does_not_touch_another(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    window.page_actions[1].trigger()  # Ctrl+2: Membership
    add_organisation(window, monkeypatch, "Aisha Dixon Associates")
    assert window.undo_action.text() == "&Undo add organisation Aisha Dixon Associates"
    window.page_actions[6].trigger()  # Ctrl+7: Reviews, whose own list is empty
    assert window.current_page() is window.page("reviews")
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"
    window.undo_action.trigger()
    assert find_organisation(demo_store, "Aisha Dixon Associates") is not None
    window.page_actions[1].trigger()
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert find_organisation(demo_store, "Aisha Dixon Associates") is None
    assert window.redo_action.text() == "&Redo add organisation Aisha Dixon Associates"


def test_an_import_says_it_cannot_be_undone(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from types import SimpleNamespace

    window.page_actions[1].trigger()
    add_organisation(window, monkeypatch, "Before The Import")
    window.file_commands.on_imported(SimpleNamespace(path=tmp_path / "people.xlsx"))  # type: ignore[arg-type]
    assert window.undo_action.text() == "Cannot undo the import of people.xlsx"
    assert not window.undo_action.isEnabled()
    add_organisation(window, monkeypatch, "After The Import")
    assert window.undo_action.text() == "&Undo add organisation After The Import"


def test_every_page_has_a_shortcut(window: MainWindow) -> None:
    assert [a.shortcut().toString() for a in window.page_actions] == [
        f"Ctrl+{i}" for i in range(1, len(PAGES) + 1)
    ]
    for row, action in enumerate(window.page_actions):
        action.trigger()
        assert window.nav.currentRow() == row
    partnership = get_partnership(window.ctx.store)
    assert partnership is not None


def test_ctrl_f_reaches_each_pages_search_and_ctrl_n_its_new_record(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QLineEdit

    from lscp_desktop.ui.pages.base import Page

    searched = {}
    for row, spec in enumerate(PAGES):
        window.page_actions[row].trigger()
        window.find_action.trigger()
        focus = window.focusWidget()
        searched[spec.key] = isinstance(focus, QLineEdit) and focus.objectName() == "search"
    assert {k for k, found in searched.items() if found} == {
        "membership",
        "meetings",
        "actions",
        "risks",
        "reviews",
        "assurance",
    }
    window.page_actions[next(i for i, p in enumerate(PAGES) if p.key == "reports")].trigger()
    window.find_action.trigger()
    assert window.focusWidget() is window.page("reports").list  # type: ignore[attr-defined]
    created: list[str] = []
    for row, spec in enumerate(PAGES):
        page = window.page(spec.key)
        if type(page).new_record is not Page.new_record:
            monkeypatch.setattr(page, "new_record", lambda key=spec.key: created.append(key))
        window.page_actions[row].trigger()
        window.new_action.trigger()
    assert created == [
        "membership",
        "meetings",
        "actions",
        "risks",
        "finance",
        "reviews",
        "assurance",
    ]
