"""Metadata stated in the text, against the gold titles, sources, authors and dates (no metadata.csv)."""
from analysis.map.prepare import prepare
from analysis.map.cleaning import find_chrome
from analysis.map.metadata import extract_metadata, infer_published
from analysis.records import RawArticle
from analysis.map.dates.tagger import find_absolute_dates
from tests.conftest import SEEDS


def _norm(s):
    import re
    return re.sub(r"[\s«»\"“”]+", " ", s or "").strip().lower()


def test_seed_metadata_from_text_alone(seeds_gold):
    for doc_id, gold in seeds_gold.items():
        if doc_id.startswith("_"):
            continue
        text = (SEEDS / doc_id).read_text(encoding="utf-8")
        p = prepare(RawArticle(doc_id, text, doc_id), find_dates=find_absolute_dates)
        if gold["title"] is not None:
            assert _norm(p.meta["title"]) in {_norm(t) for t in [gold["title"], *gold["title_alternates"]]}, doc_id
        if gold["source"]:
            assert gold["source"].lower() in p.meta["source"].lower()
        if gold["author"]:
            assert gold["author"].lower() in p.meta["author"].lower()
        if gold["publication_date"]:
            assert (p.meta["published"], p.meta["published_basis"]) == (gold["publication_date"], "text")
        else:
            lo, hi = gold["publication_window"]
            assert p.meta["published_basis"] in ("none", "inferred")
            assert p.meta["published_basis"] == "none" or lo <= p.meta["published"] <= hi


def test_no_headline_when_the_body_starts_at_once():
    text = "Introduction\n\n" + "La Russie et la Corée du Nord envisagent une coopération militaire étroite, selon des responsables. " * 3
    meta = extract_metadata(text, find_chrome(text), dates=find_absolute_dates)
    assert meta.title == ""


def test_english_byline_banner_and_dateline():
    text = "Welcome to dailyworld.com\nPutin arrives in Pyongyang\nBy Jane Smith\nJune 18, 2024\nPutin landed in Pyongyang."
    meta = extract_metadata(text, find_chrome(text), dates=find_absolute_dates)
    assert (meta.title, meta.source, meta.author, meta.published, meta.published_basis) == (
        "Putin arrives in Pyongyang", "dailyworld.com", "Jane Smith", "2024-06-18", "text")


def test_inferred_date_is_latest_full_date_and_marked():
    text = "Titre\nLe 3 mars 2022, puis le 14 avril 2022, la Russie a annoncé des manœuvres."
    assert infer_published(text, dates=find_absolute_dates) == "2022-04-14"
    p = prepare(RawArticle("x", text, "x"), find_dates=find_absolute_dates)
    assert (p.meta["published"], p.meta["published_basis"]) == ("2022-04-14", "inferred")


def test_given_metadata_wins():
    text = "Titre du texte\n13 septembre 2023\nCorps."
    p = prepare(RawArticle("x", text, "x", meta={"title": "Autre", "published": "2023-09-14"}), find_dates=find_absolute_dates)
    assert (p.meta["title"], p.meta["published"], p.meta["published_basis"]) == ("Autre", "2023-09-14", "metadata")
