"""The shape of the code: figures only draw (nothing from ui/ or streamlit), the query layer never
imports streamlit, every page filters through view(corpus, filters), nothing imports upward, no
import cycle, no file over 400 lines; inside analysis/, files/ <- map/ <- reduce/ <- query/ with
records.py (the row types) and text.py (the one normaliser) below everything. The map may not
import the files layer, the reduce, the corrections or the runners: the map/ folder is the
article cache key (analysis.build.MAP_SOURCES), so whatever it imports must live inside it."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

FIGURES = sorted((ROOT / "figures").glob("*.py"))
QUERY = sorted((ROOT / "analysis" / "query").glob("*.py"))
ANALYSIS = sorted((ROOT / "analysis").rglob("*.py"))
UI = sorted((ROOT / "ui").glob("*.py"))
PAGES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
LAYER = {"analysis": 0, "figures": 1, "ui": 2}  # pages and app.py: 3, above everything


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function (`from x import y`: x.y when
    that is a module of the project, else x)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                is_module = (ROOT / Path(*sub.split("."))).with_suffix(".py").exists()
                out.add(sub if is_module else node.module)
    return out


def test_figures_import_nothing_from_ui_or_streamlit():
    for path in FIGURES:
        bad = {m for m in _imports(path) if m.split(".")[0] in ("ui", "streamlit", "pages", "app")}
        assert not bad, (path.name, bad)
    # and nothing they import brings streamlit in either
    code = ("import sys, importlib\n"
            f"for m in {[_module(p) for p in FIGURES + QUERY]!r}: importlib.import_module(m)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('streamlit', 'ui')}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_the_query_layer_never_imports_streamlit_figures_or_ui():
    for path in QUERY:
        bad = {m for m in _imports(path) if m.split(".")[0] in ("streamlit", "figures", "ui", "pages", "app", "plotly")}
        assert not bad, (path.name, bad)


def test_figures_do_no_filtering():
    """The global filters are applied in one place (analysis.query.filters.view); figures take its tables."""
    for path in FIGURES:
        text = path.read_text(encoding="utf-8")
        assert "analysis.query.filters" not in text and "Filters" not in text, path.name


def test_every_page_filters_through_view():
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        for primitive in ("filter_documents", "filter_sentences", "filter_claims", "has_any_theme"):
            assert primitive not in text, (path.name, primitive)
        if path.name != "7_Add_articles.py":  # the upload page shows no corpus data
            assert "view(corpus, f)" in text, path.name


def test_the_reader_hand_off_is_written_once():
    for path in [*PAGES, *UI]:
        text = path.read_text(encoding="utf-8")
        if path.name != "page.py":
            assert '"reader_doc"' not in text and '"reader_focus"' not in text and "1_Reader.py\")" not in text, path.name


def test_nothing_imports_upward():
    for path in [*ANALYSIS, *FIGURES, *UI]:
        here = LAYER[_module(path).split(".")[0]]
        for m in _imports(path):
            top = m.split(".")[0]
            assert top not in ("pages", "app"), (path.name, m)
            if top in LAYER:
                assert LAYER[top] <= here, (path.name, m)
    # the analysis that builds the tables never depends on what the pages ask of them
    for path in ANALYSIS:
        if path not in QUERY:
            assert not any(m.startswith("analysis.query") for m in _imports(path)), path.name


def test_no_import_cycle():
    files = [*ANALYSIS, *FIGURES, *UI]
    mods = {_module(p): p for p in files}
    graph = {m: {i for i in _imports(p) if i in mods and i != m} for m, p in mods.items()}
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            assert state.get(n) != 1, " -> ".join([*trail, m, n])
            if n not in state:
                visit(n, [*trail, m])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


def test_no_file_over_400_lines():
    for path in [*ANALYSIS, *FIGURES, *UI, *PAGES]:
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= 400, (str(path.relative_to(ROOT)), n)


def test_importing_the_ui_freezes_nothing():
    """gc.freeze() runs at the first page run (ui.data.freeze_imports), never as a side effect of an import."""
    code = ("import gc\nn = gc.get_freeze_count()\n"
            "import ui.jobs, ui.data, ui.upload, ui.progress, ui.page\n"
            "print(gc.get_freeze_count() - n)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "0"


# ---------------------------------------------------------------- stages inside analysis/

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
BASE = {"analysis", "analysis.records", "analysis.text"}
ALLOWED = {  # layer -> the layers (module prefixes) its modules may import
    "analysis.files": ("analysis.files",),
    "analysis.map": ("analysis.map",),
    "analysis.reduce": ("analysis.reduce", "analysis.map", "analysis.files", "analysis.corrections"),
    "analysis.corrections": ("analysis.files",),
    "analysis.records": (),
    "analysis.text": (),
    "analysis.query": ("analysis.query", "analysis.reduce", "analysis.map", "analysis.files", "analysis.corrections"),
}


def _analysis_modules() -> dict[str, set[str]]:
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


def test_analysis_stages_never_import_upward():
    wrong = []
    for module, deps in _analysis_modules().items():
        layer = _layer(module)
        if layer is None:
            continue  # build, mapping, dask_map, bench: the top
        for dep in deps - BASE:
            if not any(dep == ok or dep.startswith(ok + ".") for ok in (layer, *ALLOWED[layer])):
                wrong.append(f"{module} -> {dep}")
    assert wrong == []


def test_records_and_text_stand_alone():
    graph = _analysis_modules()
    assert graph["analysis.text"] == set()
    assert graph["analysis.records"] <= {"analysis.text"}
