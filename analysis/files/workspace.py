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
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from analysis.files.archive import MAX_ARCHIVE_BYTES, read_zip
from analysis.files.atomic import atomic_write_bytes, atomic_write_text
from analysis.files.decoding import DecodeError, decode_bytes
from analysis.files.intake import (
    ARTICLE_SUFFIXES,
    CSV_COLUMNS,
    EDITABLE,
    META_COLUMNS,
    ROW_FIELDS,
    ROW_SUFFIXES,
    UPLOAD_SUFFIXES,
    AddResult,
    Progress,
    WorkspaceError,
    _clean_value,
    content_hash,
    display_name,
    guess_mapping,
    normalise_date,
    shingles,
    slug,
    sniff_rows,
    suffix_of,
)
from analysis.files.store import ArticleStore
from analysis.records import Rejection


class Workspace(ArticleStore):
    """A folder of saved articles with their metadata; see the module docstring for the layout."""

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
