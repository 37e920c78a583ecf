"""The dashboard's global filters as pure pandas: which articles, sentences and rows remain."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Filters:
    """Source, actor, theme, modality and date-range choices (empty = no restriction)."""

    sources: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # documents.language codes (fr, en); offered when the corpus mixes them
    date_from: str = ""  # YYYY-MM-DD
    date_to: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def active(self) -> bool:
        return bool(self.sources or self.actors or self.themes or self.modalities or self.languages
                    or self.date_from or self.date_to)

    def describe(self, actor_names: dict[str, str] | None = None) -> str:
        """Human-readable summary for chart captions ("no filter" when none)."""
        names = actor_names or {}
        parts = []
        if self.sources:
            parts.append("source: " + ", ".join(self.sources))
        if self.actors:
            parts.append("actor: " + ", ".join(names.get(a, a) for a in self.actors))
        if self.themes:
            parts.append("theme: " + ", ".join(self.themes))
        if self.modalities:
            parts.append("modality: " + ", ".join(self.modalities))
        if self.languages:
            parts.append("language: " + ", ".join(self.languages))
        if self.date_from or self.date_to:
            parts.append(f"dates: {self.date_from or '…'} to {self.date_to or '…'}")
        return "; ".join(parts) if parts else "no filter"


def source_label(documents: pd.DataFrame) -> pd.Series:
    """The source shown for each article ('unknown source' where none is known)."""
    return documents["source"].fillna("").replace("", "(unknown source)")


def filter_documents(documents: pd.DataFrame, f: Filters, *, sentences: pd.DataFrame | None = None,
                     mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Articles passing the filters: source, date range, and holding the actors/themes chosen."""
    docs = documents
    if f.sources:
        docs = docs[source_label(docs).isin(f.sources)]
    if f.languages and "language" in docs:
        docs = docs[docs["language"].fillna("").isin(f.languages)]
    if f.date_from or f.date_to:
        pub = docs["published"].fillna("")
        keep = pub != ""
        if f.date_from:
            keep &= pub >= f.date_from
        if f.date_to:
            keep &= pub <= f.date_to
        docs = docs[keep]
    if f.actors and mentions is not None:
        with_actor = mentions.loc[mentions["actor_id"].isin(f.actors), "doc_id"].unique()
        docs = docs[docs["doc_id"].isin(with_actor)]
    if f.themes and sentences is not None and "themes" in sentences:
        docs = docs[docs["doc_id"].isin(sentences.loc[has_any_theme(sentences["themes"], f.themes), "doc_id"].unique())]
    return docs


def has_any_theme(themes: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Rows whose ';'-joined themes include one of `wanted`."""
    return has_any(themes, wanted)


def has_any(joined: pd.Series, wanted) -> pd.Series:
    """Rows whose ';'-joined values (themes, actor ids) include one of `wanted` (one regex pass)."""
    wanted = [w for w in wanted if w]
    if not wanted:
        return pd.Series(False, index=joined.index)
    pattern = "(?:^|;)(?:" + "|".join(re.escape(w) for w in wanted) + ")(?:;|$)"
    return joined.fillna("").astype(str).str.contains(pattern, regex=True)


def filter_sentences(sentences: pd.DataFrame, doc_ids, f: Filters, *, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences of the kept articles; with actor/theme filters, only sentences holding them."""
    out = sentences[sentences["doc_id"].isin(doc_ids)]
    if f.themes and "themes" in out:
        out = out[has_any_theme(out["themes"], f.themes)]
    if f.actors and mentions is not None:  # a mask, not a join: the rows keep their index labels
        keys = mentions.loc[mentions["actor_id"].isin(f.actors), ["doc_id", "sent_id"]]
        out = out[pd.MultiIndex.from_frame(out[["doc_id", "sent_id"]]).isin(pd.MultiIndex.from_frame(keys))]
    return out


def filter_claims(claims: pd.DataFrame, doc_ids, f: Filters) -> pd.DataFrame:
    """Claims of the kept articles matching the theme, actor and modality filters."""
    out = claims[claims["doc_id"].isin(doc_ids)]
    if f.themes:
        out = out[has_any_theme(out["themes"], f.themes)]
    if f.modalities:
        out = out[out["modality"].isin(f.modalities)]
    if f.actors:
        speakers = out["speaker_id"].isin(f.actors)
        named = has_any(out["actors"], f.actors) if "actors" in out else False
        out = out[speakers | named]
    return out
