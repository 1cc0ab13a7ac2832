"""Save dialogs start in the folder last used for each kind of file, suggest a name from the
document and the date, and never start in the program's own folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from lscp_desktop.exports.registry import find_kind
from lscp_desktop.ui import files
from lscp_desktop.ui.exporting import ask_export_path


def test_each_kind_of_file_remembers_its_folder(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts: list[str] = []
    answers = iter([tmp_path / "papers" / "pack", tmp_path / "money" / "funding.xlsx", ""])

    def save(_parent: Any, _title: str, start: str, _filter: str, **_kw: Any) -> tuple[str, str]:
        starts.append(start)
        return str(next(answers)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    pack = find_kind("board-pack")
    chosen = ask_export_path(None, pack, pack.default_name("16/12/2026 Executive"))
    assert chosen == tmp_path / "papers" / "pack.docx"  # the suffix added
    first = Path(starts[0])
    assert first.parent == files.documents_folder() and first.parent != Path.cwd()
    assert first.name == "Board pack - 16-12-2026 Executive.docx"
    (tmp_path / "papers").mkdir()
    (tmp_path / "money").mkdir()
    funding = find_kind("funding")
    ask_export_path(None, funding, funding.default_name("2026/27"))
    assert Path(starts[1]).parent == files.documents_folder()  # workbooks: their own folder
    ask_export_path(None, pack, pack.default_name("13/01/2027 Executive"))
    assert Path(starts[2]).parent == tmp_path / "papers"  # documents: the folder used last


def test_names_are_suggested_from_the_document_and_the_date() -> None:
    risks = find_kind("risks")
    today = dt.date(2026, 12, 5)
    assert risks.default_name(today=today) == f"{risks.label} - 05-12-2026.xlsx"
    assert find_kind("funding").default_name("2026/27", today) == (
        "Funding workbook - 2026-27 - 05-12-2026.xlsx"
    )
    assert files.safe_file_name('Board pack: "EXEC"?') == "Board pack - EXEC"
    assert files.safe_file_name("Minutes 16/12/2026.") == "Minutes 16-12-2026"
