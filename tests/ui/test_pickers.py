"""Pickers: every record picker starts blank (or on the value given), filters as you type, and
lists only what fits; dates are typed or chosen from a calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from lscp_desktop.models.actions.saving import new_action_values
from lscp_desktop.models.core.text_policy import max_length
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.actions.dialogs import action_fields
from lscp_desktop.ui.pages.meetings import forms as meeting_forms
from lscp_desktop.ui.pages.membership import specs
from lscp_desktop.ui.pages.risks.forms import new_risk_values, risk_fields
from lscp_desktop.ui.pickers import DateField, Picker


def new_forms(store: Store) -> dict[str, tuple[list[Any], dict[str, Any]]]:
    """The New forms that pick people, with the values they open with."""
    meeting = list_meetings(store)[-1].id
    forms: dict[str, tuple[list[Any], dict[str, Any]]] = {
        spec.noun: (spec.fields(store), spec.new_values())
        for spec in (specs.people_spec(), specs.memberships_spec(), specs.roles_spec())
    }
    forms["action"] = (action_fields(store), new_action_values(body_id=None))
    forms["risk"] = (risk_fields(store), new_risk_values(None, None))
    forms["agenda item"] = (meeting_forms.item_fields(store), {})
    forms["paper"] = (meeting_forms.paper_fields(store, meeting), {})
    return forms


def test_every_picker_starts_blank(qtbot: Any, demo_store: Store) -> None:
    pickers = 0
    for name, (fields, values) in new_forms(demo_store).items():
        dialog = RecordDialog(None, name, fields, values, lambda v: 1)
        qtbot.addWidget(dialog)
        for field in fields:
            widget = dialog.widgets[field.key]
            if isinstance(widget, Picker) and values.get(field.key) is None:
                pickers += 1
                assert widget.currentText() == "", (name, field.key)
                assert widget.value() is None
    assert pickers >= 12


def test_saving_with_a_person_picker_blank_is_refused(qtbot: Any, demo_store: Store) -> None:
    refused = {}
    for spec in (specs.memberships_spec(), specs.roles_spec()):
        dialog = RecordDialog(
            None, spec.noun, spec.fields(demo_store), spec.new_values(),
            lambda v, spec=spec: spec.save(demo_store, v, None),
        )  # fmt: skip
        qtbot.addWidget(dialog)
        dialog.on_save_clicked()
        refused[spec.noun] = dialog.error.text()
    assert refused == {
        "membership": "Choose the person.",
        "partnership role": "Choose the person who holds the role.",
    }


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_a_picker_filters_as_you_type(qtbot: Any, demo_store: Store) -> None:
    people = [(p.name, p.id) for p in list_people(demo_store, active_only=True)]
    picker = Picker(people, label="Owner")
    qtbot.addWidget(picker)
    picker.show()
    line = picker.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "dix")
    completer = picker.completer()
    shown = completer.completionModel()
    names = [shown.index(row, 0).data() for row in range(shown.rowCount())]
    assert names and all("dix" in n.lower() for n in names)
    assert len(names) < len(people)
    # Choosing a suggestion picks that person.
    completer.activated[str].emit(names[0])
    picker.setEditText(names[0])
    assert picker.value() == dict(people)[names[0]]
    # Text that names nobody is refused, not taken for the nearest match.
    picker.setEditText("Nobody By That Name")
    with pytest.raises(Exception, match="not in the list for owner"):
        picker.value()


def test_the_deputy_picker_lists_only_that_bodys_members(qtbot: Any, demo_store: Store) -> None:
    spec = specs.memberships_spec()
    dialog = RecordDialog(None, "New membership", spec.fields(demo_store), spec.new_values(),
                          lambda v: 1)  # fmt: skip
    qtbot.addWidget(dialog)
    body_picker, deputy_for = dialog.widgets["body_id"], dialog.widgets["deputy_for_id"]
    assert isinstance(body_picker, Picker) and isinstance(deputy_for, Picker)
    assert deputy_for.count() == 0  # no body chosen yet: nobody to stand in for
    bodies = list_bodies(demo_store, active_only=True)
    for body in bodies[:3]:
        body_picker.set_value(body.id)
        offered = {deputy_for.itemData(i) for i in range(deputy_for.count())}
        members = {
            m.id for m in list_memberships(demo_store, body_id=body.id) if m.role != "deputy"
        }
        assert offered == members and offered


def test_dates_are_typed_or_chosen_from_a_calendar(qtbot: Any) -> None:
    field = DateField("2026-12-05")
    qtbot.addWidget(field)
    assert field.text() == "05/12/2026"
    field.edit.clear()
    qtbot.keyClicks(field.edit, "14/03/2027")
    assert field.date() == dt.date(2027, 3, 14)
    field.on_menu_about_to_show()
    assert field.calendar.selectedDate() == QDate(2027, 3, 14)
    assert field.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    field.on_calendar_clicked(QDate(2027, 4, 1))
    assert field.text() == "01/04/2027"
    field.edit.clear()
    assert field.date() is None and field.text() == ""  # optional dates may stay blank


def test_a_ten_thousand_character_name_is_refused_with_a_message(
    qtbot: Any, demo_store: Store
) -> None:
    """The model refuses it, saying the limit (a paste into a form without limits, or a
    command); the register's own form takes no more than the model will."""
    spec = specs.people_spec()
    dialog = RecordDialog(None, "New person", spec.fields(demo_store), {},
                          lambda v: spec.save(demo_store, v, None))  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.widgets["name"].setText("A" * 10_000)  # type: ignore[attr-defined]
    dialog.on_save_clicked()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "a name can hold at most 200" in dialog.error.text() and not dialog.error.isHidden()
    assert demo_store.count("people", "length(name) > 200") == 0
    limited = RecordDialog(None, "New person", spec.fields(demo_store), {},
                           lambda v: spec.save(demo_store, v, None), table="people")  # fmt: skip
    qtbot.addWidget(limited)
    name = limited.widgets["name"]
    assert isinstance(name, QLineEdit) and name.maxLength() == max_length("people", "name") == 200
    name.setText("A" * 10_000)
    assert len(name.text()) == 200
