"""What the pages ask about actors, as pure pandas: mentions naming an actor, counts per actor
and source, the actor table with the forms naming each actor, the sentences behind a count,
the most-mentioned names, and who is named in the same sentence as whom (a networkx graph).

Counts take the mentions already limited to the filtered view (`mentions_in_view`); nodes of the
co-occurrence graph are actor ids with their mention count, an edge joins two actors named in the
same sentence, its weight the number of such sentences (co-mentions).
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from analysis.query.codes import distinct_docs
from analysis.query.corpus import Corpus
from analysis.query.filters import View, source_label

def actor_mentions(mentions: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions with an actor_id, limited to the (doc_id, sent_id) of `sentences` when given."""
    if mentions.empty or "actor_id" not in mentions:
        return pd.DataFrame(columns=["doc_id", "sent_id", "start", "end", "text", "label", "actor_id"])
    m = mentions[mentions["actor_id"].fillna("") != ""]
    if sentences is not None:
        keys = sentences[["doc_id", "sent_id"]].drop_duplicates()
        m = m.merge(keys, on=["doc_id", "sent_id"])
    return m.reset_index(drop=True)


def mentions_in_view(v: View) -> pd.DataFrame:
    """Mentions naming an actor in the view: with an actor or theme filter, only in the sentences
    kept (naming the filtered actor, carrying the theme); else in every sentence of the kept articles."""
    corpus = v.corpus
    every = corpus.memo("actor_mentions", lambda: actor_mentions(corpus["mentions"]))
    if v.filters.actors or v.filters.themes:
        return actor_mentions(every, v.sentences())
    # every sentence of the kept articles: a cheap filter on doc_id, not a join
    return every if v.whole else every[every["doc_id"].isin(v.doc_ids)].reset_index(drop=True)


def actor_types(corpus: Corpus) -> dict[str, str]:
    """actor_id -> type (person, state, organization...), once per corpus."""
    actors = corpus["actors"]
    return corpus.memo("actor_types", lambda: dict(zip(actors["actor_id"], actors["type"])) if not actors.empty else {})


def top_names(v: View, *, n: int = 15) -> pd.DataFrame:
    """The `n` most-mentioned names of the kept articles, actors or not (`name_counts`)."""
    corpus, mentions = v.corpus, v.article_mentions
    if mentions.empty:
        return name_counts(pd.Series(dtype=object), mentions, names={}, actor_types={}, n=n)
    # per mention: its actor, or "name:" + the text for a name outside the registry (once per corpus)
    every = corpus["mentions"]
    keys = corpus.memo("mention_keys", lambda: every["actor_id"].where(every["actor_id"].fillna("") != "",
                                                                       "name:" + every["text"]).astype(object))
    return name_counts(keys.loc[mentions.index], mentions, names=corpus.actor_names, actor_types=actor_types(corpus), n=n)


def counts_by_source(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Actor x source: mentions, the source's words (kept articles) and mentions per 1,000 words."""
    cols = ["actor_id", "source", "mentions", "words", "per_1000"]
    if mentions.empty or documents.empty:
        return pd.DataFrame(columns=cols)
    src = source_label(documents)
    words = documents["n_words"].groupby(src.values).sum()
    doc_pos = pd.Index(documents["doc_id"]).get_indexer(mentions["doc_id"])  # -1: an article not kept
    s_codes, sources = pd.factorize(src)
    a_codes, ids = pd.factorize(mentions["actor_id"])
    kept = doc_pos >= 0
    n_s = max(len(sources), 1)
    keys, n = np.unique(a_codes[kept].astype(np.int64) * n_s + s_codes[doc_pos[kept]], return_counts=True)
    out = pd.DataFrame({"actor_id": pd.Series(np.asarray(ids, dtype=object)[keys // n_s], dtype=object),
                        "source": pd.Series(np.asarray(sources, dtype=object)[keys % n_s], dtype=object), "mentions": n})
    out["words"] = out["source"].map(words).fillna(0).astype(int)
    out["per_1000"] = (1000 * out["mentions"] / out["words"].where(out["words"] > 0)).fillna(0.0)
    return out[cols].sort_values(["actor_id", "source"], kind="stable").reset_index(drop=True)


def mention_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """actor_id, mentions, articles for each actor of `mentions` (rows with an actor_id), in order of first mention."""
    a_codes, ids = pd.factorize(mentions["actor_id"])  # a missing actor_id: code -1
    d_codes, _ = pd.factorize(mentions["doc_id"])
    named = a_codes >= 0
    out = _counts(a_codes[named], d_codes[named], np.asarray(ids, dtype=object))[0].drop(columns="code")
    return out[out["actor_id"] != ""].reset_index(drop=True)


def _per_actor(mentions: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """(actor_id, mentions, articles, code) per actor, and each mention's actor code. Integer codes and
    bincounts: a groupby on string keys costs several times more at 60,000 mentions."""
    a_codes, ids = pd.factorize(mentions["actor_id"])
    d_codes, _ = pd.factorize(mentions["doc_id"])
    return _counts(a_codes, d_codes, np.asarray(ids, dtype=object))


def _counts(a_codes: np.ndarray, d_codes: np.ndarray, ids: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    n_a = len(ids)
    return pd.DataFrame({"actor_id": pd.Series(ids, dtype=object), "mentions": np.bincount(a_codes, minlength=n_a),
                         "articles": distinct_docs(a_codes, d_codes, n_a), "code": np.arange(n_a)}), a_codes


def actor_summary(mentions: pd.DataFrame, actors: pd.DataFrame, *, limit: int | None = None) -> pd.DataFrame:
    """One row per actor in `mentions`: name, type, mentions, articles, surface forms seen, Wikidata id;
    most mentioned first (ties by name), the first `limit` rows only when given."""
    cols = ["actor_id", "name", "type", "mentions", "articles", "aliases", "wikidata"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    out, a_codes = _per_actor(mentions)
    # plain dicts and object arrays: pandas maps of strings build pyarrow arrays, several ms each
    info = {c: dict(zip(actors["actor_id"].tolist(), actors[c].tolist())) if c in actors else {}
            for c in ("name", "type", "wikidata")}
    ids = out["actor_id"].tolist()
    name = np.array([n if isinstance(n, str) and n else a for a, n in zip(ids, map(info["name"].get, ids))], dtype=object)
    order = np.lexsort((np.asarray(ids, dtype=object), name, -out["mentions"].to_numpy()))
    if limit is not None:
        order = order[:limit]
    kept = [ids[i] for i in order.tolist()]
    typ = [t if isinstance(t, str) and t else "other" for t in map(info["type"].get, kept)]
    wd = [w if isinstance(w, str) else "" for w in map(info["wikidata"].get, kept)]
    return pd.DataFrame({
        "actor_id": pd.Series(kept, dtype=object), "name": pd.Series(name[order], dtype=object),
        "type": pd.Series(typ, dtype=object), "mentions": out["mentions"].to_numpy()[order],
        "articles": out["articles"].to_numpy()[order],
        "aliases": pd.Series(_surface_forms(a_codes, mentions["text"], out["code"].to_numpy()[order]), dtype=object),
        "wikidata": pd.Series(wd, dtype=object)})[cols]


def _surface_forms(a_codes: np.ndarray, texts: pd.Series, wanted: np.ndarray) -> list[str]:
    """For each actor code of `wanted`: its surface forms, most frequent first (ties alphabetical), '; '-joined."""
    t_codes, forms = pd.factorize(np.array([t if isinstance(t, str) else "" for t in texts.tolist()], dtype=object))
    forms = np.asarray(forms, dtype=object)
    n_t = max(len(forms), 1)
    keys, n = np.unique(a_codes.astype(np.int64) * n_t + t_codes, return_counts=True)
    actor, form = keys // n_t, keys % n_t
    alpha = np.empty(len(forms), dtype=np.int64)
    alpha[np.argsort(forms, kind="stable")] = np.arange(len(forms))
    order = np.lexsort((alpha[form], -n, actor))
    seen: dict[int, list[str]] = {}
    keep = set(wanted.tolist())
    for a, t in zip(actor[order].tolist(), form[order].tolist()):
        if a in keep:
            seen.setdefault(a, []).append(forms[t])
    return ["; ".join(seen.get(a, [])) for a in wanted.tolist()]


def sentences_for(actor_id: str, mentions: pd.DataFrame, sentences: pd.DataFrame,
                  documents: pd.DataFrame) -> pd.DataFrame:
    """The sentences behind an actor's count: article, source, the words naming it, the sentence."""
    cols = ["doc_id", "sent_id", "start", "end", "title", "source", "mention", "sentence"]
    m = mentions[mentions["actor_id"] == actor_id]
    if m.empty:
        return pd.DataFrame(columns=cols)
    # the distinct forms naming it in each sentence, in order of appearance
    seen: dict[tuple[str, int], list[str]] = {}
    distinct = m[["doc_id", "sent_id", "text"]].drop_duplicates()
    for key, text in zip(zip(distinct["doc_id"].tolist(), distinct["sent_id"].tolist()), distinct["text"].astype(str).tolist()):
        seen.setdefault(key, []).append(text)
    forms = pd.Series({k: "; ".join(v) for k, v in seen.items()})
    forms.index.names = ["doc_id", "sent_id"]
    sents = sentences.set_index(["doc_id", "sent_id"]).loc[forms.index].reset_index()
    titles = pd.Series(documents["title"].fillna("").values, index=documents["doc_id"].values)
    srcs = pd.Series(source_label(documents).values, index=documents["doc_id"].values)
    title = sents["doc_id"].map(titles).fillna("")
    out = pd.DataFrame({
        "doc_id": sents["doc_id"], "sent_id": sents["sent_id"], "start": sents["start"], "end": sents["end"],
        "title": title.where(title != "", "(no headline) " + sents["doc_id"]),
        "source": sents["doc_id"].map(srcs).fillna("(unknown source)"),
        "mention": forms.values, "sentence": sents["text"],
    })
    return out[cols].sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)



def actor_counts(mentions: pd.DataFrame, *, actor_names: dict[str, str], actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions and articles per actor (mentions without an actor_id left out), most mentioned first."""
    cols = ["actor_id", "name", "type", "mentions", "articles"]
    if mentions.empty or "actor_id" not in mentions:
        return pd.DataFrame(columns=cols)
    out = mention_counts(mentions)
    if out.empty:
        return pd.DataFrame(columns=cols)
    ids = out["actor_id"].tolist()  # plain lists: pandas maps of strings build pyarrow arrays
    names = np.array([n if isinstance(n, str) else a for a, n in zip(ids, map(actor_names.get, ids))], dtype=object)
    order = np.lexsort((np.asarray(ids, dtype=object), names, -out["articles"].to_numpy(), -out["mentions"].to_numpy()))
    types = dict(zip(actors["actor_id"].tolist(), actors["type"].tolist())) if actors is not None and not actors.empty else {}
    kept = [ids[i] for i in order.tolist()]
    return pd.DataFrame({"actor_id": pd.Series(kept, dtype=object), "name": pd.Series(names[order], dtype=object),
                         "type": pd.Series([t if isinstance(t, str) else "" for t in map(types.get, kept)], dtype=object),
                         "mentions": out["mentions"].to_numpy()[order], "articles": out["articles"].to_numpy()[order]})[cols]


def name_counts(keys: pd.Series, mentions: pd.DataFrame, *, names: dict[str, str], actor_types: dict[str, str],
                n: int = 15) -> pd.DataFrame:
    """The `n` most-mentioned names (ties: key order): key, mentions, name, type. `keys` (aligned
    with `mentions`): the actor_id, or "name:" + the text for a name outside the registry; such a
    name is shown as written (its most frequent form, ties alphabetical), typed by its NER label."""
    cols = ["key", "mentions", "name", "type"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    codes, uniques = pd.factorize(keys)
    per_key = pd.DataFrame({"key": pd.Series(np.asarray(uniques, dtype=object), dtype=object),
                            "mentions": np.bincount(codes, minlength=len(uniques))})
    top = per_key.sort_values("key", kind="stable").nlargest(n, "mentions")
    chosen = keys.isin(top["key"].tolist()).to_numpy()
    sub = pd.DataFrame({"key": keys.to_numpy()[chosen], "text": mentions["text"].to_numpy()[chosen],
                        "label": mentions["label"].to_numpy()[chosen]}).astype(object)
    surface = (sub.groupby(["key", "text"]).size().reset_index(name="k")
               .sort_values(["key", "k", "text"], ascending=[True, False, True]).drop_duplicates("key"))
    label = sub.groupby("key")["label"].first()
    ner_types = {"PER": "person", "ORG": "organization", "LOC": "place"}
    top["name"] = top["key"].map(names).astype(object).fillna(top["key"].map(dict(zip(surface["key"], surface["text"]))))
    top["type"] = top["key"].map(actor_types).astype(object).fillna(top["key"].map(label).map(ner_types)).fillna("other")
    return top[cols].reset_index(drop=True)


# ---------------------------------------------------------------- co-occurrence


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
