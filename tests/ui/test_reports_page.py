"""The Reports page exports through the background runner and handles locked targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtWidgets import QMessageBox

from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.pages.reports.page import ReportsPage


@pytest.fixture
def page(qtbot: Any, demo_store: Store, make_ctx: Any) -> ReportsPage:
    p = ReportsPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.refresh()
    return p


def test_exports_the_membership_document(
    page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saved_files: Any
) -> None:
    target = tmp_path / "membership.docx"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: target))
    page.marking.setCurrentText("OFFICIAL-SENSITIVE")
    page.export_button.click()
    doc = Document(str(target))
    assert doc.paragraphs[0].text == "Membership of the partnership"
    assert doc.sections[0].header.paragraphs[0].text.startswith("OFFICIAL-SENSITIVE")
    assert saved_files == [("Membership of the partnership", target)]
    assert page.export_button.isEnabled()


def test_locked_target_offers_another_name(
    page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    paths = iter([tmp_path / "locked.docx", tmp_path / "second.docx"])
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: next(paths)))
    import lscp_desktop.exports.safe as safe

    real_replace = safe.os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == "locked.docx":
            raise PermissionError(13, "locked")
        real_replace(src, dst)

    monkeypatch.setattr(safe.os, "replace", replace)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.export_button.click()
    assert not (tmp_path / "locked.docx").exists()
    assert (tmp_path / "second.docx").exists()
    assert any("open in another program" in text for _, _, text in message_boxes.shown)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir() if p.suffix == ".docx")
    assert TargetLockedError  # the error the page handles


def test_cancelled_export_saves_nothing(
    page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.ui import background

    target = tmp_path / "cancelled.docx"
    monkeypatch.setattr(ReportsPage, "ask_path", classmethod(lambda cls, *a: target))
    real_run = background.BackgroundRunner.run

    def run_cancelled(self: Any, fn: Any, **kwargs: Any) -> Any:
        def cancelled_fn(progress: Any) -> Any:
            progress.cancel()
            return fn(progress)

        return real_run(self, cancelled_fn, **kwargs)

    monkeypatch.setattr(background.BackgroundRunner, "run", run_cancelled)
    page.export_button.click()
    assert not target.exists()
    assert list(tmp_path.glob("*.docx")) == []


def test_the_page_keeps_its_choices_and_starts_on_the_next_meeting(
    page: ReportsPage, demo_store: Store
) -> None:
    import datetime as dt

    from lscp_desktop.models.meetings.meetings import list_meetings

    today = dt.date.today().isoformat()
    upcoming = [m for m in list_meetings(demo_store) if m.date >= today]
    pack = next(i for i, k in enumerate(page.kinds) if k.key == "board-pack")
    page.list.setCurrentRow(pack)
    assert page.choice.value() == upcoming[0].id  # the next meeting, not one in years to come
    dates = [page.choice.itemText(i)[:10] for i in range(len(upcoming))]
    assert dates == [dt.date.fromisoformat(m.date).strftime("%d/%m/%Y") for m in upcoming]
    page.choice.set_value(upcoming[2].id)
    page.marking.setCurrentText("OFFICIAL-SENSITIVE")
    page.list.setCurrentRow(0)  # another document, then back
    page.refresh()  # and the page shown again
    page.list.setCurrentRow(pack)
    assert page.choice.value() == upcoming[2].id
    assert page.marking.currentText() == "OFFICIAL-SENSITIVE"


def test_asks_before_replacing_an_existing_file(
    page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    """The save dialog's own question is about the name typed; the suffix added afterwards can
    name another file, which is not replaced without asking."""
    from PySide6.QtWidgets import QFileDialog

    existing = tmp_path / "membership.docx"
    existing.write_bytes(b"the business manager's own document")
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "membership"), "")),
    )
    message_boxes.answer = QMessageBox.StandardButton.No
    page.export_button.click()
    assert existing.read_bytes() == b"the business manager's own document"
    asked = [text for kind, _title, text in message_boxes.shown if kind == "question"]
    assert asked and "membership.docx" in asked[0] and "replace" in asked[0].lower()


@pytest.mark.parametrize(("typed", "answer", "replaced"), [("membership", "Yes", True),
                                                           ("membership.docx", "Yes", True),
                                                           ("CON", "Yes", False)])  # fmt: skip
def test_replacing_on_yes_and_refusing_a_device_name(
    page: ReportsPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: Any,
    typed: str,
    answer: str,
    replaced: bool,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    existing = tmp_path / "membership.docx"
    existing.write_bytes(b"old")
    path = str(tmp_path / typed)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (path, "")))
    message_boxes.answer = getattr(QMessageBox.StandardButton, answer)
    page.export_button.click()
    assert (existing.read_bytes() != b"old") is replaced
    if not replaced:
        assert message_boxes.shown[-1][0] == "warning" and "CON" in message_boxes.shown[-1][2]
        assert not list(tmp_path.glob("CON*")) and not list(tmp_path.glob(".~lscp-*"))
