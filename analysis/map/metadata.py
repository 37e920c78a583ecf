"""Metadata stated in the text: headline, outlet, author, publication date.

Given metadata (metadata.csv, JSONL/CSV fields, HTML meta) wins over what the text says; a
date estimated from the content is marked `inferred` and never passed off as stated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.map.cleaning import Chrome, iter_lines

_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:fr|com|net|org|info|be|ch|ca|eu|news|io|co\.uk|uk|de|es|it|media|tv))\b", re.I)
_BYLINE = re.compile(r"^(?:[Pp]ar|[Bb]y)\s+(.+?)(?:\s*[,|–-]\s*.*)?$")
_LABEL = re.compile(r"^[\w\s’'-]{1,30}\s*:$")  # "Introduction :", "Conclusion :"
_TITLE_PREFIX = re.compile(r"^(titre|title|headline)\s*:\s*", re.I)
_DATELINE_WORDS = re.compile(r"^(publié|mis à jour|modifié|posted|published|updated)?\s*(le|on)?\s*", re.I)


@dataclass
class TextMeta:
    title: str = ""
    source: str = ""
    author: str = ""
    published: str = ""
    published_basis: str = "none"


def extract_metadata(text: str, chrome: list[Chrome], *, dates=None) -> TextMeta:
    """What the article text itself states about its title, outlet, author and date.

    `dates(text) -> [(start, end, 'YYYY-MM-DD')]` finds full dates (the temporal tagger's).
    """
    dates = dates or _no_dates
    meta = TextMeta()
    chrome_spans = {(c.start, c.end) for c in chrome}
    for c in chrome:
        if c.kind == "banner" and not meta.source:
            m = _DOMAIN.search(c.text)
            if m:
                meta.source = m.group(1).lower()
        if c.kind == "byline" and not meta.author:
            m = _BYLINE.match(c.text)
            if m:
                meta.author = m.group(1).strip()
    lines = [(s, e, line) for s, e, line in iter_lines(text) if (s, e) not in chrome_spans]
    meta.title = _headline(lines)
    stated = _dateline(lines[:8], dates)
    if stated:
        meta.published, meta.published_basis = stated, "text"
    return meta


def infer_published(text: str, *, dates=None) -> str:
    """Estimate a publication date from the content: the latest full date the text states.

    An article reports events up to the day it is written, so the latest dated event is a
    lower bound and the best single guess; without any full date we do not guess.
    """
    found = [v for _, _, v in (dates or _no_dates)(text)]
    return max(found) if found else ""


def _headline(lines: list[tuple[int, int, str]]) -> str:
    """The first short, unpunctuated line before the body starts, if any."""
    for _, _, line in lines[:6]:
        candidate = _TITLE_PREFIX.sub("", line).strip()
        words = candidate.split()
        if _LABEL.match(line) or len(words) < 3:
            continue
        if re.fullmatch(r"[«\"“].+[»\"”]", candidate):
            return candidate
        if len(words) > 30 or len(candidate) > 220:
            return ""  # the body started: this article has no headline
        if candidate.endswith((".", "!", "…")) and len(words) > 12:
            return ""
        if re.fullmatch(r"[\d\s/.-]+|.*\b(19|20)\d\d$", candidate) and len(words) <= 4:
            continue  # a dateline
        return candidate
    return ""


def _dateline(lines: list[tuple[int, int, str]], dates) -> str:
    """A date standing alone on an early line ("13 septembre 2023", "Publié le ...")."""
    for _, _, line in lines:
        rest = _DATELINE_WORDS.sub("", line, count=1)
        for start, end, value in dates(rest):
            leftover = (rest[:start] + rest[end:]).strip(" ,.-–|à")
            if len(leftover.split()) <= 3 and not re.search(r"[.!?]$", line.strip()):
                return value
    return ""


def source_from_url(url: str) -> str:
    """The host of an article URL, as an outlet name of last resort."""
    m = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url or "")
    return m.group(1) if m else ""


def _no_dates(text: str) -> list:
    return []
