"""Where the app keeps its files: the per-user *local* data folder (never roaming, never
Documents)."""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "LSCP Desktop"


def data_dir() -> Path:
    """The per-user local data folder; ``LSCP_DESKTOP_DATA`` overrides it (tests, IT scripts)."""
    override = os.environ.get("LSCP_DESKTOP_DATA")
    if override:
        return Path(override)
    import platformdirs  # (~2 ms to import: not where the folder is given)

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def default_database() -> Path:
    return data_dir() / "partnership.db"


def log_dir() -> Path:
    override = os.environ.get("LSCP_DESKTOP_DATA")
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def resources_dir() -> Path:
    """``resources/`` beside the package (source checkout) or inside the PyInstaller bundle."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"
