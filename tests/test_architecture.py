"""The rooms of the package hold: core/ is pure, and no module imports itself round a circle.

Imports are read with ``ast`` from the source, including imports inside functions, so an import
moved into a function to dodge a cycle still counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "ext" / "sphinx_protocols"
FORBIDDEN_IN_CORE = ("sphinx", "docutils", "subprocess", "sphinx_needs", "myst_parser")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str) -> set[str]:
    """Every module this one imports, anywhere in it; package modules resolved to the module."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
    return found


GRAPH = {name: {m for m in _imports(name) if m in MODULES and m != name} for name in MODULES}


def _reachable(start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in GRAPH[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_import_reader_sees_imports_inside_functions() -> None:
    assert "sphinx_protocols.sphinxext.extension" in GRAPH["sphinx_protocols"]  # inside setup()
    assert "sphinx_protocols.core.vocabulary" in GRAPH["sphinx_protocols.core.rules.links"]
    assert (
        "sphinx_protocols.core.rules.base" in GRAPH["sphinx_protocols.core.rules.links"]
    )  # relative


def test_core_imports_no_sphinx_docutils_or_subprocess() -> None:
    core = [name for name in MODULES if name.startswith("sphinx_protocols.core")]
    assert len(core) > 10
    problems = []
    for name in core:
        for module in _reachable(name):
            bad = [m for m in _imports(module) if m.split(".")[0] in FORBIDDEN_IN_CORE]
            if bad:
                problems.append(f"{name} -> {module} imports {', '.join(sorted(bad))}")
    assert problems == []


def test_importer_imports_no_sphinx_and_reads_word_only_in_docx_py() -> None:
    importer = [name for name in MODULES if name.startswith("sphinx_protocols.importer")]
    assert len(importer) > 5
    problems = []
    for name in importer:
        for module in _reachable(name):
            bad = [m for m in _imports(module) if m.split(".")[0] in FORBIDDEN_IN_CORE]
            if bad:
                problems.append(f"{name} -> {module} imports {', '.join(sorted(bad))}")
    assert problems == []
    readers = sorted(n for n in MODULES if any(m.split(".")[0] == "docx" for m in _imports(n)))
    assert readers == ["sphinx_protocols.importer.docx"]


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components: any component of more than one module is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in sorted(GRAPH):
        if name not in index:
            visit(name)
    assert cycles == []


def test_only_tools_run_programs() -> None:
    running = sorted(name for name in MODULES if {"subprocess", "os.system"} & _imports(name))
    assert running and all(name.startswith("sphinx_protocols.tools.") for name in running), running
