"""Actor co-occurrence: who is named in the same sentence as whom, as a networkx graph.

Pure functions of the mentions table (no streamlit). Nodes are actor ids with their mention
count; an edge joins two actors named in the same sentence, its weight the number of such
sentences (co-mentions).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations

import networkx as nx
import pandas as pd


def _actor_rows(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions that name an actor (a set actor_id); place names and things are not actors."""
    if mentions.empty or "actor_id" not in mentions:
        return mentions.iloc[0:0]
    return mentions[mentions["actor_id"].fillna("").astype(str) != ""]


def cooccurrence_graph(mentions: pd.DataFrame, *, min_weight: int = 1, top_n: int | None = 40,
                       focus: Iterable[str] = ()) -> nx.Graph:
    """Same-sentence co-occurrence graph of the actors in `mentions`.

    Node attributes: `mentions` (count), `docs` (articles naming the actor); edge attribute
    `weight` (sentences naming both). Keeps the `top_n` most-mentioned actors joined by an edge of
    at least `min_weight`; actors left without any edge are dropped. With `focus` ids, only those
    actors and their neighbours are kept (the focus actors always, even alone).
    """
    m = _actor_rows(mentions)
    graph = nx.Graph()
    if m.empty:
        return graph
    counts = Counter(m["actor_id"].astype(str))
    docs = m.groupby(m["actor_id"].astype(str))["doc_id"].nunique().to_dict()
    pairs: Counter[tuple[str, str]] = Counter()
    for ids in m.groupby(["doc_id", "sent_id"])["actor_id"].agg(lambda s: sorted(set(s.astype(str)))):
        pairs.update(combinations(ids, 2))
    edges = {p: w for p, w in pairs.items() if w >= min_weight}
    focus = [a for a in dict.fromkeys(focus) if a in counts]
    if focus:
        wanted = set(focus) | {b if a in focus else a for a, b in edges if a in focus or b in focus}
    else:
        wanted = {a for pair in edges for a in pair}
    ranked = sorted(wanted - set(focus), key=lambda a: (-counts[a], a))
    keep = set(focus) | set(ranked[: max(0, top_n - len(focus))] if top_n is not None else ranked)
    for aid in sorted(keep, key=lambda a: (-counts[a], a)):
        graph.add_node(aid, mentions=counts[aid], docs=int(docs.get(aid, 0)))
    for (a, b), w in sorted(edges.items()):
        if a in keep and b in keep:
            graph.add_edge(a, b, weight=w)
    graph.remove_nodes_from([n for n in list(nx.isolates(graph)) if n not in focus])
    return graph


def layout(graph: nx.Graph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Node positions from networkx's spring layout with a fixed seed (same graph, same picture).

    Each connected component is laid out on its own: the largest fills the square [-1, 1]², the
    smaller ones sit in a row beneath it, so a lone pair never squeezes the main cluster into a corner.
    """
    comps = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    pos: dict[str, tuple[float, float]] = {}
    for i, comp in enumerate(comps):
        sub = graph.subgraph(comp)
        if i == 0:
            center, scale = (0.0, 0.0), 1.0
        else:
            j = i - 1
            center, scale = (-1.0 + 0.4 * (j % 6), -1.4 - 0.4 * (j // 6)), 0.13
        if len(comp) == 1:
            part = {next(iter(comp)): center}
        else:
            k = 2.5 / len(comp) ** 0.5  # more room than the default: labels sit on the nodes
            part = nx.spring_layout(sub, seed=seed, k=k, weight=None, iterations=200, scale=scale, center=center)
        pos.update({n: (float(x), float(y)) for n, (x, y) in part.items()})
    return pos
