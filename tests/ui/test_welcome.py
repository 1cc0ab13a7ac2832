"""The first-run welcome, driven through its real widgets, and what start-up does with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from lscp_desktop.models.meetings.cadence import get_cadence
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.organisations import find_organisation, list_organisations
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.startup import open_database
from lscp_desktop.ui.welcome import WelcomeChoice, WelcomeDialog

TRI = ["Hammersmith & Fulham", "Kensington and Chelsea", "Westminster"]


@pytest.fixture
def dialog(qtbot: Any, tmp_path: Path) -> WelcomeDialog:
    d = WelcomeDialog(tmp_path / "partnership.db")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def fill(qtbot: Any, d: WelcomeDialog, key: str, name: str, authorities: list[str]) -> None:
    qtbot.mouseClick(d.setup_button, Qt.MouseButton.LeftButton)
    d.select_template(key)
    qtbot.keyClicks(d.name_edit, name)
    for edit, text in zip(d.authority_edits, authorities, strict=False):
        qtbot.keyClicks(edit, text)


def create(qtbot: Any, d: WelcomeDialog) -> WelcomeChoice:
    qtbot.mouseClick(d.create_button, Qt.MouseButton.LeftButton)
    assert d.result() == WelcomeDialog.DialogCode.Accepted
    assert d.choice is not None and d.choice.plan is not None
    return d.choice


def open_with(
    monkeypatch: pytest.MonkeyPatch, path: Path, choice: WelcomeChoice | None
) -> tuple[Store, list[str]] | None:
    monkeypatch.setattr(WelcomeDialog, "ask", classmethod(lambda cls, p, parent=None: choice))
    return open_database(path, welcome=True)


def test_the_demo_is_the_default_choice(qtbot: Any, dialog: WelcomeDialog) -> None:
    assert dialog.stack.currentIndex() == 0
    assert dialog.demo_button.isDefault() and not dialog.setup_button.isDefault()
    qtbot.keyClick(dialog.demo_button, Qt.Key.Key_Return)
    assert dialog.choice == WelcomeChoice(demo=True)


def test_one_authority_template_from_the_form(
    qtbot: Any, dialog: WelcomeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(qtbot, dialog, "executive-forum", "Lambeth LSCP", ["Lambeth"])
    assert dialog.stack.currentIndex() == 1 and dialog.create_button.isDefault()
    assert [e.isVisibleTo(dialog) for e in dialog.authority_edits] == [True, False, False]
    # The suggested name follows the authority's, in grey: nothing is typed for the user.
    assert dialog.partner_edits[0].text() == ""
    assert dialog.partner_edits[0].placeholderText() == "Lambeth Council"
    assert "Training and Development Subgroup" in dialog.bodies_label.text()
    choice = create(qtbot, dialog)
    opened = open_with(monkeypatch, tmp_path / "a.db", choice)
    assert opened is not None
    store, notices = opened
    with store:
        kinds = sorted(b.kind for b in list_bodies(store))
        assert kinds == ["executive", "forum", "learning hub", *["subgroup"] * 4]
        assert get_cadence(store, list_bodies(store)[0].id).months_between == 2
        assert {o.name for o in list_organisations(store)} == {
            "Lambeth Council",
            "NHS Integrated Care Board",
            "Police",
        }
        assert "Lambeth LSCP is set up" in notices[0]


def test_three_authority_template_from_the_form(
    qtbot: Any, dialog: WelcomeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(qtbot, dialog, "three-authorities", "Tri-borough LSCP", TRI)
    assert all(e.isVisibleTo(dialog) for e in dialog.authority_edits)
    suggested = [e.placeholderText() for e in dialog.partner_edits[:3]]
    assert suggested == [f"{la} Council" for la in TRI]
    qtbot.keyClicks(dialog.partner_edits[3], "NHS North West London ICB")
    opened = open_with(monkeypatch, tmp_path / "t.db", create(qtbot, dialog))
    assert opened is not None
    with opened[0] as store:
        local = [b for b in list_bodies(store) if b.kind == "local group"]
        assert sorted(b.local_authority for b in local) == sorted(TRI)
        assert find_organisation(store, "NHS North West London ICB") is not None
        partnership = get_partnership(store)
        assert partnership is not None and partnership.local_authorities == TRI


def test_four_partner_template_from_the_form(
    qtbot: Any, dialog: WelcomeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(qtbot, dialog, "four-partners", "Lambeth LSCP", ["Lambeth"])
    assert len(dialog.partner_edits) == 4
    opened = open_with(monkeypatch, tmp_path / "f.db", create(qtbot, dialog))
    assert opened is not None
    with opened[0] as store:
        orgs = list_organisations(store)
        assert len(orgs) == 4
        assert [o.name for o in orgs if o.kind == "education"] == ["Lambeth Education"]
        assert [o.name for o in orgs if o.safeguarding_partner] == ["Lambeth Education"]
        assert any(b.kind == "scrutiny board" for b in list_bodies(store))


def test_multi_borough_template_from_the_form(
    qtbot: Any, dialog: WelcomeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(qtbot, dialog, "multi-borough", "Lewisham Children's Safeguarding Partnership",
         ["Lewisham"])  # fmt: skip
    assert "Tri-borough Strategic Executive Group" in dialog.bodies_label.text()
    assert "shared" in dialog.template_note.text()
    opened = open_with(monkeypatch, tmp_path / "m.db", create(qtbot, dialog))
    assert opened is not None
    with opened[0] as store:
        shared = [b for b in list_bodies(store) if b.hosted_by]
        assert [b.code for b in shared] == ["TRISEG"]
        partnership = get_partnership(store)
        assert partnership is not None
        assert partnership.chair_arrangement == "agreed among the statutory partners"


def test_partner_names_are_saved_exactly_as_typed(
    qtbot: Any, dialog: WelcomeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing into a partner's field gives that name, not the suggestion with it appended
    ("Lambeth CouncilLondon Borough of Lambeth")."""
    fill(qtbot, dialog, "executive-forum", "Lambeth Safeguarding Children Partnership",
         ["Lambeth"])  # fmt: skip
    qtbot.mouseClick(dialog.partner_edits[0], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.partner_edits[0], "London Borough of Lambeth")
    qtbot.keyClicks(dialog.partner_edits[2], "Metropolitan Police Service")
    opened = open_with(monkeypatch, tmp_path / "x.db", create(qtbot, dialog))
    assert opened is not None
    with opened[0] as store:
        assert sorted(o.name for o in list_organisations(store)) == [
            "London Borough of Lambeth",
            "Metropolitan Police Service",
            "NHS Integrated Care Board",
        ]
        partnership = get_partnership(store)
        assert partnership is not None
        assert partnership.name == "Lambeth Safeguarding Children Partnership"


def test_escaping_the_form_with_details_typed_asks_first(
    qtbot: Any, dialog: WelcomeDialog, message_boxes: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    fill(qtbot, dialog, "executive-forum", "Lambeth LSCP", ["Lambeth"])
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.name_edit.text() == "Lambeth LSCP"
    assert message_boxes.shown[-1][1] == "Unsaved changes"
    message_boxes.answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.choice is None


def test_a_mistake_keeps_the_form_open_with_a_message(qtbot: Any, dialog: WelcomeDialog) -> None:
    fill(qtbot, dialog, "three-authorities", "Tri-borough LSCP", TRI[:2])
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.choice is None
    assert dialog.error_label.isVisible()
    assert "covers 3 local authorities" in dialog.error_label.text()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == 0 and dialog.demo_button.isDefault()


def test_quitting_the_welcome_opens_nothing_and_asks_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    path = tmp_path / "p.db"
    assert open_with(monkeypatch, path, None) is None
    asked: list[Path] = []

    def ask(cls: Any, p: Path, parent: Any = None) -> WelcomeChoice:
        asked.append(p)
        return WelcomeChoice(demo=True)

    monkeypatch.setattr(WelcomeDialog, "ask", classmethod(ask))
    opened = open_database(path, welcome=True)
    assert opened is not None and asked == [path]
    with opened[0] as store:
        assert store.count("people") > 0
        assert any("demonstration partnership" in n for n in opened[1])


def test_no_welcome_for_a_database_with_data(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    path = demo_store.path
    demo_store.close()
    monkeypatch.setattr(WelcomeDialog, "ask", classmethod(lambda *a: pytest.fail("asked")))
    opened = open_database(path, welcome=True)
    assert opened is not None
    opened[0].close()


def test_the_names_take_no_more_than_the_store_does(qtbot: Any, dialog: WelcomeDialog) -> None:
    fill(qtbot, dialog, "executive-forum", "Lambeth LSCP", ["Lambeth"])
    edits = [dialog.name_edit, *dialog.authority_edits, *dialog.partner_edits]
    assert dialog.partner_edits and {e.maxLength() for e in edits} == {200}
