"""`lscp-desktop export KIND` for registry documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from helpers.office import convert, needs_soffice, pdf_pages

from lscp_desktop.cli import main


def test_export_membership_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], on_engine: Any
) -> None:
    assert main(["demo", str(tmp_path / "d.db")]) == 0
    db = on_engine(tmp_path / "d.db")
    out = tmp_path / "members.docx"
    assert (
        main(["export", "membership", str(db), "-o", str(out), "--marking", "OFFICIAL-SENSITIVE"])
        == 0
    )
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Partnership roles"
    assert "Safeguarding Partnership Executive (EXEC)" in headings
    assert all(t.rows[0]._tr.trPr is not None for t in doc.tables)  # header rows repeat


def test_export_refuses_wrong_suffix_and_bad_marking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], on_engine: Any
) -> None:
    main(["demo", str(tmp_path / "d.db")])
    db = on_engine(tmp_path / "d.db")
    capsys.readouterr()
    assert main(["export", "membership", str(db), "-o", str(tmp_path / "m.pdf")]) == 1
    assert "should end in .docx" in capsys.readouterr().err
    assert (
        main(
            ["export", "membership", str(db), "-o", str(tmp_path / "m.docx"), "--marking", "SECRET"]
        )
        == 1
    )
    assert "not a protective marking" in capsys.readouterr().err
    assert not (tmp_path / "m.docx").exists()


@needs_soffice
def test_membership_document_converts_to_pdf(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    main(["demo", str(db)])
    out = tmp_path / "members.docx"
    main(["export", "membership", str(db), "-o", str(out)])
    assert pdf_pages(convert(out, "pdf", tmp_path)) >= 3


def test_export_replaces_an_existing_file_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], on_engine: Any
) -> None:
    main(["demo", str(tmp_path / "d.db")])
    db = on_engine(tmp_path / "d.db")
    out = tmp_path / "members.docx"
    out.write_bytes(b"the business manager's own document")
    capsys.readouterr()
    assert main(["export", "membership", str(db), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert out.read_bytes() == b"the business manager's own document"
    assert main(["export", "membership", str(db), "-o", str(out), "--force"]) == 0
    Document(str(out))
