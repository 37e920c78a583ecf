"""What the Briefing shows for one filtered view of the corpus, as pure pandas: key figures, the
actor and theme counts behind its charts, the claims, and the most corroborated and contested
claim groups with who tells them. Inputs are never mutated."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.query.actors import actor_counts
from analysis.query.codes import distinct_docs
from analysis.query.filters import View, source_label
from analysis.query.themes import theme_mix

class KeyFigure(NamedTuple):
    label: str
    value: str
    help: str = ""


class SourceNote(NamedTuple):
    """One article's part in a claim group."""

    outlet: str  # the source, or '(unknown source) · <short title>'
    modalities: str  # ', '-joined modalities of its claims in the group
    named: bool  # the article has a named source
    title: str  # short title


class GroupSummary(NamedTuple):
    """A claim group for the briefing lists: its label and who says what."""

    group_id: str
    label: str
    stance: str
    n_docs: int  # articles of the group within the view
    n_docs_corpus: int  # articles of the group in the whole corpus
    sources: list[SourceNote]


def date_span(docs: pd.DataFrame) -> str:
    """'13 Sep 2023', '2 Sep 2023 – 13 Sep 2023 (1 date inferred)', with undated articles counted."""
    pub = docs["published"].fillna("")
    dated = docs[pub != ""]
    dates = pd.to_datetime(dated["published"], errors="coerce")
    n_undated = int((pub == "").sum() + dates.isna().sum())
    if dates.notna().sum() == 0:
        return "no publication date known"
    lo, hi = dates.min(), dates.max()
    text = f"{lo:%d %b %Y}" if lo == hi else f"{lo:%d %b %Y} – {hi:%d %b %Y}"
    n_inferred = int((dated["published_basis"].fillna("") == "inferred").sum()) if "published_basis" in dated else 0
    notes = []
    if n_inferred:
        notes.append(f"{n_inferred} date{'s' if n_inferred != 1 else ''} inferred")
    if n_undated:
        notes.append(f"{n_undated} undated")
    return text + (f" ({', '.join(notes)})" if notes else "")


def sources_text(docs: pd.DataFrame, *, show: int = 3) -> str:
    """'clicdanstaville.fr + 4 articles without a named source', or 'a.fr, b.fr and 3 more'."""
    known = docs["source"].fillna("")
    names = sorted(set(known[known != ""]))
    n_unknown = int((known == "").sum())
    parts = []
    if names:
        parts.append(", ".join(names[:show]) + (f" and {len(names) - show} more" if len(names) > show else ""))
    if n_unknown:
        parts.append(f"{n_unknown} article{'s' if n_unknown != 1 else ''} without a named source")
    return " + ".join(parts) or "no source"


def key_figures(docs: pd.DataFrame, *, actors: pd.DataFrame, claims: pd.DataFrame, groups: pd.DataFrame,
                in_view: pd.DataFrame | None = None) -> list[KeyFigure]:
    """Articles, sources, actors, claims, contested groups of the view (`in_view`: `groups_in_view`, when computed)."""
    known = docs["source"].fillna("")
    n_unknown = int((known == "").sum())
    g = groups_in_view(claims, groups) if in_view is None else in_view
    contested = int((g["stance"] == "contested").sum())
    corroborated = int((g["stance"] == "corroborated").sum())
    return [
        KeyFigure("Articles", str(len(docs))),
        KeyFigure("Sources", str(known[known != ""].nunique()),
                  f"Named sources; {n_unknown} article{'s' if n_unknown != 1 else ''} without one" if n_unknown else "Named sources"),
        KeyFigure("Actors", str(len(actors)), "People, states and organisations named"),
        KeyFigure("Claims", str(len(claims)), "Statements with a speaker (or the article itself)"),
        KeyFigure("Contested", str(contested), f"Groups of claims that some sources deny or contradict; {corroborated} corroborated"),
    ]


def groups_in_view(claims: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """The claim groups holding claims of the view: group_id, label, stance, n_docs (in the corpus),
    n_view (articles of the view telling it)."""
    cols = ["group_id", "label", "stance", "n_docs", "n_view"]
    if claims.empty or groups.empty or "group_id" not in claims:
        return pd.DataFrame(columns=cols)
    told = claims.loc[claims["group_id"].notna() & (claims["group_id"] != ""), ["group_id", "doc_id"]]
    codes, ids = pd.factorize(told["group_id"])
    d_codes, _ = pd.factorize(told["doc_id"])
    n_view = distinct_docs(codes, d_codes, len(ids))
    at = pd.Index(groups["group_id"]).get_indexer(ids)
    found = at >= 0
    out = groups.iloc[at[found]][["group_id", "label", "stance", "n_docs"]].reset_index(drop=True)
    out["n_view"] = n_view[found]
    return out


def _outlets(docs: pd.DataFrame) -> dict[str, tuple[str, bool, str]]:
    """doc_id -> (outlet label, has a named source, short title)."""
    src = source_label(docs)
    titles = docs["title"].fillna("").astype(str)
    out = {}
    for d, s, t, known in zip(docs["doc_id"], src, titles, docs["source"].fillna("") != ""):
        short = (t if len(t) <= 32 else t[:31].rstrip() + "…") or d
        out[d] = (s if known else f"{s} · {short}", bool(known), short)
    return out


def group_summaries(claims: pd.DataFrame, docs: pd.DataFrame, groups: pd.DataFrame, *, stance: str,
                    n: int = 3, in_view: pd.DataFrame | None = None) -> list[GroupSummary]:
    """The `n` groups of `stance` with claims in the view, most articles first, with each source's
    modalities (`in_view`: `groups_in_view`, when computed)."""
    g = groups_in_view(claims, groups) if in_view is None else in_view
    g = g[g["stance"] == stance]
    if g.empty:
        return []
    # rank on the articles of the view telling each group, then build the notes of the top n only
    ranked = g.sort_values(["n_view", "n_docs", "group_id"], ascending=[False, False, True], kind="stable").head(n)
    members = claims[claims["group_id"].isin(ranked["group_id"].tolist())]
    outlets = _outlets(docs[docs["doc_id"].isin(members["doc_id"].unique())])
    rows = []
    for r in ranked.itertuples():
        by_doc = []
        for doc_id, part in members[members["group_id"] == r.group_id].groupby("doc_id", sort=True):
            mods = ", ".join(sorted(set(part["modality"].fillna(""))))
            outlet, named, short = outlets.get(doc_id, (doc_id, False, doc_id))
            by_doc.append(SourceNote(outlet, mods, named, short))
        by_doc.sort(key=lambda x: ("denied" in x.modalities, not x.named, x.outlet))
        rows.append(GroupSummary(r.group_id, str(r.label), stance, int(r.n_view), int(r.n_docs), by_doc))
    return rows


@dataclass
class Briefing:
    """Everything the briefing shows for one filtered view of the corpus."""

    docs: pd.DataFrame
    sentences: pd.DataFrame
    claims: pd.DataFrame
    actors: pd.DataFrame  # actor_counts
    mix: pd.DataFrame  # theme_mix
    n_mentions: int
    key_figures: list[KeyFigure]
    corroborated: list[GroupSummary]
    contested: list[GroupSummary]


def briefing(v: View) -> Briefing:
    """The briefing's numbers and lists for the filtered view `v`."""
    corpus, claims = v.corpus, v.claims
    groups = corpus.tables.get("claim_groups")
    groups = pd.DataFrame(columns=["doc_id"]) if groups is None else groups
    actors = actor_counts(v.article_mentions, actor_names=corpus.actor_names, actors=corpus.tables.get("actors"))
    in_view = groups_in_view(claims, groups)
    return Briefing(
        docs=v.documents, sentences=v.article_sentences, claims=claims, actors=actors, mix=theme_mix(v.article_sentences),
        n_mentions=int(actors["mentions"].sum()) if not actors.empty else 0,
        key_figures=key_figures(v.documents, actors=actors, claims=claims, groups=groups, in_view=in_view),
        corroborated=group_summaries(claims, v.documents, groups, stance="corroborated", in_view=in_view),
        contested=group_summaries(claims, v.documents, groups, stance="contested", in_view=in_view),
    )
