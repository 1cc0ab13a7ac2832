"""One version number: the package's agrees with pyproject.toml (the bundle reads the latter)."""

from __future__ import annotations

import importlib.metadata as md
import tomllib
from pathlib import Path

import lscp_desktop

ROOT = Path(__file__).parents[1]


def test_version_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert lscp_desktop.__version__ == project["version"]
    assert md.version("lscp-desktop") == project["version"]
