"""Read corpus inputs (folders of .txt/.md/.html, .jsonl, .csv) into RawArticles.

One bad file or row never stops the others: it becomes a Rejection with a reason.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from analysis.files.decoding import MAX_BYTES, DecodeError, decode_bytes
from analysis.records import RawArticle, Rejection

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
ROW_SUFFIXES = {".jsonl", ".csv"}
META_FIELDS = ("title", "source", "url", "author", "published", "language")
TEXT_KEYS = ("text", "content", "body")
MAX_ROWS_FILE_BYTES = 2 * 1024 * 1024 * 1024  # a .jsonl/.csv corpus may be large, within reason

csv.field_size_limit(1 << 30)


def read_inputs(inputs: Iterable[Path | str]) -> tuple[list[RawArticle], list[Rejection]]:
    """Every article of every input, and every input (or row) that could not be read."""
    articles: list[RawArticle] = []
    rejected: list[Rejection] = []
    seen: set[str] = set()
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            rejected.append(Rejection(str(path), "no such file or directory"))
            continue
        for item in _read_one(path):
            if isinstance(item, Rejection):
                rejected.append(item)
                continue
            item.doc_id = _unique(item.doc_id, seen)
            articles.append(item)
    return articles, rejected


def _unique(doc_id: str, seen: set[str]) -> str:
    base, n = doc_id, 2
    while doc_id in seen:
        doc_id, n = f"{base}#{n}", n + 1
    seen.add(doc_id)
    return doc_id


def _read_one(path: Path) -> Iterator[RawArticle | Rejection]:
    if path.is_dir():
        yield from read_directory(path)
    elif path.suffix.lower() == ".jsonl":
        yield from read_jsonl(path)
    elif path.suffix.lower() == ".csv":
        yield from read_csv_rows(path)
    elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield read_file(path, path.name)
    else:
        yield Rejection(str(path), f"unsupported file type '{path.suffix or 'none'}' (use .txt, .md, .html, .jsonl, .csv or a folder)")


def read_directory(root: Path) -> Iterator[RawArticle | Rejection]:
    """Files below `root` (recursively), with `metadata.csv` filling or overriding their metadata."""
    meta, problem = load_metadata_csv(root / "metadata.csv")
    if problem:
        yield problem
    for path in sorted(root.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
            continue
        rel = path.relative_to(root).as_posix()
        item = read_file(path, rel)
        if isinstance(item, RawArticle):
            item.meta.update({k: v for k, v in meta.get(rel, {}).items() if v})
        yield item


def load_metadata_csv(path: Path) -> tuple[dict[str, dict[str, str]], Rejection | None]:
    """`file -> {field: value}` from a folder's metadata.csv (absent file: empty)."""
    if not path.exists():
        return {}, None
    try:
        text = decode_bytes(path.read_bytes())
        rows = list(csv.DictReader(io.StringIO(text)))
    except (DecodeError, csv.Error, OSError) as err:
        return {}, Rejection(str(path), f"metadata.csv ignored: {err}")
    if rows and "file" not in rows[0]:
        return {}, Rejection(str(path), "metadata.csv ignored: no 'file' column")
    out = {}
    for row in rows:
        name = (row.get("file") or "").strip()
        if name:
            out[name] = {k: (row.get(k) or "").strip() for k in META_FIELDS if k in row}
    return out, None


def read_file(path: Path, doc_id: str) -> RawArticle | Rejection:
    """One .txt/.md/.html file as an article, or the reason it cannot be one."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Rejection(str(path), f"too large: {size / 1e6:.1f} MB (limit {MAX_BYTES / 1e6:.0f} MB)")
        text = decode_bytes(path.read_bytes())
    except DecodeError as err:
        return Rejection(str(path), str(err))
    except OSError as err:
        return Rejection(str(path), f"unreadable: {err.strerror or err}")
    if path.suffix.lower() in HTML_SUFFIXES:
        return html_article(text, doc_id=doc_id, origin=str(path))
    return RawArticle(doc_id=doc_id, text=text, origin=str(path))


def html_article(html: str, *, doc_id: str, origin: str) -> RawArticle | Rejection:
    """Main text and metadata of an HTML page through trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    except Exception as err:  # trafilatura raises many kinds on broken markup
        return Rejection(origin, f"HTML could not be parsed: {type(err).__name__}")
    data = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    text = (data.get("text") or "").strip()
    if not text:
        return Rejection(origin, "HTML holds no article text")
    meta = {
        "title": data.get("title") or "",
        "author": data.get("author") or "",
        "published": (data.get("date") or "")[:10],
        "source": data.get("sitename") or data.get("hostname") or "",
        "url": data.get("url") or "",
    }
    return RawArticle(doc_id=doc_id, text=text, origin=origin, meta={k: v for k, v in meta.items() if v})


def row_article(row: dict, *, index: int, origin: str) -> RawArticle | Rejection:
    """One JSONL/CSV row as an article: `text`/`content`/`body` required, the rest optional."""
    where = f"{origin}:{index + 1}"
    if not isinstance(row, dict):
        return Rejection(where, "row is not an object")
    text = next((row[k] for k in TEXT_KEYS if isinstance(row.get(k), str) and row[k].strip()), None)
    if text is None:
        return Rejection(where, "no text: the row needs a non-empty 'text', 'content' or 'body'")
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return Rejection(where, f"too large: text over {MAX_BYTES / 1e6:.0f} MB")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_id = row.get("id")
    doc_id = str(raw_id).strip() if raw_id not in (None, "") else f"row-{index + 1}"
    meta = {}
    for key in META_FIELDS:
        value = row.get(key)
        if key == "published" and not value:
            value = row.get("date")
        if value not in (None, ""):
            meta[key] = str(value).strip()
    return RawArticle(doc_id=doc_id, text=text, origin=where, meta=meta)


def read_jsonl(path: Path) -> Iterator[RawArticle | Rejection]:
    """One article per JSON line; a malformed line is rejected on its own."""
    try:
        if path.stat().st_size > MAX_ROWS_FILE_BYTES:
            yield Rejection(str(path), "too large for a corpus file")
            return
        text = decode_bytes(path.read_bytes(), max_bytes=MAX_ROWS_FILE_BYTES)
    except (DecodeError, OSError) as err:
        yield Rejection(str(path), str(err))
        return
    for i, row, error in jsonl_rows(text):
        if error:
            yield Rejection(f"{path}:{i + 1}", f"invalid JSON: {error}")
        else:
            yield row_article(row, index=i, origin=str(path))


def jsonl_rows(text: str) -> Iterator[tuple[int, object, str]]:
    """(0-based line number, parsed value, error message or '') for each non-blank JSONL line."""
    for i, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        try:
            yield i, json.loads(line), ""
        except json.JSONDecodeError as err:
            yield i, None, err.msg


def read_csv_rows(path: Path) -> Iterator[RawArticle | Rejection]:
    """One article per CSV row (header row required)."""
    try:
        text = decode_bytes(path.read_bytes(), max_bytes=MAX_ROWS_FILE_BYTES)
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not set(TEXT_KEYS) & {f.strip().lower() for f in reader.fieldnames}:
            yield Rejection(str(path), "CSV has no 'text', 'content' or 'body' column")
            return
        for i, row in enumerate(reader):
            row = {(k or "").strip().lower(): v for k, v in row.items()}
            yield row_article(row, index=i, origin=str(path))
    except (DecodeError, OSError) as err:
        yield Rejection(str(path), str(err))
    except csv.Error as err:
        yield Rejection(str(path), f"malformed CSV: {err}")
