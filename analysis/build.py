"""`build`: inputs -> tables. A per-article map (cached, parallel) and a corpus-wide reduce."""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import PIPELINE_VERSION
from analysis.article import Prepared, prepare
from analysis.cache import ResultCache, atomic_write_text
from analysis.model import Rejection
from analysis.readers import read_inputs
from analysis.reduce import reduce_corpus
from analysis.tables import frame, write_tables

DEFAULT_CACHE = Path(os.environ.get("VEILLE_CACHE", ".veille_cache"))
PARALLEL_MIN = 24  # below this many articles to parse, one process is faster than starting a pool


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


def pipeline_version() -> str:
    """PIPELINE_VERSION plus a hash of the analysis code and data files: any change invalidates."""
    here = Path(__file__).parent
    h = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in sorted([*here.glob("*.py"), *here.glob("data/*")]):
        if path.is_file():
            h.update(path.name.encode())
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
) -> BuildReport:
    """Analyse `inputs` into the contract tables in `out`; returns what was done.

    `settings` are the analyst's choices applied in the reduce (user alias file, topic names
    file, number of topics); they are part of the corpus key, not of the article keys.
    `on_progress(done, total)` is called as articles are analysed (a page's progress bar).
    """
    t0 = time.perf_counter()
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
    report.timings["read"] = time.perf_counter() - t0
    from analysis.timex import find_absolute_dates
    from analysis.language import detect_language

    prepared: list[Prepared] = []
    for article in raw:
        try:
            prepared.append(prepare(article, find_dates=find_absolute_dates, detect_language=detect_language))
        except Exception as err:  # one broken article never stops the others
            rejected.append(Rejection(article.origin, f"could not be prepared: {type(err).__name__}: {err}"))
    report.rejected, report.n_rejected, report.n_articles = rejected, len(rejected), len(prepared)
    alias_file = settings.get("user_aliases_file")
    version = pipeline_version() + _added_aliases_digest(alias_file)
    keys = [p.key(version) for p in prepared]
    corpus_key = _corpus_key(keys, rejected, settings)
    report.timings["prepare"] = time.perf_counter() - t0
    if _tables_current(out, corpus_key):
        report.reused_tables, report.n_cached = True, len(prepared)
        report.seconds = time.perf_counter() - t0
        return report

    results: list[dict | None] = [cache.get(k) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    report.n_cached, report.n_parsed = len(prepared) - len(todo), len(todo)
    if todo:
        for n, (i, result) in enumerate(_map(prepared, todo, workers=workers, progress=progress,
                                               user_aliases=alias_file), start=1):
            if on_progress is not None:
                on_progress(n, len(todo))
            if isinstance(result, Rejection):
                rejected.append(result)
                continue
            results[i] = result
            cache.put(keys[i], result)
    report.n_corrupt_cache = cache.corrupt
    report.timings["map"] = time.perf_counter() - t0
    done = [r for r in results if r is not None]
    report.n_rejected = len(rejected)
    tables = reduce_corpus(done, settings=settings)
    tables["rejected"] = frame([r._asdict() for r in rejected], "rejected")
    report.timings["reduce"] = time.perf_counter() - t0
    write_tables(tables, out)
    atomic_write_text(out / ".manifest.json",
                      json.dumps({"corpus_key": corpus_key, "n_articles": len(done), "input_stamp": stamp}))
    report.seconds = time.perf_counter() - t0
    report.timings["write"] = report.seconds
    return report


def _corpus_key(keys: list[str], rejected: list[Rejection], settings: dict) -> str:
    h = hashlib.sha256()
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
    h = hashlib.sha256(pipeline_version().encode())
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


# ---------------------------------------------------------------- the map, in worker processes

_RESOURCES = None


def _resources(user_aliases: str | None = None):
    """This process's pipelines and matchers, rebuilt when the analyst's alias file changes."""
    global _RESOURCES
    stamp = _added_aliases_digest(user_aliases)
    if _RESOURCES is None or _RESOURCES[0] != (user_aliases, stamp):
        from analysis.extract import Resources

        _RESOURCES = ((user_aliases, stamp), Resources(user_aliases=user_aliases))
    return _RESOURCES[1]


def _added_aliases_digest(alias_file: str | None) -> str:
    """Aliases the analyst added change what is matched, so they are part of the article key;
    merges, renames and splits only change the reduce."""
    if not alias_file or not Path(alias_file).is_file():
        return ""
    from analysis.actors import load_user_aliases

    added = load_user_aliases(alias_file).aliases
    return hashlib.sha256(json.dumps(added, sort_keys=True).encode()).hexdigest()[:8] if added else ""


def _analyse_one(item: tuple[int, Prepared]) -> tuple[int, dict | Rejection]:
    from analysis.extract import analyse

    i, prepared = item
    try:
        return i, analyse(prepared, _RESOURCES[1] if _RESOURCES else _resources())  # warmed by _map
    except Exception as err:  # a crash on one article is that article's rejection, not the build's
        return i, Rejection(prepared.origin, f"analysis failed: {type(err).__name__}: {err}")


def _map(prepared: list[Prepared], todo: list[int], *, workers: int | None, progress: bool | None,
         user_aliases: str | None = None):
    from tqdm import tqdm

    workers = workers or min(2, os.cpu_count() or 1)
    show = progress if progress is not None else (len(todo) >= 20 and sys.stderr.isatty())
    bar = tqdm(total=len(todo), unit="article", desc="analysing", disable=not show, file=sys.stderr)
    items = [(i, prepared[i]) for i in todo]
    # Warm the resources in this process first: forked workers inherit the loaded model.
    for lang in sorted({prepared[i].meta["language"] for i in todo}):
        res = _resources(user_aliases)
        res.nlp(lang), res.actor_matcher(lang), res.theme_matcher(lang)
    try:
        if workers > 1 and len(todo) >= PARALLEL_MIN and "fork" in mp.get_all_start_methods():
            with mp.get_context("fork").Pool(workers) as pool:
                for i, result in pool.imap(_analyse_one, items, chunksize=8):
                    bar.update()
                    yield i, result
        else:
            for item in items:
                i, result = _analyse_one(item)
                bar.update()
                yield i, result
    finally:
        bar.close()
