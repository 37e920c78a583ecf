"""The saved articles of a workspace: metadata.csv, sidecars, locking, crash repair, near duplicates."""
from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from analysis.files.atomic import atomic_write_text
from analysis.files.intake import (
    ARTICLE_SUFFIXES,
    CSV_COLUMNS,
    FLUSH_EVERY,
    FLUSH_SECONDS,
    MAX_ARTICLES,
    MAX_FILE_BYTES,
    NEAR_DUPLICATE,
    default_root,
    shingles,
)


class ArticleStore:
    """The saved articles of a workspace folder (layout: see analysis.files.workspace): reading,
    one writer at a time, metadata.csv flushed in batches, repair after a kill, the
    near-duplicate index. `Workspace` adds articles to it."""

    def __init__(self, root: Path | str | None = None, *, max_articles: int = MAX_ARTICLES,
                 max_file_bytes: int = MAX_FILE_BYTES) -> None:
        self.root = Path(root) if root is not None else default_root()
        self.articles_dir = self.root / "articles"
        self.meta_dir = self.articles_dir / ".meta"
        self.uploads_dir = self.root / "uploads"
        self.metadata_path = self.articles_dir / "metadata.csv"
        self.max_articles, self.max_file_bytes = max_articles, max_file_bytes
        for d in (self.articles_dir, self.meta_dir, self.uploads_dir):
            d.mkdir(parents=True, exist_ok=True)
        self._rows: dict[str, dict[str, str]] = {}
        self._hashes: dict[str, str] = {}
        self._index: dict[int, list[str]] | None = None
        self._sizes: dict[str, int] = {}
        self._dirty, self._flushed_at, self._depth, self._lock_file = 0, time.monotonic(), 0, None
        with self._locked():
            self.recovered = self._recover()

    # -- reading

    def files(self) -> list[str]:
        """Saved article file names, in the order they were added."""
        return list(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> list[dict[str, str]]:
        """metadata.csv rows (copies), one per saved article."""
        return [dict(r) for r in self._rows.values()]

    def refresh(self) -> None:
        """Re-read the folder (another session or process may have added articles)."""
        with self._locked():
            self._recover()

    # -- locking and persistence

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across threads (Streamlit sessions) and processes."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        f = open(self.root / ".lock", "a+")
        fcntl.flock(f, fcntl.LOCK_EX)
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            try:
                self._flush(force=True)
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
                f.close()

    def _recover(self) -> dict[str, int]:
        """Bring metadata.csv, sidecars and article files back in line after a crash."""
        report = Counter()
        for folder in (self.root, self.articles_dir, self.meta_dir, self.uploads_dir):
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
                report["temporary files removed"] += 1
        present = {p.name for p in self.articles_dir.iterdir()
                   if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES}
        sidecars = {}
        for side in self.meta_dir.glob("*.json"):
            name = side.name[:-5]
            if name not in present:  # killed between the sidecar and the article: never saved
                side.unlink(missing_ok=True)
                report["unfinished articles dropped"] += 1
            else:
                sidecars[name] = side
        rows = {}
        for row in self._read_csv():
            if row.get("file") in present:
                rows[row["file"]] = row
            elif row.get("file"):
                report["rows without article dropped"] += 1
        for name in sorted(present - set(rows)):
            meta = self._read_sidecar(sidecars[name]) if name in sidecars else {}
            rows[name] = {c: str(meta.get(c, "") or "") for c in CSV_COLUMNS} | {"file": name}
            report["metadata rows restored"] += 1
        self._rows = rows
        self._hashes = {r["content_hash"]: f for f, r in rows.items() if r.get("content_hash")}
        self._index = None
        if report["rows without article dropped"] or report["metadata rows restored"]:
            self._dirty += 1
            self._flush(force=True)
        return dict(report)

    def _read_csv(self) -> list[dict[str, str]]:
        try:
            text = self.metadata_path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return []
        try:
            return [{c: (r.get(c) or "") for c in CSV_COLUMNS} for r in csv.DictReader(io.StringIO(text))]
        except csv.Error:
            return []

    @staticmethod
    def _read_sidecar(path: Path) -> dict:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _flush(self, *, force: bool = False) -> None:
        """Rewrite metadata.csv (atomically) when rows changed: every FLUSH_EVERY articles or seconds."""
        if not self._dirty or (not force and self._dirty < FLUSH_EVERY and time.monotonic() - self._flushed_at < FLUSH_SECONDS):
            return
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(self._rows.values())
        atomic_write_text(self.metadata_path, buf.getvalue())
        self._dirty, self._flushed_at = 0, time.monotonic()

    # -- near duplicates

    def _ensure_index(self) -> None:
        if self._index is not None:
            return
        self._index, self._sizes = {}, {}
        for name in self._rows:
            data = self._read_sidecar(self.meta_dir / f"{name}.json")
            sh = frozenset(data.get("shingles") or ()) or self._shingles_of_file(name)
            self._index_add(name, sh)

    def _shingles_of_file(self, name: str) -> frozenset[int]:
        from analysis.files.readers import read_file

        item = read_file(self.articles_dir / name, name)
        return shingles(item.text) if hasattr(item, "text") else frozenset()

    def _index_add(self, name: str, sh: frozenset[int]) -> None:
        assert self._index is not None
        self._sizes[name] = len(sh)
        for s in sh:
            self._index.setdefault(s, []).append(name)

    def _nearest(self, sh: frozenset[int]) -> tuple[str, float] | None:
        self._ensure_index()
        assert self._index is not None
        counts = Counter(name for s in sh for name in self._index.get(s, ()))
        best = None
        for name, inter in counts.most_common(20):
            score = inter / (len(sh) + self._sizes[name] - inter)
            if score >= NEAR_DUPLICATE and (best is None or score > best[1]):
                best = (name, score)
        return best
