"""The import window: choose a file, preview, change the mapping, check, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.sheets import write_csv

from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.membership.people import find_person
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.imports.dialog import ImportDialog
from lscp_desktop.ui.imports.mapping import NOT_IMPORTED
from lscp_desktop.ui.mainwindow import MainWindow

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def dialog(qtbot: Any, demo_store: Store, make_ctx: Any) -> ImportDialog:
    d = ImportDialog(make_ctx(demo_store))
    qtbot.addWidget(d)
    d.show()
    return d


def choose(dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, kind: str, path: Path) -> None:
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind))
    monkeypatch.setattr(ImportDialog, "ask_file", classmethod(lambda cls, parent: path))
    dialog.file_button.click()


def test_preview_changed_mapping_check_and_import(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_store: Store,
    qtmodeltester: Any, message_boxes: Any,
) -> None:  # fmt: skip
    csv = write_csv(
        tmp_path / "contacts.csv",
        "Who,Agency,Contact\nSam Lee,Northshire Police,01234 567890\nAmy Ng,Cafcass,07700 900123\n",
    )
    choose(dialog, monkeypatch, "people", csv)
    model = dialog.preview.model()
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    # "Contact" was taken for the name; the user puts it right
    assert dialog.field_box("name").currentText() == "Contact"
    assert dialog.field_box("organisation").currentText() == "Agency"
    assert not dialog.import_button.isEnabled()
    dialog.field_box("name").setCurrentText("Who")
    dialog.field_box("phone").setCurrentText("Contact")
    assert dialog.columns == {"name": "Who", "phone": "Contact"}
    assert dialog.field_box("name").currentText() == "Who"
    headings = [model_header(dialog, c) for c in range(dialog.preview.model().columnCount())]
    assert "Who\n→ Name" in headings and "Contact\n→ Phone" in headings

    dialog.check_button.click()
    assert dialog.report is not None and dialog.report.dry_run
    qtmodeltester.check(dialog.report_model)
    assert dialog.report_model.rowCount() == 2
    assert "Dry run, nothing saved" in dialog.summary.text()
    assert find_person(demo_store, "Sam Lee") is None
    assert dialog.import_button.isEnabled()

    imported: list[object] = []
    dialog.imported.connect(imported.append)
    dialog.import_button.click()  # the confirmation is answered Yes by the fixture
    assert message_boxes.shown[-1][0] == "question"
    sam = find_person(demo_store, "sam lee")
    assert sam is not None and (sam.phone, sam.organisation) == (
        "01234 567890",
        "Northshire Police",
    )
    assert len(imported) == 1 and dialog.report.committed
    assert any(b.name.endswith(".pre-import.db") for b in demo_store.list_backups())
    assert not dialog.import_button.isEnabled()  # not twice by accident


def model_header(dialog: ImportDialog, column: int) -> str:
    from PySide6.QtCore import Qt

    return str(dialog.preview.model().headerData(column, Qt.Orientation.Horizontal))


def test_messy_workbook_preview_and_a_row_problem(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    choose(dialog, monkeypatch, "memberships", DATA / "messy-membership.xlsx")
    assert "row 4" in dialog.mapping_hint.text()
    assert dialog.preview.model().rowCount() == 7  # blank rows left out
    assert dialog.field_box("body").currentText() == "Group"
    # leaving out the body makes Check impossible to pass: the report says why, per row
    dialog.field_box("body").setCurrentText(NOT_IMPORTED)
    assert "No column was found for Body" not in dialog.message.text()
    dialog.check_button.click()
    assert "No column was found for Body" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    dialog.field_box("body").setCurrentText("Group")
    dialog.check_button.click()
    assert dialog.report is not None and not dialog.report.errors
    assert dialog.import_button.isEnabled()


def test_a_hostile_file_is_a_message_in_the_dialog(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, message_boxes: Any
) -> None:
    fake = tmp_path / "budget.xlsx"
    fake.write_text("not a workbook")
    choose(dialog, monkeypatch, "organisations", fake)
    assert "not really an Excel workbook" in dialog.message.text()
    assert dialog.message.isVisible()
    assert dialog.preview.model() is None or dialog.preview.model().rowCount() == 0
    assert not dialog.check_button.isEnabled()
    assert message_boxes.shown == []


def test_file_menu_opens_the_import_dialog(
    qtbot: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[ImportDialog] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(demo_store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(window)
    window.import_action.trigger()
    assert len(opened) == 1 and opened[0].ctx is window.ctx


def test_blank_template_can_be_saved(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "template.xlsx"
    monkeypatch.setattr(ImportDialog, "ask_save_path", classmethod(lambda cls, p, s: target))
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("memberships"))
    dialog.template_button.click()
    assert target.exists() and "Template saved" in dialog.message.text()
    # and the template reads back with every field recognised
    monkeypatch.setattr(ImportDialog, "ask_file", classmethod(lambda cls, parent: target))
    dialog.file_button.click()
    assert dialog.layout_found is not None
    assert set(dialog.layout_found.mapping) == {f.key for f in dialog.kind.fields}


def test_check_lists_problems_first_and_keeps_import_off(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_store: Store
) -> None:
    rows = "Name,Email\n" + "".join(f"P{n},p{n}@example.org\n" for n in range(30)) + "Bad,bad@\n"
    choose(dialog, monkeypatch, "people", write_csv(tmp_path / "p.csv", rows))
    dialog.check_button.click()
    first = dialog.report_model.record(0)
    assert (first.status, first.row, first.column, first.value) == ("error", 32, "Email", "bad@")
    assert "The check found problems in 1 row" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert find_person(demo_store, "P1") is None


def test_the_apps_own_action_log_previews_and_checks_unchanged(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_store: Store
) -> None:
    from lscp_desktop.exports.registry import ExportOptions, find_kind
    from lscp_desktop.models.actions.listing import list_actions

    book = tmp_path / "actions.xlsx"
    find_kind("actions").run(demo_store, ExportOptions(), book, lambda *_: None)
    assert dialog.kind_box.findData("actions") >= 0  # every registered kind is offered
    choose(dialog, monkeypatch, "actions", book)
    assert dialog.layout_found is not None and dialog.layout_found.header_row == 1
    assert dialog.field_box("reference").currentText() == "Reference"
    assert dialog.field_box("due_date").currentText() == "Due date"
    assert dialog.field_box("latest_note_date").currentText() == "Latest note date"
    assert dialog.preview.model().rowCount() == 12
    dialog.check_button.click()
    assert dialog.report is not None and dialog.report.errors == []
    assert dialog.report.count("unchanged") == len(list_actions(demo_store))


def test_contributions_take_the_year_chosen_in_the_dialog(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, demo_store: Store, message_boxes: Any
) -> None:
    from lscp_desktop.models.finance import contributions, years

    choose(dialog, monkeypatch, "contributions", DATA / "messy-contributions.xlsx")
    assert dialog.year_box.isVisible() and dialog.sheet_box.currentText() == "2025-26"
    dialog.year_box.setCurrentText("2019/20")
    dialog.check_button.click()
    assert dialog.report is not None and dialog.report.errors == []
    assert years.find_year(demo_store, "2019/20") is None  # a check saves nothing
    dialog.import_button.click()
    year = years.get_year(demo_store, "2019/20")
    assert [c.agreed for c in contributions.list_contributions(demo_store, year.id)] == [
        12_000_000, 8_000_000, 3_459_200, 500_000]  # fmt: skip


def test_guessed_kinds_are_shown_and_can_be_changed_before_importing(
    dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_store: Store,
    message_boxes: Any,
) -> None:  # fmt: skip
    csv = write_csv(
        tmp_path / "orgs.csv",
        "Organisation\nRoyal Borough of Greenwich\nSouth London and Maudsley\nHMP Brixton\n",
    )
    choose(dialog, monkeypatch, "organisations", csv)
    dialog.check_button.click()
    panel = dialog.guesses
    assert panel.isVisible() and panel.table.rowCount() == 3
    assert panel.choice("Royal Borough of Greenwich") == ("other", "local authority")
    assert panel.choice("South London and Maudsley") == ("relevant agency", "NHS trust")
    assert "outside the partnership's local authorities" in panel.table.item(0, 3).text()
    panel.kind_box("Royal Borough of Greenwich").setCurrentText("relevant agency")
    assert dialog.organisation_choices == {
        "Royal Borough of Greenwich": ("relevant agency", "local authority")
    }
    dialog.import_button.click()
    assert dialog.report is not None and dialog.report.committed
    greenwich = find_organisation(demo_store, "Royal Borough of Greenwich")
    assert greenwich is not None and greenwich.kind == "relevant agency"
    prison = find_organisation(demo_store, "HMP Brixton")
    assert prison is not None and prison.sector == "prison or youth custody"
