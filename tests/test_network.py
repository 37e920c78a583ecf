"""analysis/query/actors.py: same-sentence co-occurrence graph; figures/entities.py: its deterministic layout."""
import pandas as pd
import pytest

from analysis.query.actors import cooccurrence_graph
from figures.entities import layout


def _mentions(rows):
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "text", "actor_id"])


@pytest.fixture
def mentions():
    return _mentions([
        ("a", 1, "Poutine", "vladimir-putin"), ("a", 1, "Kim", "kim-jong-un"), ("a", 1, "Moscou", "russia"),
        ("a", 2, "Poutine", "vladimir-putin"), ("a", 2, "Kim Jong-un", "kim-jong-un"),
        ("a", 2, "Vladimir Poutine", "vladimir-putin"),  # twice in one sentence: still one co-mention
        ("b", 1, "Séoul", "south-korea"), ("b", 1, "Tokyo", "japan"),
        ("b", 2, "Vostotchny", None), ("b", 2, "Pékin", "china"),  # a place without actor and a lone actor
        ("b", 3, "Kim", "kim-jong-un"), ("b", 3, "Séoul", "south-korea"),
    ])


def test_edges_count_sentences_naming_both(mentions):
    g = cooccurrence_graph(mentions)
    assert g["vladimir-putin"]["kim-jong-un"]["weight"] == 2
    assert g["vladimir-putin"]["russia"]["weight"] == 1
    assert g["kim-jong-un"]["south-korea"]["weight"] == 1
    assert g.nodes["vladimir-putin"]["mentions"] == 3 and g.nodes["kim-jong-un"]["docs"] == 2
    assert "china" not in g  # named alone: no edge, dropped
    assert not g.has_edge("vladimir-putin", "south-korea")  # same article, different sentences


def test_min_weight_and_top_n(mentions):
    assert [set(e) for e in cooccurrence_graph(mentions, min_weight=2).edges] == [{"vladimir-putin", "kim-jong-un"}]
    top = cooccurrence_graph(mentions, top_n=2)
    assert set(top.nodes) == {"kim-jong-un", "vladimir-putin"}  # 3 mentions each


def test_focus_keeps_the_actor_and_its_neighbours(mentions):
    g = cooccurrence_graph(mentions, focus=["south-korea"])
    assert set(g.nodes) == {"south-korea", "japan", "kim-jong-un"}
    assert g.has_edge("south-korea", "japan") and g.has_edge("south-korea", "kim-jong-un")
    alone = cooccurrence_graph(mentions, focus=["china"])
    assert list(alone.nodes) == ["china"] and alone.number_of_edges() == 0


def test_empty_and_actorless_input():
    assert cooccurrence_graph(_mentions([])).number_of_nodes() == 0
    assert cooccurrence_graph(_mentions([("a", 1, "Vostotchny", None), ("a", 1, "Oural", "")])).number_of_nodes() == 0


def test_layout_is_deterministic(mentions):
    g = cooccurrence_graph(mentions)
    first, second = layout(g), layout(cooccurrence_graph(mentions))
    assert first == second and set(first) == set(g.nodes)
    assert all(-1.01 <= c <= 1.01 for xy in first.values() for c in xy)


def test_layout_keeps_a_small_component_apart_and_the_main_one_full_size(mentions):
    extra = _mentions([("c", 1, "Maison Blanche", "white-house"), ("c", 1, "Wagner", "wagner-group")])
    g = cooccurrence_graph(pd.concat([mentions, extra], ignore_index=True))
    pos = layout(g)
    main = [pos[a] for a in ("vladimir-putin", "kim-jong-un", "russia", "south-korea", "japan")]
    assert max(abs(c) for xy in main for c in xy) == pytest.approx(1.0)  # the main cluster fills the square
    assert pos["white-house"][1] < -1.2 and pos["wagner-group"][1] < -1.2  # the lone pair sits beneath it
    assert abs(pos["white-house"][0] - pos["wagner-group"][0]) < 0.3
