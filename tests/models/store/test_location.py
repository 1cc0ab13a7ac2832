"""Where the file lives: network drives and sync folders are detected, warned about, and
opened without WAL."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.store import assert_pragmas

from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.location import Location, _mount_fstype, classify_location


def test_network_path_uses_rollback_journal_and_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lscp_desktop.models.store.location._is_network_path", lambda _p: True)
    with Store.open(tmp_path / "share.db", daily_backup=False) as store:
        assert_pragmas(store, "delete")
        assert any("network drive" in w for w in store.warnings)


def test_sync_folder_is_detected_and_warned_about(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Northbridge Council" / "LSCP"
    folder.mkdir(parents=True)
    assert classify_location(folder / "p.db").sync_service == "OneDrive"
    assert classify_location(tmp_path / "Dropbox" / "p.db").sync_service == "Dropbox"
    assert classify_location(tmp_path / "Documents" / "p.db").sync_service is None
    with Store.open(folder / "p.db", daily_backup=False) as store:
        assert_pragmas(store, "delete")
        assert any("OneDrive folder" in w for w in store.warnings)


def test_mount_table_classifies_network_file_systems() -> None:
    mounts = (
        "/dev/vda / ext4 rw 0 0\n"
        "//server/share /mnt/council cifs rw 0 0\n"
        "nas:/vol /mnt/nfs nfs4 rw 0 0\n"
    )
    assert _mount_fstype(Path("/mnt/council/lscp/p.db"), mounts) == "cifs"
    assert _mount_fstype(Path("/mnt/nfs/p.db"), mounts) == "nfs4"
    assert _mount_fstype(Path("/home/me/p.db"), mounts) == "ext4"
    assert Location(network=True).journal_mode == "delete"
    assert Location().warning is None
