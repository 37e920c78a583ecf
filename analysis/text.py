"""The one text normaliser: how names, forms and lines are compared across the analysis.

`fold` lower-cases, drops accents and unifies apostrophes (token comparisons); `norm` also
turns punctuation into single spaces (alias lookups, fuzzy matching, the analyst's forms);
`words` keeps only ASCII letters and digits (site-chrome line shapes); `slug` makes ids for
actors outside the registry. Part of the per-article cache key (the map imports it).
"""
from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


def strip_accents(text: str) -> str:
    """Compatibility-decomposed text without its combining marks ("Égypte" -> "Egypte")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case without accents, apostrophes unified: how phrase rules compare tokens."""
    return strip_accents(text.translate(APOSTROPHES)).lower()


def norm(text: str) -> str:
    """Lower-case, accents and punctuation folded: the key for alias lookups and fuzzy matching."""
    return " ".join(re.sub(r"[^\w']+", " ", fold(text)).split())


def words(text: str) -> list[str]:
    """The ASCII letter and digit runs of the folded text ("Lire aussi :" -> ["lire", "aussi"])."""
    return re.findall(r"[a-z0-9]+", fold(text))


def slug(text: str) -> str:
    """`Andrei Lankov` -> `andrei-lankov` (ids for actors outside the registry)."""
    return re.sub(r"[^a-z0-9]+", "-", norm(text).replace("'", " ")).strip("-") or "x"
