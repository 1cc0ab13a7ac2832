"""Shared fixtures. Qt runs offscreen; modal dialogs are patched so a headless run never hangs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from lscp_desktop.models.store.database import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real per-user data folder or settings."""
    monkeypatch.setenv("LSCP_DESKTOP_DATA", str(tmp_path / "appdata"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty database."""
    s = Store.open(tmp_path / "test.db", daily_backup=False)
    yield s
    s.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import datetime as dt

    from lscp_desktop.models.demo.generate import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path, daily_backup=False) as s:
        build_demo(s, size="small", seed=7, today=dt.date(2026, 11, 22))
    return path


@pytest.fixture(scope="session")
def large_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The large demo (ten busy years, 20,129 actions), built once per session, dated
    22/11/2026. Read it, or copy it: never write to it (other tests share it)."""
    import datetime as dt

    from lscp_desktop.models.demo.generate import build_demo

    path = tmp_path_factory.mktemp("large") / "large.db"
    with Store.open(path, daily_backup=False) as s:
        build_demo(s, size="large", seed=3, today=dt.date(2026, 11, 22))
    (path.parent / "large.db.lock").unlink()
    return path


@pytest.fixture
def demo_store(tmp_path: Path, _demo_template: Path) -> Iterator[Store]:
    """A copy of the small demo partnership (built once per session), dated 22/11/2026."""
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    s = Store.open(path, daily_backup=False)
    yield s
    s.close()
