"""figures/entities.py: bars by source, heatmap, network; checked through fig.to_dict()."""
import networkx as nx
import pandas as pd
import pytest

from figures.colors import TYPE_COLORS, color_for
from figures.entities import actor_source_heatmap, clicked_actor, labels_for, network_figure, top_actors

NAMES = {"russia": "Russia", "north-korea": "North Korea", "kim-jong-un": "Kim Jong-un", "japan": "Japan"}


@pytest.fixture
def counts():
    return pd.DataFrame({
        "actor_id": ["russia", "russia", "north-korea", "kim-jong-un", "japan"],
        "source": ["lemonde.fr", "(unknown source)", "lemonde.fr", "(unknown source)", "lemonde.fr"],
        "mentions": [6, 2, 5, 4, 1], "words": [2000, 400, 2000, 400, 2000],
        "per_1000": [3.0, 5.0, 2.5, 10.0, 0.5],
    })


def test_top_actors_stacked_counts_coloured_by_source(counts):
    before = counts.copy()
    d = top_actors(counts, names=NAMES).to_dict()
    pd.testing.assert_frame_equal(counts, before)  # input untouched
    assert d["layout"]["barmode"] == "stack"
    assert list(d["layout"]["yaxis"]["categoryarray"]) == ["Russia", "North Korea", "Kim Jong-un", "Japan"]
    bars = {t["name"]: t for t in d["data"]}
    assert list(bars) == ["lemonde.fr", "(unknown source)"]  # biggest source first
    assert bars["lemonde.fr"]["marker"]["color"] == color_for("lemonde.fr")
    assert list(bars["lemonde.fr"]["y"]) == ["Russia", "North Korea", "Japan"] and list(bars["lemonde.fr"]["x"]) == [6, 5, 1]
    assert [c[0] for c in bars["(unknown source)"]["customdata"]] == ["russia", "kim-jong-un"]  # ids for click-to-filter
    assert bars["(unknown source)"]["customdata"][1][1:] == [4, 10.0, 400]


def test_top_actors_per_thousand_words_grouped(counts):
    d = top_actors(counts, names=NAMES, measure="per_1000", barmode="group", n=2).to_dict()
    assert d["layout"]["barmode"] == "group" and "per 1,000 words" in d["layout"]["title"]["text"]
    assert list(d["layout"]["yaxis"]["categoryarray"]) == ["Kim Jong-un", "Russia"]  # 10.0 and 3+5 per 1,000
    unknown = next(t for t in d["data"] if t["name"] == "(unknown source)")
    assert list(unknown["x"]) == [10.0, 5.0] and list(unknown["y"]) == ["Kim Jong-un", "Russia"]


def test_heatmap_rates_with_raw_counts(counts):
    d = actor_source_heatmap(counts, names=NAMES).to_dict()
    hm = d["data"][0]
    assert list(hm["y"]) == ["Russia", "North Korea", "Kim Jong-un", "Japan"]
    assert list(hm["x"]) == ["lemonde.fr<br>(2000 words)", "(unknown source)<br>(400 words)"]
    assert [list(r) for r in hm["z"]] == [[3.0, 5.0], [2.5, 0.0], [0.0, 10.0], [0.5, 0.0]]
    assert [list(r) for r in hm["text"]][1] == ["5", ""]  # raw count shown, zero cells blank
    assert hm["customdata"][2][1][0] == 4


def test_network_sizes_colours_and_click_ids():
    g = nx.Graph()
    g.add_node("russia", mentions=40, docs=5)
    g.add_node("kim-jong-un", mentions=10, docs=3)
    g.add_node("japan", mentions=1, docs=1)
    g.add_edge("russia", "kim-jong-un", weight=8)
    g.add_edge("russia", "japan", weight=1)
    d = network_figure(g, NAMES, {"russia": "state", "kim-jong-un": "person", "japan": "state"}).to_dict()
    nodes = {t["name"]: t for t in d["data"] if t.get("mode") == "markers+text"}
    assert set(nodes) == {"person", "state"}
    assert nodes["state"]["marker"]["color"] == TYPE_COLORS["state"] and nodes["person"]["marker"]["color"] == TYPE_COLORS["person"]
    assert [c[0] for c in nodes["state"]["customdata"]] == ["russia", "japan"] and list(nodes["state"]["text"]) == ["Russia", "Japan"]
    sizes = dict(zip(nodes["state"]["text"], nodes["state"]["marker"]["size"]))
    assert sizes["Russia"] > sizes["Japan"] and sizes["Russia"] == pytest.approx(50)
    edges = [t for t in d["data"] if t.get("mode") == "lines"]
    widths = sorted(t["line"]["width"] for t in edges)
    assert len(edges) == 2 and widths[1] > widths[0]
    hover = next(t for t in d["data"] if t.get("name") == "co-mentions")
    assert "Russia — Kim Jong-un: 8 sentences" in list(hover["hovertext"])
    again = network_figure(g, NAMES, {}).to_dict()  # unknown types fall back to "other"; same layout
    other = next(t for t in again["data"] if t.get("mode") == "markers+text")
    assert other["name"] == "other" and other["marker"]["color"] == TYPE_COLORS["other"]
    assert dict(zip(other["text"], other["x"]))["Russia"] == dict(zip(nodes["state"]["text"], nodes["state"]["x"]))["Russia"]


def test_empty_inputs_give_a_message_not_an_empty_axis(counts):
    for d in (top_actors(counts.iloc[0:0], names=NAMES).to_dict(), actor_source_heatmap(counts.iloc[0:0], names=NAMES).to_dict(),
              network_figure(nx.Graph(), NAMES, {}).to_dict()):
        assert d["data"] == [] and d["layout"]["annotations"][0]["text"].startswith("No ")


def test_labels_never_merge_two_actors():
    assert labels_for(["a", "b", "c"], {"a": "Kim", "b": "Kim", "c": "Moon"}) == {"a": "Kim (a)", "b": "Kim (b)", "c": "Moon"}


def test_clicked_actor_reads_customdata():
    assert clicked_actor([{"customdata": ["russia", 8, 3.0, 2000], "y": "Russia"}]) == "russia"
    assert clicked_actor([{"customdata": "japan"}]) == "japan"
    assert clicked_actor([{"x": 0.1, "y": 0.2}, {"customdata": ["kim-jong-un"]}]) == "kim-jong-un"  # edge hover point skipped
    assert clicked_actor([]) is None and clicked_actor(None) is None


def test_network_shortens_long_labels_but_hovers_the_full_name():
    g = nx.Graph()
    g.add_node("csis", mentions=1, docs=1)
    g.add_node("russia", mentions=3, docs=2)
    g.add_edge("csis", "russia", weight=1)
    d = network_figure(g, {"csis": "Center for Strategic and International Studies", **NAMES}, {"csis": "organization"}).to_dict()
    org = next(t for t in d["data"] if t.get("name") == "organization")
    assert org["text"][0] == "Center for Strategic and In…" and org["customdata"][0][4] == "Center for Strategic and International Studies"
