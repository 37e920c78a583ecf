"""Shared fixtures: the French pipeline (loaded once) and the seed facts copied from the gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from analysis.map.nlp import load

    return load("fr")


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    """Hand annotations of the five seed articles (a copy of shared/gold/seeds_gold.json)."""
    return json.loads((FIXTURES / "seeds_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(text, **kw) -> ParsedArticle with the real French model."""
    from analysis.map.parse import parse_text

    return lambda text, **kw: parse_text(text, nlp, **kw)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for every browser test of the session."""
    from tests.browser import CHROMIUM_ARGS, require_chromium

    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh 1400x900 page (its own context) for one test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()
