"""Theme tags for sentences: the corpus's lexicon hits weighed (reduce step).

A term found all over the corpus counts less; a sentence gets a theme when the weights of its
terms for that theme reach THRESHOLD. The hits come from `analysis.map.themes.ThemeMatcher`.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.map.themes import Lexicon, load_lexicon

THRESHOLD = 0.75  # a sentence gets a theme when its term weights for that theme reach this
MIN_FACTOR = 0.5  # weight left to a term found in every document of a large corpus
DECAY_FROM = 0.5  # share of documents above which a term starts to count less


def format_theme_terms(by_theme: dict[str, Iterable[str]]) -> str:
    """{'military': ['munition', 'arme']} -> 'military: arme, munition' (the sentences table's
    `theme_terms` column: themes sorted, each with its sorted trigger terms)."""
    return "; ".join(f"{th}: {', '.join(sorted(ts))}" for th, ts in sorted(by_theme.items()))


def parse_theme_terms(theme_terms: str | None) -> dict[str, list[str]]:
    """The inverse of `format_theme_terms`: 'military: arme, munition; diplomacy: sommet' ->
    {'military': ['arme', 'munition'], 'diplomacy': ['sommet']} (read the column with this,
    never by splitting it again elsewhere)."""
    out: dict[str, list[str]] = {}
    for part in str(theme_terms or "").split("; "):
        theme, sep, terms = part.partition(": ")
        if sep and theme.strip():
            out[theme.strip()] = [t.strip() for t in terms.split(", ") if t.strip()]
    return out


def corpus_factor(share: float, n_docs: int) -> float:
    """How much a term still counts when found in `share` of the corpus's `n_docs` documents.

    Nothing changes up to DECAY_FROM; above it the weight falls on a curve that is gentle at
    first and steep near "in every document", where it reaches MIN_FACTOR for a large corpus.
    The fall is scaled by 1 - 1/n_docs: one document is its own corpus (no decay), and two
    documents sharing a word say less about the corpus than five do.
    """
    if n_docs <= 1 or share <= DECAY_FROM:
        return 1.0
    spread = ((min(share, 1.0) - DECAY_FROM) / (1.0 - DECAY_FROM)) ** 2
    return 1.0 - (1.0 - MIN_FACTOR) * spread * (1.0 - 1.0 / n_docs)


def assign_themes(
    hits: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    n_docs: int,
    lexicon: Lexicon | None = None,
    threshold: float = THRESHOLD,
) -> pd.DataFrame:
    """Per sentence: `themes` (';'-joined, sorted) and `theme_terms` ("military: arme, munition").

    Takes the corpus's hits (doc_id, sent_id, term, theme; an optional `weight` column overrides
    the lexicon) and returns one row per row of `sentences` keyed by (doc_id, sent_id).
    """
    keys = sentences[["doc_id", "sent_id"]].copy()
    keys["doc_id"] = keys["doc_id"].astype(str)
    keys["themes"], keys["theme_terms"] = "", ""
    if hits is None or hits.empty:
        return keys.reset_index(drop=True)
    h = hits.copy()
    h["doc_id"] = h["doc_id"].astype(str)
    if "weight" not in h.columns:
        lexicon = lexicon or load_lexicon()
        h["weight"] = [lexicon.weight(t, th) for t, th in zip(h["term"], h["theme"])]
    n_docs = max(int(n_docs), 1)
    share = h.groupby("term")["doc_id"].nunique() / n_docs
    # context cues ("@...") are not words of the corpus: they do not decay
    factor = {t: 1.0 if t.startswith("@") else corpus_factor(v, n_docs) for t, v in zip(share.index.tolist(), share.tolist())}
    h["score"] = h["weight"] * h["term"].map(factor)
    # a term repeated in one sentence counts once
    h = h.drop_duplicates(["doc_id", "sent_id", "theme", "term"])
    totals = h.groupby(["doc_id", "sent_id", "theme"])["score"].sum()
    tagged = totals[totals >= threshold - 1e-9].reset_index()[["doc_id", "sent_id", "theme"]]
    h = h.merge(tagged, on=["doc_id", "sent_id", "theme"])
    # one pass over plain lists (a pandas group-by per sentence took seconds on a large corpus)
    grouped: dict[tuple[str, int], dict[str, set[str]]] = {}
    for doc_id, sent_id, th, term in zip(h["doc_id"].tolist(), h["sent_id"].tolist(), h["theme"].tolist(),
                                         h["term"].tolist()):
        grouped.setdefault((doc_id, sent_id), {}).setdefault(th, set()).add(term)
    themes, terms = {}, {}
    for key, by_theme in grouped.items():
        themes[key] = ";".join(sorted(by_theme))
        terms[key] = format_theme_terms(by_theme)
    index = list(zip(keys["doc_id"], keys["sent_id"]))
    keys["themes"] = [themes.get(k, "") for k in index]
    keys["theme_terms"] = [terms.get(k, "") for k in index]
    return keys.reset_index(drop=True)
