"""LibreOffice as the second real client: convert documents and count PDF pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


#: LibreOffice's setting to recalculate every formula of a workbook it opens (0: always): by
#: default it keeps the values a workbook holds when Excel (as XlsxWriter says) wrote it.
_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def convert(path: Path, fmt: str, outdir: Path, *, recalculate: bool = False) -> Path:
    """Convert *path* with LibreOffice headless (its own profile, so runs never collide);
    with *recalculate*, every formula is computed afresh rather than its stored value kept."""
    assert SOFFICE is not None
    profile = outdir / ".lo-profile"
    if recalculate:
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_RECALCULATE)
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", fmt, "--outdir", str(outdir), str(path)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    target = outdir / f"{path.stem}.{fmt.split(':')[0]}"
    assert target.exists(), f"LibreOffice could not convert {path.name}: {result.stderr}"
    return target


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return out.stdout
