"""Start-up cost (issue 21): the window imports no command-line code, and a command line imports
only its own command's module, while help still lists every command."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

from lscp_desktop.cli import (
    COMMAND_HOMES,
    COMMAND_MODULES,
    EXPORT_HOME,
    LIST_HOMES,
    Commands,
    build_parser,
    modules_for,
)
from lscp_desktop.models.store.database import Store


def registered_by(name: str) -> tuple[set[str], set[str], set[str]]:
    """The command words, list kinds and export kinds module *name* registers."""
    parser = argparse.ArgumentParser()
    top = parser.add_subparsers()
    listing = top.add_parser("list").add_subparsers()
    export = top.add_parser("export").add_subparsers()
    importlib.import_module(f"lscp_desktop.cli.{name}").register(Commands(top, listing, export))
    return set(top.choices) - {"list", "export"}, set(listing.choices), set(export.choices)


def test_the_table_of_command_homes_is_what_the_modules_register() -> None:
    words: dict[str, str] = {}
    kinds: dict[str, str] = {}
    exports: dict[str, str] = {}
    for name in COMMAND_MODULES:
        top, listing, export = registered_by(name)
        words |= dict.fromkeys(top, name)
        kinds |= dict.fromkeys(listing, name)
        exports |= dict.fromkeys(export, name)
    assert words == COMMAND_HOMES
    assert kinds == LIST_HOMES
    assert set(exports.values()) == {EXPORT_HOME}


def test_a_known_command_needs_only_its_module_and_anything_else_needs_all() -> None:
    assert modules_for(["list", "actions", "x.db", "--json"]) == ["actions"]
    assert modules_for(["--db", "x.db", "finance", "summary"]) == ["finance"]
    assert modules_for(["export", "board-pack", "x.db"]) == ["documents"]
    assert modules_for(["review", "--help"]) == ["reviews"]
    for argv in (["--help"], ["--version"], [], ["list"], ["list", "nonsense"], ["export", "-h"]):
        assert modules_for(argv) == COMMAND_MODULES, argv
    assert modules_for(["no-such-command"]) == COMMAND_MODULES


def test_help_still_lists_every_command() -> None:
    parser = build_parser(["--help"])
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(top.choices) == set(COMMAND_HOMES) | {"list", "export"}
    text = parser.format_help()
    assert all(word in text for word in COMMAND_HOMES)


def run_python(code: str, tmp_path: Path) -> str:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LSCP_DESKTOP_DATA=str(tmp_path / "data"),
        LSCP_DESKTOP_EXIT_AFTER_SHOWN="1",
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_command_line_imports_only_its_own_command_module(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    Store.open(db, create=True).close()
    code = (
        "import sys\n"
        "from lscp_desktop.launcher import main\n"
        f"assert main(['list', 'people', {str(db)!r}, '--json']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('lscp_desktop.cli.')))\n"
    )
    assert run_python(code, tmp_path) == "['lscp_desktop.cli.common', 'lscp_desktop.cli.core']"


def test_opening_the_window_imports_no_command_line_code(tmp_path: Path) -> None:
    """(``argparse`` itself is imported by PySide6's signature module, in a bare window too.)"""
    db = tmp_path / "p.db"
    Store.open(db, create=True).close()
    code = (
        "import sys\n"
        "from lscp_desktop.launcher import main\n"
        f"assert main(['--db', {str(db)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('lscp_desktop.cli')))\n"
    )
    assert run_python(code, tmp_path) == "[]"
