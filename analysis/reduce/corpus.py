"""The corpus-wide reduce: per-article rows -> contract tables, with the steps that need the
whole corpus (actor merging, theme weighting, topics, the claim ledger)."""
from __future__ import annotations

import pandas as pd

from analysis.files.tables import COLUMNS, conform, frame

PER_ARTICLE = ("boilerplate", "sentences", "mentions", "timex", "claims", "theme_hits")


def stack(results: list[dict]) -> dict[str, pd.DataFrame]:
    """Concatenate per-article rows into tables, each row tagged with its doc_id."""
    rows: dict[str, list[dict]] = {name: [] for name in PER_ARTICLE}
    docs = []
    for r in results:
        doc_id = r["document"]["doc_id"]
        docs.append(r["document"])
        for name in PER_ARTICLE:
            rows[name].extend({"doc_id": doc_id, **row} for row in r.get(name, []))
    out = {"documents": frame(docs, "documents")}
    for name in PER_ARTICLE:
        out[name] = pd.DataFrame(rows[name]) if name == "theme_hits" else frame(rows[name], name)
    return out


def reduce_corpus(results: list[dict], *, settings: dict | None = None) -> dict[str, pd.DataFrame]:
    """All contract tables for the analysed articles."""
    settings = settings or {}
    t = stack(results)
    t["documents"] = t["documents"].sort_values("doc_id", kind="stable").reset_index(drop=True)
    t["mentions"], t["actors"] = _actors(t["mentions"], t["documents"], settings)
    t["sentences"] = _themes(t["sentences"], t["theme_hits"], n_docs=len(t["documents"]))
    t["sentences"], t["topics"] = _topics(t["sentences"], settings)
    t["claims"], t["claim_groups"] = _claims(t["claims"], t["sentences"])
    # only the contract tables are written: the theme hits and the topic units were written on
    # every build and read by nothing (the Themes page fits its own topics)
    return {name: conform(t[name], name) for name in COLUMNS if name in t}


def _actors(mentions: pd.DataFrame, documents: pd.DataFrame, settings: dict):
    from analysis.corrections import load_user_aliases
    from analysis.map.actors.registry import load_registry
    from analysis.reduce.actors import actor_table, apply_user_aliases, merge_provisional

    alias_file = settings.get("user_aliases_file")
    user = load_user_aliases(alias_file) if alias_file else None
    registry = load_registry(extra_aliases=user.aliases if user else None)  # with the added aliases
    mentions = merge_provisional(mentions, registry)  # provisional ids merged across articles
    if user is not None:
        mentions = apply_user_aliases(mentions, user)
    return mentions, actor_table(mentions, registry, documents=documents, renames=user.rename if user else None)


def _themes(sentences: pd.DataFrame, hits: pd.DataFrame, *, n_docs: int) -> pd.DataFrame:
    from analysis.reduce.themes import assign_themes

    tagged = assign_themes(hits, sentences, n_docs=n_docs)
    sentences = sentences.drop(columns=[c for c in ("themes", "theme_terms") if c in sentences], errors="ignore")
    return sentences.merge(tagged, on=["doc_id", "sent_id"], how="left").fillna({"themes": "", "theme_terms": ""})


def _topics(sentences: pd.DataFrame, settings: dict):
    from analysis.reduce.topic_names import load_topic_names
    from analysis.reduce.topics import fit_topics

    names = load_topic_names(settings["topic_names_file"]) if settings.get("topic_names_file") else None
    result = fit_topics(sentences, n_topics=settings.get("n_topics"), names=names)
    sentences = sentences.drop(columns=["topic_id"]).merge(result.sentence_topics, on=["doc_id", "sent_id"], how="left")
    sentences["topic_id"] = sentences["topic_id"].fillna(-1).astype(int)
    return sentences, frame(result.topics.to_dict("records"), "topics")


def _claims(claims: pd.DataFrame, sentences: pd.DataFrame):
    if claims.empty:
        return claims, frame([], "claim_groups")
    themes = sentences.set_index(["doc_id", "sent_id"])["themes"]
    claims = claims.copy()
    claims["themes"] = [themes.get((d, s), "") for d, s in zip(claims["doc_id"], claims["sent_id"])]
    claims["claim_id"] = [f"{d}#{s}" for d, s in zip(claims["doc_id"], claims["sent_id"])]
    lemmas = sentences.set_index(["doc_id", "sent_id"])["lemmas"]
    claim_lemmas = pd.Series([lemmas.get((d, s), "") for d, s in zip(claims["doc_id"], claims["sent_id"])],
                             index=claims.index)
    from analysis.reduce.ledger import group_claims

    groups, table = group_claims(claims, lemmas=claim_lemmas)
    claims["group_id"] = groups
    return claims, frame(table.to_dict("records"), "claim_groups")
