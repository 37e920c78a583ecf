"""Peak memory of a process and all its descendants, sampled from /proc (Linux).

`ru_maxrss` only gives the largest single child; a forked pool's workers run at the same time,
so the benchmark sums them. PSS (proportional set size) shares the pages a forked worker still
shares with its parent between them, so the sum is what the machine really holds; RSS
counts those shared pages once per process and overstates it.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


def _children(pid: int) -> list[int]:
    out = []
    for task in (PROC / str(pid) / "task").glob("*/children"):
        try:
            out += [int(x) for x in task.read_text().split()]
        except (OSError, ValueError):
            pass
    return out


def _tree(pid: int) -> list[int]:
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _rollup(pid: int) -> tuple[int, int]:
    """(rss, pss) in kB of one process, (0, 0) when it has gone."""
    rss = pss = 0
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def tree_memory(pid: int | None = None) -> tuple[int, int]:
    """(rss, pss) in MB summed over `pid` (default: this process) and its descendants."""
    rss = pss = 0
    for p in _tree(pid or os.getpid()):
        r, s = _rollup(p)
        rss, pss = rss + r, pss + s
    return rss // 1024, pss // 1024


class PeakMemory:
    """Context manager sampling the process tree every `interval` seconds.

    `peak_pss_mb`, `peak_rss_mb` after exit; `mark(name)` records the peak so far under a name
    (phases of a build)."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.peak_pss_mb = self.peak_rss_mb = 0
        self.available = (PROC / "self" / "smaps_rollup").exists()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.phases: dict[str, int] = {}
        self._phase_peak = 0

    def _sample(self) -> None:
        rss, pss = tree_memory()
        self.peak_rss_mb = max(self.peak_rss_mb, rss)
        self.peak_pss_mb = max(self.peak_pss_mb, pss)
        self._phase_peak = max(self._phase_peak, pss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def mark(self, name: str) -> None:
        """The peak PSS since the previous mark, recorded under `name`."""
        if self.available:
            self._sample()
        self.phases[name] = self._phase_peak
        self._phase_peak = 0

    def __enter__(self) -> "PeakMemory":
        if self.available:
            self._sample()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._sample()
