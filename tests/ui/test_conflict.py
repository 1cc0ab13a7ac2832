"""Two windows on one action log: a save over a colleague's change opens the conflict dialog,
driven through its real buttons (keep theirs, overwrite with mine)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.dialogs import fill_dialog, set_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.conflict import ConflictDialog
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.actions.page import ActionsPage


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> ActionsPage:
    p = ActionsPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.refresh()
    return p


def edit_over_a_colleague(
    page: ActionsPage,
    colleague: Store,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    button: str,
    shot: Path | None = None,
) -> tuple[int, list[RecordDialog], list[ConflictDialog]]:
    """Open the first action's form, let the colleague change its due date meanwhile, change
    its title and save: the conflict dialog is answered with *button*."""
    action = next(a for a in list_actions(colleague) if a.status == "open")
    assert page.select_id(action.id)
    conflicts: list[ConflictDialog] = []

    def answer(dialog: ConflictDialog) -> int:
        conflicts.append(dialog)
        dialog.show()
        if shot is not None:
            dialog.grab().save(str(shot))
        qtbot.mouseClick(dialog.findChild(type(dialog.keep_button), button),
                         Qt.MouseButton.LeftButton)  # fmt: skip
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", answer)

    def fill(form: RecordDialog) -> None:
        colleague.update("actions", action.id, {"due_date": "2027-03-31"})
        set_text(form, "title", "My new wording of the action")

    forms = fill_dialog(monkeypatch, fill)
    qtbot.mouseClick(page.toolbar.edit_button, Qt.MouseButton.LeftButton)
    return action.id, forms, conflicts


def test_keep_theirs_shows_their_version_and_saves_nothing_of_mine(
    page: ActionsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch,
    qtbot: Any, tmp_path: Path,
) -> None:  # fmt: skip
    first_open = next(a.id for a in list_actions(demo_store) if a.status == "open")
    before = demo_store.require("actions", first_open)
    shot = tmp_path / "conflict.png"
    action_id, forms, conflicts = edit_over_a_colleague(
        page, colleague, monkeypatch, qtbot, "keepTheirs", shot
    )
    assert shot.exists()
    assert len(conflicts) == 1
    summary = conflicts[0].findChild(QLabel, "conflictSummary").text()
    changes = conflicts[0].findChild(QLabel, "conflictChanges").text()
    assert summary.startswith(f"The action {before['reference']} was changed by ")
    assert "Due date: theirs 31/03/2027" in changes
    row = demo_store.require("actions", action_id)
    assert (row["title"], row["due_date"]) == (before["title"], "2027-03-31")
    form = forms[0]
    assert form.result() != QDialog.DialogCode.Accepted  # still open, showing theirs
    assert form.values()["title"] == before["title"]
    assert form.values()["due_date"] == "31/03/2027"
    assert "Their version is shown" in form.error.text()


def test_overwrite_with_mine_saves_over_theirs(
    page: ActionsPage, colleague: Store, demo_store: Store, monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:  # fmt: skip
    action_id, forms, conflicts = edit_over_a_colleague(
        page, colleague, monkeypatch, qtbot, "overwriteMine"
    )
    assert len(conflicts) == 1
    row = demo_store.require("actions", action_id)
    assert row["title"] == "My new wording of the action"
    assert row["due_date"] != "2027-03-31"  # the form's due date, over theirs
    assert forms[0].result() == QDialog.DialogCode.Accepted
    history = [(e.field, e.new) for e in demo_store.history("actions", action_id)]
    assert ("due_date", "2027-03-31") in history  # their change is kept in the history
