"""Run every extractor over one parsed article (the map step's second half)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from analysis.map import nlp as nlp_mod
from analysis.map.claims.extract import extract_claims
from analysis.map.dates import tagger as timex
from analysis.map.lemmas import content_lemmas
from analysis.map.parse import parse
from analysis.map.prepare import Prepared


@dataclass
class Resources:
    """What a worker process loads once: pipelines and matchers per language."""

    pipelines: dict[str, Any] = field(default_factory=dict)
    actors: dict[str, Any] = field(default_factory=dict)
    themes: dict[str, Any] = field(default_factory=dict)
    extra_aliases: dict[str, list[str]] = field(default_factory=dict)  # the analyst's added aliases, matched too

    def nlp(self, language: str):
        if language not in self.pipelines:
            self.pipelines[language] = nlp_mod.load(language)
        return self.pipelines[language]

    def actor_matcher(self, language: str):
        if language not in self.actors:
            from analysis.map.actors.matcher import ActorMatcher
            from analysis.map.actors.registry import load_registry

            registry = load_registry(extra_aliases=self.extra_aliases)
            self.actors[language] = ActorMatcher(self.nlp(language), registry)
        return self.actors[language]

    def theme_matcher(self, language: str):
        if language not in self.themes:
            from analysis.map.themes import ThemeMatcher, load_lexicon

            self.themes[language] = ThemeMatcher(self.nlp(language), load_lexicon())
        return self.themes[language]


def records(items) -> list[dict]:
    """Dataclass records as plain dicts (JSON-ready)."""
    return [asdict(i) for i in items]


def analyse(prepared: Prepared, res: Resources) -> dict:
    """All per-article rows for one prepared article (JSON-ready)."""
    lang = prepared.meta["language"]
    nlp = res.nlp(lang)
    parsed = parse(prepared, nlp)
    mentions = res.actor_matcher(lang).find_mentions(parsed)
    timexes = timex.tag_article(parsed)
    hits = res.theme_matcher(lang).match(parsed)
    claims = extract_claims(parsed, mentions=mentions, timexes=timexes)
    sentences = [
        {"sent_id": s.sent_id, "start": s.start, "end": s.end, "text": s.text, "para": s.para,
         "lemmas": content_lemmas(s.span)}
        for s in parsed.sentences
    ]
    n_words = sum(1 for b in parsed.blocks for t in b.doc if not t.is_punct and not t.is_space)
    return {
        "document": {"doc_id": prepared.doc_id, **prepared.meta, "n_words": n_words, "n_sentences": len(sentences),
                     "pipeline": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
                     "origin": prepared.origin, "text": prepared.text},
        "boilerplate": [{"start": c.start, "end": c.end, "text": c.text, "kind": c.kind} for c in prepared.chrome],
        "sentences": sentences,
        "mentions": records(mentions),
        "timex": records(timexes),
        "claims": records(claims),
        "theme_hits": records(hits),
    }
