"""Undo and redo from the window's Edit menu, with the real threaded background runner: a step
the model refuses is reported, and the undo stack keeps matching the database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from helpers.dialogs import choose, fill_dialog, set_text
from PySide6.QtCore import Qt

from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.membership.people import get_person, list_people, save_person
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages.membership.page import MembershipPage


@pytest.fixture
def window(qtbot: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    w = MainWindow(demo_store, runner=BackgroundRunner())  # threaded, as in the app
    qtbot.addWidget(w)
    w.show()
    checked: list[object] = []
    done = w.backups.on_checks_succeeded
    monkeypatch.setattr(w.backups, "on_checks_succeeded", lambda b: (checked.append(b), done(b)))
    w.start_background_checks()  # the opening check and the day's backup, on a worker thread
    qtbot.waitUntil(lambda: bool(checked), timeout=10_000)
    w.open_record("membership", None)
    yield w
    assert w.ctx.runner.wait()


def page_of(window: MainWindow) -> MembershipPage:
    page = window.current_page()
    assert isinstance(page, MembershipPage)
    return page


def add_organisation(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, name: str
) -> int:
    page = page_of(window)
    page.tabs.setCurrentWidget(page.organisations)

    def fill(d: RecordDialog) -> None:
        set_text(d, "name", name)
        choose(d, "kind", "other")
        choose(d, "sector", "other")

    fill_dialog(monkeypatch, fill)
    qtbot.mouseClick(page.organisations.new_button, Qt.MouseButton.LeftButton)
    org = find_organisation(window.ctx.store, name)
    assert org is not None
    return org.id


def stack_state(window: MainWindow) -> tuple[int, int]:
    return window.undo_stack.index(), window.undo_stack.count()


def test_a_refused_undo_is_reported_and_leaves_the_stack_matching_the_database(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, message_boxes: Any
) -> None:
    store = window.ctx.store
    first = add_organisation(window, monkeypatch, qtbot, "First Pop-up Agency")
    second = add_organisation(window, monkeypatch, qtbot, "Second Pop-up Agency")
    assert stack_state(window) == (2, 2)
    # Meanwhile a person joins the second agency (an import, say: not an undoable step).
    save_person(store, {"name": "Newly Imported", "organisation_id": second})

    window.undo_action.trigger()  # "Add organisation": delete_organisation refuses now
    assert message_boxes.shown == [
        (
            "warning",
            "Cannot undo: Add organisation Second Pop-up Agency",
            "Second Pop-up Agency still has 1 person, so it cannot be deleted. Deactivate it "
            "instead to keep its history.\n\nThis step has been taken off the undo list.",
        )
    ]
    assert store.get("organisations", second) is not None
    # The refused step left the stack; the one below it is still there to undo.
    assert stack_state(window) == (1, 1) and not window.undo_stack.canRedo()
    page = page_of(window)
    assert page.organisations.model.row_of(second) is not None

    window.undo_action.trigger()
    assert store.get("organisations", first) is None
    assert page.organisations.model.row_of(first) is None
    assert stack_state(window) == (0, 1) and window.undo_stack.canRedo()
    window.redo_action.trigger()
    assert store.require("organisations", first)["name"] == "First Pop-up Agency"
    assert stack_state(window) == (1, 1) and len(message_boxes.shown) == 1


def test_an_edit_changed_since_is_not_undone(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, message_boxes: Any
) -> None:
    store = window.ctx.store
    page = page_of(window)
    page.tabs.setCurrentWidget(page.people)
    person = list_people(store, active_only=True)[0]
    assert page.people.select_id(person.id, reveal=True)
    fill_dialog(monkeypatch, lambda d: set_text(d, "job_title", "Head of Safeguarding"))
    qtbot.mouseClick(page.people.edit_button, Qt.MouseButton.LeftButton)
    assert stack_state(window) == (1, 1)
    # A colleague changes the same record before the undo.
    store.update("people", person.id, {"job_title": "Safeguarding Lead"})

    window.undo_action.trigger()
    assert [(kind, title) for kind, title, _ in message_boxes.shown] == [
        ("warning", f"Cannot undo: Edit person {person.name}")
    ]
    assert f"The person {person.name} was changed by " in message_boxes.shown[0][2]
    assert "since" in message_boxes.shown[0][2]
    assert get_person(store, person.id).job_title == "Safeguarding Lead"
    assert stack_state(window) == (0, 0)


def test_a_refused_redo_is_reported_and_dropped(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, message_boxes: Any
) -> None:
    store = window.ctx.store
    org_id = add_organisation(window, monkeypatch, qtbot, "Pop-up Agency")
    page = page_of(window)
    assert page.organisations.select_id(org_id)
    qtbot.mouseClick(page.organisations.delete_button, Qt.MouseButton.LeftButton)
    assert store.get("organisations", org_id) is None and stack_state(window) == (2, 2)
    window.undo_action.trigger()  # the deletion: the agency is back
    assert store.get("organisations", org_id) is not None and stack_state(window) == (1, 2)
    save_person(store, {"name": "Newly Imported", "organisation_id": org_id})

    window.redo_action.trigger()  # delete it again: refused, it has a person now
    assert message_boxes.shown[-1][1] == "Cannot redo: Delete organisation Pop-up Agency"
    assert "still has 1 person" in message_boxes.shown[-1][2]
    assert store.get("organisations", org_id) is not None
    assert stack_state(window) == (1, 1) and not window.undo_stack.canRedo()


def test_undo_on_a_file_that_became_read_only(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, message_boxes: Any
) -> None:
    store = window.ctx.store
    org_id = add_organisation(window, monkeypatch, qtbot, "Pop-up Agency")
    monkeypatch.setattr(store, "read_only", True)  # e.g. the opening check found damage

    window.undo_action.trigger()
    assert message_boxes.shown[-1][1] == "Cannot undo: Add organisation Pop-up Agency"
    assert message_boxes.shown[-1][2].startswith("Nothing was saved: it was opened read-only.")
    assert store.get("organisations", org_id) is not None
    assert stack_state(window) == (0, 0)
