"""Make database text safe for Office files, and write files so they are never half-written."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.core.text import plain_text

# XML 1.0 forbids C0 controls other than tab, LF, CR; also U+FFFE/U+FFFF (and lone surrogates,
# which plain_text replaces).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_CELL_LIMIT = 32_767


def clean_text(value: Any) -> str:
    """Text that python-docx and openpyxl accept: bad controls dropped, lone surrogates replaced."""
    return _XML_BAD.sub("", plain_text(value))


def one_line(value: Any, limit: int | None = None) -> str:
    """Text for a place that holds one line (a page header, a title, a calendar's name): every
    line break and control character (Word's line break ``\x0b`` too) becomes a space, runs of
    spaces one, and text longer than *limit* ends in "…" within it."""
    text = " ".join(_XML_BAD.sub(" ", plain_text(value)).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def set_text_cell(cell: Any, value: Any) -> None:
    """Put user text in an openpyxl cell as text, never as a formula, whatever it starts with."""
    text = clean_text(value)[:EXCEL_CELL_LIMIT]
    cell.value = text
    cell.data_type = "s"


class TargetLockedError(LscpError):
    """The target file is open in another program (usually Word or Excel)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} is open in another program (perhaps Word or Excel). Close it there, "
            "or save under another name."
        )
        self.path = path


def write_atomically(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` for a temporary file in the target folder, then rename it over *path*.

    A failure part-way leaves any existing file untouched and no temporary file behind; the
    temporary files of exports killed part-way are swept from the folder first.
    """
    target = Path(path).absolute()
    if not target.parent.is_dir():
        raise LscpError(f"The folder {target.parent} does not exist.")
    tempfiles.sweep(target.parent)  # what exports killed part-way left in this folder
    tmp = tempfiles.create_temp(target)
    try:
        write(tmp)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise TargetLockedError(target) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target
