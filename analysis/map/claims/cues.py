"""The cue lexicon (data/cues.yaml, keyed by language): reporting and denial verbs, hedges,
"selon" phrases, speaker words, source types."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "cues.yaml"
STATE_LABELS = {"LOC", "GPE", "state", "country"}
_SUBJ = ("nsubj", "nsubj:pass", "csubj")
_SETS = ("claim_nouns", "light_nouns", "negation", "denial_predicates", "hedge_verbs", "hedge_adjectives",
         "pronouns", "unnamed_speakers", "pair_nouns", "modal_hedges")
_LISTS = ("conditional_stems", "conditional_endings", "continuation_openers", "skip_prefixes", "strong_negation")


@dataclass(frozen=True)
class CueLexicon:
    """One language's cues, as read from cues.yaml (word sets where membership is asked)."""

    strong: frozenset[str] = frozenset()  # reporting verbs that attribute on their own ("affirmer")
    weak: frozenset[str] = frozenset()  # reporting verbs that need a clause or a quote ("ajouter")
    deny_strong: frozenset[str] = frozenset()  # denial verbs ("démentir")
    deny_object: frozenset[str] = frozenset()  # denial verbs taking an object ("rejeter les accusations")
    claim_nouns: frozenset[str] = frozenset()
    light_nouns: frozenset[str] = frozenset()
    negation: frozenset[str] = frozenset()
    denial_predicates: frozenset[str] = frozenset()
    hedge_verbs: frozenset[str] = frozenset()
    hedge_adjectives: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    unnamed_speakers: frozenset[str] = frozenset()
    pair_nouns: frozenset[str] = frozenset()
    modal_hedges: frozenset[str] = frozenset()
    hedge_adverbs: tuple[str, ...] = ()  # lower case; phrases ("sans doute") matched in the text
    according: tuple[tuple[str, ...], ...] = ()  # "selon", "d'après", "according to" as word sequences
    conditional_stems: tuple[str, ...] = ()
    conditional_endings: tuple[str, ...] = ()
    continuation_openers: tuple[str, ...] = ()
    skip_prefixes: tuple[str, ...] = ()
    strong_negation: tuple[str, ...] = ()
    source_types: dict[str, list[str]] = field(default_factory=dict)  # kind -> words naming such a source

    @classmethod
    def from_yaml(cls, lex: dict[str, Any]) -> CueLexicon:
        unknown = set(lex) - {f for f in cls.__dataclass_fields__} - {"report", "deny"}
        if unknown:
            raise ValueError(f"cues.yaml: unknown keys {sorted(unknown)}")
        strong = frozenset(lex["report"]["strong"])
        return cls(
            strong=strong, weak=frozenset(lex["report"]["weak"]) - strong,
            deny_strong=frozenset(lex["deny"]["strong"]), deny_object=frozenset(lex["deny"]["object"]),
            **{key: frozenset(lex.get(key) or []) for key in _SETS},
            hedge_adverbs=tuple(a.lower() for a in lex.get("hedge_adverbs") or []),
            according=tuple(tuple(seq) for seq in lex.get("according") or []),
            **{key: tuple(lex.get(key) or []) for key in _LISTS},
            source_types={str(k): list(v or []) for k, v in (lex.get("source_types") or {}).items()},
        )


@functools.lru_cache(maxsize=None)
def load_cues(path: str | None = None) -> dict[str, CueLexicon]:
    """The cue lexicon per language (the ledger's sections are read by analysis.reduce.ledger)."""
    raw = yaml.safe_load(Path(path or CUES_PATH).read_text(encoding="utf-8"))
    return {lang: CueLexicon.from_yaml(lex) for lang, lex in raw.items() if not lang.startswith("ledger")}


def lexicon(language: str) -> CueLexicon:
    """The lexicon for `language`, French when the language has none."""
    cues = load_cues()
    return cues.get(language) or cues["fr"]
