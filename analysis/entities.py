"""Actor counts for the Entities page, as pure pandas (the analyst's corrections: analysis.corrections).

Counts take the mentions already limited to the filtered articles and sentences.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.codes import distinct_docs
from analysis.filters import source_label

def actor_mentions(mentions: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions with an actor_id, limited to the (doc_id, sent_id) of `sentences` when given."""
    if mentions.empty or "actor_id" not in mentions:
        return pd.DataFrame(columns=["doc_id", "sent_id", "start", "end", "text", "label", "actor_id"])
    m = mentions[mentions["actor_id"].fillna("") != ""]
    if sentences is not None:
        keys = sentences[["doc_id", "sent_id"]].drop_duplicates()
        m = m.merge(keys, on=["doc_id", "sent_id"])
    return m.reset_index(drop=True)


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
