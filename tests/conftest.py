"""Shared fixtures. Qt runs offscreen; modal dialogs are patched so a headless run never hangs."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from lscp_desktop.models.core.collecting import collect_if_due
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database

DATA = Path(__file__).parent / "data"


#: Set by ``make test``: a folder where a crash of the interpreter itself (a fatal signal in Qt
#: or another extension, which no test can catch) leaves every thread's stack and the test that
#: was running, for ``scripts/crash_report.py`` to print at the end of the run.
_CRASH_DIR = os.environ.get("LSCP_TEST_CRASH_DIR")


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    # As in the window (ui/collector.py): Python's collector runs on the main thread only, here
    # after each test (_collect_on_the_main_thread), so that no worker thread (a page's load, an
    # export, a listener) frees a cycle holding a Qt object, which Qt does not survive.
    gc.disable()
    if _CRASH_DIR:
        import faulthandler

        folder = Path(_CRASH_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "running").unlink(missing_ok=True)
        # Kept open for the whole run: faulthandler writes to its descriptor as the process dies.
        config.stash[_crash_file] = dump = (folder / "tracebacks").open("w")
        faulthandler.enable(file=dump, all_threads=True)


_crash_file = pytest.StashKey[Any]()


def pytest_unconfigure(config: pytest.Config) -> None:
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread() -> Iterator[None]:
    yield
    collect_if_due()


def pytest_runtest_logstart(nodeid: str) -> None:
    if _CRASH_DIR:
        (Path(_CRASH_DIR) / "running").write_text(nodeid, encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real per-user data folder or settings."""
    monkeypatch.setenv("LSCP_DESKTOP_DATA", str(tmp_path / "appdata"))


#: The test folders whose ``store`` and ``demo_store`` tests run on both engines: each test
#: once on an SQLite file and once on a PostgreSQL database of its own (issue 22). An area is
#: added here once its suite passes on PostgreSQL.
BOTH_ENGINES = (
    *(
        f"tests/models/{area}/"
        for area in (
            "actions", "assurance", "core", "demo", "finance", "imports", "meetings",
            "membership", "privacy", "reporting", "reviews", "risks",
        )
    ),
    "tests/models/store/test_describe.py",
    "tests/models/store/test_server.py",
    "tests/models/store/test_working_together.py",
    "tests/exports/",
    "tests/cli/",
)  # fmt: skip
ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    where = Path(metafunc.definition.path).relative_to(Path(__file__).parent.parent).as_posix()
    if where.startswith(BOTH_ENGINES) and not metafunc.definition.get_closest_marker("file_only"):
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The engine this test's databases use: "sqlite", or "postgresql" for the areas in
    :data:`BOTH_ENGINES` (each of their tests runs on both)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """The session's own PostgreSQL server (tests/helpers/pgserver.py), started the first time
    a test asks for it. If it cannot start, the tests that need it fail: never skipped."""
    from helpers.pgserver import Server, Unavailable

    try:
        server = Server()
    except Unavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _pg_template(pg_server: Any) -> str:
    """A database with the whole schema, copied for each test."""
    name = pg_server.new_database()
    open_database(pg_server.url(name), daily_backup=False).close()
    return str(name)


def _server_store(request: pytest.FixtureRequest, template: str, *, empty: bool) -> Iterator[Store]:
    server: Any = request.getfixturevalue("pg_server")
    name = server.emptied(template) if empty else server.new_database(template)
    s = open_database(server.url(name), daily_backup=False)
    yield s
    s.close()
    if not empty:
        server.drop(name)


@pytest.fixture
def store(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh, empty database (on the test's engine)."""
    if engine == "postgresql":
        yield from _server_store(request, request.getfixturevalue("_pg_template"), empty=True)
        return
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


@pytest.fixture(scope="session")
def _pg_demo_template(pg_server: Any) -> str:
    import datetime as dt

    from lscp_desktop.models.demo.generate import build_demo

    name = pg_server.new_database()
    with open_database(pg_server.url(name), daily_backup=False) as s:
        build_demo(s, size="small", seed=7, today=dt.date(2026, 11, 22))
    return str(name)


@pytest.fixture
def demo_store(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A copy of the small demo partnership (built once per session), dated 22/11/2026."""
    import shutil

    if engine == "postgresql":
        yield from _server_store(request, request.getfixturevalue("_pg_demo_template"), empty=False)
        return
    _demo_template: Path = request.getfixturevalue("_demo_template")
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    s = Store.open(path, daily_backup=False)
    yield s
    s.close()


@pytest.fixture
def on_engine(engine: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """``on_engine(path)``: where the command line finds the database file at *path* on this
    test's engine: the file itself, or (postgresql) a new database on the session's server
    holding a copy of it, moved there as ``move-to-server`` does; dropped afterwards."""
    made: list[str] = []

    def place(path: Path) -> Path | str:
        if engine != "postgresql":
            return path
        from lscp_desktop.models.store import moving

        server: Any = request.getfixturevalue("pg_server")
        made.append(server.new_database())
        url = str(server.url(made[-1]))
        with (
            Store.open(path, read_only=True, create=False, daily_backup=False) as source,
            open_database(url, daily_backup=False) as target,
        ):
            moving.move(source, target)
        return url

    yield place
    for name in made:
        request.getfixturevalue("pg_server").drop(name)
