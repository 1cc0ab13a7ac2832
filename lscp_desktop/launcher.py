"""The ``lscp-desktop`` entry point: the window at once, the command line only when asked for.

Opening the window (no arguments, or just ``--db FILE``) imports nothing of the command-line
package (``argparse`` and every command's module), so the window comes up sooner; anything else
goes to :func:`lscp_desktop.cli.main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def gui_database(argv: Sequence[str]) -> tuple[bool, Path | str | None]:
    """Whether *argv* just opens the window (no command), and on which file or team database
    (a ``postgresql://`` address, kept as text)."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db":
        return True, _database(argv[1])
    if len(argv) == 1 and argv[0].startswith("--db="):
        return True, _database(argv[0][5:])
    return False, None


def _database(value: str) -> Path | str:
    if value.strip().lower().startswith(("postgresql://", "postgres://")):
        return value.strip()
    return Path(value)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--export-worker"]:  # the window's export process (exports/worker.py)
        from lscp_desktop.exports.worker import main as worker_main

        return worker_main()
    gui, db = gui_database(args)
    if gui:
        from lscp_desktop.app import run_gui

        return run_gui(db)
    from lscp_desktop.cli import main as cli_main

    return cli_main(args)
