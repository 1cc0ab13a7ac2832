"""The packaging files say what the bundle needs (the full build runs in `make package`)."""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from lscp_desktop.exports.registry import EXPORT_KINDS
from lscp_desktop.models.demo.generate import DEMO_STEPS

ROOT = Path(__file__).parents[1]
SPEC = ROOT / "packaging" / "lscp-desktop.spec"
ISS = ROOT / "packaging" / "lscp-desktop.iss"


def spec_lists() -> dict[str, object]:
    """The literal lists assigned at the top of the spec."""
    found: dict[str, object] = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def test_spec_bundles_resources_and_data_files() -> None:
    spec = spec_lists()
    assert ("resources", "resources") in spec["RESOURCES"]  # type: ignore[operator]
    for name in ("lscp-template.docx", "lscp-desktop.ico", "lscp-desktop.png"):
        assert (ROOT / "resources" / name).is_file(), name
    for package in ("docx", "docxcompose", "openpyxl", "holidays", "tzdata"):
        assert package in spec["DATA_PACKAGES"], package  # type: ignore[operator]
    assert "matplotlib.backends.backend_agg" in spec["HIDDEN_IMPORTS"]  # type: ignore[operator]
    text = SPEC.read_text(encoding="utf-8")
    assert 'copy_metadata("lscp-desktop", recursive=True)' in text
    assert "console=False" in text and "icon=ICON" in text and "tomllib" in text


def test_every_lazily_named_module_is_collected() -> None:
    spec = spec_lists()
    assert "lscp_desktop" in spec["SUBMODULE_PACKAGES"]  # type: ignore[operator]
    named = [k.build for k in EXPORT_KINDS] + list(DEMO_STEPS)
    assert all(n.split(":")[0].startswith("lscp_desktop.") for n in named)


def test_unused_qt_modules_are_excluded() -> None:
    excludes = spec_lists()["QT_EXCLUDES"]
    for module in (
        "PySide6.QtWebEngineCore",
        "PySide6.QtWebEngineWidgets",
        "PySide6.QtQuick",
        "PySide6.QtQml",
        "PySide6.QtCharts",
        "PySide6.Qt3DCore",
        "PySide6.QtMultimedia",
    ):
        assert module in excludes, module  # type: ignore[operator]
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}
    assert not used & set(excludes)  # type: ignore[arg-type]


def test_smoke_script_refuses_unused_qt_files() -> None:
    text = (ROOT / "packaging" / "smoke.py").read_text(encoding="utf-8")
    for name in ("qtwebengine", "qtquick", "qtcharts", "qtqml"):
        assert f'"{name}"' in text


def test_installer_is_per_user_and_keeps_the_data() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.M)
    assert re.search(r"^DefaultDirName=\{localappdata\}\\Programs\\", text, re.M)
    assert "{autoprograms}" in text
    assert "[UninstallDelete]" not in text.replace("No [UninstallDelete]", "")
    assert "/VERYSILENT" in text


def _collect_name() -> str:
    """The folder name the spec's COLLECT writes the bundle to."""
    for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "COLLECT":
            for keyword in node.keywords:
                if keyword.arg == "name":
                    return str(ast.literal_eval(keyword.value))
    raise AssertionError("the spec has no COLLECT(name=...)")


def test_make_package_builds_the_spec_then_smoke_tests_that_bundle() -> None:
    """`make package` (a dry run: nothing is built) clears the old bundle, runs PyInstaller on
    the spec, then runs the smoke test on the very folder the spec's COLLECT writes."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    out = subprocess.run(
        [make, "-n", "--no-print-directory", "package"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    commands = [shlex.split(c) for c in out.replace("\\\n", " ").splitlines() if c.strip()]
    build = next(i for i, c in enumerate(commands) if "PyInstaller" in c)
    smoke = next(i for i, c in enumerate(commands) if "packaging/smoke.py" in c)
    clear = next(i for i, c in enumerate(commands) if c[:2] == ["rm", "-rf"])
    pyinstaller = commands[build]
    dist = pyinstaller[pyinstaller.index("--distpath") + 1]
    bundle = f"{dist}/{_collect_name()}"
    assert str(SPEC.relative_to(ROOT)) in pyinstaller
    assert clear < build < smoke
    assert bundle in commands[clear]  # no stale bundle can pass the smoke test
    assert commands[smoke][commands[smoke].index("packaging/smoke.py") + 1] == bundle
    assert (ROOT / "packaging" / "smoke.py").is_file()
