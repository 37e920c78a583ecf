"""The per-article map step: clean, read metadata, parse, extract. Pure function of one article."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from analysis.map.cleaning import find_chrome
from analysis.map.metadata import extract_metadata, infer_published, source_from_url
from analysis.map.parse import attach_docs, sentences_of
from analysis.map.segment import content_blocks
from analysis.records import ParsedArticle, RawArticle

@dataclass
class Prepared:
    """An article after cleaning and metadata, before spaCy (cheap; done in the main process)."""

    doc_id: str
    text: str
    origin: str
    meta: dict  # title, source, url, author, published, published_basis, language
    chrome: list  # Chrome records

    def key(self, pipeline: str) -> str:
        """Cache key: content, metadata and the pipeline version."""
        payload = json.dumps([self.doc_id, self.text, self.meta, pipeline], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def prepare(raw: RawArticle, *, find_dates=None, detect_language=None) -> Prepared:
    """Find chrome and metadata; given metadata wins over what the text states."""
    chrome = find_chrome(raw.text, title=raw.meta.get("title", ""))
    stated = extract_metadata(raw.text, chrome, dates=find_dates)
    given = {k: v for k, v in raw.meta.items() if v}
    meta = {
        "title": given.get("title") or stated.title,
        "source": given.get("source") or stated.source or source_from_url(given.get("url", "")),
        "url": given.get("url", ""),
        "author": given.get("author") or stated.author,
        "published": "",
        "published_basis": "none",
        "language": (given.get("language") or "").lower()[:2],
    }
    if given.get("published") and re.match(r"^\d{4}-\d{2}-\d{2}", given["published"]):
        meta["published"], meta["published_basis"] = given["published"][:10], "metadata"
    elif stated.published:
        meta["published"], meta["published_basis"] = stated.published, "text"
    else:
        inferred = infer_published(raw.text, dates=find_dates)
        if inferred:
            meta["published"], meta["published_basis"] = inferred, "inferred"
    if not meta["language"]:
        meta["language"] = detect_language(raw.text) if detect_language else "fr"
    return Prepared(raw.doc_id, raw.text, raw.origin, meta, chrome)


def parse(prepared: Prepared, nlp) -> ParsedArticle:
    """spaCy over the content blocks (boilerplate lines excluded)."""
    spans = [(c.start, c.end) for c in prepared.chrome]
    blocks = content_blocks(prepared.text, spans)
    attach_docs(blocks, prepared.text, nlp)
    m = prepared.meta
    return ParsedArticle(
        doc_id=prepared.doc_id, text=prepared.text, title=m["title"], source=m["source"], url=m["url"],
        author=m["author"], published=m["published"], published_basis=m["published_basis"],
        language=m["language"], boilerplate=spans, blocks=blocks, sentences=sentences_of(blocks),
    )


def records(items) -> list[dict]:
    """Dataclass records as plain dicts (JSON-ready)."""
    return [asdict(i) for i in items]
