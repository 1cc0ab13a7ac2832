"""The page shown refreshes when a colleague saves to the same team database (issue 22), and
waits while the user is typing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from lscp_desktop.models.actions.saving import new_action_values, save_action
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
