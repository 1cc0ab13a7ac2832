"""What IT support needs to help, and the third-party licences, without Qt and without
personal data.

:func:`build_diagnostics` gathers versions, paths, the database check and the recent log lines.
Everything in it goes through :func:`scrub`, which removes email addresses, the Windows/Linux
user name (also inside paths) and the names of the partnership's people.
"""

from __future__ import annotations

import datetime as dt
import getpass
import importlib.metadata as md
import os
import platform
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lscp_desktop import APP_NAME, __version__
from lscp_desktop.logs import log_file
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.migrations import schema_version
from lscp_desktop.paths import data_dir, log_dir

#: Libraries whose versions help diagnose a problem (distribution names).
KEY_LIBRARIES = (
    "PySide6-Essentials",
    "shiboken6",
    "sqlite-utils",
    "python-docx",
    "docxcompose",
    "openpyxl",
    "matplotlib",
    "holidays",
    "icalendar",
    "platformdirs",
    "defusedxml",
)
LOG_LINES = 50

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HOME_DIRS = re.compile(r"(?i)([\\/](?:Users|home)[\\/])([^\\/\s'\"]+)")


# --------------------------------------------------------------------------- scrubbing


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """*text* with emails, the user name and the given people's names replaced."""
    text = _EMAIL.sub("<email>", text)
    text = _HOME_DIRS.sub(r"\1<user>", text)
    words = {n for n in names if n.strip()}
    # Full names first, then each part of a name (a surname alone is still personal data).
    parts = {p for n in words for p in re.split(r"[\s,]+", n) if len(p) >= 3}
    for name in sorted(words, key=len, reverse=True):
        text = re.sub(re.escape(name), "<name>", text, flags=re.IGNORECASE)
    for part in sorted(parts, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", "<name>", text)
    user = _user_name()
    if len(user) >= 2:
        text = re.sub(rf"(?<![\w<]){re.escape(user)}(?![\w>])", "<user>", text, flags=re.I)
    return text


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some locked-down services)
        return os.environ.get("USERNAME", "")


# --------------------------------------------------------------------------- versions


def library_versions(names: Iterable[str] = KEY_LIBRARIES) -> dict[str, str]:
    versions = {}
    for name in names:
        try:
            versions[name] = md.version(name)
        except md.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def is_bundled() -> bool:
    """Running from the PyInstaller bundle rather than a Python environment."""
    return bool(getattr(sys, "frozen", False))


def recent_log_lines(count: int = LOG_LINES, path: Path | None = None) -> list[str]:
    path = path or log_file()
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    return lines[-count:]


def build_diagnostics(
    store: Store | None,
    *,
    qt: Mapping[str, str] | None = None,
    log_lines: int = LOG_LINES,
    now: dt.datetime | None = None,
) -> str:
    """Plain text for IT: versions, paths, the database check and the last log lines.

    *qt* carries the Qt and PySide6 versions from the window (this module imports no Qt).
    """
    from lscp_desktop.models.membership.people import list_people

    now = now or dt.datetime.now()
    names = [p.name for p in list_people(store)] if store is not None else []
    out = [f"{APP_NAME} diagnostics, {now:%d/%m/%Y %H:%M}", ""]
    out.append(f"{APP_NAME}: {__version__} ({'installed bundle' if is_bundled() else 'source'})")
    out.append(f"Python: {platform.python_version()} ({platform.python_implementation()})")
    out.append(f"Operating system: {platform.platform()} ({platform.machine()})")
    for key, value in (qt or {}).items():
        out.append(f"{key}: {value}")
    out.append("Libraries: " + ", ".join(f"{k} {v}" for k, v in library_versions().items()))
    out += ["", "Folders:"]
    out.append(f"  data folder: {data_dir()}")
    out.append(f"  log folder: {log_dir()}")
    if store is not None:
        out += _database_section(store)
    else:
        out += ["", "Database: none open"]
    lines = recent_log_lines(log_lines)
    out += ["", f"Last {len(lines)} log lines ({log_file().name}):"]
    out += [f"  {line}" for line in lines] or ["  (the log is empty)"]
    return scrub("\n".join(out), names) + "\n"


def _database_section(store: Store) -> list[str]:
    out = ["", "Database:"]
    out.append(f"  file: {store.path}")
    try:
        size = store.path.stat().st_size
    except OSError:
        size = 0
    out.append(f"  size: {size / 1_048_576:.1f} MB")
    out.append(f"  SQLite: {store.sqlite_version()}")
    out.append(
        f"  schema version: {store.pragma('user_version')} (this version expects "
        f"{schema_version()})"
    )
    out.append(f"  journal: {store.location.journal_mode}; read-only: {store.read_only}")
    last = store.last_backup()
    out.append(f"  backups folder: {store.backup_dir}")
    out.append(f"  last backup: {last:%d/%m/%Y %H:%M}" if last else "  last backup: none")
    counts = {t: store.count(t) for t in ("organisations", "people", "bodies", "memberships")}
    out.append("  records: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    problems = store.check()
    out.append("  check: OK" if not problems else f"  check: {len(problems)} problem(s)")
    out += [f"    {p}" for p in problems]
    out += [f"  warning: {w}" for w in store.warnings]
    return out


# --------------------------------------------------------------------------- licences


@dataclass(frozen=True)
class PackageLicence:
    name: str
    version: str
    licence: str


def third_party_licences(root: str = "lscp-desktop") -> list[PackageLicence]:
    """Every package the app runs on (its dependencies, recursively), from their metadata."""
    names = _dependency_closure(root)
    if not names:  # metadata of the app itself is missing: list what is installed
        names = {d.metadata["Name"] for d in md.distributions() if d.metadata["Name"]}
        names.discard(root)
    found = []
    for name in names:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        found.append(PackageLicence(dist.metadata["Name"], dist.version, licence_of(dist)))
    return sorted(found, key=lambda p: p.name.lower())


def licence_of(dist: md.Distribution) -> str:
    meta: Any = dist.metadata  # an email.message.Message underneath
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = [
        c.split(" :: ")[-1] for c in (meta.get_all("Classifier") or []) if c.startswith("License")
    ]
    if classifiers:
        return "; ".join(classifiers)
    if text:
        first = text.splitlines()[0].strip()
        return first[:60] + ("…" if len(first) > 60 else "")
    return "not stated"


def _dependency_closure(root: str) -> set[str]:
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        try:
            requirements = md.requires(name) or []
        except md.PackageNotFoundError:
            continue
        for req in requirements:
            dep = _runtime_requirement(req)
            if dep and dep.lower() not in {s.lower() for s in seen}:
                seen.add(dep)
                todo.append(dep)
    return seen


def _runtime_requirement(req: str) -> str | None:
    """The distribution name of *req*, or ``None`` for an extra or another platform's need."""
    spec, _, marker = req.partition(";")
    if marker.strip():
        try:
            from packaging.markers import Marker

            if not Marker(marker.strip()).evaluate({"extra": ""}):
                return None
        except Exception:  # packaging missing or an odd marker: keep only non-extras
            if "extra" in marker:
                return None
    name = re.split(r"[\s\[<>=!~(]", spec.strip(), maxsplit=1)[0]
    return name or None
