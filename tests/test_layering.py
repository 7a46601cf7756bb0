"""The import graph: ui → index → extract, never upwards, and no cycle (lazy imports included)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("extract", "index", "ui")
RANK = {"extract": 0, "index": 1, "ui": 2}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules imported anywhere in ``path`` (module level or inside functions)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and not name.startswith("ui.app"):
                out.add(name)
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {name: _imports(path, modules) for name, path in modules.items()}
    for name, targets in graph.items():  # a package's __init__ importing its own children is fine
        targets.discard(name)
    return graph


def test_imports_point_down_only():
    upward = [(a, b) for a, targets in _graph().items() for b in targets
              if RANK[b.split(".")[0]] > RANK[a.split(".")[0]]]
    assert upward == []


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if target.startswith(node + "."):
                continue  # a package naming its own submodule
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target] if target in path else [node, target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_no_folder_holds_more_than_twelve_modules():
    for package in PACKAGES:
        for folder in [REPO / package, *(p for p in (REPO / package).rglob("*") if p.is_dir())]:
            modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
            assert len(modules) <= 12, folder


def test_ui_reaches_index_only_through_its_front_door():
    graph = _graph()
    reached = {(a, b) for a, targets in graph.items() if a.startswith("ui") for b in targets
               if b.startswith("index")}
    assert reached and {b for _, b in reached} == {"index.corpus"}, sorted(reached)


def _package_of(module: str) -> str:
    """extract.text.blocks → extract.text; a module at a package's top (extract.records) is its own."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_the_packages_inside_extract_import_one_way():
    graph: dict[str, set[str]] = {}
    for module, targets in _graph().items():
        if module.startswith("extract."):
            here = _package_of(module)
            graph.setdefault(here, set()).update(
                _package_of(t) for t in targets if t.startswith("extract.") and _package_of(t) != here)
    assert "extract.figures" in graph and "extract.words" in graph

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(t == goal or (t not in seen and reaches(t, goal, seen | {t})) for t in graph.get(start, ()))

    cycles = sorted((a, b) for a, targets in graph.items() for b in targets if reaches(b, a, {b}))
    assert cycles == []
