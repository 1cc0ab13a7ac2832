"""Importing: hostile files refused fast and small, the largest accepted sheet, real imports.

Each measurement runs in a fresh process so its peak memory (max RSS, which includes Python
and openpyxl themselves) is its own. Budgets from issue 7: every hostile or broken file gets
its message within 10 s and under 200 MB. Issue 21: a dry-run import of an action log (the
large demo's own, and a 48,000-row sheet that states no size) within 1.5× the time and 2× the
memory of openpyxl read-only iterating every row of the same file, alternating (pairs.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).parent))

from helpers.sheets import (
    BILLION_LAUGHS,
    replace_part,
    sheet_xml,
    write_xlsx,
    zip_bomb_xlsx,
)
from pairs import Comparison, compare, process

#: The floor: openpyxl read-only iterating every row of the file's first sheet.
FLOOR = (
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
    "ws = book[book.sheetnames[0]]\n"
    "ws.reset_dimensions()\n"
    "n = sum(1 for _ in ws.iter_rows(values_only=True))\n"
    "book.close()\n"
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
        for name, path in (
            ("the large demo's own action log", log),
            ("a 48,000-row action log stating no size", _long_log(log, work / "long-log.xlsx")),
        ):
            ok &= _against_floor(f"import {name} (dry run)", path, db).all_ok
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


def _against_floor(name: str, path: Path, db: str) -> Comparison:
    app = [sys.executable, "-m", "lscp_desktop", "import", "actions", db, str(path), "--dry-run"]
    floor = [sys.executable, "-c", FLOOR, str(path)]
    return compare(name, lambda: process(app), lambda: process(floor), {"s": 1.5, "mb": 2.0})


#: The columns of the 48,000-row log (the whole log's 18 would be over the 32 MB part limit).
LONG_LOG_COLUMNS = (
    "Reference", "Body", "Title", "Owner", "Organisation", "Raised", "Due date", "Status",
    "Latest note",
)  # fmt: skip


def _long_log(log: Path, target: Path, rows: int = 48_000) -> Path:
    """The action log's rows (nine of its columns) repeated to *rows*, each copy of an action
    a new one (its reference in no log yet), written by openpyxl, with the sheet's stated size
    (its <dimension>) taken out: every row is read, checked and saved (then rolled back)."""
    import re
    import zipfile

    import openpyxl

    book = openpyxl.load_workbook(log, read_only=True)
    ws = book[book.sheetnames[0]]
    keep: list[int] = []
    body: list[list[object]] = []
    for values in ws.iter_rows(values_only=True):
        if not keep:
            if "Reference" in values:
                keep = [values.index(name) for name in LONG_LOG_COLUMNS]
        elif values and values[keep[0]]:
            body.append([values[i] for i in keep])
    book.close()
    assert keep and body, "the action log has no Reference column"
    out = openpyxl.Workbook(write_only=True)
    sheet = out.create_sheet("Actions")
    sheet.append(list(LONG_LOG_COLUMNS))
    for n in range(rows):
        cells = list(body[n % len(body)])
        cells[0] = f"{cells[0]}{n // len(body) + 1:02d}"  # EXEC-0042 -> EXEC-004201: a new action
        sheet.append(cells)
    plain = target.with_suffix(".plain.xlsx")
    out.save(plain)
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(plain) as archive:
        xml = re.sub(rb"<dimension[^>]*/>", b"", archive.read(part), count=1)
    return replace_part(plain, target, part, xml)


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
