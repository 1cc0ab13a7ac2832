"""The layering rules: models/ and exports/ never import Qt; only the store imports SQLite; no
import cycle anywhere in the package; SQL text only in `queries` modules and the store; no
module in models/ over 500 lines."""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "lscp_desktop"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_models_and_exports_import_no_qt() -> None:
    offenders = []
    for layer in ("models", "exports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            if any(
                n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
                for n in imported_modules(path)
            ):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_only_the_store_and_schema_touch_sqlite() -> None:
    allowed = set((PACKAGE / "models" / "store").rglob("*.py"))
    drivers = {"sqlite3", "sqlite_utils", "sqlite_utils.migrations", "psycopg"}
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p not in allowed
        and {m.split(".")[0] if m.startswith("psycopg") else m for m in imported_modules(p)}
        & drivers
    ]
    assert offenders == []


START = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.mainwindow import MainWindow
store = Store.open(sys.argv[1], daily_backup=False)
window = MainWindow(store)
window.show()
app.processEvents()
heavy = ("matplotlib", "numpy", "docx", "openpyxl", "sqlite_utils", "holidays", "icalendar")
print(",".join(m for m in heavy if m in sys.modules))
"""


def test_start_path_keeps_heavy_libraries_unloaded(tmp_path: Path) -> None:
    """Opening a current database and showing the window imports none of the slow libraries."""
    import os
    import subprocess
    import sys

    from lscp_desktop.models.store.database import Store

    db = tmp_path / "p.db"
    Store.open(db, daily_backup=False).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", START, str(db)], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == ""


# --------------------------------------------------------------------------- no import cycle


def module_name(path: Path) -> str:
    """``lscp_desktop/models/imports/engine.py`` -> ``lscp_desktop.models.imports.engine``; a
    package's ``__init__.py`` is the package's own name."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(nodes: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at module level or nested in functions and classes, except
    those under ``if TYPE_CHECKING:`` (which never run)."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _import_nodes(node.orelse)
            continue
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                yield from _import_nodes([child])
            elif isinstance(child, ast.excepthandler | ast.match_case):
                yield from _import_nodes(child.body)


def _known(name: str, modules: Collection[str]) -> str | None:
    """The package module *name* refers to (its longest known prefix), if it is ours."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_edges(name: str, source: str, *, is_package: bool, modules: Collection[str]) -> set[str]:
    """The modules among *modules* that module *name* (whose text is *source*) imports."""
    edges: set[str] = set()
    for node in _import_nodes(ast.parse(source).body):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                package = name if is_package else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            # `from pkg import submodule` imports the submodule; `from pkg import name`, pkg.
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
            ]
        found = (_known(t, modules) for t in targets)
        edges.update(m for m in found if m is not None and m != name)
    return edges


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the graph's strongly connected components (iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found


def a_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One shortest cycle through the component's first module, for the failure message."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return component


def import_graph() -> dict[str, set[str]]:
    return {
        name: import_edges(
            name,
            path.read_text(encoding="utf-8"),
            is_package=path.name == "__init__.py",
            modules=MODULES,
        )
        for name, path in MODULES.items()
    }


def test_the_import_graph_sees_every_kind_of_import() -> None:
    """The walker finds lazy, relative and `from pkg import submodule` imports and skips
    `if TYPE_CHECKING:` ones; Tarjan finds a circle (so the test below can fail)."""
    modules = {"p", "p.a", "p.b", "p.c", "p.sub", "p.sub.d", "q"}
    source = """
import q
from . import b
from .sub import d, helper
from p import sub
if TYPE_CHECKING:
    from p import c
else:
    import os

def later():
    from p.sub.d import thing
    try:
        pass
    except ImportError:
        import p.c
"""
    edges = import_edges("p.a", source, is_package=False, modules=modules)
    assert edges == {"q", "p.b", "p.sub.d", "p.sub", "p.c"}
    assert import_edges(
        "p.sub", "from . import d\nfrom .. import a", is_package=True, modules=modules
    ) == {"p.sub.d", "p.a"}
    assert (
        import_edges("p.b", "if TYPE_CHECKING:\n    import p.c", is_package=False, modules=modules)
        == set()
    )
    # and in the package itself: a lazy import inside a method is an edge
    assert "lscp_desktop.ui.imports.dialog" in import_graph()["lscp_desktop.ui.file_menu"]
    circle = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [c for c in strongly_connected(circle) if len(c) > 1] == [["a", "b", "c"]]
    assert a_cycle(circle, ["a", "b", "c"]) == ["a", "b", "c", "a"]


def test_no_import_cycle_in_the_package() -> None:
    """No circle of imports, lazy ones included: a lazy import is not a way out of a cycle."""
    graph = import_graph()
    components = [c for c in strongly_connected(graph) if len(c) > 1]
    cycles = [
        " -> ".join(a_cycle(graph, c)) + f"  ({len(c)} modules: {', '.join(c)})" for c in components
    ]
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


# --------------------------------------------------------------------------- SQL in its place

#: Keywords and fragments that are SQL, not English: upper case, on word boundaries.
SQL = re.compile(
    r"\bSELECT\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\bFROM\s+[a-z_]+\b|\bWHERE\s|\bJOIN\s|\bORDER\s+BY\b|\bGROUP\s+BY\b|\bHAVING\b"
    r"|\bVALUES\s*\(|\bCOLLATE\b|\bPRAGMA\b|\bIS\s+(NOT\s+)?NULL\b|\bCASE\s+WHEN\b"
    r"|\b(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIEW|TRIGGER)\b|\bLIMIT\s+(\d|\?)"
    r"|\b(AND|OR|NOT)\s+[a-z_.]+\s*(=|<|>|!=|\bIN\b|\bLIKE\b|\bIS\b)"
    # placeholders (`= ?`, `IN (?, ?)`, `IN ({})`, `lower(?)`), not a regex's `(?:` or `=?^`
    r"|\bIN\s*\(\s*(\?|\{\})|([=<>(,]\s*|\b[A-Z]{2,}\s+)\?(?=\s*([,)]|$)|\s+[A-Z])"
)
#: Store methods that take SQL (``query``) or fragments of it (``rows``' where and order by).
SQL_ARGUMENTS = {
    "query": ((0,), {"sql"}),
    "iter_query": ((0,), {"sql"}),
    "scalar": ((0,), {"sql"}),
    "execute": ((0,), {"sql"}),
    "rows": ((1, 3), {"where", "order_by"}),
    "count": ((1,), {"where"}),
}


def _in_queries_or_store(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return parts[:2] == ("models", "store") or path.stem == "queries" or "queries" in parts[:-1]


def _string_texts(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every string constant (an f-string's literal parts joined, ``{}`` for each value) and
    every string passed where the store takes SQL; docstrings and bare strings skipped."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant | ast.JoinedStr):
            skip.add(id(node.value))
            skip.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in node.values)
            if id(node) not in skip:
                text = "".join(
                    v.value if isinstance(v, ast.Constant) else "{}" for v in node.values
                )
                yield node.lineno, text
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            positions, keywords = SQL_ARGUMENTS.get(node.func.attr, ((), set()))
            args = [a for i, a in enumerate(node.args) if i in positions]
            args += [k.value for k in node.keywords if k.arg in keywords]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                    skip.add(id(arg))
                    yield arg.lineno, f"{node.func.attr}(…, {arg.value!r}): SQL fragment"
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and SQL.search(node.value)
        ):
            yield node.lineno, node.value


def sql_outside_queries() -> dict[str, list[str]]:
    """File -> "line: text" of each string holding SQL, outside the store and `queries`."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if _in_queries_or_store(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _string_texts(tree):
            if SQL.search(text) or text.endswith(": SQL fragment"):
                short = " ".join(text.split())
                found.setdefault(path.relative_to(PACKAGE).as_posix(), []).append(
                    f"{line}: {short[:90]}"
                )
    return found


def test_the_sql_finder_finds_sql_and_leaves_english_alone() -> None:
    def texts(source: str) -> list[str]:
        return [t for _n, t in _string_texts(ast.parse(source)) if SQL.search(t) or "SQL" in t]

    assert texts('q = "SELECT id FROM people"') == ["SELECT id FROM people"]
    assert texts('w = f"{key} = ? AND active = 1"') == ["{} = ? AND active = 1"]
    assert texts('w = f"id IN ({marks})"') == ["id IN ({})"]
    assert texts('store.count("people", "active = 1")')
    assert texts('store.rows("meetings", order_by="id")')
    assert texts('"""SELECT in a docstring."""\n') == []
    english = [
        "Choose where to save the report.",
        "Select a row first.",
        "Update the date, then set the status.",
        "Delete from the register?",
        "The order by which actions are due",
        "Join the board (optional)",
        "Done?",
        "Is this right (yes or no)?",
        "Where does the money come from?",
        " ?",
        "Due? Then chase it (by email?)",
    ]
    assert [t for t in english if SQL.search(t)] == []


def test_sql_text_only_in_queries_modules_and_the_store() -> None:
    """SQL, fragments included, is written only in a `queries` module or in models/store/."""
    found = sql_outside_queries()
    assert found == {}, "SQL outside queries modules:\n" + "\n".join(
        f"{f}:{line}" for f, lines in found.items() for line in lines
    )


# --------------------------------------------------------------------------- module size

MAX_MODULE_LINES = 500


def long_models_modules() -> dict[str, int]:
    sizes = {
        p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in (PACKAGE / "models").rglob("*.py")
    }
    return {name: n for name, n in sorted(sizes.items()) if n > MAX_MODULE_LINES}


def test_no_models_module_over_500_lines() -> None:
    long = long_models_modules()
    assert long == {}, f"split these by responsibility (over {MAX_MODULE_LINES} lines): {long}"
