"""Benchmark: `python -m analysis.bench [INPUT] [--limit N]`.

Prints, from one run on the same text: words per second of raw `nlp.pipe` (same model, same
content blocks, same number of processes) and of the full cold build, their ratio; the warm
rebuild and warm reopen (reading the tables) times; peak memory.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from analysis.article import prepare
from analysis.build import PARALLEL_MIN, build
from analysis.language import detect_language
from analysis.readers import read_inputs
from analysis.segment import content_blocks
from analysis.tables import read_tables
from analysis.timex import find_absolute_dates

ROOT = Path(__file__).resolve().parent.parent


def _limited_copy(path: Path, limit: int | None, tmp: Path) -> Path:
    if not limit or path.is_dir() or path.suffix != ".jsonl":
        return path
    out = tmp / path.name
    with path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= limit:
                break
            dst.write(line)
    return out


def raw_spacy(inputs: list[Path], *, workers: int) -> tuple[float, int]:
    """Seconds and words for raw nlp.pipe over the same content blocks the build parses."""
    from analysis.nlp import load

    raw, _ = read_inputs(inputs)
    texts = []
    for article in raw:
        p = prepare(article, find_dates=find_absolute_dates, detect_language=detect_language)
        blocks = content_blocks(p.text, [(c.start, c.end) for c in p.chrome])
        texts += [p.text[b.start:b.end] for b in blocks]
    nlp = load("fr")
    n_process = workers if len(raw) >= PARALLEL_MIN else 1
    t0 = time.perf_counter()
    words = 0
    for doc in nlp.pipe(texts, batch_size=256, n_process=n_process):
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
    return time.perf_counter() - t0, words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", type=Path, default=ROOT / "seeds")
    ap.add_argument("--limit", type=int, default=None, help="first N rows of a .jsonl")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="veille-bench-"))
    try:
        source = _limited_copy(args.input, args.limit, tmp)
        raw_s, raw_words = raw_spacy([source], workers=args.workers)
        cache, out = tmp / "cache", tmp / "out"
        t0 = time.perf_counter()
        cold = build([source], out, cache_dir=cache, workers=args.workers, progress=False)
        cold_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        build([source], out, cache_dir=cache, workers=args.workers, progress=False)
        warm_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        build([source], tmp / "out2", cache_dir=cache, workers=args.workers, progress=False)
        warm_new_out_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        tables = read_tables(out)
        reopen_s = time.perf_counter() - t0
        words = int(tables["documents"]["n_words"].sum())
        peak_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                   + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        figures = {
            "articles": cold.n_articles,
            "words": words,
            "raw_spacy_s": round(raw_s, 2),
            "raw_spacy_words_per_s": round(raw_words / raw_s),
            "cold_build_s": round(cold_s, 2),
            "build_words_per_s": round(words / cold_s),
            "throughput_ratio": round((words / cold_s) / (raw_words / raw_s), 3),
            "cold_over_raw_time": round(cold_s / raw_s, 3),
            "cold_build_phases_s": {k: round(v, 2) for k, v in cold.timings.items()},
            "warm_rebuild_s": round(warm_s, 3),
            "warm_rebuild_new_out_s": round(warm_new_out_s, 3),
            "warm_reopen_tables_s": round(reopen_s, 3),
            "peak_memory_mb_self_plus_largest_child": round(peak_mb),
        }
        if args.json:
            print(json.dumps(figures, indent=1))
        else:
            for k, v in figures.items():
                print(f"{k:40} {v}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
