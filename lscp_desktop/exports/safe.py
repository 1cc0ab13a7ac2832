"""Make database text safe for Office files, and write files so they are never half-written."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.core.text import plain_text

# XML 1.0 forbids C0 controls other than tab, LF, CR; also U+FFFE/U+FFFF (and lone surrogates,
# which plain_text replaces).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_CELL_LIMIT = 32_767
#: The Government Security Classifications a partnership's papers carry.
MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE")


def check_marking(marking: str) -> str:
    """The protective marking, upper case; anything else is refused with the choices."""
    text = (marking or "").strip().upper()
    if text not in MARKINGS:
        raise ValidationError(
            f"'{marking}' is not a protective marking; use {' or '.join(MARKINGS)}.", "marking"
        )
    return text


def clean_text(value: Any) -> str:
    """Text that python-docx and openpyxl accept: bad controls dropped, lone surrogates replaced."""
    return _XML_BAD.sub("", plain_text(value))


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

    A failure part-way leaves any existing file untouched and no temporary file behind.
    """
    target = Path(path).absolute()
    if not target.parent.is_dir():
        raise LscpError(f"The folder {target.parent} does not exist.")
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
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
