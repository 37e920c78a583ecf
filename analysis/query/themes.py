"""Tables behind the Themes & topics view and the Briefing's theme mix: theme shares, trigger
terms, time bins (the topic units are `analysis.query.topics`).

Pure pandas over the contract tables (sentences.themes / theme_terms, documents) and the
`fit_topics` result, so the page stays thin and the numbers are testable without Streamlit.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.query.filters import has_any_theme, source_label
from analysis.reduce.themes import parse_theme_terms

NO_THEME = "(no theme)"
# Context cues of the lexicon are not words of the text: say what they stand for.
CUE_LABELS = {"@named_parties": "[2+ named parties]"}


def term_label(term: str) -> str:
    """How a trigger term is shown ("@named_parties" -> "[2+ named parties]")."""
    return CUE_LABELS.get(term, term)


def terms_for(theme_terms: str | None, theme: str) -> str:
    """The terms that triggered `theme` in one sentence, comma-joined for display."""
    return ", ".join(term_label(t) for t in parse_theme_terms(theme_terms).get(theme, []))


def theme_weights(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, theme) with weight 1/n_themes; an untagged sentence gets NO_THEME, weight 1.

    So each sentence counts once in total and shares of themes per group add up to 1.
    Columns: every column of `sentences` except themes, plus theme, weight, terms (list), row (the
    sentence's index label in `sentences`).
    """
    s = sentences.reset_index(drop=True)
    themes = s["themes"].fillna("").astype(str).tolist()
    terms = s["theme_terms"].fillna("").astype(str).tolist() if "theme_terms" in s else [""] * len(s)
    rows, theme, weight, found = [], [], [], []
    for i, (joined, triggers) in enumerate(zip(themes, terms)):  # plain lists: 10x faster than explode + map
        names = [t for t in joined.split(";") if t] or [NO_THEME]
        by_theme = parse_theme_terms(triggers) if triggers else {}
        for name in names:
            rows.append(i)
            theme.append(name)
            weight.append(1.0 / len(names))
            found.append(by_theme.get(name, []))
    long = s.drop(columns=["themes"]).iloc[rows].reset_index(drop=True)
    return long.assign(theme=theme, weight=weight, terms=found, row=sentences.index[rows])


def theme_shares(sentences: pd.DataFrame, *, by: list[str], norm_by: list[str] | None = None,
                 n_terms: int = 5, weights: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of sentences per theme within each group of `by` columns (normalised over `norm_by`, default `by`).

    Columns: *by, theme, share, weight, n_sentences (sentences carrying the theme), n_total (sentences
    of the norm group), n_docs, top_terms ("guerre (4), munition (2)": the terms most responsible).
    `weights`: `theme_weights` of a superset of `sentences` (the whole corpus, computed once);
    its rows for these sentences are used instead of recomputing them.
    """
    norm_by = norm_by or by
    cols = [*by, "theme", "share", "weight", "n_sentences", "n_total", "n_docs", "top_terms"]
    if sentences is None or sentences.empty:
        return pd.DataFrame(columns=cols)
    if weights is None:
        keep = list(dict.fromkeys([*by, *norm_by, "doc_id", "themes", "theme_terms"]))
        long = theme_weights(sentences[[c for c in keep if c in sentences]])
    else:
        extra = [c for c in dict.fromkeys([*by, *norm_by]) if c not in ("doc_id", "sent_id")]
        long = _rows_of(weights, sentences, extra)
    totals = sentences.groupby(norm_by, dropna=False).size().rename("n_total")
    g = long.groupby([*by, "theme"], dropna=False, sort=True)
    out = g.agg(weight=("weight", "sum"), n_sentences=("weight", "size"), n_docs=("doc_id", "nunique")).reset_index()
    out["top_terms"] = g["terms"].agg(lambda lists: _top_terms(lists, n_terms)).values
    out = out.merge(totals.reset_index(), on=norm_by, how="left")
    out["share"] = out["weight"] / out["n_total"]
    return out[cols]


@dataclass(frozen=True)
class ThemeTotals:
    """Per article and theme: summed weight, sentences, trigger-term counts; and sentences per
    article. Sums of these give the theme shares of any set of whole articles (a filter on
    sources, dates, or articles holding a theme) from a few rows per article instead of every
    sentence: computed once per corpus (`theme_totals`)."""

    per_doc: pd.DataFrame  # doc_id, theme, weight, n_sentences
    terms: pd.DataFrame  # doc_id, theme, term, n
    sentences: pd.Series  # doc_id -> number of sentences


def theme_totals(weights: pd.DataFrame) -> ThemeTotals:
    """`ThemeTotals` from the corpus-wide `theme_weights` (every sentence has a row there)."""
    per_doc = weights.groupby(["doc_id", "theme"], sort=False).agg(
        weight=("weight", "sum"), n_sentences=("weight", "size")).reset_index()
    counts: Counter = Counter()
    for doc, theme, terms in zip(weights["doc_id"].tolist(), weights["theme"].tolist(), weights["terms"].tolist()):
        for term in terms:
            counts[(doc, theme, term)] += 1
    terms = pd.DataFrame([(*k, n) for k, n in counts.items()], columns=["doc_id", "theme", "term", "n"])
    n_sent = weights.drop_duplicates(["doc_id", "sent_id"]).groupby("doc_id").size()
    return ThemeTotals(per_doc, terms, n_sent)


def _shares_of_articles(totals: ThemeTotals, keys: pd.DataFrame, *, by: list[str], norm_by: list[str],
                        n_terms: int) -> pd.DataFrame:
    """`theme_shares` of whole articles: `keys` holds doc_id and the `by` columns of each article kept."""
    cols = [*by, "theme", "share", "weight", "n_sentences", "n_total", "n_docs", "top_terms"]
    rows = totals.per_doc.merge(keys, on="doc_id")
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.groupby([*by, "theme"], sort=True).agg(weight=("weight", "sum"), n_sentences=("n_sentences", "sum"),
                                                      n_docs=("doc_id", "size")).reset_index()
    terms = totals.terms.merge(keys, on="doc_id").groupby([*by, "theme", "term"], sort=False)["n"].sum().reset_index()
    terms = terms.sort_values([*by, "theme", "n", "term"], ascending=[True] * (len(by) + 1) + [False, True], kind="stable")
    terms = terms.groupby([*by, "theme"], sort=False).head(n_terms)
    shown = [f"{term_label(t)} ({c})" for t, c in zip(terms["term"].tolist(), terms["n"].tolist())]
    top = terms[[*by, "theme"]].assign(top_terms=shown).groupby([*by, "theme"], sort=False)["top_terms"].agg(", ".join)
    out = out.merge(top.reset_index(), on=[*by, "theme"], how="left")
    out["top_terms"] = out["top_terms"].fillna("")
    n_total = keys.assign(n_total=keys["doc_id"].map(totals.sentences).fillna(0).astype(int)).groupby(norm_by)["n_total"].sum()
    out = out.merge(n_total.reset_index(), on=norm_by, how="left")
    out["share"] = out["weight"] / out["n_total"]
    return out[cols]


def _rows_of(weights: pd.DataFrame, sentences: pd.DataFrame, extra: list[str]) -> pd.DataFrame:
    """The rows of `weights` for `sentences`, with their `extra` columns. When `sentences` keeps
    the index labels of the table the weights were computed from (a filtered view of it), by
    label (integers); else, or if the labels do not match, by a join on (doc_id, sent_id)."""
    cols = ["doc_id", "sent_id", "theme", "weight", "terms"]
    if "row" in weights and sentences.index.is_unique:
        at = sentences.index.get_indexer(weights["row"])
        hit = at >= 0
        long = weights.loc[hit, cols].reset_index(drop=True)
        pos = at[hit]
        same = (len(np.unique(pos)) == len(sentences)  # every sentence has a weight row (NO_THEME at least)
                and np.array_equal(long["sent_id"].to_numpy(), sentences["sent_id"].to_numpy()[pos])
                and (long["doc_id"].to_numpy() == sentences["doc_id"].to_numpy()[pos]).all())
        if same:
            return long.assign(**{c: sentences[c].to_numpy()[pos] for c in extra})
    return weights[cols].merge(sentences[["doc_id", "sent_id", *extra]], on=["doc_id", "sent_id"])


def _top_terms(lists: Iterable[list[str]], n: int) -> str:
    counts = Counter(t for terms in lists for t in terms)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f"{term_label(t)} ({c})" for t, c in ranked)


def shares_by_source(sentences: pd.DataFrame, sources: pd.Series, *, weights: pd.DataFrame | None = None,
                     totals: ThemeTotals | None = None) -> pd.DataFrame:
    """`theme_shares` per source; `sources` maps doc_id -> source label. `totals`: the corpus's
    `ThemeTotals`, when `sentences` are every sentence of the articles they come from."""
    if totals is not None:
        ids = pd.Series(sentences["doc_id"].unique(), dtype=object)
        keys = pd.DataFrame({"doc_id": ids, "source": ids.map(sources).astype(object)})
        return _shares_of_articles(totals, keys, by=["source"], norm_by=["source"], n_terms=5)
    return theme_shares(sentences.assign(source=sentences["doc_id"].map(sources).values), by=["source"], weights=weights)


def shares_over_time(sentences: pd.DataFrame, documents: pd.DataFrame, *, weights: pd.DataFrame | None = None,
                     totals: ThemeTotals | None = None) -> tuple[pd.DataFrame, str, int, int]:
    """Theme shares per publication period, split by date basis (stated / inferred).

    Returns (shares by period+basis normalised per period, 'day' or 'month', undated articles,
    dated sentences). Sentences of undated articles are left out.
    """
    period, unit = time_bins(documents["published"])
    basis = documents["published_basis"].map(lambda b: "inferred" if b == "inferred" else "stated")
    ids = documents["doc_id"]
    if totals is not None:  # whole articles: their periods and bases, summed from the per-article totals
        keys = pd.DataFrame({"doc_id": ids.values, "period": period.values, "basis": basis.values}).astype(object)
        keys = keys[(keys["period"] != "") & keys["doc_id"].isin(sentences["doc_id"].unique())]
        shares = _shares_of_articles(totals, keys, by=["period", "basis"], norm_by=["period"], n_terms=5)
        return shares, unit, int((period == "").sum()), int(keys["doc_id"].map(totals.sentences).fillna(0).sum())
    dated = sentences.assign(period=sentences["doc_id"].map(period.set_axis(ids)).fillna("").values,
                             basis=sentences["doc_id"].map(basis.set_axis(ids)).values)
    dated = dated[dated["period"] != ""]
    shares = theme_shares(dated, by=["period", "basis"], norm_by=["period"], weights=weights)
    return shares, unit, int((period == "").sum()), len(dated)


def theme_mix(sentences: pd.DataFrame) -> pd.DataFrame:
    """Share of sentences per theme (a sentence with two themes counts for both), plus the share with none."""
    n = len(sentences)
    if n == 0:
        return pd.DataFrame(columns=["theme", "sentences", "share"])
    joined = sentences["themes"].fillna("").astype(object) if "themes" in sentences else pd.Series("", index=range(n))
    # a corpus has a few hundred distinct theme combinations: count those, then split each once
    combos, uniques = pd.factorize(joined)
    counts: dict[str, int] = {}
    for combo, k in zip(uniques.tolist(), np.bincount(combos, minlength=len(uniques)).tolist()):
        for theme in dict.fromkeys(t for t in str(combo).split(";") if t) or [NO_THEME]:
            counts[theme] = counts.get(theme, 0) + k
    out = pd.DataFrame({"theme": list(counts), "sentences": list(counts.values())})
    out["share"] = out["sentences"] / n
    out["_none"] = out["theme"] == NO_THEME
    return out.sort_values(["_none", "sentences", "theme"], ascending=[True, False, True]).drop(columns="_none").reset_index(drop=True)


def time_bins(published: pd.Series, *, max_days: int = 62) -> tuple[pd.Series, str]:
    """Publication period of each row ('YYYY-MM-DD' or 'YYYY-MM') and the unit ('day' or 'month').

    By day when the dated rows span at most `max_days` days, else by month; undated rows get ''.
    """
    dates = pd.to_datetime(published.fillna("").replace("", None), errors="coerce")
    known = dates.dropna()
    by_day = known.empty or (known.max() - known.min()).days <= max_days
    fmt = "%Y-%m-%d" if by_day else "%Y-%m"
    return dates.dt.strftime(fmt).fillna(""), "day" if by_day else "month"


def theme_sentences(sentences: pd.DataFrame, documents: pd.DataFrame, theme: str, *,
                    sources: pd.Series | None = None, source: str | None = None) -> pd.DataFrame:
    """The sentences behind a share: Source, Title, Sentence, Trigger terms (+ doc_id, start, end)."""
    docs = documents.set_index("doc_id")
    src = (sources if sources is not None else source_label(documents)).set_axis(documents["doc_id"])
    s = sentences[has_any_theme(sentences["themes"], (theme,))]
    table = pd.DataFrame({
        "Source": s["doc_id"].map(src).fillna("(unknown source)").values,
        "Title": s["doc_id"].map(docs["title"].fillna("")).replace("", "(no headline)").values,
        "Sentence": s["text"].values,
        "Trigger terms": [terms_for(t, theme) for t in s.get("theme_terms", pd.Series("", index=s.index))],
        "doc_id": s["doc_id"].values, "start": s["start"].values, "end": s["end"].values,
    })
    if source:
        table = table[table["Source"] == source]
    return table.reset_index(drop=True)
