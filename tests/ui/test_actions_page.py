"""The Actions page driven through the real widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers.dialogs import choose, fill_dialog, set_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.actions.chase import actions_for_next_meeting
from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.actions.notes import list_notes
from lscp_desktop.models.actions.records import OPEN_STATUSES
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.actions.page import ActionsPage
from lscp_desktop.ui.register_view import HistoryDialog


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> ActionsPage:
    p = ActionsPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.refresh()
    return p


def test_model_passes_the_model_tester(page: ActionsPage, qtmodeltester: Any) -> None:
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model)
    page.search.setText("neglect")
    qtmodeltester.check(page.model)


def test_log_opens_on_unfinished_actions_and_filters(page: ActionsPage, demo_store: Store) -> None:
    shown = page.model.all_records()
    assert shown and all(a.status in OPEN_STATUSES for a in shown)
    page.status_combo.setCurrentText("All statuses")
    assert page.model.total() == demo_store.count("actions")
    page.search.setText("neglect")
    rows = [page.model.record(i) for i in range(page.model.rowCount())]
    assert rows and all("neglect" in a.search_text for a in rows)
    assert "of" in page.count_label.text()
    page.search.clear()
    page.rag_combo.setCurrentText("Red")
    assert all(page.model.record(i).rag == "red" for i in range(page.model.rowCount()))
    page.rag_combo.setCurrentIndex(0)
    page.overdue_check.setChecked(True)
    overdue = page.model.rowCount()
    assert overdue > 0
    page.owner_combo.setCurrentIndex(1)
    owner = page.owner_combo.currentData()
    assert all(page.model.record(i).owner_id == owner for i in range(page.model.rowCount()))
    page.body_combo.setCurrentIndex(1)  # EXEC's own log
    assert {page.model.record(i).body_code for i in range(page.model.rowCount())} <= {"EXEC"}
    # Sorting by due date, newest first.
    page.overdue_check.setChecked(False)
    page.owner_combo.setCurrentIndex(0)
    page.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    dues = [page.model.record(i).due_date for i in range(page.model.rowCount())]
    assert dues == sorted(dues, reverse=True)


def test_create_an_action_with_an_owner_who_has_left(
    page: ActionsPage,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: Any,
) -> None:
    left = demo_store.query(
        "SELECT p.name FROM people p WHERE p.active = 1 AND NOT EXISTS (SELECT 1 FROM"
        " memberships m WHERE m.person_id = p.id AND (m.end_date IS NULL OR m.end_date >="
        " date('now'))) AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id)"
    )[0]["name"]
    due = (dt.date.today() + dt.timedelta(days=20)).strftime("%d/%m/%Y")

    def fill(d: RecordDialog) -> None:
        choose(d, "body_id", "EXEC")
        set_text(d, "title", "Circulate the neglect toolkit")
        choose(d, "owner_id", left)
        set_text(d, "due_date", due)

    message_boxes.answer = QMessageBox.StandardButton.No
    dialogs = fill_dialog(monkeypatch, fill)
    before = demo_store.count("actions")
    page.new_record()
    assert demo_store.count("actions") == before  # refused: choose another owner
    assert "ended on" in dialogs[0].error.text()
    assert message_boxes.shown[-1][1] == "Owner has left"

    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.new_record()
    assert demo_store.count("actions") == before + 1
    created = page.selected()
    assert len(created) == 1 and created[0].title == "Circulate the neglect toolkit"
    assert created[0].reference.startswith("EXEC-") and created[0].owner == left


def test_due_before_raised_keeps_the_dialog_open(
    page: ActionsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(d: RecordDialog) -> None:
        choose(d, "body_id", "EXEC")
        set_text(d, "title", "Backwards")
        set_text(d, "raised_date", "10/10/2026")
        set_text(d, "due_date", "01/10/2026")

    dialogs = fill_dialog(monkeypatch, fill)
    before = demo_store.count("actions")
    page.new_record()
    assert "before the date the action was raised" in dialogs[0].error.text()
    assert demo_store.count("actions") == before


def test_bulk_complete_needs_a_note_then_updates_all(
    page: ActionsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.view.selectRow(0)
    page.view.selectionModel().select(
        page.model.index(1, 0),
        page.view.selectionModel().SelectionFlag.Select
        | page.view.selectionModel().SelectionFlag.Rows,
    )
    chosen = [a.id for a in page.selected()]
    assert len(chosen) == 2
    assert page.status_button.text() == "Change status of 2…"
    note = {"text": ""}

    def fill(d: RecordDialog) -> None:
        choose(d, "status", "completed")
        set_text(d, "note", note["text"])

    dialogs = fill_dialog(monkeypatch, fill)
    page.change_status()
    assert "completion note" in dialogs[-1].error.text()
    assert {get_action(demo_store, i).status for i in chosen} <= OPEN_STATUSES
    note["text"] = "Reported to the Executive"
    page.change_status()
    done = [get_action(demo_store, i) for i in chosen]
    assert {a.status for a in done} == {"completed"}
    assert {a.completion_note for a in done} == {"Reported to the Executive"}
    # Completed actions drop out of the "Not finished" log.
    assert all(page.model.row_of(i) is None for i in chosen)


def test_note_and_history(
    page: ActionsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.view.selectRow(0)
    action = page.selected()[0]
    fill_dialog(monkeypatch, lambda d: set_text(d, "text", "Chased by email"))
    page.add_note()
    assert list_notes(demo_store, action.id)[0].text == "Chased by email"
    assert page.notes.item(0, 3).text() == "Chased by email"
    shown: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: shown.append(self) or 0)
    page.show_history()
    cells = [shown[0].table.item(r, 4).text() for r in range(shown[0].table.rowCount())]
    assert any("Chased by email" in c for c in cells)


def test_next_meeting_view_and_chase_list(page: ActionsPage, demo_store: Store) -> None:
    page.body_combo.setCurrentIndex(1)
    page.meeting_button.setChecked(True)
    expected = {a.id for a in actions_for_next_meeting(demo_store, 1).actions}
    shown = {page.model.record(i).id for i in range(page.model.rowCount())}
    assert shown == expected and shown
    page.tabs.setCurrentIndex(1)
    assert page.chase.topLevelItemCount() > 0
    first = page.chase.topLevelItem(0)
    assert "overdue" in first.text(0)
    page.chase.setCurrentItem(first)
    page.chase_tab.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text().startswith("Actions for ")


def test_the_chase_list_follows_the_logs_filters(page: ActionsPage, demo_store: Store) -> None:
    from lscp_desktop.models.actions.saving import save_action

    body = page.body_combo.itemData(1)
    unowned = save_action(
        demo_store,
        {"body_id": body, "title": "Nobody has this yet", "raised_date": "2026-09-01",
         "due_date": "2026-10-01"},
    )  # fmt: skip
    page.refresh()
    page.tabs.setCurrentIndex(1)
    tops = [page.chase.topLevelItem(i) for i in range(page.chase.topLevelItemCount())]
    last = tops[-1]
    assert last.text(0).startswith("No owner — ") and last.text(1) == ""
    assert unowned in {last.child(i).data(0, Qt.ItemDataRole.UserRole)[1]
                       for i in range(last.childCount())}  # fmt: skip
    page.organisation_combo.setCurrentIndex(1)  # one organisation's actions only
    organisation = page.organisation_combo.currentText()
    tops = [page.chase.topLevelItem(i) for i in range(page.chase.topLevelItemCount())]
    owed = sum(t.childCount() for t in tops)
    assert owed == sum(1 for a in page.model.shown_records() if a.is_open) and owed
    assert all(t.text(1) == organisation for t in tops)
    assert organisation in page.chase_tab.scope.text()


def test_completing_with_a_date_and_reassigning_with_a_note(
    page: ActionsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.dialogs import answer_dialogs

    action = page.model.record(0)
    page.select_id(action.id)
    done_on = max(dt.date.fromisoformat(action.raised_date), dt.date.today() - dt.timedelta(3))
    answer_dialogs(
        monkeypatch,
        {"status": "completed", "completed_on": done_on.strftime("%d/%m/%Y"),
         "note": "Policy signed off"},
    )  # fmt: skip
    page.change_status()
    assert get_action(demo_store, action.id).completed_date == done_on.isoformat()
    notes = list_notes(demo_store, action.id)
    assert notes[0].text.startswith(f"Marked completed on {done_on:%d/%m/%Y}")
    assert notes[0].by  # who recorded it, though no author was named
    other = page.model.record(1)
    page.select_id(other.id)
    new_owner = next(
        i for i in range(page.owner_combo.count())
        if page.owner_combo.itemData(i) not in (None, other.owner_id)
    )  # fmt: skip
    answer_dialogs(
        monkeypatch, {"owner_id": page.owner_combo.itemData(new_owner), "reason": "Left post"}
    )
    page.reassign_selected()
    text = list_notes(demo_store, other.id)[0].text
    assert text.startswith(f"Reassigned from {other.owner} to ") and text.endswith("Left post")


def test_the_log_shows_its_first_rows_before_the_whole_is_read(
    qtbot: Any, demo_store: Store, make_ctx: Any
) -> None:
    """Opening, the first screenful is shown as soon as it is read ("Loading…" until the whole
    log is in); a reload keeps the rows on screen instead."""
    from lscp_desktop.models.actions.listing import list_actions

    ctx = make_ctx(demo_store)
    seen: list[tuple[int, str]] = []
    p = ActionsPage(ctx)
    qtbot.addWidget(p)
    p.first_rows = 5
    real = p._set_actions

    def record(actions: Any, *, whole: bool = True) -> None:
        real(actions, whole=whole)
        seen.append((p.model.total(), p.count_label.text()))

    p._set_actions = record  # type: ignore[method-assign]
    p.refresh()
    whole = list_actions(demo_store, statuses=OPEN_STATUSES)
    assert seen == [(5, "Loading…"), (len(whole), f"{len(whole):,} actions")]
    assert p.model.all_records() == whole
    seen.clear()
    p.status_combo.setCurrentText("All statuses")
    assert [total for total, _text in seen] == [demo_store.count("actions")]
