"""A read-only file or folder, as an ordinary user: it opens read-only, reads everything
committed (a non-empty WAL included), says why nothing can be saved, and leaves nothing behind
that would stop a later save."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from helpers.faults import as_ordinary_user, crash_after, give_to_everyone, shared_folder
from helpers.store import add_org

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Store


def _open_and_save(path: str, name: str = "Police") -> dict[str, Any]:
    """Open as the window would, read, try to save; what happened, as plain data."""
    out: dict[str, Any] = {}
    try:
        with Store.open(path, daily_backup=False) as store:
            out["read_only"] = store.read_only
            out["warnings"] = list(store.warnings)
            out["names"] = sorted(r["name"] for r in store.query("SELECT name FROM organisations"))
            try:
                add_org(store, name)
                out["saved"] = True
            except LscpError as exc:
                out["refused"] = str(exc)
    except LscpError as exc:
        out["open_refused"] = str(exc)
    return out


def _database(folder: Path, names: tuple[str, ...] = ("Council",)) -> Path:
    path = folder / "p.db"
    with Store.open(path, daily_backup=False) as store:
        for name in names:
            add_org(store, name)
    (folder / "p.db.lock").unlink()
    give_to_everyone(path)
    return path


def _commit_and_die(path: str, names: tuple[str, ...]) -> None:
    """Commit rows that stay in the WAL (the caller then dies without checkpointing)."""
    store = Store.open(path, daily_backup=False, exclusive=False)
    for name in names:
        add_org(store, name)


def test_a_read_only_file_opens_read_only_and_says_why(tmp_path: Path) -> None:
    with shared_folder() as folder:
        path = _database(folder)
        path.chmod(0o444)
        seen = as_ordinary_user(_open_and_save, str(path))
        assert seen["read_only"] and seen["names"] == ["Council"]
        assert any("read-only" in w for w in seen["warnings"])
        assert "read-only" in seen["refused"] and "Nothing was saved" in seen["refused"]


def test_a_save_works_again_once_the_file_is_writable(tmp_path: Path) -> None:
    with shared_folder() as folder:
        path = _database(folder)
        path.chmod(0o444)
        as_ordinary_user(_open_and_save, str(path))
        path.chmod(0o666)  # IT gives the file back
        seen = as_ordinary_user(_open_and_save, str(path))
        assert seen.get("saved"), seen
        for side in folder.glob("p.db-*"):
            assert stat.S_IMODE(side.stat().st_mode) & stat.S_IWUSR, side.name


@pytest.mark.parametrize("shm", [True, False], ids=["with -shm", "without -shm"])
@pytest.mark.parametrize("in_wal", [(), ("Police", "Health")], ids=["clean", "non-empty WAL"])
def test_a_read_only_folder_opens_read_only_with_every_committed_row(
    tmp_path: Path, shm: bool, in_wal: tuple[str, ...]
) -> None:
    """``mode=ro``, never ``immutable``: rows committed but still in the -wal are read too."""
    with shared_folder() as folder:
        path = _database(folder)
        if in_wal:
            crash_after(_commit_and_die, str(path), in_wal)
            assert (folder / "p.db-wal").stat().st_size > 0
        elif shm:
            (folder / "p.db-shm").write_bytes(b"")  # left behind by a copy
        if not shm:
            (folder / "p.db-shm").unlink(missing_ok=True)
        for side in folder.iterdir():
            give_to_everyone(side)
        folder.chmod(0o555)
        try:
            seen = as_ordinary_user(_open_and_save, str(path))
        finally:
            folder.chmod(0o777)
        assert "open_refused" not in seen, seen
        assert seen["read_only"]
        assert seen["names"] == sorted(("Council", *in_wal))
        assert "read-only" in seen["refused"]
        assert any("folder" in w for w in seen["warnings"])
