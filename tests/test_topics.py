"""Topics: content lemmas, paragraph units, determinism, k selection, degenerate corpora, names."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.map.lemmas import content_lemmas
from analysis.reduce.topic_names import load_topic_names, save_topic_names, topic_signature
from analysis.reduce.topics import (
    TopicModel,
    fit_topics,
    paragraph_units,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# three clearly separate subjects, with some shared filler
VOCAB = {
    "war": "arme munition obus artillerie missile soldat offensif front guerre blindé",
    "space": "satellite fusée lanceur orbite spatial cosmodrome technologie ingénieur lancement station",
    "trade": "pétrole gaz prix marché exportation blé céréale commerce devise inflation",
}


def synthetic(n_per_topic: int = 20, seed: int = 1) -> pd.DataFrame:
    """One paragraph per row: 10 lemmas from one subject plus 2 filler words."""
    rng = np.random.default_rng(seed)
    rows = []
    for t, (name, words) in enumerate(VOCAB.items()):
        words = words.split()
        for i in range(n_per_topic):
            lemmas = list(rng.choice(words, 10)) + list(rng.choice(["pays", "gouvernement", "situation"], 2))
            rows.append({"doc_id": f"{name}-{i // 4}", "sent_id": i % 4, "para": i % 4,
                         "text": f"{name} {i}", "lemmas": " ".join(lemmas)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- lemmas and units

def test_content_lemmas_drop_names_numbers_dates_and_stop_words(parse):
    parsed = parse("Vladimir Poutine a rencontré Kim Jong-un le 13 septembre 2023 à Vladivostok pour discuter des munitions.")
    assert content_lemmas(parsed.sentences[0].span) == "rencontrer discuter munition"


def test_units_are_paragraphs_with_short_ones_merged():
    sents = pd.DataFrame([
        {"doc_id": "a", "sent_id": 0, "para": 0, "text": "Titre", "lemmas": "sommet alliance"},
        {"doc_id": "a", "sent_id": 1, "para": 1, "text": "P1a", "lemmas": "un deux trois quatre cinq"},
        {"doc_id": "a", "sent_id": 2, "para": 1, "text": "P1b", "lemmas": "six sept huit"},
        {"doc_id": "a", "sent_id": 3, "para": 2, "text": "P2", "lemmas": "a1 a2 a3 a4 a5 a6 a7 a8 a9"},
        {"doc_id": "a", "sent_id": 4, "para": 3, "text": "Fin", "lemmas": "fin"},
        {"doc_id": "b", "sent_id": 0, "para": 0, "text": "B", "lemmas": "seul"},
    ])
    units = paragraph_units(sents)
    assert units["sent_ids"].tolist() == [[0, 1, 2], [3, 4], [0]]  # title joins P1, tail joins P2
    assert units["doc_id"].tolist() == ["a", "a", "b"]  # never across documents
    assert units["n_lemmas"].tolist() == [10, 10, 1]


def test_long_paragraphs_are_cut_between_sentences():
    sents = pd.DataFrame([{"doc_id": "a", "sent_id": i, "para": 0, "text": str(i), "lemmas": " ".join(["mot"] * 50)}
                          for i in range(5)])
    units = paragraph_units(sents, max_lemmas=120)
    assert units["sent_ids"].tolist() == [[0, 1], [2, 3], [4]]


# ---------------------------------------------------------------- model

def test_k_is_chosen_in_range_and_finds_the_three_subjects():
    units = synthetic()["lemmas"].tolist()
    model = TopicModel(k_range=(2, 6), random_state=0).fit(units)
    assert set(model.k_scores_) == set(range(2, 7))
    assert model.k_ == 3
    assert TopicModel(k_range=(2, 6), criterion="stability").fit(units).k_ == 3
    tops = [set(t[:5]) for t in model.top_terms_]
    for words in VOCAB.values():
        assert any(t <= set(words.split()) for t in tops)


def test_fixed_number_of_topics_is_respected():
    model = TopicModel(n_topics=5).fit(synthetic()["lemmas"].tolist())
    assert model.k_ == 5 and model.transform(["arme obus"]).shape == (1, 5)


def test_same_corpus_same_topics_whatever_the_row_order():
    sents = synthetic()
    a = fit_topics(sents)
    b = fit_topics(sents.sample(frac=1.0, random_state=3))
    pd.testing.assert_frame_equal(a.topics, b.topics)
    pd.testing.assert_frame_equal(a.units, b.units)
    pd.testing.assert_frame_equal(a.sentence_topics, b.sentence_topics)
    assert a.k == 3 and len(a.sentence_topics) == len(sents)
    assert a.topics["size"].sum() == len(a.units)
    assert set(a.units.columns) >= {"unit_id", "doc_id", "para", "sent_ids", "text", "topic_id", "x", "y"}


@pytest.mark.parametrize("lemmas", [
    [], ["", ""], ["arme munition obus"], ["arme obus", "arme obus", "arme obus"], ["lundi mardi", "septembre"],
    ["arme obus"] * 40,
])
def test_degenerate_corpora_give_one_topic(lemmas):
    sents = pd.DataFrame([{"doc_id": "d", "sent_id": i, "para": i, "text": f"t{i}", "lemmas": lem}
                          for i, lem in enumerate(lemmas)], columns=["doc_id", "sent_id", "para", "text", "lemmas"])
    result = fit_topics(sents)
    if not lemmas:
        assert result.topics.empty and result.units.empty
        return
    assert result.k == 1
    assert result.topics["topic_id"].tolist() == [0]
    assert result.sentence_topics["topic_id"].tolist() == [0] * len(lemmas)


# ---------------------------------------------------------------- names

def test_names_persist_by_signature(tmp_path):
    sents = synthetic()
    first = fit_topics(sents)
    war = first.topics[first.topics["top_terms"].str.contains("munition")].iloc[0]
    path = tmp_path / "names" / "topics.yaml"
    save_topic_names(path, {war["signature"]: "Armes et munitions"})
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    names = load_topic_names(path)
    assert names == {war["signature"]: "Armes et munitions"}
    again = fit_topics(sents, names=names)
    row = again.topics.set_index("signature").loc[war["signature"]]
    assert row["label"] == "Armes et munitions" and row["name"] == "Armes et munitions"
    # a topic whose top terms moved a little keeps its name
    close = war["signature"].split("|")[:4] + ["autre"]
    renamed = fit_topics(sents, names={"|".join(sorted(close)): "Guerre"})
    assert "Guerre" in renamed.topics["label"].tolist()
    assert topic_signature("b;a;c;d;e;f") == "a|b|c|d|e"
    assert load_topic_names(tmp_path / "missing.yaml") == {}


# ---------------------------------------------------------------- seeds

def test_seed_topics_put_arms_for_technology_paragraphs_in_arms_topics(nlp):
    from analysis.map.parse import parse as parse_article
    from analysis.map.prepare import prepare
    from analysis.records import RawArticle

    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_article(prepare(RawArticle(path.name, path.read_text(encoding="utf-8"), path.name)), nlp)
        rows += [{"doc_id": path.name, "sent_id": s.sent_id, "para": s.para, "text": s.text,
                  "lemmas": content_lemmas(s.span)} for s in parsed.sentences]
    result = fit_topics(pd.DataFrame(rows))
    for t in result.topics.itertuples():
        print(f"topic {t.topic_id} ({t.size}): {t.top_terms}")
    units = result.units
    # paragraphs that trade munitions/arms against technology
    swap = units[units["text"].str.contains("échange") & units["text"].str.contains("technolog")
                 & units["text"].str.contains("arme|munition|obus|artillerie", regex=True)]
    assert len(swap) >= 2  # 002 (artillery shells for technology) and 003 (Russia's interest)
    terms = dict(zip(result.topics["topic_id"], result.topics["top_terms"]))
    for topic_id in swap["topic_id"]:  # each lands in a topic whose top terms speak of arms
        assert set(terms[topic_id].split(";")) & {"arme", "munition", "artillerie", "obus"}, terms[topic_id]
    assert 3 <= result.k <= 12


def test_topic_model_validates_its_settings():
    with pytest.raises(ValueError, match="criterion"):
        TopicModel(criterion="perplexity")
    with pytest.raises(ValueError, match="k_range"):
        TopicModel(k_range=(5, 2))
    with pytest.raises(TypeError):
        TopicModel(n_topic=5)  # a misspelt option is refused, not ignored
