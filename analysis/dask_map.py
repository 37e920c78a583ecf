"""The per-article map on Dask (`python -m analysis build ... --engine dask`).

A `dask.bag` of (index, prepared article) pairs, one partition per worker task. Each worker
process loads the pipelines once (inherited when the local scheduler forks; loaded on first
use on a cluster) and writes every result to the shared result cache; only the article's index
and, for a failure, its rejection travel back. The reduce then reads the cache, so the map's
output never has to fit in one process. On one machine this runs Dask's local process
scheduler; for a cluster, point `scheduler` at a `dask.distributed` client whose workers see
the same cache folder.
"""
from __future__ import annotations

from collections.abc import Iterator

from analysis.map.prepare import Prepared
from analysis.files.cache import ResultCache
from analysis.records import Rejection


def _analyse_partition(items: list[tuple[int, str, Prepared]], cache_root: str,
                       user_aliases: str | None) -> list[tuple[int, Rejection | None]]:
    from analysis.mapping import _analyse_one, _resources

    _resources(user_aliases)
    cache = ResultCache(cache_root)
    out = []
    for i, key, prepared in items:
        _, result = _analyse_one((i, prepared))
        if isinstance(result, Rejection):
            out.append((i, result))
        else:
            cache.put(key, result)
            out.append((i, None))
    return out


def map_with_dask(prepared: list[Prepared], todo: list[int], keys: list[str], cache: ResultCache, *,
                  workers: int, user_aliases: str | None = None,
                  scheduler: str = "processes") -> Iterator[tuple[int, dict | Rejection]]:
    """Analyse prepared[i] for i in todo on Dask; yields (i, result or rejection) like the local map."""
    import multiprocessing as mp

    import dask
    import dask.bag as db

    items = [(i, keys[i], prepared[i]) for i in todo]
    # Small partitions keep the workers busy to the end; a partition is one task.
    n_parts = max(1, min(len(items), workers * 8))
    bag = db.from_sequence(items, npartitions=n_parts)
    context = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with dask.config.set({"multiprocessing.context": context}):
        done = bag.map_partitions(_analyse_partition, str(cache.root), user_aliases).compute(
            scheduler=scheduler, num_workers=workers)
    for i, rejection in done:
        if rejection is not None:
            yield i, rejection
            continue
        result = cache.get(keys[i])
        yield i, result if result is not None else Rejection(prepared[i].origin, "analysis result lost from the cache")
