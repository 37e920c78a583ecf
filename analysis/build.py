"""`build`: inputs -> tables. A per-article map (cached, parallel) and a corpus-wide reduce."""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import PIPELINE_VERSION
from analysis.files.atomic import atomic_write_text
from analysis.files.cache import ResultCache
from analysis.files.readers import read_inputs
from analysis.files.tables import frame, write_tables
from analysis.map.prepare import Prepared, prepare
from analysis.mapping import PARALLEL_MIN, _map, _warm, added_aliases_digest
from analysis.records import Rejection
from analysis.reduce.corpus import reduce_corpus

DEFAULT_CACHE = Path(os.environ.get("VEILLE_CACHE", ".veille_cache"))
ENGINES = ("local", "dask")


@dataclass
class BuildReport:
    """What a build did, for the command line and the benchmark."""

    n_articles: int = 0
    n_rejected: int = 0
    n_parsed: int = 0
    n_cached: int = 0
    n_corrupt_cache: int = 0
    reused_tables: bool = False
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)


# What analysing one article depends on: the `map/` folder (code and data files, found by
# walking it) plus the row types and the text normaliser it imports. Everything else (the
# reduce, the page queries, the files layer, the tooling) only changes the tables' key.
# tests/test_build.py checks that analysing an article imports nothing outside MAP_SOURCES.
PACKAGE = Path(__file__).resolve().parent
MAP_SOURCES = ("map", "records.py", "text.py")


def _source_files(scope: str) -> list[Path]:
    if scope == "all":
        roots = [PACKAGE]
    else:
        roots = [PACKAGE / name for name in MAP_SOURCES]
    files: list[Path] = []
    for root in roots:
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files += [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                      and p.suffix not in (".pyc", ".pyo")]
    return sorted(set(files))


def pipeline_version(scope: str = "map") -> str:
    """PIPELINE_VERSION plus a hash of the code and data files: "map" covers what analyses one
    article (the `map/` folder, records.py, text.py: the per-article cache key), "all" every
    file of the package (the tables' key)."""
    h = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in _source_files(scope):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def build(
    inputs: list[Path | str],
    out: Path | str,
    *,
    cache_dir: Path | str | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    settings: dict | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    engine: str = "local",
) -> BuildReport:
    """Analyse `inputs` into the contract tables in `out`; returns what was done.

    `settings` are the analyst's choices applied in the reduce (user alias file, topic names
    file, number of topics); they are part of the corpus key, not of the article keys.
    `on_progress(done, total)` is called as articles are analysed (a page's progress bar);
    `on_phase(name)` as each phase ends (the benchmark's memory marks). `engine` runs the
    map on a local process pool ("local") or on Dask ("dask", see analysis.dask_map).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    t0 = time.perf_counter()

    def phase(name: str) -> None:
        report.timings[name] = time.perf_counter() - t0
        if on_phase is not None:
            on_phase(name)

    out, cache = Path(out), ResultCache(Path(cache_dir or DEFAULT_CACHE))
    settings = dict(settings or {})
    report = BuildReport()
    stamp = _input_stamp(inputs, settings)
    manifest = _manifest(out)
    if stamp and manifest.get("input_stamp") == stamp and _tables_current(out, manifest.get("corpus_key", "")):
        # Same files (paths, sizes, modification times), code and settings: reopen without reading them.
        report.reused_tables, report.n_articles = True, int(manifest.get("n_articles", 0))
        report.n_cached = report.n_articles
        report.seconds = time.perf_counter() - t0
        return report
    raw, rejected = read_inputs(inputs)
    phase("read")
    from analysis.map.dates.tagger import find_absolute_dates
    from analysis.map.language import detect_language

    prepared: list[Prepared] = []
    for article in raw:
        try:
            prepared.append(prepare(article, find_dates=find_absolute_dates, detect_language=detect_language))
        except Exception as err:  # one broken article never stops the others
            rejected.append(Rejection(article.origin, f"could not be prepared: {type(err).__name__}: {err}"))
    report.rejected, report.n_rejected, report.n_articles = rejected, len(rejected), len(prepared)
    alias_file = settings.get("user_aliases_file")
    version = pipeline_version() + added_aliases_digest(alias_file)
    keys = [p.key(version) for p in prepared]
    corpus_key = _corpus_key(keys, rejected, settings)  # includes pipeline_version("all")
    phase("prepare")
    if _tables_current(out, corpus_key):
        report.reused_tables, report.n_cached = True, len(prepared)
        report.seconds = time.perf_counter() - t0
        return report

    results: list[dict | None] = [cache.get(k) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    report.n_cached, report.n_parsed = len(prepared) - len(todo), len(todo)
    if todo:
        if engine == "dask":
            from analysis.dask_map import map_with_dask

            _warm(prepared, todo, alias_file)
            mapped = map_with_dask(prepared, todo, keys, cache, workers=workers or min(2, os.cpu_count() or 1),
                                   user_aliases=alias_file)
        else:
            mapped = _map(prepared, todo, workers=workers, progress=progress, user_aliases=alias_file)
        for n, (i, result) in enumerate(mapped, start=1):
            if on_progress is not None:
                on_progress(n, len(todo))
            if isinstance(result, Rejection):
                rejected.append(result)
                continue
            results[i] = result
            if engine == "local":  # the Dask workers wrote their results to the cache themselves
                cache.put(keys[i], result)
    report.n_corrupt_cache = cache.corrupt
    phase("map")
    done = [r for r in results if r is not None]
    report.n_rejected = len(rejected)
    tables = reduce_corpus(done, settings=settings)
    tables["rejected"] = frame([r._asdict() for r in rejected], "rejected")
    phase("reduce")
    write_tables(tables, out)
    atomic_write_text(out / ".manifest.json",
                      json.dumps({"corpus_key": corpus_key, "n_articles": len(done), "input_stamp": stamp}))
    phase("write")
    report.seconds = report.timings["write"]
    return report


def _corpus_key(keys: list[str], rejected: list[Rejection], settings: dict) -> str:
    h = hashlib.sha256(pipeline_version("all").encode())
    for k in keys:
        h.update(k.encode())
    h.update(json.dumps([list(r) for r in rejected], sort_keys=True).encode())
    for name, value in sorted(settings.items()):
        path = Path(str(value)) if name.endswith("_file") else None
        blob = path.read_bytes() if path is not None and path.is_file() else str(value).encode()
        h.update(name.encode() + b"=" + blob)
    return h.hexdigest()[:32]


def _manifest(out: Path) -> dict:
    try:
        return json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _input_stamp(inputs, settings: dict) -> str:
    """A cheap fingerprint of the inputs (every file's path, size and mtime), the pipeline
    version and the settings: unchanged, the tables are reused without reading a file."""
    h = hashlib.sha256(pipeline_version("all").encode())
    try:
        for raw in inputs:
            path = Path(raw)
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for f in files:
                st = f.stat()
                h.update(f"{f}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    except OSError:
        return ""
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for name, value in sorted(settings.items()):
        if name.endswith("_file") and value and Path(str(value)).is_file():
            h.update(Path(str(value)).read_bytes())
    return h.hexdigest()[:32]


def _tables_current(out: Path, corpus_key: str) -> bool:
    manifest = _manifest(out)
    return bool(corpus_key) and manifest.get("corpus_key") == corpus_key and all(
        (out / f"{n}.parquet").exists() and (out / f"{n}.csv").exists() for n in ("documents", "sentences", "claims")
    )
