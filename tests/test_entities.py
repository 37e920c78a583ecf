"""analysis/query/actors.py (actor counts per source, the sentences behind them) and analysis/entities.py
(the analyst's corrections)."""
import pandas as pd
import pytest

from analysis.corrections import UserAliases, corrections, merge_actor, rename_actor, split_form, undo_correction
from analysis.query.actors import actor_mentions, actor_summary, counts_by_source, sentences_for
from analysis.reduce.actors import apply_user_aliases


@pytest.fixture
def docs():
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["Sommet à Vostotchny", "", "Séoul inquiet"],
                         "source": ["lemonde.fr", "", "lemonde.fr"], "n_words": [400, 500, 600]})


@pytest.fixture
def sentences():
    return pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "sent_id": [1, 2, 1, 1], "start": [0, 40, 0, 0], "end": [39, 80, 30, 50],
                         "text": ["Poutine a reçu Kim Jong-un à Vostotchny.", "Le Kremlin salue Kim.",
                                  "Pyongyang dément.", "Séoul s'inquiète de l'axe Moscou-Pyongyang."]})


@pytest.fixture
def mentions():
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "a", "b", "c", "c", "c"], "sent_id": [1, 1, 1, 2, 2, 1, 1, 1, 1],
        "text": ["Poutine", "Kim Jong-un", "Vostotchny", "Kremlin", "Kim", "Pyongyang", "Séoul", "Moscou", "Pyongyang"],
        "label": ["PER", "PER", "LOC", "ORG", "PER", "LOC", "LOC", "LOC", "LOC"],
        "actor_id": ["vladimir-putin", "kim-jong-un", None, "russia", "kim-jong-un", "north-korea", "south-korea", "russia",
                     "north-korea"],
    })


def test_only_mentions_with_an_actor_and_in_kept_sentences(mentions, sentences):
    assert len(actor_mentions(mentions)) == 8  # "Vostotchny" is a place, not an actor
    kept = actor_mentions(mentions, sentences[sentences["doc_id"] == "a"])
    assert sorted(kept["text"]) == ["Kim", "Kim Jong-un", "Kremlin", "Poutine"]


def test_counts_per_source_and_per_thousand_words(mentions, docs):
    c = counts_by_source(actor_mentions(mentions), docs).set_index(["actor_id", "source"])
    assert c.loc[("north-korea", "lemonde.fr"), "mentions"] == 1
    assert c.loc[("north-korea", "lemonde.fr"), "words"] == 1000  # a + c
    assert c.loc[("north-korea", "lemonde.fr"), "per_1000"] == pytest.approx(1.0)
    assert c.loc[("north-korea", "(unknown source)"), "per_1000"] == pytest.approx(2.0)  # 1 in 500 words
    assert c.loc[("russia", "lemonde.fr"), "mentions"] == 2
    assert counts_by_source(actor_mentions(mentions).iloc[0:0], docs).empty


def test_summary_with_aliases_and_registry_facts(mentions):
    actors = pd.DataFrame({"actor_id": ["kim-jong-un", "russia"], "name": ["Kim Jong-un", "Russia"],
                           "type": ["person", "state"], "wikidata": ["Q56226", None]})
    s = actor_summary(actor_mentions(mentions), actors).set_index("actor_id")
    assert list(s.index) == ["kim-jong-un", "russia", "north-korea", "south-korea", "vladimir-putin"]  # mentions, then name
    assert s.loc["kim-jong-un", ["mentions", "articles", "wikidata", "type"]].tolist() == [2, 1, "Q56226", "person"]
    assert set(s.loc["kim-jong-un", "aliases"].split("; ")) == {"Kim Jong-un", "Kim"}
    assert s.loc["north-korea", ["name", "mentions", "articles"]].tolist() == ["north-korea", 2, 2]  # not in the table: id
    assert s.loc["russia", "wikidata"] == ""


def test_sentences_behind_a_count(mentions, sentences, docs):
    s = sentences_for("kim-jong-un", actor_mentions(mentions), sentences, docs)
    assert s[["doc_id", "sent_id", "mention", "title", "source"]].values.tolist() == [
        ["a", 1, "Kim Jong-un", "Sommet à Vostotchny", "lemonde.fr"], ["a", 2, "Kim", "Sommet à Vostotchny", "lemonde.fr"]]
    assert s["sentence"].iat[1] == "Le Kremlin salue Kim." and (s["start"].iat[1], s["end"].iat[1]) == (40, 80)
    nk = sentences_for("north-korea", actor_mentions(mentions), sentences, docs)
    assert nk["title"].iat[0] == "(no headline) b" and nk["source"].iat[0] == "(unknown source)"
    assert sentences_for("japan", actor_mentions(mentions), sentences, docs).empty


def test_merge_rename_split_return_new_aliases_and_apply(mentions):
    empty = UserAliases()
    merged = merge_actor(empty, "vladimir-putin", "russia")
    assert merged.merge == {"vladimir-putin": "russia"} and empty.merge == {}  # never mutated
    applied = apply_user_aliases(mentions, merged)
    assert (applied["actor_id"] == "russia").sum() == 3
    back = merge_actor(merged, "russia", "vladimir-putin")  # the opposite merge replaces the first, no cycle
    assert back.merge == {"russia": "vladimir-putin"}
    with pytest.raises(ValueError):
        merge_actor(empty, "russia", "russia")
    assert rename_actor(empty, "russia", "  la  Russie ").rename == {"russia": "la Russie"}
    split, new_id = split_form(empty, "Kremlin", "Administration présidentielle russe", kind="organization")
    assert new_id == "org:administration-presidentielle-russe"
    assert split.split == {"Kremlin": new_id} and split.rename[new_id] == "Administration présidentielle russe"
    assert apply_user_aliases(mentions, split).loc[3, "actor_id"] == new_id


def test_corrections_listed_and_undone():
    a = rename_actor(merge_actor(UserAliases(), "white-house", "united-states"), "russia", "Russie")
    items = corrections(a, {"white-house": "White House", "united-states": "United States"})
    assert items == [("merge", "white-house", "“White House” merged into “United States”"),
                     ("rename", "russia", "russia shown as “Russie”")]
    assert undo_correction(a, "merge", "white-house").merge == {} and a.merge == {"white-house": "united-states"}
