"""Chrome detection: the gold's boilerplate lines go, article sentences stay (seeds and general cases)."""
import re

import pytest

from analysis.map.cleaning import classify_line, find_chrome
from tests.conftest import SEEDS


def _seed_docs(seeds_gold):
    return [(k, d) for k, d in seeds_gold.items() if not k.startswith("_")]


def test_every_gold_boilerplate_line_is_found(seeds_gold):
    for doc_id, gold in _seed_docs(seeds_gold):
        text = (SEEDS / doc_id).read_text(encoding="utf-8")
        found = {c.text for c in find_chrome(text)}
        missing = [line for line in gold["boilerplate_lines"] if line.strip() not in found]
        assert missing == [], doc_id


def test_no_claim_title_or_caption_is_chrome(seeds_gold):
    for doc_id, gold in _seed_docs(seeds_gold):
        text = (SEEDS / doc_id).read_text(encoding="utf-8")
        chrome = find_chrome(text)
        protected = [c["text"] for c in gold["claims"]] + [gold["title"] or ""]
        for sentence in filter(None, protected):
            i = text.find(sentence)
            assert i >= 0
            assert not any(c.start < i + len(sentence) and i < c.end for c in chrome), sentence


@pytest.mark.parametrize("line, kind", [
    ("Welcome to example.com, your daily news", "banner"),
    ("5 min read", "reading_time"),
    ("Lecture : 3 min", "reading_time"),
    ("Read more: Putin visits Pyongyang", "read_also"),
    ("Sur le même sujet", "read_also"),
    ("Share this article", "share"),
    ("Facebook | Twitter | LinkedIn | Email", "share"),
    ("3 comments", "comments"),
    ("Leave a comment", "comments"),
    ("Back to top", "back_to_top"),
    ("Tout accepter", "consent_button"),
    ("We use cookies to improve your experience. Manage your preferences.", "site_panel"),
    ("Nous utilisons des cookies pour vous proposer une meilleure expérience.", "site_panel"),
    ("Abonnez-vous à notre newsletter", "subscribe"),
    ("International Politique Diplomatie", "tags"),
    ("https://www.example.com/monde/poutine-kim-sommet", "slug"),
    ("Par Jean-Pierre Dupont", "byline"),
    ("By Jane Smith, Reuters", "byline"),
])
def test_general_chrome(line, kind):
    assert classify_line(line) == kind


@pytest.mark.parametrize("line", [
    "Par ailleurs, la Russie a démenti toute livraison d'armes.",
    "Vous trouverez ci-dessous la déclaration complète du Kremlin, a indiqué le porte-parole.",
    "Lire entre les lignes n'est pas simple, estime le chercheur Victor Cha.",
    "Le président américain a dit qu'il partagerait les informations avec ses alliés.",
    "Introduction :",
    "Poutine en Corée du Nord mardi pour rencontrer Kim Jong Un",
    "Un soutien militaire en échange d’un savoir-faire technologique",
    "13 septembre 2023",
    "The Kremlin said on Tuesday that no agreement had been signed.",
])
def test_content_is_not_chrome(line):
    assert classify_line(line) == ""


def test_slug_needs_a_twin_line():
    text = "Sommet à Vostotchny : une alliance\nsommet a vostotchny une alliance\nune phrase en minuscules sans ponctuation aucune"
    kinds = {c.text: c.kind for c in find_chrome(text)}
    assert kinds == {"sommet a vostotchny une alliance": "slug"}


def test_offsets_point_at_the_line():
    text = "Intro.\n  Partager cet article  \nFin."
    [c] = find_chrome(text)
    assert text[c.start:c.end] == "Partager cet article" and re.match(r"share", c.kind)
