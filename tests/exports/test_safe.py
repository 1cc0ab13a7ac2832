"""Writing export files safely: any text, the target's permissions kept, a read-only file or a
name Windows reserves refused, and the temporary files of a killed export swept away."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from helpers.cli import location
from helpers.faults import in_child, killed, once
from helpers.papers import options_for
from helpers.store import write_around_the_door

from lscp_desktop.exports.registry import EXPORT_KINDS, find_kind
from lscp_desktop.exports.safe import clean_text, one_line, write_atomically
from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database

NAMES = {
    "vertical tab": "Northbridge\x0bSafeguarding Children Partnership",
    "line break": "Northbridge\r\nSafeguarding Children Partnership",
    "nul": "North\x00bridge Safeguarding Children Partnership",
    "non-character": "North\uffffbridge Safeguarding Children Partnership",
    "100,000 characters": "Northbridge Safeguarding Children Partnership " * 2_200,
}


def _opens(path: Path) -> None:
    """The file opens in the library that reads its format, and keeps Excel's limits."""
    if path.suffix == ".docx":
        from docx import Document

        Document(str(path))
    elif path.suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        for ws in wb.worksheets:
            for part in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.firstHeader):
                for side in (part.left, part.center, part.right):
                    assert len(side.text or "") <= 255, (path.name, ws.title)
        assert wb.properties.title is None or "\n" not in wb.properties.title
    else:
        import icalendar

        icalendar.Calendar.from_ical(path.read_bytes())


@pytest.mark.parametrize("name", NAMES.values(), ids=list(NAMES))
def test_no_partnership_name_breaks_any_export(
    demo_store: Store, tmp_path: Path, name: str
) -> None:
    """Names saved before they were cleaned at save (or by another program) still export."""
    row = demo_store.rows("partnership")[0]
    write_around_the_door(demo_store, "partnership", row["id"], {"name": name})
    for kind in EXPORT_KINDS:
        path = kind.run(
            demo_store,
            options_for(demo_store, kind.key),
            tmp_path / f"{kind.key}{kind.suffix}",
            lambda *_: None,
        )
        _opens(path)


def test_one_line_text_for_titles_and_headers() -> None:
    assert one_line("Northbridge\x0bSafeguarding\r\nChildren\u2028Partnership\x00") == (
        "Northbridge Safeguarding Children Partnership"
    )
    assert clean_text("Line one\x0bline two\x0cpage two\x01") == "Line one\nline two\npage two"
    shortened = one_line("word " * 100, 40)
    assert len(shortened) <= 40 and shortened.endswith("word…")


def test_an_excel_header_stays_within_255_characters_with_its_codes() -> None:
    from lscp_desktop.exports.excel import header_text

    header = header_text("Health & Care & Police " * 40)
    assert len("&C" + header) <= 255 and header.endswith("…")
    assert "&&" in header and "& " not in header.replace("&&", "")  # every & written &&
    assert header_text("Risks: A & B") == "Risks: A && B"
    huge = header_text("Northbridge & Eastmere Safeguarding Children Partnership " * 3000)
    assert len("&C" + huge) <= 255 and huge.startswith("Northbridge && Eastmere")
    left = "&L&BOFFICIAL-SENSITIVE&B"  # the marking on the left counts too
    assert len(left + "&C" + header_text("Police " * 50, left)) == 255
    emoji = header_text("\U0001f9d2" * 300, left)  # two units each, as Excel counts
    assert len(left + "&C") + 2 * (len(emoji) - 1) + 1 <= 255


# --------------------------------------------------------------------------- the target file


def _write(path: Path, text: str = "new") -> Path:
    return write_atomically(path, lambda tmp: tmp.write_text(text))


def test_an_export_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    old = tmp_path / "shared.ics"
    old.write_text("old")
    old.chmod(0o664)
    _write(old)
    assert stat.S_IMODE(old.stat().st_mode) == 0o664 and old.read_text() == "new"
    umask = os.umask(0)
    os.umask(umask)
    new = _write(tmp_path / "new.ics")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


def test_a_read_only_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "signed-off.docx"
    target.write_text("the version the board signed off")
    target.chmod(0o444)
    with pytest.raises(LscpError, match="read-only"):
        _write(target)
    assert target.read_text() == "the version the board signed off"
    assert [p.name for p in tmp_path.iterdir()] == ["signed-off.docx"]


@pytest.mark.parametrize(
    "name",
    ["CON.docx", "nul.xlsx", "Com1.ics", "LPT9.docx", "aux", "minutes.docx ", "minutes.docx.",
     "a<b.docx", "what?.docx"],
)  # fmt: skip
def test_names_windows_cannot_hold_are_refused_on_every_system(tmp_path: Path, name: str) -> None:
    with pytest.raises(LscpError, match="Windows"):
        _write(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- killed exports


def _export_and_hang(db: str, key: str, out: str) -> None:
    """In a child: export, but stop for good just before the finished file is renamed."""
    os.replace = lambda *_a, **_k: time.sleep(3600)  # type: ignore[assignment]
    with open_database(db, read_only=True, daily_backup=False) as store:
        find_kind(key).run(store, options_for(store, key), Path(out), lambda *_: None)


def test_a_killed_exports_temporary_file_is_swept_by_the_next_export(
    demo_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    mine = folder / ".notes-abcd1234.docx"  # a file of the user's that looks like a temp file
    mine.write_text("keep me")
    db = str(location(demo_store))
    killed(
        lambda: _export_and_hang(db, "agenda", str(folder / "agenda.docx")),
        once(lambda: any(tempfiles.final_name(p) for p in folder.iterdir()), then=0.5),
    )  # the temporary file is written: the child waits in os.replace
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 2, left  # the killed export's temporary file, and the user's
    in_child(_export, db, "membership", str(folder / "membership.docx"))
    assert sorted(p.name for p in folder.iterdir()) == [".notes-abcd1234.docx", "membership.docx"]
    assert mine.read_text() == "keep me"


def _export(db: str, key: str, out: str) -> str:
    with open_database(db, read_only=True, daily_backup=False) as store:
        return str(find_kind(key).run(store, options_for(store, key), Path(out), lambda *_: None))
