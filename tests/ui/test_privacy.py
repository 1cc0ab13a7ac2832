"""Data protection in the window: the Tools menu's list of identity-like text with links, the
person's "Subject access…" and "Erase this person…", and Review old records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.store import write_around_the_door
from helpers.writers import first
from pytestqt.qt_compat import qt_api

from lscp_desktop.models.core import settings
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.privacy.records import ErasurePlan, Proposal
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages.actions.page import ActionsPage
from lscp_desktop.ui.pages.membership.page import MembershipPage
from lscp_desktop.ui.pages.reports.page import ReportsPage
from lscp_desktop.ui.privacy.erase import BackupsDialog, EraseDialog
from lscp_desktop.ui.privacy.identities import IdentityDialog, IdentityTableModel
from lscp_desktop.ui.privacy.retention import RetentionDialog


def _seed(store: Store) -> int:
    """A progress note saved before the guard (written around the door, as an old file is)."""
    note = first(store, "action_notes")
    write_around_the_door(store, "action_notes", note["id"], {"text": "Baby X, born 14/03/2026"})
    return int(note["action_id"])


def _menu_actions(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions()]


def test_the_tools_menu_lists_identity_like_text_and_opens_its_record(
    window: MainWindow, demo_store: Store, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _menu_actions(window, "&Tools") == [
        "Text that looks like a &child's identity…",
        "&Review old records…",
        "",  # a separator, then the email settings
        "&Email settings…",
    ]
    action_id = _seed(demo_store)
    shown: list[IdentityDialog] = []

    def exec_(dialog: IdentityDialog) -> int:
        shown.append(dialog)
        assert dialog.model.rowCount() == 1
        assert "born 14/03/2026" in dialog.model.record(0).found
        dialog.view.selectRow(0)
        assert dialog.open_button.isEnabled() and not dialog.clear_button.isEnabled()
        dialog.open_button.click()
        return 1

    monkeypatch.setattr(IdentityDialog, "exec", exec_)
    window.identities_action.trigger()
    assert shown
    page = window.current_page()
    assert isinstance(page, ActionsPage)
    assert [a.id for a in page.selected()] == [action_id]


def test_the_list_model_is_a_good_qt_model(qtmodeltester: Any, demo_store: Store) -> None:
    from lscp_desktop.models.privacy.scan import stored_identities

    _seed(demo_store)
    model = IdentityTableModel()
    model.set_records(stored_identities(demo_store))
    qtmodeltester.check(model)


def test_history_text_is_cleared_from_the_dialog(
    demo_store: Store, make_ctx: Any, qtbot: Any
) -> None:
    demo_store.conn.execute(
        "INSERT INTO audit_log (at, os_user, action, table_name, record_id, field, old, new)"
        " VALUES ('2020-01-01T10:00:00', 'jo', 'update', 'actions', 1, 'detail', 'DOB 01/02/2019',"
        " '')"
    )
    dialog = IdentityDialog(make_ctx(demo_store))
    qtbot.addWidget(dialog)
    dialog.check()
    dialog.view.selectRow(0)
    assert dialog.clear_button.isEnabled() and not dialog.open_button.isEnabled()
    dialog.clear_button.click()
    assert dialog.model.rowCount() == 0
    assert "Nothing stored" in dialog.status.text()


def test_erase_this_person_confirms_erases_and_offers_the_backups(
    window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = demo_store.backup()
    pid = save_person(demo_store, {"name": "Erin Leaver", "email": "erin@example.org"})
    seen: list[ErasurePlan] = []

    def confirm(_cls: Any, _parent: Any, plan: ErasurePlan) -> str:
        seen.append(plan)
        dialog = EraseDialog(None, plan)
        assert not dialog.erase_button.isEnabled()  # a reason comes first
        dialog.reason.setText("Left in 2019")
        assert dialog.erase_button.isEnabled()
        assert "Article 17(3)(b)" in dialog.findChild(qt_api.QtWidgets.QTextBrowser).toPlainText()
        dialog.deleteLater()
        return "Left in 2019"

    monkeypatch.setattr(EraseDialog, "ask", classmethod(confirm))
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda _c, _p, found: found))
    window.open_record("membership:people", pid)
    page = window.current_page()
    assert isinstance(page, MembershipPage) and page.people.selected().id == pid
    window.ctx.undo_stack.push(qt_api.QtGui.QUndoCommand("something with old values"))
    elsewhere = window.page("actions").ctx.undo_stack  # another page's steps hold them too
    elsewhere.push(qt_api.QtGui.QUndoCommand("an edit naming them"))
    erase = next(b for b, _ in page.people._extra if b.text() == "Erase this person…")
    erase.click()
    assert seen and seen[0].backups == [backup]
    assert demo_store.require("people", pid)["name"] == f"Former member {pid}"
    assert window.ctx.undo_stack.count() == 0 and elsewhere.count() == 0
    assert window.undo_action.text() == "Cannot undo an erasure"
    assert not backup.exists()


def test_subject_access_from_the_person_exports_through_the_reports_page(
    window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "sar.docx"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda *_a: target))
    person = first(demo_store, "people")
    window.open_record("membership:people", person["id"])
    page = window.current_page()
    assert isinstance(page, MembershipPage)
    button = next(b for b, _ in page.people._extra if b.text() == "Subject access…")
    button.click()
    assert target.exists()
    assert isinstance(window.current_page(), ReportsPage)


def test_review_old_records_saves_the_schedule_and_erases_what_is_ticked(
    demo_store: Store, make_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = save_person(demo_store, {"name": "Long Gone", "active": False})
    dialog = RetentionDialog(make_ctx(demo_store))
    qtbot.addWidget(dialog)
    dialog.spins["retention_people_years"].setValue(2)
    dialog.save_button.click()
    assert settings.get_int(demo_store, "retention_people_years") == 2
    assert any(p.what == "Long Gone" for p in dialog._proposals)
    assert dialog.ticked() == []
    asked: list[list[Proposal]] = []
    monkeypatch.setattr(
        RetentionDialog, "ask_reason", classmethod(lambda _c, _p, ps: asked.append(ps) or "R")
    )
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda *_a: []))
    row = next(i for i, p in enumerate(dialog._proposals) if p.what == "Long Gone")
    dialog.table.item(row, 0).setCheckState(qt_api.QtCore.Qt.CheckState.Checked)
    dialog.erase_button.click()
    assert [p.what for p in asked[0]] == ["Long Gone"]
    assert demo_store.require("people", pid)["name"] == f"Former member {pid}"
    assert not any(p.what == "Long Gone" for p in dialog._proposals)


def test_history_shows_the_user_and_the_computer(
    window: MainWindow, demo_store: Store, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.models.core.computer import computer_name
    from lscp_desktop.ui.register_view import HistoryDialog

    pid = save_person(demo_store, {"name": "Harriet History"})
    window.open_record("membership:people", pid)
    shown: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda d: shown.append(d) or 0)
    page = window.current_page()
    assert isinstance(page, MembershipPage)
    page.people.history_button.click()
    cell = shown[0].table.item(0, 1).text()
    assert cell.endswith(f" on {computer_name()}")
