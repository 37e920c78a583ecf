"""Figures built unchecked (figures/spec.py) pass plotly's own validation: a wrong property name
or value fails here, since the pages skip the check for speed."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from analysis.query import claims as qc
from figures import briefing as fb
from figures import claims as fc
from figures.spec import unchecked
from tests.test_figures_claims import NAMES, _claims, _docs, _groups


def validated(fig: go.Figure) -> go.Figure:
    """The figure rebuilt with every property checked by plotly (raises ValueError if one is wrong)."""
    return go.Figure(fig.to_dict())


def test_the_check_catches_a_wrong_property():
    bad = unchecked([dict(type="scatter", x=[1], y=[1], colour="red")], dict(title=dict(text="t")))
    with pytest.raises(ValueError, match="colour"):
        validated(bad)
    with pytest.raises(ValueError):
        validated(unchecked([dict(type="scatter", x=[1], y=[1], mode="dots")], {}))


@pytest.mark.parametrize("lanes", ["speaker", "source"])
@pytest.mark.parametrize("x", ["event", "published"])
def test_claims_timeline_is_a_valid_figure(lanes, x):
    view = qc.claim_view(_claims(), _docs(), actor_names=NAMES, groups=_groups())
    fig = fc.claims_timeline(view, lanes=lanes, x=x)
    again = validated(fig)
    assert len(again.data) == len(fig.data) > 0
    assert again.layout.yaxis.ticktext == fig.layout.yaxis.ticktext


def test_briefing_timeline_is_a_valid_figure():
    view = qc.claim_view(_claims(), _docs(), actor_names=NAMES, groups=_groups())
    assert validated(fb.timeline_figure(view)).layout.height == fb.CHART_HEIGHT + 20


def test_entity_figures_are_valid():
    import networkx as nx
    import pandas as pd

    from figures import entities as fe

    counts = pd.DataFrame({"actor_id": ["russia", "russia", "japan"], "source": ["lemonde.fr", "(unknown source)", "lemonde.fr"],
                           "mentions": [6, 2, 1], "words": [2000, 400, 2000], "per_1000": [3.0, 5.0, 0.5]})
    names = {"russia": "Russia", "japan": "Japan"}
    for barmode in ("stack", "group"):
        fig = validated(fe.top_actors(counts, names=names, measure="per_1000", barmode=barmode))
        assert [t.name for t in fig.data] == ["lemonde.fr", "(unknown source)"]
    heat = validated(fe.actor_source_heatmap(counts, names=names))
    assert heat.data[0].colorscale[0][1] == "rgb(247,251,255)"  # plotly's light-to-dark Blues, not plotly.js's "Blues"
    g = nx.Graph()
    g.add_node("russia", mentions=8, docs=2)
    g.add_node("japan", mentions=1, docs=1)
    g.add_edge("russia", "japan", weight=1)
    net = validated(fe.network_figure(g, names, {"russia": "place"}))
    assert net.layout.title.text.startswith("Who is named") and net.layout.title.font.size == 15


def test_overview_figures_are_valid():
    import pandas as pd

    from figures import overview as fo

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["lemonde.fr", "lemonde.fr", "tass.ru"]})
    bars = validated(fo.articles_by_source(docs, sources=docs["source"]))
    assert [(t.name, t.x) for t in bars.data] == [("lemonde.fr", (2,)), ("tass.ru", (1,))]
    counts = pd.DataFrame({"name": ["Russia", "Kim Jong-un", "Vostotchny"], "type": ["state", "person", "place"],
                           "mentions": [5, 3, 1]})
    top = validated(fo.top_entities(counts))
    assert [t.name for t in top.data] == ["state", "person", "place"] and top.layout.title.text == "Most-mentioned names (top 3)"


def test_name_counts_types_and_forms():
    import pandas as pd

    from analysis.query import actors as qa

    m = pd.DataFrame({"doc_id": ["a"] * 6, "text": ["Moscou", "la Russie", "Moscou", "Kim", "Vostotchny", "Vostotchny"],
                      "label": ["LOC", "LOC", "LOC", "PER", "LOC", "LOC"],
                      "actor_id": ["russia", "russia", "russia", "kim-jong-un", "", None]})
    keys = m["actor_id"].where(m["actor_id"].fillna("") != "", "name:" + m["text"])
    out = qa.name_counts(keys, m, names={"russia": "Russia"}, actor_types={"russia": "state"}, n=2)
    assert out.values.tolist() == [["russia", 3, "Russia", "state"], ["name:Vostotchny", 2, "Vostotchny", "place"]]
    third = qa.name_counts(keys, m, names={}, actor_types={}, n=3)
    assert third.iloc[2].tolist() == ["kim-jong-un", 1, "Kim", "person"]  # no registry name: as written; NER type


def test_theme_figures_are_valid():
    from figures import themes as fth
    from tests.test_figures_themes import DOCS, SENTENCES, SOURCES
    from analysis.query import themes as ts

    by_source = validated(fth.theme_share_by_source(ts.shares_by_source(SENTENCES, SOURCES), highlight=("military",)))
    assert [t.name for t in by_source.data] == ["military", "diplomacy", "economy", ts.NO_THEME]
    over = ts.shares_over_time(SENTENCES, DOCS)
    by_time = validated(fth.theme_share_over_time(over[0], unit=over[1], n_undated=over[2]))
    assert {t.marker.pattern.shape for t in by_time.data} == {"", "/"}  # the inferred date's part is hatched
