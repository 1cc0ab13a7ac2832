"""LibreOffice as the second real client: convert documents and count PDF pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def convert(path: Path, fmt: str, outdir: Path) -> Path:
    """Convert *path* with LibreOffice headless (its own profile, so runs never collide)."""
    assert SOFFICE is not None
    profile = outdir / ".lo-profile"
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
