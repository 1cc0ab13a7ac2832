"""Diagnostics for IT: everything useful is there, and no personal data is."""

from __future__ import annotations

import getpass
import importlib.metadata as md
import logging
from pathlib import Path

import pytest

from lscp_desktop import __version__, diagnostics
from lscp_desktop.logs import log_file, setup_logging
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Store


@pytest.fixture
def logged(demo_store: Store) -> list[str]:
    """Log lines that carry a person's name, an email and the user's name in a path."""
    person = list_people(demo_store)[0]
    setup_logging()
    log = logging.getLogger("lscp_desktop.test")
    lines = [
        f"Saved membership for {person.name} on the Executive",
        f"Export failed for {person.name.split()[-1]}: sent to jane.doe@council.gov.uk",
        rf"Opened C:\Users\{getpass.getuser()}\AppData\Local\LSCP Desktop\partnership.db",
        "Opened /home/someone.else/work/partnership.db",
    ]
    for line in lines:
        log.info(line)
    return lines


def test_diagnostics_have_versions_paths_check_and_log(
    demo_store: Store, logged: list[str]
) -> None:
    text = diagnostics.build_diagnostics(demo_store, qt={"Qt": "6.9.9", "PySide6": "6.9.9"})
    assert f"LSCP Desktop: {__version__}" in text
    assert "Python: " in text and "Operating system: " in text and "Qt: 6.9.9" in text
    assert f"python-docx {md.version('python-docx')}" in text
    assert "check: OK" in text
    assert f"schema version: {demo_store.pragma('user_version')}" in text
    assert "data folder: " in text and "log folder: " in text
    assert "Saved membership for <name> on the Executive" in text  # the log line is there...
    assert "Last 4 log lines" in text


def test_diagnostics_hold_no_personal_data(demo_store: Store, logged: list[str]) -> None:
    text = diagnostics.build_diagnostics(demo_store)
    for person in list_people(demo_store):
        assert person.name not in text
        assert person.name.split()[-1] not in text
        if person.email:
            assert person.email not in text
    assert "jane.doe" not in text and "@council.gov.uk" not in text
    assert getpass.getuser() not in text
    assert "someone.else" not in text
    assert "<email>" in text and "<user>" in text


def test_database_problems_are_listed(demo_store: Store) -> None:
    demo_store.conn.execute("PRAGMA foreign_keys = OFF")
    demo_store.conn.execute("UPDATE people SET organisation_id = 99999 WHERE id = 1")
    text = diagnostics.build_diagnostics(demo_store)
    assert "check: 1 problem(s)" in text
    assert "foreign key: people row 1" in text


def test_without_a_database_or_log(tmp_path: Path) -> None:
    text = diagnostics.build_diagnostics(None)
    assert "Database: none open" in text and "(the log is empty)" in text
    assert not log_file().exists()


def test_scrub_leaves_ordinary_words_alone() -> None:
    assert diagnostics.scrub("Exported the membership document", ["Sam Hall"]) == (
        "Exported the membership document"
    )
    assert diagnostics.scrub("Sam Hall chaired; Hall left", ["Sam Hall"]) == (
        "<name> chaired; <name> left"
    )


def test_third_party_licences_come_from_installed_metadata() -> None:
    packages = {p.name.lower().replace("_", "-"): p for p in diagnostics.third_party_licences()}
    for name in ("pyside6-essentials", "python-docx", "openpyxl", "matplotlib", "sqlite-utils"):
        assert name in packages, name
        assert packages[name].version == md.version(name)
        assert packages[name].licence and packages[name].licence != "not stated"
    assert "pytest" not in packages  # a test tool, not shipped
    assert "lscp-desktop" not in packages
