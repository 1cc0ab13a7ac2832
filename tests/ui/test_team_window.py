"""The window on a team database (issue 22): File › Open team database…, the password in the
system keyring (or said why not), the address remembered without it, the opening messages,
and a reader's window that says it is read-only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.store import roles
from lscp_desktop.models.store.credentials import KEYRING_SERVICE, TeamAddress
from lscp_desktop.models.store.opening import open_database
from lscp_desktop.ui.file_menu import last_file, recent_files
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.team_dialog import TeamDatabaseDialog


class MemoryKeyring(KeyringBackend):
    """A system keyring for the test: passwords in a dict."""

    priority = 1  # type: ignore[assignment]  # keyring declares it a class property

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def team(pg_server: Any, _pg_demo_template: str) -> Iterator[tuple[Any, str]]:
    """The small demo on the server, with its roles and a reader."""
    name = pg_server.new_database(_pg_demo_template)
    with open_database(pg_server.url(name)) as admin:
        roles.init_server(admin)
        roles.add_user(admin, f"{name}_rae", "reader", "secret")
    yield pg_server, name
    pg_server.drop(name)
    for role in ("rae", *roles.ROLES):
        pg_server.admin(f"DROP ROLE IF EXISTS {name}_{role}")


def answer(monkeypatch: pytest.MonkeyPatch, qtbot: Any, fill: dict[str, Any]) -> list[Any]:
    """File › Open team database…'s dialog filled in with *fill* and Open pressed."""
    shown: list[TeamDatabaseDialog] = []

    def exec_(dialog: TeamDatabaseDialog) -> int:
        shown.append(dialog)
        for field, value in fill.items():
            widget = getattr(dialog, field)
            if field == "port":
                widget.setValue(value)
            elif field in ("remember", "verify"):
                widget.setChecked(value)
            else:
                widget.clear()
                qtbot.keyClicks(widget, value)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(TeamDatabaseDialog, "exec", exec_)
    return shown


def test_opening_a_team_database_remembers_the_address_and_keeps_the_password_in_the_keyring(
    window: MainWindow, team: tuple[Any, str], qtbot: Any, monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    server, name = team
    shown = answer(monkeypatch, qtbot, {"host": str(server.folder), "database": name,
                                        "user": "postgres", "password": "s3cret pass",
                                        "remember": True})  # fmt: skip
    window.file_commands.team_action.trigger()
    assert shown and shown[0].remember.isEnabled()
    store = window.ctx.store
    assert getattr(store, "address", None) is not None and not store.read_only
    assert window.windowTitle().startswith("DEMO — ")
    url = TeamAddress(str(server.folder), name, "postgres").url()
    assert last_file() == url and "s3cret" not in str(QSettings().value("files/recent"))
    assert memory_keyring.kept == {(KEYRING_SERVICE, url): "s3cret pass"}
    assert f"Database: {url}" in window.db_label.text()
    # The audit log names the database user.
    org = store.insert("organisations", {"name": "A", "kind": "k", "sector": "s"})
    entries = store.history("organisations", org)
    assert entries[-1].user == "postgres"
    from PySide6.QtWidgets import QTableWidget

    from lscp_desktop.ui.register_view import HistoryDialog

    history = HistoryDialog(window, "A", entries)
    qtbot.addWidget(history)
    table = history.findChild(QTableWidget, "history")
    assert table is not None and table.item(len(entries) - 1, 1).text().startswith("postgres on ")
    # Open recent lists it by name; the dialog opens on it next time.
    window.file_commands.fill_recent_menu()
    assert recent_files()[0] == url
    shown2 = answer(monkeypatch, qtbot, {})
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: None)
    window.file_commands.team_action.trigger()  # the same one: "is the database open now"
    assert shown2[0].host.text() == str(server.folder) and shown2[0].database.text() == name


def test_without_a_keyring_the_dialog_says_so_and_nothing_is_remembered(
    window: MainWindow, team: tuple[Any, str], qtbot: Any, monkeypatch: pytest.MonkeyPatch,
    no_keyring: None, tmp_path: Path,
) -> None:  # fmt: skip
    server, name = team
    shown = answer(monkeypatch, qtbot, {"host": str(server.folder), "database": name,
                                        "user": "postgres", "password": "pw"})  # fmt: skip
    window.file_commands.team_action.trigger()
    dialog = shown[0]
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    note = dialog.findChild(type(dialog.problem), "keyringNote")
    assert note is not None and "cannot be remembered: this computer has no system keyring" in (
        note.text()
    )
    assert getattr(window.ctx.store, "address", None) is not None
    dialog.grab().save(str(Path("/tmp") / "team-dialog-no-keyring.png"))


def test_the_dialog_asks_for_what_is_missing_and_the_opening_messages(
    window: MainWindow, pg_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
    _pg_template: str, no_keyring: None,
) -> None:  # fmt: skip
    dialog = TeamDatabaseDialog(window, None, None)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.problem.isVisibleTo(dialog) and "server's name" in dialog.problem.text()
    qtbot.keyClicks(dialog.host, "db.council.local")
    dialog.accept()
    assert "database's name" in dialog.problem.text() and dialog.result() == 0

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    demo = window.ctx.store
    answer(monkeypatch, qtbot, {"host": str(pg_server.folder), "database": "nowhere",
                                "user": "postgres"})  # fmt: skip
    window.file_commands.team_action.trigger()
    answer(monkeypatch, qtbot, {"host": "127.0.0.1", "port": 1, "database": "lscp",
                                "user": "postgres"})  # fmt: skip
    window.file_commands.team_action.trigger()
    newer = pg_server.new_database(_pg_template)
    try:
        import psycopg

        with psycopg.connect(pg_server.url(newer), autocommit=True) as conn:
            conn.execute("INSERT INTO lscp_migrations VALUES ('core', 'm999_future', 'now')")
        answer(monkeypatch, qtbot, {"host": str(pg_server.folder), "database": newer,
                                    "user": "postgres"})  # fmt: skip
        window.file_commands.team_action.trigger()
    finally:
        pg_server.drop(newer)
    assert "There is no database nowhere" in said[0]
    assert "could not be reached" in said[1]
    assert "set up by a newer version" in said[2]
    assert window.ctx.store is demo  # still open on what it was


def test_a_readers_window_is_read_only_and_says_why(
    window: MainWindow, team: tuple[Any, str], qtbot: Any, monkeypatch: pytest.MonkeyPatch,
    no_keyring: None,
) -> None:  # fmt: skip
    server, name = team
    answer(monkeypatch, qtbot, {"host": str(server.folder), "database": name,
                                "user": f"{name}_rae", "password": "secret"})  # fmt: skip
    window.file_commands.team_action.trigger()
    store = window.ctx.store
    assert store.read_only and window.windowTitle().endswith("(read-only) — LSCP Desktop")
    assert re.search(r"you can read this team database but not change it", window.banner.text())
    assert all(r["phone"] == "" for r in store.query("SELECT phone FROM people"))
    from lscp_desktop.models.core.errors import ReadOnlyError

    with pytest.raises(ReadOnlyError, match="can read this team database but not change it"):
        store.insert("priorities", {"name": "Neglect"})
    window.grab().save("/tmp/team-reader-window.png")


def test_lscp_desktop_db_url_opens_the_window_on_the_server(
    pg_server: Any, _pg_demo_template: str, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    from lscp_desktop.launcher import gui_database

    assert gui_database(["--db", "postgresql://db.council.local/lscp"]) == (
        True,
        "postgresql://db.council.local/lscp",
    )
    assert gui_database(["--db=x.db"]) == (True, Path("x.db"))
    name = pg_server.new_database(_pg_demo_template)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSCP_DESKTOP_DATA=str(tmp_path),
               LSCP_DESKTOP_EXIT_AFTER_SHOWN="1")  # fmt: skip
    code = (
        "from lscp_desktop.launcher import main\n"
        f"print('exit', main(['--db', {pg_server.url(name)!r}]))\n"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, timeout=120)  # fmt: skip
    finally:
        pg_server.drop(name)
    assert done.stdout.strip().splitlines()[-1] == "exit 0", done.stderr
    assert "Traceback" not in done.stderr


def test_a_wrong_password_in_the_window(
    window: MainWindow, pg_server: Any, _pg_template: str, qtbot: Any,
    monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    name = pg_server.new_database(_pg_template)
    pg_server.admin("DROP ROLE IF EXISTS win_pw")
    with open_database(pg_server.url(name)) as admin:
        roles.init_server(admin)
        roles.add_user(admin, "win_pw", "manager", "right")
    conf = pg_server.data / "pg_hba.conf"
    conf.write_text("local all win_pw scram-sha-256\n" + conf.read_text())
    pg_server.admin("SELECT pg_reload_conf()")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    try:
        fill = {"host": str(pg_server.folder), "database": name, "user": "win_pw",
                "password": "wrong", "remember": True}  # fmt: skip
        answer(monkeypatch, qtbot, fill)
        window.file_commands.team_action.trigger()
        assert len(said) == 1 and "refused the user name or password" in said[0]
        assert "wrong" not in said[0] and memory_keyring.kept == {}  # a refused one is not kept
        answer(monkeypatch, qtbot, {**fill, "password": "right"})
        window.file_commands.team_action.trigger()
        assert getattr(window.ctx.store, "db_user", "") == "win_pw", said
        assert list(memory_keyring.kept.values()) == ["right"]
    finally:
        conf.write_text(conf.read_text().split("\n", 1)[1])
        pg_server.admin("SELECT pg_reload_conf()")
        pg_server.drop(name)
        for role in ("win_pw", *(roles.group_role(name, r) for r in roles.ROLES)):
            pg_server.admin(f"DROP ROLE IF EXISTS {role}")
