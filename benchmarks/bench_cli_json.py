"""``lscp-desktop list actions --json`` against ``sqlite3 -json`` printing the same rows.

Both are whole processes writing to a pipe that is read and thrown away, alternating
(pairs.py). The floor's query selects what the command prints for every action: its columns,
the names of its body, owner, organisation and priority, and its latest note. Budget (issue
21): within 3× the time; memory flat in the row count (compare the 1× and 10× runs).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pairs import compare, process, verdict

FLOOR_SQL = """
SELECT a.*, b.code AS body_code, b.name AS body, coalesce(p.name, '') AS owner,
  coalesce(o.name, '') AS organisation, coalesce(pr.name, '') AS priority,
  coalesce(n.text, '') AS latest_note, n.note_date AS latest_note_date
FROM actions a
JOIN bodies b ON b.id = a.body_id
LEFT JOIN people p ON p.id = a.owner_id
LEFT JOIN organisations o ON o.id = a.organisation_id
LEFT JOIN priorities pr ON pr.id = a.priority_id
LEFT JOIN (SELECT action_id, text, note_date, row_number() OVER (
             PARTITION BY action_id ORDER BY note_date DESC, id DESC) AS k
           FROM action_notes) n ON n.action_id = a.id AND n.k = 1
ORDER BY b.id, a.number
"""


def main() -> int:
    db = sys.argv[1]
    sqlite = shutil.which("sqlite3")
    if sqlite is None:
        print("list actions --json: sqlite3 is not installed, no floor to measure against")
        return 1
    env = dict(os.environ)
    app = [sys.executable, "-m", "lscp_desktop", "list", "actions", db, "--json"]
    floor = [sqlite, "-readonly", "-json", db, FLOOR_SQL]
    rows = subprocess.run(
        [sqlite, db, "SELECT count(*) FROM actions"], capture_output=True, text=True, check=True
    ).stdout.strip()
    result = compare(
        f"list actions --json ({int(rows):,} actions) vs sqlite3 -json",
        lambda: process(app, env, stdout=subprocess.DEVNULL),
        lambda: process(floor, env, stdout=subprocess.DEVNULL),
        {"s": 3.0},
    )
    app_mb = sorted(result.app["mb"])[len(result.app["mb"]) // 2]
    print(f"list actions --json peak memory: {app_mb:.0f} MB (no budget; flat in the row count)")
    return verdict(result)


if __name__ == "__main__":
    raise SystemExit(main())
