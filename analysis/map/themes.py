"""Theme tags for sentences from an editable lemma lexicon (analysis/map/data/themes.yaml).

The map step: `ThemeMatcher.match` finds lexicon terms in one parsed article (worker
processes). `analysis.reduce.themes.assign_themes` then weighs the hits of the whole corpus
and tags sentences, so a term found all over the corpus counts less.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Token

from analysis.records import ParsedArticle, ThemeHit

DEFAULT_LEXICON = Path(__file__).resolve().parent / "data" / "themes.yaml"
IGNORE = "ignore"  # reserved lexicon key: phrases that block a match ("think tank") and tag nothing
NAMED_PARTIES = "@named_parties"  # context cue: the sentence names two or more people, places, bodies
PARTY_LABELS = frozenset({"PER", "LOC", "ORG", "GPE", "NORP", "PERSON"})

# Ignored on both sides of a match, so phrases match across articles and prepositions.
FUNCTION_WORDS = frozenset(
    "le la les l' un une des du de d' au aux à en et ou son sa ses leur leurs ce cet cette ces "
    "the a an of to in on for and or its their his her".split()
)


@dataclass(frozen=True)
class Term:
    """One lexicon entry: a lemma or lemma phrase, the theme it signals and how strongly.

    `forms` are the alternatives written `rencontre|rencontrer`: they match like separate terms
    but count as one term (`term`, the first form) for display and corpus weighting.
    """

    term: str
    theme: str
    weight: float = 1.0
    forms: tuple[str, ...] = ()


@dataclass
class Lexicon:
    """Theme -> terms, as read from the YAML file."""

    terms: list[Term]
    path: Path | None = None
    _weights: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for t in self.terms:
            self._weights[(t.term, t.theme)] = t.weight

    @property
    def themes(self) -> list[str]:
        """Theme names in file order."""
        return list(dict.fromkeys(t.theme for t in self.terms if t.theme != IGNORE))

    def weight(self, term: str, theme: str, default: float = 1.0) -> float:
        """The weight of `term` for `theme` (default when the term is unknown)."""
        return self._weights.get((term, theme), default)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read a theme lexicon: `theme: [term, {term: weight}, ...]`; duplicates keep the last weight."""
    path = Path(path) if path else DEFAULT_LEXICON
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping theme -> list of terms")
    terms: dict[tuple[str, str], Term] = {}
    for theme, entries in data.items():
        for entry in entries or []:
            for term, weight in _entry_items(entry, path):
                forms = tuple(f.strip() for f in term.split("|") if f.strip())
                if forms:
                    terms[(forms[0], str(theme))] = Term(forms[0], str(theme), weight, forms)
    return Lexicon(list(terms.values()), path)


def _entry_items(entry: object, path: Path) -> Iterable[tuple[str, float]]:
    """A YAML list item as (term, weight): `term`, `{term: w}` or `{term: x, weight: w}`."""
    if isinstance(entry, str):
        yield entry.strip(), 1.0
    elif isinstance(entry, dict) and "term" in entry:
        yield str(entry["term"]).strip(), float(entry.get("weight", 1.0))
    elif isinstance(entry, dict):
        for term, weight in entry.items():
            yield str(term).strip(), float(1.0 if weight is None else weight)
    else:
        raise ValueError(f"{path}: cannot read lexicon entry {entry!r}")


# ---------------------------------------------------------------- matching (map step)

def _norm(word: str) -> str:
    """Lower case, straight apostrophe, a final plural -s dropped (both sides alike)."""
    word = word.lower().replace("’", "'")
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _skip(text: str, is_punct: bool, pos: str = "") -> bool:
    """Punctuation, auxiliaries and lower-case function words take no part in a match ("UN" does)."""
    low = text.lower().replace("’", "'")
    return (is_punct or pos == "AUX" or not text.strip()
            or (low in FUNCTION_WORDS and not (len(text) > 1 and text.isupper())))


def _token_keys(token: Token) -> tuple[str, ...]:
    """What a text token can match: its form, then its lemma (the lemmatizer errs on English).
    An ordered tuple, not a set: when two terms of the same length match one token, the term
    written as that very form wins ("according" in `ignore` over "accord", "bombing" over "bomb"),
    in every process (a set's order of strings changes with Python's hash seed)."""
    lemma, form = _norm(token.lemma_), _norm(token.text)
    return (form,) if lemma == form else (form, lemma)


class ThemeMatcher:
    """Find lexicon terms in parsed articles: leftmost-longest match on lemma sequences."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # one term per (phrase, theme): "munition" and "munitions" are the same entry
        by_theme: dict[tuple[str, ...], dict[str, Term]] = defaultdict(dict)
        self._cues = [t for t in lexicon.terms if t.term == NAMED_PARTIES and t.theme != IGNORE]
        for term in lexicon.terms:
            if term.term.startswith("@"):
                continue
            for form in term.forms or (term.term,):
                words = tuple(_norm(t.text) for t in nlp.tokenizer(form) if not _skip(t.text, t.is_punct))
                seen = by_theme[words].get(term.theme)
                if words and (seen is None or term.weight > seen.weight):
                    by_theme[words][term.theme] = term  # the heavier entry wins; on a tie, the first
        groups = {words: list(terms.values()) for words, terms in by_theme.items() if words}
        self._index: dict[str, list[tuple[tuple[str, ...], list[Term]]]] = defaultdict(list)
        for words, terms in groups.items():
            self._index[words[0]].append((words, terms))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def match_tokens(self, tokens: Sequence[Token]) -> list[tuple[int, int, list[Term]]]:
        """Matches in a token sequence as (first token i, last token i, terms), no overlaps."""
        kept = [(t.i, _token_keys(t)) for t in tokens if not _skip(t.text, t.is_punct, t.pos_)]
        out, k = [], 0
        while k < len(kept):
            best = None
            for key in kept[k][1]:
                for words, terms in self._index.get(key, ()):
                    if best and len(words) <= len(best[0]):
                        break
                    if k + len(words) <= len(kept) and all(
                        w in kept[k + j][1] for j, w in enumerate(words)
                    ):
                        best = (words, terms)
                        break
            if best:
                out.append((kept[k][0], kept[k + len(best[0]) - 1][0], best[1]))
                k += len(best[0])
            else:
                k += 1
        return out

    def match(self, parsed: ParsedArticle) -> list[ThemeHit]:
        """Every term found in the article's sentences, one hit per (term, theme)."""
        hits: list[ThemeHit] = []
        for sent in parsed.sentences:
            if sent.span is None:
                continue
            base = parsed.blocks[sent.block].start
            doc = sent.span.doc
            for first, last, terms in self.match_tokens(sent.span):
                start, end = base + doc[first].idx, base + doc[last].idx + len(doc[last])
                hits += [ThemeHit(sent.sent_id, start, end, t.term, t.theme) for t in terms if t.theme != IGNORE]
            parties = [e for e in sent.span.ents if e.label_ in PARTY_LABELS]
            if self._cues and len({e.text.lower() for e in parties}) >= 2:
                start, end = base + parties[0].start_char, base + parties[-1].end_char
                hits += [ThemeHit(sent.sent_id, start, end, t.term, t.theme) for t in self._cues]
        return hits
