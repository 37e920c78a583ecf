"""Command line: `python -m analysis build INPUT [INPUT ...] --out DIR` (CONTRACT.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis", description="Veille corpus analysis")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="analyse inputs into the contract tables")
    b.add_argument("inputs", nargs="+", type=Path, help="folders of .txt/.md/.html, or .jsonl/.csv files")
    b.add_argument("--out", required=True, type=Path, help="output folder for the tables")
    b.add_argument("--cache", type=Path, default=None, help="cache folder (default: $VEILLE_CACHE or .veille_cache)")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: 2)")
    b.add_argument("--topics", type=int, default=None, help="number of topics (default: chosen automatically)")
    b.add_argument("--aliases", type=Path, default=None, help="user alias file (merges, renames, splits)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the per-article map runs: a local process pool, or Dask (see README)")
    b.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    args = ap.parse_args(argv)

    from analysis.build import build

    settings = {"n_topics": args.topics}
    if args.aliases:
        settings["user_aliases_file"] = str(args.aliases)
    report = build(args.inputs, args.out, cache_dir=args.cache, workers=args.workers,
                   progress=False if args.no_progress else None, settings=settings, engine=args.engine)
    for rej in report.rejected:
        print(f"rejected: {rej.input}: {rej.reason}", file=sys.stderr)
    if report.n_articles == 0 or not (args.out / "documents.csv").exists():
        print(f"error: nothing readable in {', '.join(map(str, args.inputs))} "
              f"({report.n_rejected} input(s) rejected, see messages above)", file=sys.stderr)
        return 1
    reused = " (unchanged: tables reused)" if report.reused_tables else ""
    print(f"{report.n_articles} articles ({report.n_parsed} analysed, {report.n_cached} from cache), "
          f"{report.n_rejected} rejected, {report.seconds:.1f} s -> {args.out}{reused}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
