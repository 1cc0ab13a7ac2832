"""Make database text safe for Office files, and write files so they are never half-written."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.core.text import plain_text

# XML 1.0 forbids C0 controls other than tab, LF, CR; also U+FFFE/U+FFFF (and lone surrogates,
# which plain_text replaces).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_CELL_LIMIT = 32_767
_WORD_BREAKS = re.compile("[\x0b\x0c]")
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
    """Text that python-docx and openpyxl accept: Word's line and page breaks (``\x0b``,
    ``\x0c``, in text pasted from Word) as line breaks, other bad controls dropped, lone
    surrogates replaced."""
    return _XML_BAD.sub("", _WORD_BREAKS.sub("\n", plain_text(value)))


def one_line(value: Any, limit: int | None = None) -> str:
    """Text for a place that holds one line (a page header, a title, a calendar's name): every
    line break and control character (Word's line break ``\x0b`` too) becomes a space, runs of
    spaces one, and text longer than *limit* ends in "…" within it."""
    text = " ".join(_XML_BAD.sub(" ", plain_text(value)).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def cell_text(value: Any) -> str:
    """*value* as the text of a spreadsheet cell: :func:`clean_text`, within Excel's limit of
    32,767 characters as Excel counts them (UTF-16 units: an emoji is two), never cutting
    one in half, and line breaks as a cell holds them (``\r\n`` and ``\r`` as ``\n``).
    Plain ASCII text, most of a register, skips the cleaning's regex passes."""
    text = value if isinstance(value, str) else plain_text(value)
    if not (text.isascii() and text.isprintable()):
        text = clean_text(text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) <= EXCEL_CELL_LIMIT // 2:
        return text
    units = text.encode("utf-16-le")
    if len(units) <= 2 * EXCEL_CELL_LIMIT:
        return text
    return units[: 2 * EXCEL_CELL_LIMIT].decode("utf-16-le", errors="ignore")


def set_text_cell(cell: Any, value: Any) -> None:
    """Put user text in an openpyxl cell as text, never as a formula, whatever it starts with."""
    cell.value = cell_text(value)
    cell.data_type = "s"


#: Names Windows keeps for devices, with or without an extension (NUL.docx is NUL).
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_NOT_IN_WINDOWS_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


class TargetExistsError(LscpError):
    """The target file exists and replacing it was not asked for."""


def safe_file_name(text: str) -> str:
    """*text* usable as a file name on Windows: no \\ / : * ? " < > |, no trailing dot."""
    cleaned = re.sub(r"[\\/]", "-", text).replace(":", " -")
    cleaned = re.sub(r'[*?"<>|\x00-\x1f]+', "", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")
    return cleaned[:120] or "untitled"


def check_target(path: Path, *, replace: bool = True) -> None:
    """Refuse to write *path* if Windows could not hold its name (refused on every system: the
    file may be copied to a council laptop), if it is a read-only file (never replaced), or,
    without *replace*, if it exists at all."""
    name = path.name
    windows = "Windows cannot hold a file called"
    if _RESERVED.match(name):
        raise LscpError(
            f"{windows} '{name}': CON, PRN, AUX, NUL, COM1–9 and LPT1–9 are names it keeps for "
            "devices, whatever follows the dot. Choose another name."
        )
    if name.endswith((".", " ")):
        raise LscpError(f"{windows} '{name}', ending in a dot or a space. Choose another name.")
    if _NOT_IN_WINDOWS_NAMES.search(name):
        raise LscpError(
            f"{windows} '{name}': it may not contain < > : \" / \\ | ? * or control "
            "characters. Choose another name."
        )
    if not path.exists():
        return
    if path.is_dir():
        raise LscpError(f"{path} is a folder; choose a file name.")
    if not _writable(path):
        raise LscpError(
            f"{name} is read-only, so it was not replaced. Save under another name, or clear "
            "the file's read-only setting first."
        )
    if not replace:
        raise TargetExistsError(
            f"{path} already exists and was not replaced; choose another name, or add --force "
            "to replace it."
        )


def _writable(path: Path) -> bool:
    mode = path.stat().st_mode
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


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
    temporary files of exports killed part-way are swept from the folder first. A file that
    is replaced keeps its permissions; a name Windows cannot hold and a read-only file are
    refused (see :func:`check_target`).
    """
    target = Path(path).absolute()
    if not target.parent.is_dir():
        raise LscpError(f"The folder {target.parent} does not exist.")
    check_target(target)
    tempfiles.sweep(target.parent)  # what exports killed part-way left in this folder
    tmp = tempfiles.create_temp(target)
    try:
        write(tmp)
        if target.exists():  # the replaced file's permissions (0664 shared by a team, say)
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise TargetLockedError(target) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target
