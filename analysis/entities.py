"""Actor counts for the Entities page and the analyst's actor corrections, as pure pandas.

Counts take the mentions already limited to the filtered articles and sentences; the
correction helpers return a new UserAliases (never mutate the one read from the file) and a
sentence saying what changed.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.actors import UserAliases, norm, slug
from analysis.filters import source_label

SPLIT_PREFIX = {"person": "per", "organization": "org", "other": "ent"}


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
    src = pd.Series(source_label(documents).values, index=documents["doc_id"].values)
    words = documents.assign(source=src.values).groupby("source")["n_words"].sum()
    m = mentions.assign(source=mentions["doc_id"].map(src)).dropna(subset=["source"])
    out = m.groupby(["actor_id", "source"]).size().rename("mentions").reset_index()
    out["words"] = out["source"].map(words).fillna(0).astype(int)
    out["per_1000"] = (1000 * out["mentions"] / out["words"].where(out["words"] > 0)).fillna(0.0)
    return out[cols].sort_values(["actor_id", "source"], kind="stable").reset_index(drop=True)


def actor_summary(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per actor in `mentions`: name, type, mentions, articles, surface forms seen, Wikidata id."""
    cols = ["actor_id", "name", "type", "mentions", "articles", "aliases", "wikidata"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    g = mentions.groupby("actor_id")
    out = pd.DataFrame({"mentions": g.size(), "articles": g["doc_id"].nunique()}).reset_index()
    # surface forms, most frequent first (ties alphabetical), in one pass over the form counts
    forms = (mentions.assign(text=mentions["text"].fillna("").astype(str)).groupby(["actor_id", "text"]).size()
             .reset_index(name="n").sort_values(["actor_id", "n", "text"], ascending=[True, False, True]))
    seen: dict[str, list[str]] = {}
    for aid, text in zip(forms["actor_id"].tolist(), forms["text"].tolist()):
        seen.setdefault(aid, []).append(text)
    out["aliases"] = out["actor_id"].map({a: "; ".join(v) for a, v in seen.items()}).fillna("")
    info = actors.set_index("actor_id") if not actors.empty else pd.DataFrame()
    out["name"] = out["actor_id"].map(info["name"]).fillna(out["actor_id"]) if "name" in info else out["actor_id"]
    out["type"] = out["actor_id"].map(info["type"]).fillna("other") if "type" in info else "other"
    wd = out["actor_id"].map(info["wikidata"]) if "wikidata" in info else pd.Series("", index=out.index)
    out["wikidata"] = wd.fillna("").astype(str)
    return out[cols].sort_values(["mentions", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


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


# ------------------------------------------------------------------ the analyst's corrections

def _copy(aliases: UserAliases) -> UserAliases:
    return replace(aliases, merge=dict(aliases.merge), rename=dict(aliases.rename), split=dict(aliases.split),
                   aliases={k: list(v) for k, v in aliases.aliases.items()})


def _final(merge: dict[str, str], aid: str) -> str:
    seen = set()
    while aid in merge and aid not in seen:
        seen.add(aid)
        aid = merge[aid]
    return aid


def merge_actor(aliases: UserAliases, source_id: str, target_id: str) -> UserAliases:
    """`source_id` becomes `target_id` (every mention); an earlier opposite merge is undone."""
    if not source_id or not target_id or source_id == target_id:
        raise ValueError("choose two different actors to merge")
    out = _copy(aliases)
    if _final(out.merge, target_id) == source_id:  # B was merged into A before: merging A into B reverses it
        out.merge.pop(target_id, None)
    out.merge[source_id] = target_id
    return out


def rename_actor(aliases: UserAliases, actor_id: str, name: str) -> UserAliases:
    """Show `actor_id` as `name` from now on."""
    name = " ".join(name.split())
    if not actor_id or not name:
        raise ValueError("choose an actor and type its new name")
    out = _copy(aliases)
    out.rename[actor_id] = name
    return out


def split_form(aliases: UserAliases, form: str, name: str, *, kind: str = "person") -> tuple[UserAliases, str]:
    """The surface form `form` (wherever it occurs) becomes its own actor named `name`; returns its id."""
    name = " ".join(name.split())
    if not norm(form) or not name:
        raise ValueError("choose a name form and type the new actor's name")
    new_id = f"{SPLIT_PREFIX.get(kind, 'ent')}:{slug(name)}"
    out = _copy(aliases)
    out.split[form] = new_id
    out.rename[new_id] = name
    out.merge.pop(new_id, None)  # a split target merged away earlier would vanish again
    return out, new_id


def corrections(aliases: UserAliases, names: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """The corrections in force as (kind, key, sentence), for listing and undoing them."""
    names = names or {}
    out = [("merge", k, f"“{names.get(k, k)}” merged into “{names.get(v, v)}”") for k, v in sorted(aliases.merge.items())]
    out += [("rename", k, f"{k} shown as “{v}”") for k, v in sorted(aliases.rename.items())]
    out += [("split", k, f"“{k}” split off as {v}") for k, v in sorted(aliases.split.items())]
    return out


def undo_correction(aliases: UserAliases, kind: str, key: str) -> UserAliases:
    """Remove one correction (kind: merge, rename or split)."""
    out = _copy(aliases)
    getattr(out, kind).pop(key, None)
    return out
