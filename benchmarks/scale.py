"""A copy of the large demo with its action log (and the actions' notes) repeated N times.

Usage: python benchmarks/scale.py LARGE_DB FACTOR OUT_DB. The scaling run (``make bench-scale``)
uses it for 3× and 10× the actions: every copy of an action keeps its body, owner, dates and
status, with a number and reference of its own, so pages, filters, exports and imports see a
partnership with ten times the history.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

#: Added to an action's number for each copy (the large demo's highest number is ~2,400).
STEP = 100_000


def scaled_copy(db: str | Path, factor: int, out: str | Path) -> Path:
    out = Path(out)
    shutil.copyfile(db, out)
    if factor <= 1:
        return out
    con = sqlite3.connect(out)
    try:
        cols = [r[1] for r in con.execute("PRAGMA table_info(actions)")]
        note_cols = [r[1] for r in con.execute("PRAGMA table_info(action_notes)")]
        (top,) = con.execute("SELECT max(id) FROM actions").fetchone()
        (top_note,) = con.execute("SELECT max(id) FROM action_notes").fetchone()
        with con:
            for k in range(1, factor):
                picked = {
                    "id": f"id + {k * top}",
                    "number": f"number + {k * STEP}",
                    "reference": f"reference || '-{k}'",
                }
                con.execute(
                    f"INSERT INTO actions ({', '.join(cols)}) SELECT "
                    + ", ".join(picked.get(c, c) for c in cols)
                    + f" FROM actions WHERE id <= {top}"
                )
                picked_notes = {"id": f"id + {k * top_note}", "action_id": f"action_id + {k * top}"}
                con.execute(
                    f"INSERT INTO action_notes ({', '.join(note_cols)}) SELECT "
                    + ", ".join(picked_notes.get(c, c) for c in note_cols)
                    + f" FROM action_notes WHERE id <= {top_note}"
                )
    finally:
        con.close()
    return out


if __name__ == "__main__":
    path = scaled_copy(sys.argv[1], int(sys.argv[2]), sys.argv[3])
    print(path)
