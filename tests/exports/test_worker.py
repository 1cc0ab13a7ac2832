"""The export worker process: the window's exports are written there (issue 21), with progress,
cancel and errors relayed as the window expects, and nothing left behind when it stops."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document

from lscp_desktop.exports import worker_client
from lscp_desktop.exports.registry import ExportOptions
from lscp_desktop.exports.safe import TargetLockedError
from lscp_desktop.exports.worker_client import ExportWorkers, WorkerFailed, _error
from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Store


class Stop(Exception):
    """What the window's progress raises when Cancel is pressed."""


@pytest.fixture(scope="module")
def workers() -> Iterator[ExportWorkers]:
    w = ExportWorkers()
    yield w
    w.close()


@pytest.fixture
def db(tmp_path: Path, _demo_template: Path) -> Iterator[Path]:
    """The demo, open for writing as the window has it (holding the app lock)."""
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    with Store.open(path, daily_backup=False) as store:
        assert not store.read_only and store.lock_holder is None
        yield path


def run(workers: ExportWorkers, key: str, db: Path, path: Path, report: object = None,
        **options: object) -> Path:  # fmt: skip
    steps: list[tuple[int, int, str]] = []
    return workers.run(
        key, ExportOptions(**options), path, db,  # type: ignore[arg-type]
        report or (lambda d, t, s: steps.append((d, t, s))),  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_document_is_written_by_the_worker_while_the_window_holds_the_lock(
    workers: ExportWorkers, db: Path, tmp_path: Path
) -> None:
    steps: list[tuple[int, int, str]] = []
    target = tmp_path / "out" / "membership.docx"
    target.parent.mkdir()
    done = run(workers, "membership", db, target,
               lambda d, t, s: steps.append((d, t, s)), marking="OFFICIAL-SENSITIVE")  # fmt: skip
    assert done == target
    doc = Document(str(target))
    assert doc.paragraphs[0].text == "Membership of the partnership"
    assert doc.sections[0].header.paragraphs[0].text.startswith("OFFICIAL-SENSITIVE")
    assert steps  # progress came back
    assert os.listdir(target.parent) == ["membership.docx"]
    worker = workers._idle
    assert worker is not None and worker.alive()  # kept warm for the next export
    run(workers, "funding", db, tmp_path / "out" / "funding.xlsx", year="2025/26")
    assert workers._idle is worker


def test_errors_come_back_as_the_same_messages(
    workers: ExportWorkers, db: Path, tmp_path: Path
) -> None:
    with pytest.raises(LscpError, match="does not exist"):
        run(workers, "membership", db, tmp_path / "no such folder" / "m.docx")
    with pytest.raises(LscpError, match=r"Windows cannot hold a file called 'NUL\.docx'"):
        run(workers, "membership", db, tmp_path / "NUL.docx")
    with pytest.raises(WorkerFailed) as failed:
        run(workers, "no-such-kind", db, tmp_path / "m.docx")
    assert "Traceback" not in str(failed.value)
    locked = _error({"type": "TargetLockedError", "message": "", "path": str(tmp_path / "x")})
    assert isinstance(locked, TargetLockedError) and "x is open in another program" in str(locked)
    assert not [p for p in tmp_path.iterdir() if tempfiles.final_name(p)]


def test_cancel_stops_the_export_and_saves_nothing(
    workers: ExportWorkers, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def cancel(done: int, total: int, text: str) -> None:
        raise Stop("Cancelled; nothing was saved.")

    with pytest.raises(Stop):
        run(workers, "annual-report", db, out / "yearly.docx", cancel, year="2025/26")
    assert os.listdir(out) == []
    assert workers._idle is not None and workers._idle.alive()  # it stopped on its own
    run(workers, "membership", db, out / "m.docx")
    assert os.listdir(out) == ["m.docx"]


def test_a_worker_that_dies_part_way_leaves_nothing_and_the_next_export_works(
    workers: ExportWorkers, large_demo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    workers.prepare("actions")
    assert workers._idle is not None
    pid = workers._idle.proc.pid

    def kill_when_writing(done: int, total: int, text: str) -> None:
        if done == 2:  # "Saving": the workbook is being written under its temporary name
            os.kill(pid, signal.SIGKILL if sys.platform != "win32" else signal.SIGTERM)

    with pytest.raises(WorkerFailed, match=r"stopped unexpectedly.*nothing was saved"):
        run(workers, "actions", large_demo, out / "actions.xlsx", kill_when_writing)
    assert os.listdir(out) == []
    run(workers, "membership", large_demo, out / "m.docx")
    assert os.listdir(out) == ["m.docx"]


def test_a_worker_that_does_not_stop_when_cancelled_is_killed(
    workers: ExportWorkers, large_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(worker_client, "CANCEL_GRACE", 0.0)
    with pytest.raises(LscpError, match="Cancelled"):
        workers.run("actions", ExportOptions(), out / "actions.xlsx", large_demo,
                    lambda *_: None, cancelled=lambda: True)  # fmt: skip
    assert os.listdir(out) == []
    run(workers, "membership", large_demo, out / "m.docx")
    assert os.listdir(out) == ["m.docx"]


def test_the_worker_imports_no_qt(workers: ExportWorkers, db: Path, tmp_path: Path) -> None:
    """The worker starts through the launcher, never the window: nothing of Qt loads."""
    import subprocess

    code = (
        "import sys, runpy; sys.argv = ['lscp-desktop', '--export-worker'];"
        "import lscp_desktop.launcher as l; l.main();"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'argparse'))),"
        " file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], input="", capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.file_only  # the worker opens a file; a team database exports in the window
def test_drafts_attach_documents_the_worker_wrote(
    workers: ExportWorkers, store: Store, tmp_path: Path
) -> None:
    """The window's email drafts have their cover sheets and packs written in the worker."""
    from helpers.correspondence import TODAY, make_setup, read

    from lscp_desktop.exports.mail.writer import to_folder, write_batch
    from lscp_desktop.models.correspondence.paper_requests import papers_batch

    setup = make_setup(store)
    made: list[str] = []

    def export(kind: str, options: ExportOptions, path: Path) -> Path:
        made.append(kind)
        return workers.run(kind, options, path, store.data_path, lambda *_: None)

    (tmp_path / "out").mkdir()
    batch = papers_batch(store, setup.meeting, today=TODAY)
    written = write_batch(store, batch, to_folder(tmp_path / "out"), today=TODAY, pdf=False,
                          export=export)  # fmt: skip
    assert made and set(made) == {"cover-sheet"}
    attached = [part for p in written.paths for part in read(p).iter_attachments()]
    assert attached and all(a.get_filename().endswith(".docx") for a in attached)
