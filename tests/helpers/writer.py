"""A writer process for durability tests: commits numbered rows and reports each commit.

Usage: python writer.py DB START COUNT [SLEEP]. Prints "committed N" after each COMMIT returns.
"""

from __future__ import annotations

import sys
import time

from lscp_desktop.models.store.database import Store


def main() -> None:
    path, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    pause = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    store = Store.open(path, daily_backup=False, exclusive=False)
    for n in range(start, start + count):
        with store.transaction():
            store.insert(
                "organisations",
                {"name": f"Org {n}", "kind": "other", "sector": "other", "notes": "x" * 200},
            )
        print(f"committed {n}", flush=True)
        if pause:
            time.sleep(pause)
    store.close()


if __name__ == "__main__":
    main()
