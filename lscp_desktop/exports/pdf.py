"""PDF copies of the Word documents, tagged for screen readers and titled, so a published yearly
report is accessible as a PDF.

Which program makes the PDF, in order:

1. **Microsoft Word**, on Windows where it is installed, through COM (pywin32): a separate,
   hidden Word opens the document read-only and saves it with ``ExportAsFixedFormat`` —
   document structure tags on (a tagged PDF), the document's properties (its title) kept,
   bookmarks from the headings — then closes without touching the user's own Word.
2. **LibreOffice**, where it is installed (``soffice`` on the PATH or in its usual folder): a
   headless run with its own throwaway profile, ``writer_pdf_Export`` with ``UseTaggedPDF``
   and ``PDFUACompliance`` (LibreOffice 7.4 or newer reads these options), showing the
   document's title.
3. Otherwise a message naming what to install. The Word document is kept either way.

The PDF is written beside the Word file under the same name, never half-written.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lscp_desktop.exports.safe import write_atomically
from lscp_desktop.models.core.errors import LscpError

#: LibreOffice's PDF export: tagged, PDF/UA, the title shown in the window, heading bookmarks.
LIBREOFFICE_OPTIONS = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}
#: Word's constants for ``ExportAsFixedFormat``.
WD_EXPORT_FORMAT_PDF = 17
WD_EXPORT_OPTIMIZE_FOR_PRINT = 0
WD_EXPORT_ALL_DOCUMENT = 0
WD_EXPORT_DOCUMENT_CONTENT = 0
WD_EXPORT_CREATE_HEADING_BOOKMARKS = 1
WD_DO_NOT_SAVE_CHANGES = 0
CONVERT_TIMEOUT_SECONDS = 240


class PdfUnavailableError(LscpError):
    """Neither Microsoft Word nor LibreOffice can be found to make the PDF."""


class Converter(Protocol):
    name: str

    def convert(self, docx: Path, pdf: Path) -> None:
        """Write *docx* as a tagged PDF to *pdf* (a temporary file the caller renames)."""


@dataclass
class WordConverter:
    """Microsoft Word through COM. *com* is pywin32's ``win32com.client`` and ``pythoncom``
    in use, or a stand-in with ``initialize()``, ``dispatch_ex(progid)`` and ``uninitialize()``
    (the tests fake Word with one)."""

    com: Any
    name: str = "Microsoft Word"

    def convert(self, docx: Path, pdf: Path) -> None:
        self.com.initialize()  # COM is set up per thread: exports run on a worker thread
        try:
            word = self.com.dispatch_ex("Word.Application")  # a Word of our own, hidden
            try:
                word.Visible = False
                word.DisplayAlerts = 0
                doc = word.Documents.Open(str(docx), ReadOnly=True, AddToRecentFiles=False,
                                          Visible=False)  # fmt: skip
                try:
                    doc.Fields.Update()  # the contents' page numbers
                    doc.ExportAsFixedFormat(
                        OutputFileName=str(pdf),
                        ExportFormat=WD_EXPORT_FORMAT_PDF,
                        OpenAfterExport=False,
                        OptimizeFor=WD_EXPORT_OPTIMIZE_FOR_PRINT,
                        Range=WD_EXPORT_ALL_DOCUMENT,
                        Item=WD_EXPORT_DOCUMENT_CONTENT,
                        IncludeDocProps=True,
                        KeepIRM=True,
                        CreateBookmarks=WD_EXPORT_CREATE_HEADING_BOOKMARKS,
                        DocStructureTags=True,
                        BitmapMissingFonts=True,
                        UseISO19005_1=False,
                    )
                finally:
                    doc.Close(SaveChanges=WD_DO_NOT_SAVE_CHANGES)
            finally:
                word.Quit()
        except LscpError:
            raise
        except Exception as exc:  # COM reports Word's own errors as com_error
            raise LscpError(f"Microsoft Word could not make the PDF: {exc}") from exc
        finally:
            self.com.uninitialize()


class _PyWin32:
    """pywin32's COM functions under the names :class:`WordConverter` uses."""

    def __init__(self) -> None:
        # Imported by name: pywin32 is installed on Windows only (ImportError elsewhere).
        self._pythoncom = importlib.import_module("pythoncom")
        self._client = importlib.import_module("win32com.client")

    def initialize(self) -> None:
        self._pythoncom.CoInitialize()

    def uninitialize(self) -> None:
        self._pythoncom.CoUninitialize()

    def dispatch_ex(self, progid: str) -> Any:
        return self._client.DispatchEx(progid)


@dataclass
class LibreOfficeConverter:
    """LibreOffice headless, with a profile of its own so a running LibreOffice is left be."""

    soffice: Path
    name: str = "LibreOffice"

    def convert(self, docx: Path, pdf: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="lscp-pdf-") as work:
            folder = Path(work)
            target = f"pdf:writer_pdf_Export:{json.dumps(LIBREOFFICE_OPTIONS)}"
            command = [
                str(self.soffice), f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless", "--norestore", "--convert-to", target,
                "--outdir", str(folder), str(docx),
            ]  # fmt: skip
            flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window on Windows
            try:
                result = subprocess.run(
                    command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_SECONDS,
                    creationflags=flags, check=False,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                raise LscpError(
                    f"LibreOffice took more than {CONVERT_TIMEOUT_SECONDS // 60} minutes to make "
                    "the PDF and was stopped. The Word document is saved."
                ) from None
            except OSError as exc:
                raise LscpError(f"LibreOffice could not be started: {exc}") from exc
            made = folder / f"{docx.stem}.pdf"
            if not made.is_file():
                detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
                raise LscpError(f"LibreOffice could not make the PDF. {detail[0]}".strip())
            shutil.copyfile(made, pdf)


def find_soffice() -> Path | None:
    """LibreOffice's ``soffice`` on the PATH or in its usual installed place."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = [
        Path(os.environ.get(var, default)) / "LibreOffice" / "program" / "soffice.exe"
        for var, default in (("PROGRAMFILES", r"C:\Program Files"),
                             ("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    ] if sys.platform == "win32" else [
        Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ]  # fmt: skip
    return next((p for p in candidates if p.is_file()), None)


def word_is_installed() -> bool:
    """Whether Word is registered for COM on this Windows machine."""
    if sys.platform != "win32":
        return False
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CLSID"):
            return True
    except OSError:
        return False


def find_converter(
    *,
    word: Callable[[], Converter | None] | None = None,
    libreoffice: Callable[[], Converter | None] | None = None,
) -> Converter:
    """Word where it can be used, else LibreOffice, else a message saying what to install."""
    for finder in (word or _word, libreoffice or _libreoffice):
        converter = finder()
        if converter is not None:
            return converter
    raise PdfUnavailableError(
        "A PDF needs Microsoft Word (on Windows) or LibreOffice, and neither was found. Install "
        "LibreOffice (free, from libreoffice.org) or Word, then export again; the Word document "
        "has been saved."
    )


def _word() -> Converter | None:
    if not word_is_installed():
        return None
    try:
        return WordConverter(_PyWin32())
    except ImportError:  # pywin32 missing from this installation
        return None


def _libreoffice() -> Converter | None:
    soffice = find_soffice()
    return LibreOfficeConverter(soffice) if soffice else None


def save_pdf(docx: Path, converter: Converter | None = None) -> Path:
    """Save *docx* as a PDF beside it (same name, .pdf); returns the PDF's path."""
    chosen = converter or find_converter()
    target = Path(docx).with_suffix(".pdf")
    return write_atomically(target, lambda tmp: chosen.convert(Path(docx), tmp))
