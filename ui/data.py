"""The cached data layer: which corpus, built once, tables loaded once per process."""
from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.build import DEFAULT_CACHE, build
from analysis.files.tables import read_tables
from analysis.query.corpus import Corpus
from ui import jobs, progress

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def corpus_path() -> Path:
    """`streamlit run app.py -- --corpus PATH`, else $VEILLE_CORPUS, else the seeds."""
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--corpus", default=None)
    args, _ = ap.parse_known_args(sys.argv[1:])
    chosen = args.corpus or os.environ.get("VEILLE_CORPUS")
    return Path(chosen).resolve() if chosen else SEEDS


def keep_out_of_gc(*, full: bool = True) -> None:
    """Move what is alive now (the corpus tables, their lookups) out of the cycle collector's
    reach. Its full collections otherwise walk those hundreds of thousands of objects at
    every few reruns: 200-250 ms on a 3,800-article corpus, a rerun in two. Frozen objects are
    still freed by reference counting; `full` first unfreezes and collects everything (a new
    corpus: the cycles of one dropped from the cache are reclaimed), else only the young
    generations (the garbage of a memo's computation)."""
    if full:
        gc.unfreeze()
        gc.collect()
    else:
        gc.collect(1)
    gc.freeze()


def _after_memo() -> None:
    """A new memo of a corpus (a lookup derived from it): kept out of the collector too."""
    keep_out_of_gc(full=False)


_FROZE = [False]


def freeze_imports() -> None:
    """Once per process, at the first page run: move what the imports created (pandas, spaCy,
    dateparser... ~170k objects living as long as the server) out of the cycle collector's reach.
    Streamlit runs a full collection after every script and fragment run (the progress fragments
    rerun every 3 s in each session), each costing 0.1-0.3 s over those objects. Called from
    `ui.page.start`, not at import time: importing a module has no such side effect."""
    if not _FROZE[0]:
        _FROZE[0] = True
        gc.freeze()


def _out_dir(path: Path) -> Path:
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    return DEFAULT_CACHE.resolve() / "out" / f"{path.name}-{digest}"


def alias_file() -> Path:
    """The analyst's actor corrections (merge, rename, split): $VEILLE_WORKSPACE/user_aliases.yaml."""
    return Path(os.environ.get("VEILLE_WORKSPACE", "workspace")) / "user_aliases.yaml"


def workspace_root() -> Path:
    """The analyst's workspace (uploads, metadata, alias file): $VEILLE_WORKSPACE, else ./workspace."""
    return Path(os.environ.get("VEILLE_WORKSPACE", "workspace"))


CORPUS_KEY = "_corpus"  # non-widget key: the corpus choice survives page changes; URL ?corpus=


def corpus_options() -> dict[str, Path]:
    """The corpora to choose from: the seeds, the workspace (once it has articles), the --corpus PATH."""
    options = {"seeds": SEEDS}
    articles = workspace_root().resolve() / "articles"
    if articles.is_dir() and any(not e.name.startswith(".") and e.name != "metadata.csv" and e.is_file()
                                 for e in os.scandir(articles)):
        options["workspace"] = articles
    if corpus_path() != SEEDS:
        options["path"] = corpus_path()
    return options


def chosen_corpus() -> str:
    """'seeds', 'workspace' or 'path' (the corpus given at start, the default when there is one)."""
    options = corpus_options()
    st.session_state["_corpus_default"] = "path" if "path" in options else "seeds"
    if CORPUS_KEY not in st.session_state:
        st.session_state[CORPUS_KEY] = st.query_params.get("corpus") or st.session_state["_corpus_default"]
    choice = st.session_state[CORPUS_KEY]
    return choice if choice in options else ("path" if "path" in options else "seeds")


def set_corpus(choice: str) -> None:
    st.session_state[CORPUS_KEY] = choice


@st.cache_resource(show_spinner="Analysing the corpus (first run only)…", max_entries=4)
def _load(path_str: str, stamp: str, aliases_str: str = "") -> Corpus:
    path = Path(path_str)
    out = _out_dir(path)
    build([path], out, progress=False, settings={"user_aliases_file": aliases_str} if aliases_str else None)
    return _corpus_from(out, "seed corpus" if path == SEEDS else path.name, path)


def _stamp(path: Path) -> str:
    """Changes when the corpus files change, so an edited corpus is rebuilt."""
    try:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        return hashlib.sha256("".join(f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in files).encode()).hexdigest()
    except OSError:
        return ""


def load_corpus() -> Corpus:
    """The current corpus, built on first use and cached for the process."""
    choice = chosen_corpus()
    path, aliases = corpus_options()[choice], alias_file()
    if choice == "workspace":  # analysed in the background: pages never wait for an upload's analysis
        return _workspace_corpus(path, aliases)
    if aliases.is_file():  # a saved correction rebuilds the corpus (per-article results stay cached)
        return _load(str(path), f"{_stamp(path)}:{aliases.stat().st_mtime_ns}:{aliases.stat().st_size}", str(aliases.resolve()))
    return _load(str(path), _stamp(path))


def _workspace_stamp(path: Path, aliases: Path) -> str:
    """Cheap for thousands of articles: metadata.csv (rewritten by every save and edit), the
    number of article files, and the alias file."""
    parts = []
    for p in (path / "metadata.csv", aliases):
        try:
            st_ = p.stat()
            parts.append(f"{st_.st_mtime_ns}:{st_.st_size}")
        except OSError:
            parts.append("-")
    try:
        parts.append(str(sum(1 for e in os.scandir(path) if e.is_file() and not e.name.startswith("."))))
    except OSError:
        parts.append("0")
    return ":".join(parts)


def python_strings(df: pd.DataFrame) -> pd.DataFrame:
    """String columns as Python objects. The pages mostly look rows up, join, filter with
    `isin` and iterate; on pyarrow-backed strings pandas builds one pyarrow scalar per value
    passed to `isin` (0.3 s for 55,000 group ids) and one per element when iterating."""
    cols = [c for c in df.columns if isinstance(df[c].dtype, pd.StringDtype)]
    return df.astype({c: object for c in cols}) if cols else df


def _corpus_from(out: Path, label: str, path: Path) -> Corpus:
    tables = {name: python_strings(df) for name, df in read_tables(out).items()}
    names = {}
    if "actors" in tables and not tables["actors"].empty:
        names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"]))
    corpus = Corpus(name=label, path=str(path), tables=tables, actor_names=names, on_memo=_after_memo)
    keep_out_of_gc()
    return corpus


@st.cache_resource(show_spinner=False, max_entries=2)
def _read_built(out_str: str, manifest_stamp: str, path_str: str) -> Corpus:
    return _corpus_from(Path(out_str), "workspace", Path(path_str))


def _workspace_corpus(path: Path, aliases: Path) -> Corpus:
    """The workspace's last finished analysis (the seeds before the first one), while a
    background job analyses what was added or edited since."""
    settings = {"user_aliases_file": str(aliases.resolve())} if aliases.is_file() else {}
    out = _out_dir(path)
    job = jobs.ensure(path, out, lambda: _workspace_stamp(path, aliases), settings)
    manifest = out / ".manifest.json"
    if job.running or job.phase == "failed":
        with st.sidebar:
            progress.build_status(str(path))
    try:
        return _read_built(str(out), str(manifest.stat().st_mtime_ns), str(path))
    except OSError:  # never analysed yet: show the seeds meanwhile
        seeds = _load(str(SEEDS), _stamp(SEEDS))
        return Corpus(name="seed corpus (workspace not analysed yet)", path=seeds.path, tables=seeds.tables,
                      actor_names=seeds.actor_names, _memo=seeds._memo, on_memo=_after_memo)
