"""Tables behind the Topics tab: the topic units (paragraphs) of the filtered view, their offsets
for the reader, and each source's share per topic. Pure pandas over the `fit_topics` result."""
from __future__ import annotations

import pandas as pd


def units_in_view(units: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Topic units holding at least one of the given (filtered) sentences."""
    if units.empty or sentences.empty:
        return units.iloc[0:0]
    keys = set(zip(sentences["doc_id"].astype(str), sentences["sent_id"].astype(int)))
    keep = [any((d, int(i)) in keys for i in ids) for d, ids in zip(units["doc_id"], units["sent_ids"])]
    return units[keep]


def units_for_view(units: pd.DataFrame, documents: pd.DataFrame, sentences: pd.DataFrame,
                   sources: pd.Series, *, whole_articles: bool = False) -> pd.DataFrame:
    """Units of the kept articles holding a kept sentence, with their source and title for display.
    `whole_articles`: `sentences` are every sentence of the kept articles, so every unit of them is in."""
    titles = documents.set_index("doc_id")["title"].fillna("").replace("", "(no headline)")
    kept = units[units["doc_id"].isin(documents["doc_id"])]
    if not whole_articles:
        kept = units_in_view(kept, sentences)
    return kept.assign(source=kept["doc_id"].map(sources).fillna("(unknown source)").values,
                       title=kept["doc_id"].map(titles).fillna("(no headline)").values)


def unit_spans(units: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """`units` with start/end offsets (first sentence's start, last sentence's end) for the reader."""
    pos = pd.MultiIndex.from_frame(sentences[["doc_id", "sent_id"]].astype({"sent_id": "int64"}))
    first = pos.get_indexer(pd.MultiIndex.from_arrays([units["doc_id"], units["first_sent"].astype("int64")]))
    last = pos.get_indexer(pd.MultiIndex.from_arrays([units["doc_id"], units["last_sent"].astype("int64")]))
    if (first < 0).any() or (last < 0).any():
        raise KeyError("a topic unit names a sentence the sentences table does not have")
    return units.assign(start=sentences["start"].to_numpy()[first].astype(int), end=sentences["end"].to_numpy()[last].astype(int))


def topic_source_shares(units: pd.DataFrame, sources: pd.Series) -> pd.DataFrame:
    """Share of each source's units per topic: columns topic_id, source, n_units, n_source, share."""
    cols = ["topic_id", "source", "n_units", "n_source", "share"]
    if units.empty:
        return pd.DataFrame(columns=cols)
    u = units.assign(source=units["doc_id"].map(sources).fillna("(unknown source)").values)
    counts = u.groupby(["topic_id", "source"]).size().rename("n_units").reset_index()
    counts["n_source"] = counts["source"].map(u.groupby("source").size())
    counts["share"] = counts["n_units"] / counts["n_source"]
    return counts[cols]
