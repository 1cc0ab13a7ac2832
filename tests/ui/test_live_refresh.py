"""The page shown refreshes when a colleague saves to the same team database (issue 22), and
waits while the user is typing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.models.actions.saving import new_action_values, save_action
from lscp_desktop.models.core.errors import ReadOnlyError
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.mainwindow import MainWindow


@pytest.fixture
def team_url(pg_server: Any, _pg_demo_template: str) -> Iterator[str]:
    name = pg_server.new_database(_pg_demo_template)
    yield pg_server.url(name)
    pg_server.drop(name)


@pytest.fixture
def team_window(qtbot: Any, team_url: str) -> Iterator[MainWindow]:
    store = open_database(team_url)
    w = MainWindow(store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.live.stop()
    w.ctx.store.close()


def raise_action(store: Store, title: str) -> None:
    body = int(store.scalar("SELECT min(id) FROM bodies"))
    save_action(store, {**new_action_values(body_id=body), "title": title})


class Typing:
    """An editor on the page holding typing not saved."""

    text = "the action's title"

    def unsaved_changes(self) -> str:
        return self.text

    def save_changes(self) -> bool:
        return True

    def discard_changes(self) -> None:
        self.text = ""


def test_the_actions_page_shows_a_colleagues_new_action(
    team_window: MainWindow, team_url: str, qtbot: Any
) -> None:
    window = team_window
    window.open_record("actions", None)
    page: Any = window.current_page()
    qtbot.waitUntil(lambda: page.model.total() > 0)
    before = page.model.total()
    with open_database(team_url) as colleague:
        raise_action(colleague, "Chase the audit returns")
    qtbot.waitUntil(lambda: page.model.total() == before + 1, timeout=10_000)
    assert window.live.refreshes == 1
    assert "colleague" in window.statusBar().currentMessage()
    # The window's own save is not sent back to it.
    raise_action(window.ctx.store, "Our own")
    qtbot.wait(500)
    assert window.live.refreshes == 1


def test_a_page_with_typing_not_saved_waits_then_refreshes(
    team_window: MainWindow, team_url: str, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = team_window
    window.open_record("actions", None)
    page: Any = window.current_page()
    qtbot.waitUntil(lambda: page.model.total() > 0)
    before = page.model.total()
    typing = Typing()
    monkeypatch.setattr(page, "unsaved_work", lambda: [typing])
    with open_database(team_url) as colleague:
        raise_action(colleague, "Chase the audit returns")
    qtbot.waitUntil(lambda: window.live.stale, timeout=10_000)
    qtbot.wait(600)  # it looks again, and still waits
    assert page.model.total() == before and window.live.stale
    typing.discard_changes()  # the user settles their typing
    qtbot.waitUntil(lambda: page.model.total() == before + 1, timeout=10_000)
    assert not window.live.stale


def test_an_offline_copy_taken_from_the_window_opens_read_only_and_says_so(
    team_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from lscp_desktop.ui import files
    from lscp_desktop.ui.file_menu import FileCommands

    window = team_window
    target = tmp_path / "train.db"
    offered: list[Path] = []
    monkeypatch.setattr(FileCommands, "ask_copy_path", classmethod(lambda _c, _s: target))
    monkeypatch.setattr(files.SavedFile, "offer", lambda _p, _t, path, **_k: offered.append(path))
    window.file_commands.offline_action.trigger()
    qtbot.waitUntil(lambda: offered == [target], timeout=30_000)
    assert window.file_commands.open_path(target)
    store = window.ctx.store
    assert store.read_only and store.path == target
    title = window.windowTitle()
    assert re.search(
        r"^DEMO — .* \(offline copy of test_\d+ on this computer taken \d\d/\d\d/\d{4} at "
        r"\d\d:\d\d, read-only\) — LSCP Desktop$",
        title,
    ), title
    assert "merged back" in window.banner.text()
    with pytest.raises(ReadOnlyError, match="read-only offline copy"):
        raise_action(store, "On the train")
    shot(window, Path("/tmp") / "offline-copy-window.png")


def shot(window: MainWindow, path: Path) -> None:
    """The window as offscreen Qt draws it (no frame), under a strip holding its title."""
    from PySide6.QtGui import QColor, QImage, QPainter

    body = window.grab().toImage()
    image = QImage(body.width(), body.height() + 28, QImage.Format.Format_RGB32)
    image.fill(QColor("#dfe3e8"))
    painter = QPainter(image)
    painter.drawText(10, 19, window.windowTitle())
    painter.drawImage(0, 28, body)
    painter.end()
    image.save(str(path))
