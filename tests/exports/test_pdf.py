"""PDFs of the Word documents: through Word (faked here: COM is Windows only), through
LibreOffice for real (tagged, titled), or a message saying what to install."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.office import needs_soffice, pdf_pages

from lscp_desktop.cli import main
from lscp_desktop.exports import pdf
from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Store

FAKE_PDF = b"%PDF-1.7\n% made by the fake Word\n%%EOF\n"


class FakeWord:
    """Word.Application as COM shows it, recording what it was asked to do."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.fail = fail
        self.Documents = self
        self.Fields = self

    # Word.Application
    def Open(self, path: str, **kwargs: Any) -> FakeWord:  # COM names its methods so
        self.calls.append(("open", (path, kwargs)))
        return self

    def Quit(self) -> None:
        self.calls.append(("quit", None))

    # Document
    def Update(self) -> None:
        self.calls.append(("update fields", None))

    def ExportAsFixedFormat(self, **kwargs: Any) -> None:
        self.calls.append(("export", kwargs))
        if self.fail:
            raise OSError("(-2147352567, 'Exception occurred.', 'Word cannot save')")
        Path(kwargs["OutputFileName"]).write_bytes(FAKE_PDF)

    def Close(self, **kwargs: Any) -> None:
        self.calls.append(("close", kwargs))


class FakeCom:
    def __init__(self, word: FakeWord) -> None:
        self.word = word
        self.events: list[str] = []

    def initialize(self) -> None:
        self.events.append("CoInitialize")

    def uninitialize(self) -> None:
        self.events.append("CoUninitialize")

    def dispatch_ex(self, progid: str) -> FakeWord:
        self.events.append(progid)
        return self.word


def test_word_saves_a_tagged_pdf_with_the_document_properties(tmp_path: Path) -> None:
    docx = tmp_path / "yearly report.docx"
    docx.write_bytes(b"not opened by the fake")
    word = FakeWord()
    com = FakeCom(word)
    made = pdf.save_pdf(docx, pdf.WordConverter(com))
    assert made == tmp_path / "yearly report.pdf" and made.read_bytes() == FAKE_PDF
    assert com.events == ["CoInitialize", "Word.Application", "CoUninitialize"]
    kinds = [c[0] for c in word.calls]
    assert kinds == ["open", "update fields", "export", "close", "quit"]
    opened = word.calls[0][1]
    assert opened[0] == str(docx) and opened[1]["ReadOnly"] is True
    export = dict(word.calls[2][1])
    assert export["ExportFormat"] == 17 and export["DocStructureTags"] is True
    assert export["IncludeDocProps"] is True and export["CreateBookmarks"] == 1
    assert Path(export["OutputFileName"]).parent == tmp_path  # a temporary file, then renamed
    assert word.calls[3][1] == {"SaveChanges": 0}  # the document is never changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["yearly report.docx",
                                                          "yearly report.pdf"]  # fmt: skip


def test_a_word_failure_is_a_message_and_leaves_nothing(tmp_path: Path) -> None:
    docx = tmp_path / "minutes.docx"
    docx.write_bytes(b"x")
    word = FakeWord(fail=True)
    with pytest.raises(LscpError, match="Microsoft Word could not make the PDF"):
        pdf.save_pdf(docx, pdf.WordConverter(FakeCom(word)))
    assert [c[0] for c in word.calls][-2:] == ["close", "quit"]  # Word is never left running
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.docx"]


def test_word_first_then_libreoffice_then_what_to_install() -> None:
    fake_word = pdf.WordConverter(FakeCom(FakeWord()))
    office = pdf.LibreOfficeConverter(Path("/opt/soffice"))
    assert pdf.find_converter(word=lambda: fake_word, libreoffice=lambda: office) is fake_word
    assert pdf.find_converter(word=lambda: None, libreoffice=lambda: office) is office
    with pytest.raises(pdf.PdfUnavailableError) as err:
        pdf.find_converter(word=lambda: None, libreoffice=lambda: None)
    assert "LibreOffice" in str(err.value) and "Word" in str(err.value)
    assert "has been saved" in str(err.value)


def test_no_converter_keeps_the_word_document(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "_word", lambda: None)
    monkeypatch.setattr(pdf, "_libreoffice", lambda: None)
    target = tmp_path / "members.docx"
    with pytest.raises(pdf.PdfUnavailableError):
        find_kind("membership").run(demo_store, ExportOptions(pdf=True), target, lambda *_: None)
    assert target.exists() and not target.with_suffix(".pdf").exists()


@needs_soffice
def test_libreoffice_pdf_is_tagged_and_titled(demo_store: Store, tmp_path: Path) -> None:
    from docx import Document
    from pypdf import PdfReader

    target = tmp_path / "yearly-report.docx"
    options = ExportOptions(year="2025/26", pdf=True)
    find_kind("annual-report").run(demo_store, options, target, lambda *_: None)
    made = target.with_suffix(".pdf")
    reader = PdfReader(str(made))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged: a structure tree for screen readers
    assert root["/MarkInfo"]["/Marked"]
    title = Document(str(target)).core_properties.title
    assert reader.metadata is not None and reader.metadata.title == title
    assert title.endswith("yearly report 2025/26")
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdf_pages(made) == len(reader.pages) >= 8


@needs_soffice
def test_cli_pdf_beside_the_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    main(["demo", str(db)])
    out = tmp_path / "dispatch.docx"
    assert main(["export", "yearly-report-dispatch", str(db), "--year", "2025/26", "-o",
                 str(out), "--pdf"]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "dispatch.pdf" in printed and pdf_pages(out.with_suffix(".pdf")) == 1
