"""The per-article map: analyse prepared articles in worker processes (a fork pool) or here.

Imported by the workers, so it stays free of the reduce, the tables and the cache: what a
worker computes for an article depends only on `analysis/map/` (the article cache key, see
`analysis.build.MAP_SOURCES`) and on the analyst's added aliases (`added_aliases_digest`).
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import sys
from pathlib import Path

from analysis.map.prepare import Prepared
from analysis.records import Rejection

PARALLEL_MIN = 24  # below this many articles to parse, one process is faster than starting a pool

_RESOURCES = None


def _resources(user_aliases: str | None = None):
    """This process's pipelines and matchers, rebuilt when the analyst's alias file changes."""
    global _RESOURCES
    stamp = added_aliases_digest(user_aliases)
    if _RESOURCES is None or _RESOURCES[0] != (user_aliases, stamp):
        from analysis.map.analyse import Resources

        _RESOURCES = ((user_aliases, stamp), Resources(extra_aliases=_added_aliases(user_aliases)))
    return _RESOURCES[1]


def _added_aliases(alias_file: str | None) -> dict[str, list[str]]:
    if not alias_file or not Path(alias_file).is_file():
        return {}
    from analysis.corrections import load_user_aliases

    return load_user_aliases(alias_file).aliases


def added_aliases_digest(alias_file: str | None) -> str:
    """Aliases the analyst added change what is matched, so they are part of the article key;
    merges, renames and splits only change the reduce."""
    added = _added_aliases(alias_file)
    return hashlib.sha256(json.dumps(added, sort_keys=True).encode()).hexdigest()[:8] if added else ""


def _analyse_one(item: tuple[int, Prepared]) -> tuple[int, dict | Rejection]:
    from analysis.map.analyse import analyse

    i, prepared = item
    try:
        return i, analyse(prepared, _RESOURCES[1] if _RESOURCES else _resources())  # warmed by _map
    except Exception as err:  # a crash on one article is that article's rejection, not the build's
        return i, Rejection(prepared.origin, f"analysis failed: {type(err).__name__}: {err}")


def _warm(prepared: list[Prepared], todo: list[int], user_aliases: str | None) -> None:
    """Load the pipelines in this process first: forked workers inherit the loaded model."""
    for lang in sorted({prepared[i].meta["language"] for i in todo}):
        res = _resources(user_aliases)
        res.nlp(lang), res.actor_matcher(lang), res.theme_matcher(lang)


def _map(prepared: list[Prepared], todo: list[int], *, workers: int | None, progress: bool | None,
         user_aliases: str | None = None):
    from tqdm import tqdm

    workers = workers or min(2, os.cpu_count() or 1)
    show = progress if progress is not None else (len(todo) >= 20 and sys.stderr.isatty())
    bar = tqdm(total=len(todo), unit="article", desc="analysing", disable=not show, file=sys.stderr)
    items = [(i, prepared[i]) for i in todo]
    _warm(prepared, todo, user_aliases)
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
