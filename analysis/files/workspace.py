"""The analyst's own corpus on disk: uploaded originals and their metadata, never lost.

Layout (a folder CONTRACT.md's build reads as is: `python -m analysis build ROOT/articles`):

    ROOT/articles/<hash>_<slug>.<txt|md|html|htm>   one saved original per article
    ROOT/articles/metadata.csv                     file,title,source,url,author,published,language (+ extras)
    ROOT/articles/.meta/<file>.json                the same row per article, written before the article
    ROOT/uploads/<hash>_<slug>.<jsonl|csv>         uploaded tables whose rows became articles

Every write is atomic (temporary file, fsync, rename). An article is saved in two steps, its
metadata sidecar and then its file; metadata.csv is rewritten in batches. Opening the workspace
repairs what a kill can leave: temporary files are removed, a sidecar whose article never
arrived is dropped, an article missing from metadata.csv gets its row back from its sidecar.
File names are built from the content hash and a sanitised slug: an uploaded name never
becomes a path. Exact duplicates (same text) are skipped; near-duplicates (syndicated copies,
word 5-gram Jaccard >= 0.8 on the first 2,000 characters) are saved and flagged.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.files.archive import MAX_ARCHIVE_BYTES, read_zip
from analysis.files.atomic import atomic_write_bytes, atomic_write_text
from analysis.files.decoding import MAX_BYTES, DecodeError, decode_bytes
from analysis.files.readers import jsonl_rows
from analysis.records import Rejection

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
ROW_SUFFIXES = (".jsonl", ".csv")
UPLOAD_SUFFIXES = (*ARTICLE_SUFFIXES, *ROW_SUFFIXES, ".zip")
META_COLUMNS = ("title", "source", "url", "author", "published", "language")
EDITABLE = META_COLUMNS
CSV_COLUMNS = ("file", *META_COLUMNS, "original_name", "original_id", "added", "content_hash",
               "near_duplicate_of", "similarity")
ROW_FIELDS = ("text", "title", "published", "source", "author", "url", "language", "id")
MAX_FILE_BYTES = MAX_BYTES  # 20 MB: one uploaded file (.txt, .html, .jsonl, .csv)
MAX_ARTICLES = 50_000
NEAR_DUPLICATE = 0.8
SHINGLE_WORDS, SHINGLE_CHARS, SHINGLE_SAMPLE = 5, 2000, 4
FLUSH_EVERY, FLUSH_SECONDS = 500, 3.0

Progress = Callable[[int, int], None]


def default_root() -> Path:
    """$VEILLE_WORKSPACE, else ./workspace."""
    return Path(os.environ.get("VEILLE_WORKSPACE", "workspace"))


# ---------------------------------------------------------------- pure helpers

def content_hash(text: str) -> str:
    """Hash of the text with whitespace collapsed: the same article in another encoding or
    with other line breaks is the same content."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> frozenset[int]:
    """Word 5-grams of the first 2,000 characters, hashed (crc32) and sampled 1 in 4 by value,
    so both sides keep the same shingles and the sets stay small."""
    words = re.findall(r"\w+", text[:SHINGLE_CHARS].lower())
    if len(words) < SHINGLE_WORDS:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    every = {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode()) for i in range(len(words) - SHINGLE_WORDS + 1)}
    sampled = frozenset(h for h in every if h % SHINGLE_SAMPLE == 0)
    return sampled if len(sampled) >= 3 else frozenset(every)


def jaccard(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def slug(name: str, *, max_len: int = 40) -> str:
    """A file-name-safe ASCII slug: letters, digits, '-' and '_' only (no dot, no separator)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_name).strip("-_")[:max_len].strip("-_")
    return out or "article"


def display_name(name: str) -> str:
    """The last part of an uploaded name, for messages only (never used as a path)."""
    base = str(name).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return base.replace("\x00", "") or "(no name)"


def suffix_of(name: str) -> str:
    base = display_name(name)
    return ("." + base.rsplit(".", 1)[1].lower()) if "." in base else ""


def normalise_date(value: object) -> str:
    """YYYY-MM-DD from common date spellings, '' when not a date."""
    text = str(value or "").strip()
    if not text:
        return ""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return ""
    try:
        import dateparser

        parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # dateparser raises on odd input; a bad date is no date
        return ""
    return parsed.date().isoformat() if parsed else ""


def sniff_rows(name: str, data: bytes) -> tuple[list[str], list[dict]]:
    """Columns (in order of appearance) and rows of an uploaded .jsonl or .csv; ValueError says why not."""
    try:
        text = decode_bytes(data, max_bytes=max(MAX_FILE_BYTES, len(data)))
    except DecodeError as err:
        raise ValueError(str(err)) from err
    rows: list[dict] = []
    if suffix_of(name) == ".jsonl":
        for i, row, error in jsonl_rows(text):
            if error:
                raise ValueError(f"line {i + 1} is not JSON ({error})")
            if not isinstance(row, dict):
                raise ValueError(f"line {i + 1} is not a JSON object")
            rows.append(row)
    else:
        try:
            reader = csv.DictReader(io.StringIO(text))
            rows = [{(k or "").strip(): v for k, v in r.items() if k is not None} for r in reader]
        except csv.Error as err:
            raise ValueError(f"malformed CSV ({err})") from err
    if not rows:
        raise ValueError("no rows")
    columns = list(dict.fromkeys(k for r in rows[:1000] for k in r))
    return columns, rows


_GUESS = {
    "text": ("text", "content", "body", "article", "article_text", "full_text"),
    "title": ("title", "headline", "titre"),
    "published": ("published", "date", "pubdate", "publication_date", "published_at", "datetime"),
    "source": ("source", "site", "sitename", "publisher", "media", "outlet"),
    "author": ("author", "authors", "byline", "auteur"),
    "url": ("url", "link", "href"),
    "language": ("language", "lang", "langue"),
    "id": ("id", "doc_id", "uid", "identifier"),
}


def guess_mapping(columns: Iterable[str]) -> dict[str, str]:
    """Field -> column for the columns an upload has ('' when no column fits)."""
    lower = {c.lower().strip(): c for c in columns}
    return {f: next((lower[c] for c in names if c in lower), "") for f, names in _GUESS.items()}


# ---------------------------------------------------------------- results

@dataclass
class AddResult:
    """What an upload did: files added, duplicates skipped, near-duplicates flagged, rejections."""

    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (upload name, existing file)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # (new file, similar file, Jaccard)
    rejected: list[Rejection] = field(default_factory=list)

    def summary(self) -> list[str]:
        """One line per outcome, for the page and the command line."""
        out = [f"{len(self.added):,} article{'s' if len(self.added) != 1 else ''} added"]
        if self.duplicates:
            out.append(f"{len(self.duplicates):,} exact duplicate{'s' if len(self.duplicates) != 1 else ''} skipped "
                       f"(same text already in the workspace)")
        if self.near_duplicates:
            out.append(f"{len(self.near_duplicates):,} near-duplicate{'s' if len(self.near_duplicates) != 1 else ''} "
                       f"flagged (probably syndicated copies; kept)")
        if self.rejected:
            out.append(f"{len(self.rejected):,} rejected")
        return out


class WorkspaceError(ValueError):
    """A request the workspace refuses (unknown article, bad field value)."""


# ---------------------------------------------------------------- the workspace

class Workspace:
    """A folder of saved articles with their metadata; see the module docstring for the layout."""

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

    # -- adding

    def _save(self, result: AddResult, *, text: str, data: bytes, suffix: str, meta: dict, original: str,
              stem: str, original_id: str = "") -> str | None:
        """Save one article (sidecar first, then the file); None when skipped or refused."""
        h = content_hash(text)
        if h in self._hashes:
            result.duplicates.append((original, self._hashes[h]))
            return None
        if len(self._rows) >= self.max_articles:
            result.rejected.append(Rejection(original, f"workspace full: {self.max_articles:,} articles (limit)"))
            return None
        name = f"{h[:12]}_{slug(stem)}{suffix if suffix in ARTICLE_SUFFIXES else '.txt'}"
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        sh = shingles(text)
        near = self._nearest(sh)
        row = {c: "" for c in CSV_COLUMNS}
        row.update({k: _clean_value(meta.get(k)) for k in META_COLUMNS})
        row["published"] = normalise_date(row["published"])
        row["language"] = row["language"].lower()[:2]
        row.update(file=name, original_name=original, original_id=_clean_value(original_id),
                   added=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), content_hash=h)
        if near:
            row["near_duplicate_of"], row["similarity"] = near[0], f"{near[1]:.2f}"
            result.near_duplicates.append((name, near[0], round(near[1], 2)))
        atomic_write_text(self.meta_dir / f"{name}.json", json.dumps({**row, "shingles": sorted(sh)}, ensure_ascii=False))
        atomic_write_bytes(self.articles_dir / name, data)
        self._rows[name], self._hashes[h] = row, name
        self._index_add(name, sh)
        result.added.append(name)
        self._dirty += 1
        self._flush()
        return name

    def add_text(self, text: str, meta: dict | None = None, *, name: str = "pasted text") -> AddResult:
        """One pasted article with its metadata (title, source, published, author, url, language)."""
        result = AddResult()
        text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
        meta = dict(meta or {})
        with self._locked():
            if not text.strip():
                result.rejected.append(Rejection(name, "empty text"))
            elif len(text.encode("utf-8")) > self.max_file_bytes:
                result.rejected.append(Rejection(name, f"too large: over {self.max_file_bytes / 1e6:.0f} MB (limit)"))
            else:
                self._save(result, text=text, data=text.encode("utf-8"), suffix=".txt", meta=meta, original=name,
                           stem=meta.get("title") or name)
        return result

    def add_rows(self, rows: list[dict], mapping: dict[str, str], *, origin: str = "rows",
                 on_progress: Progress | None = None, result: AddResult | None = None) -> AddResult:
        """One article (.txt + metadata row) per table row; `mapping` is field -> column ('' for none)."""
        result = result if result is not None else AddResult()
        col = {f: mapping.get(f) or "" for f in ROW_FIELDS}
        if not col["text"]:
            result.rejected.append(Rejection(origin, "no text column chosen"))
            return result
        with self._locked():
            for i, row in enumerate(rows):
                where = f"{origin}:{i + 1}"
                value = row.get(col["text"]) if isinstance(row, dict) else None
                if not isinstance(value, str) or not value.strip():
                    result.rejected.append(Rejection(where, f"no text in column '{col['text']}'"))
                elif len(value.encode("utf-8", "replace")) > self.max_file_bytes:
                    result.rejected.append(Rejection(where, f"too large: text over {self.max_file_bytes / 1e6:.0f} MB (limit)"))
                else:
                    text = value.replace("\r\n", "\n").replace("\r", "\n")
                    meta = {f: row.get(col[f]) for f in META_COLUMNS if col.get(f)}
                    rid = _clean_value(row.get(col["id"])) if col["id"] else ""
                    self._save(result, text=text, data=text.encode("utf-8"), suffix=".txt", meta=meta, original=where,
                               stem=_clean_value(meta.get("title")) or rid or f"row-{i + 1}", original_id=rid)
                if on_progress:
                    on_progress(i + 1, len(rows))
        return result

    def add_files(self, items: Iterable[tuple[str, bytes]], *, mappings: dict[str, dict[str, str]] | None = None,
                  on_progress: Progress | None = None) -> AddResult:
        """Uploaded files (name, bytes): .txt .md .html .htm articles, .jsonl/.csv tables, .zip of these.

        `mappings` gives the column mapping per table file name (guessed when absent).
        """
        items = list(items)
        result, mappings = AddResult(), mappings or {}
        state = {"done": 0, "total": len(items)}

        def tick(extra_total: int = 0) -> None:
            state["total"] += extra_total
            state["done"] += 1
            if on_progress:
                on_progress(state["done"], max(state["total"], state["done"]))

        with self._locked():
            for name, data in items:
                self._add_one(result, display_name(name), data, mappings.get(name) or mappings.get(display_name(name)),
                              tick=tick, inside=None)
        return result

    def _add_one(self, result: AddResult, name: str, data: bytes, mapping: dict | None, *, tick, inside: str | None) -> None:
        where = f"{inside}:{name}" if inside else name
        suffix = suffix_of(name)
        limit = MAX_ARCHIVE_BYTES if suffix == ".zip" else self.max_file_bytes
        if suffix not in UPLOAD_SUFFIXES:
            result.rejected.append(Rejection(where, f"unsupported file type '{suffix or 'none'}' "
                                                    f"(use .txt, .md, .html, .jsonl, .csv or .zip)"))
        elif len(data) > limit:
            result.rejected.append(Rejection(where, f"too large: {len(data) / 1e6:.1f} MB (limit {limit / 1e6:.0f} MB)"))
        elif suffix == ".zip":
            members, problems = read_zip(data, origin=where)
            result.rejected.extend(problems)
            tick(len(members))
            for m in members:
                self._add_one(result, m.name, m.data, mapping, tick=tick, inside=where)
            return
        elif suffix in ROW_SUFFIXES:
            self._add_table(result, where, name, data, mapping, tick=tick)
            return
        else:
            self._add_article(result, where, name, data, suffix)
        tick()

    def _add_article(self, result: AddResult, where: str, name: str, data: bytes, suffix: str) -> None:
        try:
            text = decode_bytes(data, max_bytes=self.max_file_bytes)
        except DecodeError as err:
            result.rejected.append(Rejection(where, str(err)))
            return
        meta: dict = {}
        if suffix in (".html", ".htm"):
            from analysis.files.readers import html_article

            art = html_article(text, doc_id=name, origin=where)
            if isinstance(art, Rejection):
                result.rejected.append(art)
                return
            text, meta = art.text, art.meta
        stem = display_name(name).rsplit(".", 1)[0]
        self._save(result, text=text, data=data, suffix=suffix, meta=meta, original=where, stem=stem)

    def _add_table(self, result: AddResult, where: str, name: str, data: bytes, mapping: dict | None, *, tick) -> None:
        try:
            columns, rows = sniff_rows(name, data)
        except ValueError as err:
            result.rejected.append(Rejection(where, f"cannot read the table: {err}"))
            tick()
            return
        mapping = mapping or guess_mapping(columns)
        if not mapping.get("text") or mapping["text"] not in columns:
            result.rejected.append(Rejection(where, f"no text column (columns: {', '.join(columns[:12])}); "
                                                    f"choose which column holds the text"))
            tick()
            return
        upload = self.uploads_dir / f"{hashlib.sha256(data).hexdigest()[:12]}_{slug(name.rsplit('.', 1)[0])}{suffix_of(name)}"
        if not upload.exists():
            atomic_write_bytes(upload, data)  # the original table, kept beside its articles
        tick(len(rows) - 1)
        self.add_rows(rows, mapping, origin=where, result=result, on_progress=lambda i, n: tick() if i > 1 else None)

    def add_paths(self, paths: Iterable[Path | str], *, on_progress: Progress | None = None) -> AddResult:
        """Files and folders from disk (folders recursively, hidden files skipped): the command line."""
        items: list[tuple[str, bytes]] = []
        result = AddResult()
        for raw in paths:
            path = Path(raw)
            files = sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts)) if path.is_dir() else [path]
            for f in files:
                if f.name == "metadata.csv":
                    continue
                try:
                    if f.stat().st_size > MAX_ARCHIVE_BYTES:
                        result.rejected.append(Rejection(str(f), f"too large: {f.stat().st_size / 1e6:.0f} MB"))
                        continue
                    items.append((f.name, f.read_bytes()))
                except OSError as err:
                    result.rejected.append(Rejection(str(f), f"unreadable: {err.strerror or err}"))
        added = self.add_files(items, on_progress=on_progress)
        added.rejected[:0] = result.rejected
        return added

    # -- editing

    def update_metadata(self, file: str, **fields: str) -> bool:
        """Change an article's title/source/url/author/published/language; True when something changed.

        Only that article's cache key changes, so the next build re-analyses only it.
        """
        return bool(self.update_many({file: fields}))

    def update_many(self, changes: dict[str, dict[str, str]]) -> list[str]:
        """Apply several articles' metadata edits with one metadata.csv write; the files changed."""
        cleaned = {file: self._validated(file, fields) for file, fields in changes.items()}
        changed = []
        with self._locked():
            for file, new in cleaned.items():
                row = self._rows[file]
                if all(row.get(k, "") == v for k, v in new.items()):
                    continue
                row.update(new)
                side = self.meta_dir / f"{file}.json"
                atomic_write_text(side, json.dumps({**self._read_sidecar(side), **row}, ensure_ascii=False))
                changed.append(file)
                self._dirty += 1
        return changed

    def _validated(self, file: str, fields: dict[str, str]) -> dict[str, str]:
        if file not in self._rows:
            raise WorkspaceError(f"no article '{file}' in the workspace")
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise WorkspaceError(f"cannot edit {', '.join(sorted(unknown))} (editable: {', '.join(EDITABLE)})")
        new = {k: _clean_value(v) for k, v in fields.items()}
        if new.get("published") and (not re.fullmatch(r"\d{4}-\d{2}-\d{2}", new["published"])
                                     or not normalise_date(new["published"])):
            raise WorkspaceError(f"{file}: published must be a date YYYY-MM-DD, not '{new['published']}'")
        if new.get("language"):
            new["language"] = new["language"].lower()
            if not re.fullmatch(r"[a-z]{2}", new["language"]):
                raise WorkspaceError(f"{file}: language must be a two-letter code (fr, en), not '{new['language']}'")
        return new


def _clean_value(value: object) -> str:
    """A metadata value as one clean line of text."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    """`python -m analysis.files.workspace add PATH... [--workspace DIR]`: what the upload page does."""
    ap = argparse.ArgumentParser(prog="python -m analysis.files.workspace", description="Add articles to a Veille workspace")
    sub = ap.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="save files, folders, .jsonl/.csv tables or .zip archives in the workspace")
    add.add_argument("paths", nargs="+", type=Path)
    add.add_argument("--workspace", type=Path, default=None, help="workspace folder (default: $VEILLE_WORKSPACE or ./workspace)")
    args = ap.parse_args(argv)
    ws = Workspace(args.workspace)
    result = ws.add_paths(args.paths)
    for rej in result.rejected:
        print(f"rejected: {rej.input}: {rej.reason}", file=sys.stderr)
    for name, existing in result.duplicates:
        print(f"duplicate skipped: {name} (same text as {existing})", file=sys.stderr)
    for name, other, score in result.near_duplicates:
        print(f"near-duplicate: {name} ~ {other} ({score:.0%} shared)", file=sys.stderr)
    print("; ".join(result.summary()) + f" -> {ws.articles_dir} ({len(ws):,} articles; "
          f"analyse with: python -m analysis build {ws.articles_dir} --out OUT)", file=sys.stderr)
    return 0 if result.added or result.duplicates else 1


if __name__ == "__main__":
    sys.exit(main())
