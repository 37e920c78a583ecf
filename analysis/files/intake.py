"""What an upload is, before the workspace saves it: accepted suffixes and limits, content
hashes and near-duplicate shingles, safe file names, dates, row tables (.jsonl/.csv) and their
column mapping, and the result of an add. Pure functions, no disk writes."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

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


def _clean_value(value: object) -> str:
    """A metadata value as one clean line of text."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())
