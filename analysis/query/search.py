"""Keyword-in-context search over sentences: words or lemmas, quoted phrases, all terms required.

Pure pandas/regex. Matching is case- and accent-insensitive and on whole words; the query is
taken literally (regex metacharacters mean themselves). Offsets point into `documents.text`.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import pandas as pd

COLUMNS = ["doc_id", "sent_id", "start", "end", "left", "hit", "right", "term", "sent_start", "sent_end", "source",
           "published", "published_basis", "title"]
_QUOTED = re.compile(r'"([^"]*)"|«\s*([^»]*?)\s*»|“([^”]*)”|(\S+)')
_SEPARATOR = re.compile(r"[\s\-‐‑–]+")  # a phrase's words may be joined by spaces or hyphens
_SEP_PATTERN = r"[\s\-‐‑–]+"
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'", "‘": "'"}
_ENDINGS = ("ement", "ation", "er", "ir", "re", "es", "e", "s", "x")  # stripped to get a stem for lemma highlighting


class Term(NamedTuple):
    """One query term: its words (folded) and whether it was quoted."""

    words: tuple[str, ...]
    phrase: bool

    @property
    def label(self) -> str:
        return " ".join(self.words)


_LIGATURE_RE = re.compile("[" + "".join(_LIGATURES) + "ŒÆ]")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lowercase, accents stripped, ligatures expanded, curly apostrophes straightened (fast path,
    same result as `_fold_with_map` for text in Latin scripts)."""
    text = _LIGATURE_RE.sub(lambda m: _LIGATURES.get(m[0]) or _LIGATURES[m[0].lower()], text)
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).casefold()


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of the original character."""
    quick = fold(text)
    if len(quick) == len(text) and not _COMBINING.search(text):  # every character folded to one: identity map
        return quick, list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = _LIGATURES.get(ch) or _LIGATURES.get(ch.lower())
        if f is None:
            f = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).casefold()
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def parse_query(query: str) -> list[Term]:
    """Quoted parts ("…", « … », “…”) are phrases; other words are separate terms (all required)."""
    terms: list[Term] = []
    for m in _QUOTED.finditer(query or ""):
        quoted = next((g for g in m.groups()[:3] if g is not None), None)
        raw = quoted if quoted is not None else m.group(4).strip('"«»“”')
        words = tuple(w for w in _SEPARATOR.split(fold(raw)) if w)
        term = Term(words, quoted is not None or len(words) > 1)
        if words and term not in terms:
            terms.append(term)
    return terms


def _word_pattern(term: Term) -> re.Pattern:
    body = _SEP_PATTERN.join(re.escape(w) for w in term.words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _stem(lemma: str) -> str:
    for ending in _ENDINGS:
        if lemma.endswith(ending) and len(lemma) - len(ending) >= 3:
            return lemma[: -len(ending)]
    return lemma


def _lemma_pattern(term: Term) -> re.Pattern:
    """Surface forms of a term's lemmas: words starting with a lemma's stem (a few letters of
    inflection allowed); a lemma phrase is one hit where its words are adjacent, else one each."""
    forms = [rf"{re.escape(_stem(w))}\w{{0,6}}" for w in term.words]
    body = "|".join([_SEP_PATTERN.join(forms)] * (len(forms) > 1) + forms)  # the whole phrase first
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _has_lemmas(lemmas: str, term: Term) -> bool:
    tokens = [t for t in _SEPARATOR.split(lemmas) if t]
    n = len(term.words)
    if n == 1:
        return term.words[0] in tokens
    return any(tuple(tokens[i:i + n]) == term.words for i in range(len(tokens) - n + 1))


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """`window` characters either side of [start, end), cut at a word boundary, '…' where cut."""
    left = text[max(0, start - window):start]
    if start > window:
        cut = left.find(" ") if not text[start - window - 1].isspace() else -1  # drop a cut word
        left = "…" + (left[cut + 1:] if 0 <= cut < len(left) - 1 else left)
    right = text[end:end + window]
    if end + window < len(text):
        cut = right.rfind(" ") if not text[end + window].isspace() else -1
        right = (right[:cut] if cut > 0 else right) + "…"
    return re.sub(r"\s+", " ", left), re.sub(r"\s+", " ", right)


def search(query: str, sentences: pd.DataFrame, documents: pd.DataFrame, *, by: str = "word",
           window: int = 60, limit: int | None = None) -> pd.DataFrame:
    """Concordance of `query` in `sentences`: one row per hit, in corpus order.

    by="word": every term must occur in the sentence as a whole word (or phrase); each occurrence
    is a row. by="lemma": sentences are selected on their `lemmas` column (content lemmas,
    space-joined); the surface words sharing the lemma's stem are the hits (the whole sentence
    when none can be found, e.g. "être" -> "est"). Offsets are article offsets. `limit` stops
    after that many hits (the page says so).
    """
    if by not in ("word", "lemma"):
        raise ValueError(f"by must be 'word' or 'lemma', not {by!r}")
    terms = parse_query(query)
    if not terms or sentences.empty:
        return pd.DataFrame(columns=COLUMNS)
    if by == "lemma" and "lemmas" not in sentences:
        raise ValueError("these sentences have no 'lemmas' column: search by word instead")
    patterns = [(t, _word_pattern(t) if by == "word" else _lemma_pattern(t)) for t in terms]
    meta = documents.set_index("doc_id") if not documents.empty else pd.DataFrame()
    rows = []
    texts = sentences["text"].fillna("").astype(str)
    if by == "word":  # quick pre-selection on the folded text; offsets are worked out for candidates only
        quick = [fold(t) for t in texts]
        keep = [all(p.search(t) for _, p in patterns) for t in quick]
    else:
        lemmas = [fold(x) for x in sentences["lemmas"].fillna("").astype(str)]
        keep = [all(_has_lemmas(lem, t) for t, _ in patterns) for lem in lemmas]
    for s in sentences[keep].itertuples(index=False):
        if limit is not None and len(rows) >= limit:
            break
        text = s.text if isinstance(s.text, str) else ""
        folded, where = _fold_with_map(text)
        found = {t: [(where[m.start()], where[m.end() - 1] + 1) for m in p.finditer(folded)] for t, p in patterns}
        if by == "word" and not all(found.values()):
            continue
        spans = sorted({(a, b, t.label) for t, hits in found.items() for a, b in hits})
        if not spans:  # lemma matched but no surface form recognised: the sentence is the hit
            spans = [(0, len(text), " ".join(t.label for t in terms))]
        for a, b, label in spans:
            left, right = _context(text, a, b, window)
            rows.append({"doc_id": s.doc_id, "sent_id": int(s.sent_id), "start": int(s.start) + a,
                         "end": int(s.start) + b, "left": left, "hit": text[a:b], "right": right, "term": label,
                         "sent_start": int(s.start), "sent_end": int(s.end)})
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.DataFrame(rows[:limit] if limit is not None else rows)
    for col in ("source", "published", "published_basis", "title"):
        values = meta[col].to_dict() if col in meta else {}
        out[col] = [v if isinstance(v := values.get(d), str) else "" for d in out["doc_id"]]
    return out[COLUMNS].sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
