"""The PostgreSQL run of ``make bench`` (issue 22): a server of the run's own, started as the
test session starts one (tests/helpers/pgserver.py: the distribution's binaries, a temporary
data folder, a Unix socket, no TCP port, stopped and removed afterwards), on the same machine
as the SQLite figures; the large demo is moved into it with the real ``move-to-server``
command, and the page and filter scripts are run on both, their figures printed side by side.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

from helpers.pgserver import Server, Unavailable

__all__ = ["PAGE_SCRIPTS", "Server", "Unavailable", "moved", "side_by_side"]

#: The scripts that time pages opening and filters applying: run on both engines.
PAGE_SCRIPTS = ("bench_actions.py", "bench_home.py", "bench_meetings.py", "bench_pages.py")

_FIGURE = re.compile(
    r"^(?P<name>.+): (?P<value>[\d.]+ ms)(?P<extra>[^(]*)"
    r" \((?P<budget>budget [^)]*|no budget)\)(?P<verdict> OK| OVER|)$"
)


def moved(server: Server, db: Path) -> tuple[str, str]:
    """A new database on *server* holding the file *db* (``move-to-server``, which proves
    the copy): its address, and the command's last line."""
    url = server.url(server.new_database())
    done = subprocess.run(
        [sys.executable, "-m", "lscp_desktop", "move-to-server", str(db), url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return url, done.stdout.strip().splitlines()[-1]


def side_by_side(sqlite: str, postgresql: str) -> str:
    """Two runs' output of one script as one: each budgeted figure as "name sqlite: X ms,
    postgresql: Y ms (budget …) OK" (OVER if either is over); any other line once if both
    engines said it, else marked with its engine."""
    theirs = {}
    for text in postgresql.splitlines():
        m = _FIGURE.match(text)
        if m:
            theirs[m["name"]] = m
    out, used = [], set()
    for text in sqlite.splitlines():
        m = _FIGURE.match(text)
        other = theirs.get(m["name"]) if m else None
        if m is None or other is None:
            same = text in postgresql.splitlines()
            out.append(f"{text} (both engines)" if same else f"[sqlite] {text}")
            used.add(text if same else "")
            continue
        used.add(m["name"])
        verdict = " OVER" if " OVER" in (m["verdict"], other["verdict"]) else m["verdict"]
        out.append(
            f"{m['name']} sqlite: {m['value']}{m['extra']}, postgresql: {other['value']}"
            f"{other['extra']} ({m['budget']}){verdict}"
        )
    for text in postgresql.splitlines():
        m = _FIGURE.match(text)
        if (m is None or m["name"] not in used) and text not in used:
            out.append(f"[postgresql] {text}")
    return "\n".join(out)
