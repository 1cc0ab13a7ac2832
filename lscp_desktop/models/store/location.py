"""Where a database file lives: a network drive or a sync-service folder changes how it is
opened (no WAL) and earns the user a warning."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "fuse.sshfs",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "9p",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
}
_SYNC_FOLDERS = ("onedrive", "dropbox", "google drive", "googledrive", "my drive", "icloud")


class Location(NamedTuple):
    """Where a database file lives, and what that means for how it is opened."""

    network: bool = False
    sync_service: str | None = None

    @property
    def warning(self) -> str | None:
        if self.network:
            return (
                "This database is on a network drive. If the connection drops while saving, the "
                "file can be damaged, and two people cannot safely use it at once. Keep it on this "
                "computer (the default) and make backups to the network instead."
            )
        if self.sync_service:
            return (
                f"This database is inside a {self.sync_service} folder. Sync services can copy the "
                "file half-written or create conflicting copies, which can lose changes. Keep it "
                "in "
                "the app's own data folder and put backups in the synced folder instead."
            )
        return None

    @property
    def journal_mode(self) -> str:
        # WAL needs shared memory that network file systems and sync clients do not honour.
        return "delete" if (self.network or self.sync_service) else "wal"


def classify_location(path: Path) -> Location:
    path = path.absolute()
    sync = None
    for part in path.parts[:-1]:
        lowered = part.lower()
        for name in _SYNC_FOLDERS:
            if lowered.startswith(name):
                sync = {"my drive": "Google Drive", "googledrive": "Google Drive"}.get(
                    name, name.title().replace("Onedrive", "OneDrive").replace("Icloud", "iCloud")
                )
                break
    return Location(network=_is_network_path(path), sync_service=sync)


def _mount_fstype(path: Path, mounts_text: str) -> str | None:
    best, fstype = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, fstype = mount_point, parts[2]
    return fstype


def _is_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(text)[0]
        if drive:
            drive_remote = 4
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
        return False
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _mount_fstype(path, mounts) in _NETWORK_FS
