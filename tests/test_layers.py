"""The analysis package's layers: nothing imports upward and no module imports itself back.

files/ (files <-> records, no NLP) <- map/ (one article -> rows) <- reduce/ (corpus-wide), with
records.py (the row types) and text.py (the one normaliser) below everything. The map may not
import the files layer, the reduce, the corrections or the runners: the map/ folder is the
article cache key (analysis.build.MAP_SOURCES), so whatever it imports must live inside it.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
BASE = {"analysis", "analysis.records", "analysis.text"}
ALLOWED = {  # layer -> the layers (module prefixes) its modules may import
    "analysis.files": ("analysis.files",),
    "analysis.map": ("analysis.map",),
    "analysis.reduce": ("analysis.reduce", "analysis.map", "analysis.files", "analysis.corrections"),
    "analysis.corrections": ("analysis.files",),
    "analysis.records": (),
    "analysis.text": (),
}


def _modules() -> dict[str, set[str]]:
    """Every analysis module and the analysis modules it imports (anywhere in the file)."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("analysis")}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
                deps.add(node.module)
                deps |= {f"{node.module}.{a.name}" for a in node.names}  # `from analysis.map import nlp`
        out[name] = deps
    return {m: {d for d in deps if d in out and d != m} for m, deps in out.items()}


def _layer(module: str) -> str | None:
    return next((lay for lay in sorted(ALLOWED, key=len, reverse=True) if module == lay or module.startswith(lay + ".")),
                None)


def test_nothing_imports_upward():
    wrong = []
    for module, deps in _modules().items():
        layer = _layer(module)
        if layer is None:
            continue  # build, mapping, dask_map, bench, the page queries: the top
        for dep in deps - BASE:
            if not any(dep == ok or dep.startswith(ok + ".") for ok in (layer, *ALLOWED[layer])):
                wrong.append(f"{module} -> {dep}")
    assert wrong == []


def test_records_and_text_stand_alone():
    graph = _modules()
    assert graph["analysis.text"] == set()
    assert graph["analysis.records"] <= {"analysis.text"}


def test_no_import_cycle():
    graph = _modules()
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append(path[path.index(d):] + [d] if d in path else [m, d])
            elif d not in state:
                visit(d, path + [d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []
