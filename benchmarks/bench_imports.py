"""Importing: hostile files refused fast and small, the largest accepted sheet, a real import.

Each measurement runs in a fresh process so its peak memory (max RSS, which includes Python
and openpyxl themselves) is its own. Budgets from issue 7: every hostile or broken file gets
its message within 10 s and under 200 MB.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from helpers.sheets import (
    BILLION_LAUGHS,
    replace_part,
    sheet_xml,
    write_xlsx,
    zip_bomb_xlsx,
)

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.layout import ImportOptions, inspect_file
from lscp_desktop.models.imports.reading import ImportFileError
from lscp_desktop.models.imports.registry import import_kind
mode, kind_key, path = sys.argv[1], sys.argv[2], sys.argv[3]
kind = import_kind(kind_key)
message, rows = "", 0
try:
    if mode == "inspect":
        inspect_file(kind, path)
    elif mode == "read":
        layout = inspect_file(kind, path)
        rows = sum(1 for _ in layout.table.rows())
    else:
        from lscp_desktop.models.store.database import Store
        store = Store.open(sys.argv[4], daily_backup=False)
        report = run_import(store, kind, path, ImportOptions(dry_run=True))
        rows = len(report.lines)
        message = report.summary()
except ImportFileError as exc:
    message = str(exc)
seconds = time.perf_counter() - t0
try:  # the peak of this process's own memory (ru_maxrss would include the parent's at fork)
    status = open("/proc/self/status").read()
    rss = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": seconds, "mb": rss, "message": message, "rows": rows}))
"""


def measure(mode: str, kind: str, path: Path, db: str = "") -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, kind, str(path), db],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def line(name: str, r: dict[str, object], time_budget: float, mb_budget: float) -> bool:
    ok = float(r["s"]) <= time_budget and float(r["mb"]) <= mb_budget  # type: ignore[arg-type]
    print(
        f"import {name}: {float(r['s']):.2f} s ({time_budget:g} s), "  # type: ignore[arg-type]
        f"{float(r['mb']):.0f} MB ({mb_budget:g} MB) {'OK' if ok else 'OVER'}"  # type: ignore[arg-type]
        + (f" — {str(r['message'])[:90]}" if r.get("message") else ""),
        flush=True,
    )
    return ok


def main() -> int:
    db = sys.argv[1]
    work = Path(tempfile.mkdtemp(prefix="lscp-bench-imports-"))
    try:
        plain = write_xlsx(work / "plain.xlsx", [["Organisation"], ["Northshire Police"]])
        sheet = "xl/worksheets/sheet1.xml"
        hostile = {
            "50 MB sheet": replace_part(
                plain, work / "big.xlsx", sheet, sheet_xml(50 * 1024 * 1024 // 110, padding=40)
            ),
            "zip bomb (12 MB of spaces)": zip_bomb_xlsx(plain, work / "bomb.xlsx", 12),
            "zip bomb (256 MB part)": zip_bomb_xlsx(plain, work / "bomb2.xlsx", 256),
            "billion laughs": replace_part(plain, work / "laughs.xlsx", sheet, BILLION_LAUGHS),
            "text renamed .xlsx": _text(work / "renamed.xlsx"),
            "macro-enabled .xlsm": shutil.copy(plain, work / "macro.xlsm"),
            "empty sheet": write_xlsx(work / "empty.xlsx", []),
            "no recognisable header": write_xlsx(work / "nohead.xlsx", [["Q", "Spend"], [1, 2]]),
            # issue 19: counted before any row is imported, not refused after 50,000 are
            "1,000,000-row CSV": _million_rows(work / "million.csv"),
            "155,000-row sheet stating no size": replace_part(
                plain, work / "long.xlsx", sheet, sheet_xml(155_000)
            ),
        }
        ok = True
        for name, path in hostile.items():
            result = measure("inspect", "organisations", Path(path))
            ok &= bool(result["message"])
            ok &= line(name, result, 10, 200)
        # the largest sheet accepted: just under the 32 MB part limit, read to the end
        near = replace_part(plain, work / "near.xlsx", sheet, sheet_xml(48_000, padding=580))
        result = measure("read", "organisations", near)
        ok &= line(f"largest accepted sheet, {result['rows']} rows read", result, 10, 200)
        # a realistic import: 1,000 people (with 40 organisations) checked against the large demo
        rows = [["Name", "Job title", "Agency", "Email"]]
        rows += [[f"Imported Person {n}", "Officer", f"Agency {n % 40}", f"p{n}@example.org"]
                 for n in range(1000)]  # fmt: skip
        people = write_xlsx(work / "people.xlsx", rows)
        result = measure("dry-run", "people", people, db)
        ok &= line("1,000 people dry run on the large demo", result, 10, 200)
        # the app's own action log of the large demo (20,000 actions), checked back against it
        log = work / "actions.xlsx"
        subprocess.run(
            [sys.executable, "-m", "lscp_desktop", "export", "actions", db, "-o", str(log)],
            check=True, capture_output=True,
        )  # fmt: skip
        result = measure("dry-run", "actions", log, db)
        ok &= "20,0" in str(result["message"]) or "already up to date" in str(result["message"])
        ok &= line("the large demo's own action log checked back (dry run)", result, 30, 250)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


def _million_rows(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Organisation,Sector\n")
        fh.writelines(f"Organisation {n},other\n" for n in range(1_000_000))
    return path


def _text(path: Path) -> Path:
    path.write_text("Organisation\nNorthshire Police\n" * 1000, encoding="utf-8")
    return path


if __name__ == "__main__":
    raise SystemExit(main())
