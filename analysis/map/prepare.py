"""The map's first step: site chrome and metadata, found before spaCy (cheap; done in the main
process). `analysis.map.parse.parse` then runs spaCy and `analysis.map.analyse` the extractors."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from analysis.map.cleaning import find_chrome
from analysis.map.metadata import extract_metadata, infer_published, source_from_url
from analysis.records import RawArticle


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
