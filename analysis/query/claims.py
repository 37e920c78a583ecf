"""What the Claims page and the Briefing ask about claims, as pure pandas: the claim view (claims
joined with their speaker's name, article and ledger stance, with the timeline's date spans
parsed once), the claims the filters keep, the claims table and CSV, and the ledger groups.
Inputs are never mutated."""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.query.corpus import Corpus
from analysis.query.filters import View, source_label

SPEAKER_SPECIAL = {"author": "(the article itself)", "unknown": "(unnamed source)"}


class Span(NamedTuple):
    """An ISO date value as a time interval: start inclusive, end exclusive."""

    start: dt.datetime
    end: dt.datetime
    granularity: str  # day | week | month | year | interval

    @property
    def mid(self) -> dt.datetime:
        return self.start if self.granularity == "day" else self.start + (self.end - self.start) / 2


def _one(value: str) -> Span | None:
    v = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = dt.datetime.fromisoformat(v)
            return Span(d, d + dt.timedelta(days=1), "day")
        if re.fullmatch(r"\d{4}-\d{2}", v):
            y, m = map(int, v.split("-"))
            return Span(dt.datetime(y, m, 1), dt.datetime(y + m // 12, m % 12 + 1, 1), "month")
        if re.fullmatch(r"\d{4}-W\d{2}", v):
            d = dt.datetime.strptime(v + "-1", "%G-W%V-%u")
            return Span(d, d + dt.timedelta(days=7), "week")
        if re.fullmatch(r"\d{4}", v):
            y = int(v)
            return Span(dt.datetime(y, 1, 1), dt.datetime(y + 1, 1, 1), "year")
    except ValueError:
        return None
    return None


def parse_event_date(value) -> Span | None:
    """YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or START/END as an interval; None when not a date
    (empty, a duration such as P18M, an open interval)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return _parse_date_text(value)


@functools.lru_cache(maxsize=65536)  # a corpus repeats its dates; every rerun of the page parses them
def _parse_date_text(value: str) -> Span | None:
    if "/" in value:
        a, _, b = value.partition("/")
        first, last = _one(a), _one(b)
        if first is None or last is None or last.end <= first.start:
            return None
        return Span(first.start, last.end, "interval")
    return _one(value)


SPAN_FIELDS = ("x", "x0", "x1", "spanned")  # per claim and date basis: midpoint, start, end, not a single day


def span_columns(values: pd.Series, prefix: str) -> pd.DataFrame:
    """`prefix`_x, _x0, _x1 (datetime64, NaT when the value is not a date) and _spanned for each
    value: every distinct value parsed once, then spread by position (no per-row Python)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    spans = [parse_event_date(v) for v in uniques.tolist()]
    nat = np.datetime64("NaT", "s")
    cols = {
        "x": np.array([s.mid if s else nat for s in spans] + [nat], dtype="datetime64[s]"),
        "x0": np.array([s.start if s else nat for s in spans] + [nat], dtype="datetime64[s]"),
        "x1": np.array([s.end if s else nat for s in spans] + [nat], dtype="datetime64[s]"),
        "spanned": np.array([bool(s) and s.granularity != "day" for s in spans] + [False], dtype=bool),
    }
    return pd.DataFrame({f"{prefix}_{k}": v[codes] for k, v in cols.items()}, index=values.index)


def _date_basis(x_mode: str) -> str:
    return "event_date" if x_mode == "event" else "published"


def spans(view: pd.DataFrame, x_mode: str = "event") -> pd.DataFrame:
    """Columns x, x0, x1, spanned of each claim for the axis `x_mode`: read from the view when
    `claim_view` computed them, else parsed here."""
    prefix = _date_basis(x_mode)
    names = [f"{prefix}_{k}" for k in SPAN_FIELDS]
    out = view[names] if all(n in view for n in names) else span_columns(view[prefix], prefix)
    return out.set_axis(list(SPAN_FIELDS), axis=1)


def speaker_name(speaker_id: str, actor_names: dict[str, str], speaker_text: str = "") -> str:
    """Lane and table name of a speaker: the actor's name, or what the article calls it."""
    if speaker_id in SPEAKER_SPECIAL:
        return SPEAKER_SPECIAL[speaker_id]
    return actor_names.get(speaker_id) or speaker_text or speaker_id or SPEAKER_SPECIAL["unknown"]


def outlet_labels(docs: pd.DataFrame) -> pd.Series:
    """Per article: its source, or, when unknown, '(unknown source) · <short title>' so that
    different unknown outlets stay apart on the timeline."""
    src = source_label(docs)
    titles = docs["title"].fillna("").astype(str)
    short = [t if len(t) <= 34 else t[:33].rstrip() + "…" for t in titles]
    fallback = [f"(unknown source) · {s or d}" for s, d in zip(short, docs["doc_id"])]
    known = docs["source"].fillna("").astype(str) != ""
    return pd.Series(src.where(known, pd.Series(fallback, index=docs.index)).values, index=docs["doc_id"].values)


def claim_view(claims: pd.DataFrame, docs: pd.DataFrame, *, actor_names: dict[str, str],
               groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims with their speaker name, article (source, outlet, title, publication date) and ledger stance."""
    out = claims.copy()
    by_doc = docs.set_index("doc_id")
    out["speaker_name"] = [speaker_name(s, actor_names, t) for s, t in
                           zip(out["speaker_id"].fillna("unknown"), out["speaker_text"].fillna(""))]
    out["source"] = out["doc_id"].map(pd.Series(source_label(docs).values, index=docs["doc_id"].values))
    out["outlet"] = out["doc_id"].map(outlet_labels(docs))
    out["title"] = out["doc_id"].map(by_doc["title"].fillna("")).fillna("")
    out["published"] = out["doc_id"].map(by_doc["published"].fillna("")).fillna("")
    out["published_basis"] = out["doc_id"].map(by_doc["published_basis"].fillna("")).fillna("")
    g = groups if groups is not None and not groups.empty else pd.DataFrame(columns=["group_id", "stance", "n_docs"])
    stance, n_docs = dict(zip(g["group_id"], g["stance"])), dict(zip(g["group_id"], g["n_docs"]))
    gid = out["group_id"].fillna("") if "group_id" in out else pd.Series("", index=out.index)
    out["stance"] = [stance.get(x, "single") for x in gid]
    out["group_docs"] = [int(n_docs.get(x, 1)) for x in gid]
    for basis in ("event_date", "published"):  # the timeline's positions, parsed once per view
        out = out.join(span_columns(out[basis], basis))
    return out


def is_dated(view: pd.DataFrame, x: str = "event") -> pd.Series:
    """Whether each claim can be placed on the timeline (a parseable event or publication date)."""
    return spans(view, x)["x"].notna()


TABLE_COLUMNS = {"speaker_name": "Speaker", "modality": "Modality", "text": "Sentence", "cue": "Cue",
                 "speaker_text": "Speaker (as written)", "event_date": "Event date", "themes": "Themes",
                 "source": "Source", "title": "Title", "stance": "Ledger", "claim_id": "claim_id"}


def claims_table(view: pd.DataFrame) -> pd.DataFrame:
    """The claims table shown on the page (one row per claim, readable column names)."""
    t = view.reindex(columns=list(TABLE_COLUMNS)).fillna("").rename(columns=TABLE_COLUMNS)
    t["Themes"] = t["Themes"].str.replace(";", ", ")
    t["Ledger"] = [s if s != "single" else "single source" for s in t["Ledger"]]
    return t.reset_index(drop=True)


def claims_csv(view: pd.DataFrame) -> bytes:
    """The filtered claims as UTF-8 CSV: contract columns plus speaker name, source, title, stance."""
    internal = ("group_docs", *(f"{b}_{k}" for b in ("event_date", "published") for k in SPAN_FIELDS))
    drop = [c for c in internal if c in view]
    return view.drop(columns=drop).to_csv(index=False).encode("utf-8")


class LedgerColumn(NamedTuple):
    doc_id: str
    outlet: str
    title: str
    claims: pd.DataFrame


class LedgerBlock(NamedTuple):
    group_id: str
    label: str
    stance: str
    n_docs: int
    n_claims: int
    columns: list[LedgerColumn]  # the first `max_columns` (ledger_blocks), all by default
    n_columns: int  # articles of the group holding claims


def ledger_groups(shown: pd.DataFrame, groups: pd.DataFrame | None) -> pd.DataFrame:
    """Claim groups spanning >= 2 articles that hold at least one claim of `shown` (the filtered
    claims), contested first, then by number of articles and of claims."""
    cols = ["group_id", "label", "n_claims", "n_docs", "stance"]
    if groups is None or groups.empty or shown.empty or "group_id" not in shown:
        return pd.DataFrame(columns=cols)
    g = groups[groups["n_docs"] >= 2]
    g = g[g["group_id"].isin(shown["group_id"].dropna().unique())]
    key = (g["stance"] != "contested").astype(int)
    return g.assign(_c=key).sort_values(["_c", "n_docs", "n_claims", "group_id"], ascending=[True, False, False, True],
                                        kind="stable").drop(columns="_c")


def ledger_blocks(shown: pd.DataFrame, everything: pd.DataFrame, groups: pd.DataFrame | None, *,
                  limit: int | None = None, max_columns: int | None = None,
                  selected: pd.DataFrame | None = None) -> list[LedgerBlock]:
    """The first `limit` of `ledger_groups` (or of `selected`, its result when already computed),
    each with all its claims (from `everything`, so a denial shows next to what it denies even
    when a filter keeps only one side), one column per article (the first `max_columns`);
    articles that only deny come last."""
    g = ledger_groups(shown, groups) if selected is None else selected
    if limit is not None:
        g = g.head(limit)
    if g.empty:
        return []
    members = everything[everything["group_id"].isin(g["group_id"].unique())].sort_values(
        ["group_id", "doc_id", "sent_id"], kind="stable")
    # runs of (group, article) in the sorted rows: positions instead of a DataFrame per group and article
    gid, did = members["group_id"].to_numpy(dtype=object), members["doc_id"].to_numpy(dtype=object)
    starts = np.flatnonzero(np.r_[True, (gid[1:] != gid[:-1]) | (did[1:] != did[:-1])]) if len(members) else np.array([], int)
    ends = np.r_[starts[1:], len(members)]
    denied = np.r_[0, np.cumsum(members["modality"].to_numpy(dtype=object) == "denied")]
    only_denied = (denied[ends] - denied[starts]) == (ends - starts)
    runs: dict[str, list[tuple[bool, int, int]]] = {}
    for a, b, d in zip(starts.tolist(), ends.tolist(), only_denied.tolist()):
        runs.setdefault(gid[a], []).append((d, a, b))
    outlet, title = members["outlet"].to_numpy(dtype=object), members["title"].to_numpy(dtype=object)
    blocks = []
    for r in g.itertuples():
        cols = sorted(runs.get(r.group_id, []), key=lambda run: run[0])  # stable: by article, deniers last
        shown_cols = cols if max_columns is None else cols[:max_columns]
        columns = [LedgerColumn(did[a], outlet[a], title[a] or did[a], members.iloc[a:b]) for _, a, b in shown_cols]
        blocks.append(LedgerBlock(r.group_id, r.label, r.stance, int(r.n_docs), int(r.n_claims), columns, len(cols)))
    return blocks


def ledger_summary(shown: pd.DataFrame, selected: pd.DataFrame) -> str:
    """'k groups: a contested, b corroborated; c claims rest on a single source' (`selected`: ledger_groups)."""
    a = int((selected["stance"] == "contested").sum())
    b = int((selected["stance"] == "corroborated").sum())
    c = int((shown["group_docs"] < 2).sum()) if "group_docs" in shown else len(shown)
    k = len(selected)
    return (f"{k} group{'s' if k != 1 else ''} of claims told by several articles: "
            f"{a} contested, {b} corroborated; {c} claim{'s' if c != 1 else ''} rest{'s' if c == 1 else ''} on a single source")


def corpus_claim_view(corpus: Corpus) -> pd.DataFrame:
    """`claim_view` of every claim of the corpus, once per loaded corpus (the Claims page and the Briefing share it)."""
    return corpus.memo("claim_view", lambda: claim_view(corpus["claims"], corpus["documents"], actor_names=corpus.actor_names,
                                                        groups=corpus["claim_groups"]))


def claims_in_view(v: View) -> pd.DataFrame:
    """The claim view of the claims the filters keep (the corpus's own frame when none is left out)."""
    every = corpus_claim_view(v.corpus)
    kept = v.claims.index
    return every if len(kept) == len(every) else every.loc[kept]
