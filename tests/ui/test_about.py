"""Help > About: version, folders, licences, and diagnostics copied without personal data."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from lscp_desktop import __version__
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Store
from lscp_desktop.paths import data_dir, log_dir
from lscp_desktop.ui.about import AboutDialog
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.mainwindow import MainWindow


@pytest.fixture
def about(qtbot: Any, demo_store: Store) -> AboutDialog:
    dialog = AboutDialog(demo_store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_details_show_version_paths_and_licence(about: AboutDialog, demo_store: Store) -> None:
    fields = {k: w.text() for k, w in about.fields.items()}
    assert fields["version"] == __version__
    assert fields["database"] == str(demo_store.path)
    assert fields["data"] == str(data_dir())
    assert fields["logs"] == str(log_dir())
    assert fields["licence"] == "MIT"
    assert fields["schema"] == str(demo_store.pragma("user_version"))


def test_licences_tab_lists_installed_packages(about: AboutDialog) -> None:
    table = about.licences
    rows = {
        table.item(r, 0).text().lower().replace("_", "-"): table.item(r, 2).text()
        for r in range(table.rowCount())
    }
    for name in ("pyside6-essentials", "python-docx", "openpyxl", "matplotlib", "holidays"):
        assert rows.get(name), name
    assert "pytest" not in rows


def test_copy_diagnostics_puts_text_without_names_on_the_clipboard(
    qtbot: Any, about: AboutDialog, demo_store: Store
) -> None:
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(about.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert f"LSCP Desktop: {__version__}" in text and "check: OK" in text
    assert "Qt: " in text and "PySide6: " in text
    for person in list_people(demo_store):
        assert person.name not in text
    assert "copied" in about.copied_label.text()


def test_help_about_opens_the_dialog(
    qtbot: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(demo_store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(window)
    shown: list[Store | None] = []
    monkeypatch.setattr(
        AboutDialog, "present", classmethod(lambda cls, store, parent=None: shown.append(store))
    )
    window.about_action.trigger()
    assert shown == [demo_store]
