"""The cached data layer: which corpus, built once, tables loaded once per process."""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.build import DEFAULT_CACHE, build
from analysis.tables import read_tables

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def corpus_path() -> Path:
    """`streamlit run app.py -- --corpus PATH`, else $VEILLE_CORPUS, else the seeds."""
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--corpus", default=None)
    args, _ = ap.parse_known_args(sys.argv[1:])
    chosen = args.corpus or os.environ.get("VEILLE_CORPUS")
    return Path(chosen).resolve() if chosen else SEEDS


@dataclass
class Corpus:
    """All tables of one built corpus (read-only: pages never mutate them)."""

    name: str
    path: str
    tables: dict[str, pd.DataFrame]
    actor_names: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables.get(name, pd.DataFrame())


def _out_dir(path: Path) -> Path:
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    return DEFAULT_CACHE.resolve() / "out" / f"{path.name}-{digest}"


@st.cache_resource(show_spinner="Analysing the corpus (first run only)…", max_entries=4)
def _load(path_str: str, stamp: str) -> Corpus:
    path = Path(path_str)
    out = _out_dir(path)
    build([path], out, progress=False)
    tables = read_tables(out)
    names = {}
    if "actors" in tables and not tables["actors"].empty:
        names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"]))
    label = "seed corpus" if path == SEEDS else path.name
    return Corpus(name=label, path=str(path), tables=tables, actor_names=names)


def _stamp(path: Path) -> str:
    """Changes when the corpus files change, so an edited corpus is rebuilt."""
    try:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        return hashlib.sha256("".join(f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in files).encode()).hexdigest()
    except OSError:
        return ""


def load_corpus() -> Corpus:
    """The current corpus, built on first use and cached for the process."""
    path = corpus_path()
    return _load(str(path), _stamp(path))
