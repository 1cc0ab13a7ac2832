"""Say what a test run that died of a signal was doing: the test running and the top of each
thread's stack, from what ``tests/conftest.py`` left in the crash folder. Short on purpose:
CI keeps only the end of a run's output. Usage: ``crash_report.py FOLDER EXIT_STATUS``."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

#: Frames shown per thread (the innermost ones, where it died).
FRAMES = 8


def report(folder: Path, status: int) -> str:
    try:
        name = signal.Signals(status - 128).name
    except ValueError:
        name = f"exit status {status}"
    running = folder / "running"
    test = running.read_text(encoding="utf-8") if running.is_file() else "(no test had started)"
    lines = [f"The test run died of {name} while running: {test}"]
    dump = folder / "tracebacks"
    text = dump.read_text(encoding="utf-8", errors="replace") if dump.is_file() else ""
    shown = 0
    for line in text.splitlines():
        if line.startswith(("Fatal Python error", "Thread 0x", "Current thread 0x")):
            lines.append(line)
            shown = 0
        elif line.startswith("  File") and shown < FRAMES and "site-packages" not in line:
            lines.append(line)
            shown += 1
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(Path(sys.argv[1]), int(sys.argv[2])), file=sys.stderr)
