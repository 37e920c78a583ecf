"""Workspace analysis in the background, so pages stay usable while thousands of articles are
analysed: pages show the last finished analysis (or the seeds) and a progress line.

The build runs in a child process (`python -m ui.jobs`), watched by a thread of the server:
the server's own threads keep their CPU share and memory, and the child is untouched by
Streamlit re-importing edited modules. One job per corpus folder for the whole server process;
a job that finds the folder changed while it ran builds again, so the last upload is analysed.
A killed server leaves at worst a child that finishes writing its cache and tables atomically.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.build import DEFAULT_CACHE, BuildReport

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildJob:
    """The state of one folder's analysis, read by every session."""

    path: Path
    out: Path
    settings: dict = field(default_factory=dict)
    phase: str = "waiting"  # reading, analysing, writing, done, failed
    done: int = 0
    total: int = 0
    built_stamp: str = ""  # the folder stamp the finished tables correspond to
    error: str = ""
    report: BuildReport | None = None
    started: float = field(default_factory=time.time)
    finished: float = 0.0
    thread: threading.Thread | None = None
    builds: int = 0  # builds run by this job (more than one when the folder changed meanwhile)
    parsed: int = 0  # articles analysed (not from cache) over those builds

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def on_progress(self, done: int, total: int) -> None:
        self.phase, self.done, self.total = ("writing" if done >= total else "analysing"), done, total

    def describe(self) -> str:
        if self.phase == "analysing":
            return f"Analysing {self.done:,} / {self.total:,} new or changed articles…"
        if self.phase == "writing":
            return "Grouping claims, topics and actors across the corpus…"
        if self.phase == "failed":
            return f"Analysis failed: {self.error}"
        return "Reading the articles…" if self.phase in ("reading", "waiting") else "Analysis done"


_JOBS: dict[str, BuildJob] = {}
_LOCK = threading.Lock()


def get(path: Path) -> BuildJob | None:
    return _JOBS.get(str(path))


def ensure(path: Path, out: Path, stamp: Callable[[], str], settings: dict | None = None) -> BuildJob:
    """The folder's job: the running one, the finished one when still current, else a new one."""
    with _LOCK:
        job = _JOBS.get(str(path))
        if job is not None and (job.running or job.built_stamp == stamp()):
            return job
        job = BuildJob(path=path, out=out, settings=dict(settings or {}))
        job.thread = threading.Thread(target=_run, args=(job, stamp), name=f"veille-build-{path.name}", daemon=True)
        _JOBS[str(path)] = job
        job.thread.start()
        return job


def _run(job: BuildJob, stamp: Callable[[], str]) -> None:
    current = ""
    try:
        for _ in range(20):  # the folder keeps changing (an upload in another tab): build again, boundedly
            current = stamp()
            job.phase, job.done, job.total = "reading", 0, 0
            job.report = _build_in_child(job)
            job.builds += 1
            job.parsed += job.report.n_parsed
            job.built_stamp = current
            if stamp() == current:
                break
        job.phase = "done"
    except Exception as err:  # shown on the page; the previous tables stay in use
        job.phase, job.error, job.built_stamp = "failed", str(err) or type(err).__name__, current
    finally:
        job.finished = time.time()


def _build_in_child(job: BuildJob) -> BuildReport:
    args = {"path": str(job.path), "out": str(job.out), "cache": str(DEFAULT_CACHE.resolve()), "settings": job.settings}
    with tempfile.TemporaryFile("w+") as errors:  # a file, not a pipe: a chatty stderr never blocks the child
        proc = subprocess.Popen([sys.executable, "-m", "ui.jobs", json.dumps(args)], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=errors, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        report = None
        assert proc.stdout is not None
        for line in proc.stdout:
            kind, _, rest = line.strip().partition(" ")
            if kind == "progress":
                done, total = (int(x) for x in rest.split())
                job.on_progress(done, total)
            elif kind == "report":
                report = BuildReport(**json.loads(rest))
        proc.wait()
        errors.seek(0)
        err = errors.read()
    if proc.returncode != 0 or report is None:
        last = [line for line in err.strip().splitlines() if line.strip()][-1:] or [f"exit code {proc.returncode}"]
        raise RuntimeError(last[0])
    return report


def forget(path: Path) -> None:
    """Drop a finished or failed job, so the next page run starts a fresh one."""
    with _LOCK:
        job = _JOBS.get(str(path))
        if job is not None and not job.running:
            del _JOBS[str(path)]


def wait(path: Path, timeout: float = 600) -> BuildJob | None:
    """Block until the folder's job ends (tests and the command line)."""
    job = get(path)
    if job is not None and job.thread is not None:
        job.thread.join(timeout)
    return job


def main(argv: list[str]) -> int:
    """The child: build one folder, reporting `progress DONE TOTAL` lines, then `report {json}`."""
    from analysis.build import build

    args = json.loads(argv[0])
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 0.5 or done == total:
            last[0] = time.monotonic()
            print(f"progress {done} {total}", flush=True)

    r = build([Path(args["path"])], Path(args["out"]), cache_dir=Path(args["cache"]), progress=False,
              settings=args["settings"] or None, on_progress=progress)
    print("report " + json.dumps({k: getattr(r, k) for k in ("n_articles", "n_rejected", "n_parsed", "n_cached", "seconds")}),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
