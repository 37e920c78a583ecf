"""Actor co-occurrence: who is named in the same sentence as whom, as a networkx graph.

Pure functions of the mentions table (no streamlit). Nodes are actor ids with their mention
count; an edge joins two actors named in the same sentence, its weight the number of such
sentences (co-mentions).
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from analysis.codes import distinct_docs


def _actor_rows(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions that name an actor (a set actor_id); place names and things are not actors."""
    if mentions.empty or "actor_id" not in mentions:
        return mentions.iloc[0:0]
    return mentions[mentions["actor_id"].fillna("") != ""]


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
    # integer codes throughout: actors ranked by id (their order for ties and for the edge list),
    # sentences as (article, sentence number); names come back only for the nodes kept
    raw = [str(a) for a in m["actor_id"].tolist()]
    a_codes, actors = pd.factorize(np.array(raw, dtype=object))
    actors = np.asarray(actors, dtype=object)
    order = np.argsort(actors, kind="stable")
    by_rank = actors[order]
    n_a = len(actors)
    rank = np.empty(n_a, dtype=np.int64)
    rank[order] = np.arange(n_a)
    r_codes = rank[a_codes]
    d_codes, _ = pd.factorize(m["doc_id"])
    count = np.bincount(r_codes, minlength=n_a)  # mentions per actor rank
    n_docs = distinct_docs(r_codes, d_codes, n_a)
    # each sentence's distinct actors, paired within the sentence: one (a, b) per pair (a < b by id) per sentence
    sent = d_codes.astype(np.int64) * (int(m["sent_id"].max()) + 1) + m["sent_id"].to_numpy(dtype=np.int64)
    ids = pd.DataFrame({"s": sent, "a": r_codes}).drop_duplicates()
    both = ids.merge(ids, on="s", suffixes=("_a", "_b"))
    both = both[both["a_a"] < both["a_b"]]
    keys, weights = np.unique(both["a_a"].to_numpy() * n_a + both["a_b"].to_numpy(), return_counts=True)
    strong = weights >= min_weight
    ra, rb, weights = keys[strong] // n_a, keys[strong] % n_a, weights[strong]
    where = {a: i for i, a in enumerate(by_rank.tolist())}
    focus = [a for a in dict.fromkeys(focus) if a in where]
    f_ranks = np.array([where[a] for a in focus], dtype=np.int64)
    if focus:
        touching = np.isin(ra, f_ranks) | np.isin(rb, f_ranks)
        wanted = np.union1d(np.r_[ra[touching], rb[touching]], f_ranks)
    else:
        wanted = np.union1d(ra, rb)
    others = np.setdiff1d(wanted, f_ranks)
    others = others[np.lexsort((others, -count[others]))]  # most mentioned first, ties by id
    if top_n is not None:
        others = others[: max(0, top_n - len(focus))]
    keep = np.r_[f_ranks, others]
    keep = keep[np.lexsort((keep, -count[keep]))]
    for r in keep.tolist():
        graph.add_node(by_rank[r], mentions=int(count[r]), docs=int(n_docs[r]))
    kept = np.zeros(n_a, dtype=bool)
    kept[keep] = True
    both_kept = kept[ra] & kept[rb]  # keys are sorted: edges in (id a, id b) order
    for a, b, w in zip(ra[both_kept].tolist(), rb[both_kept].tolist(), weights[both_kept].tolist()):
        graph.add_edge(by_rank[a], by_rank[b], weight=int(w))
    graph.remove_nodes_from([n for n in list(nx.isolates(graph)) if n not in focus])
    return graph


_LAYOUTS: dict[tuple, dict[str, tuple[float, float]]] = {}  # the same graph is laid out once per process


def layout(graph: nx.Graph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Node positions from networkx's spring layout with a fixed seed (same graph, same picture).

    Each connected component is laid out on its own: the largest fills the square [-1, 1]², the
    smaller ones sit in a row beneath it, so a lone pair never squeezes the main cluster into a corner.
    """
    key = (seed, tuple(sorted(graph.nodes)), tuple(sorted(tuple(sorted(e)) for e in graph.edges)))
    if key not in _LAYOUTS:
        if len(_LAYOUTS) > 256:
            _LAYOUTS.clear()
        _LAYOUTS[key] = _spring(graph, seed)
    return dict(_LAYOUTS[key])


def _spring(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
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
