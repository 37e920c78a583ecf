"""The dashboard's global filters as one typed value, and the one path every page takes through
them: `view(corpus, filters)` gives the articles, sentences, mentions and claims that remain.

Pure pandas (never imports streamlit). A page changes a filter by building a new `Filters`
(`f.replace(actors=(aid,))`, a chip's `without`), never by naming a field in a string.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

import pandas as pd

from analysis.query.corpus import Corpus

_LISTS = ("sources", "actors", "themes", "modalities", "languages")


@dataclass(frozen=True)
class Filters:
    """Source, actor, theme, modality, language and date-range choices (empty = no restriction).
    Lists given for the tuple fields are stored as tuples, so a Filters is hashable and comparable."""

    sources: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # documents.language codes (fr, en); offered when the corpus mixes them
    date_from: str = ""  # YYYY-MM-DD
    date_to: str = ""

    def __post_init__(self) -> None:
        for name in _LISTS:
            object.__setattr__(self, name, tuple(v for v in getattr(self, name) or () if v))
        object.__setattr__(self, "date_from", self.date_from or "")
        object.__setattr__(self, "date_to", self.date_to or "")

    @property
    def active(self) -> bool:
        return bool(self.sources or self.actors or self.themes or self.modalities or self.languages
                    or self.date_from or self.date_to)

    def replace(self, **changes) -> Filters:
        """A copy with these filters changed (an unknown name raises TypeError)."""
        return replace(self, **changes)

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

    def chips(self, actor_names: dict[str, str] | None = None) -> list[Chip]:
        """One chip per active choice, each carrying the filters without it."""
        names = actor_names or {}
        out = [Chip(f"sources_{s}", s, self.replace(sources=_minus(self.sources, s))) for s in self.sources]
        out += [Chip(f"actors_{a}", names.get(a, a), self.replace(actors=_minus(self.actors, a))) for a in self.actors]
        out += [Chip(f"themes_{t}", t, self.replace(themes=_minus(self.themes, t))) for t in self.themes]
        out += [Chip(f"modalities_{m}", m, self.replace(modalities=_minus(self.modalities, m))) for m in self.modalities]
        out += [Chip(f"languages_{c}", f"language: {c}", self.replace(languages=_minus(self.languages, c)))
                for c in self.languages]
        if self.date_from or self.date_to:
            out.append(Chip("dates_", f"{self.date_from or '…'} → {self.date_to or '…'}",
                            self.replace(date_from="", date_to="")))
        return out

    # the URL query string: ?source=a&source=b&actor=...&from=YYYY-MM-DD
    def to_params(self) -> dict[str, list[str] | str]:
        """The filters as URL query parameters (only those set)."""
        params: dict[str, list[str] | str] = {
            "source": list(self.sources), "actor": list(self.actors), "theme": list(self.themes),
            "modality": list(self.modalities), "lang": list(self.languages), "from": self.date_from, "to": self.date_to}
        return {k: v for k, v in params.items() if v}

    @classmethod
    def from_params(cls, get_all: Callable[[str], list[str]]) -> Filters:
        """The filters of a URL: `get_all(name)` gives every value of a query parameter."""
        last = lambda name: (get_all(name) or [""])[-1] or ""  # noqa: E731
        return cls(sources=tuple(get_all("source")), actors=tuple(get_all("actor")), themes=tuple(get_all("theme")),
                   modalities=tuple(get_all("modality")), languages=tuple(get_all("lang")),
                   date_from=last("from"), date_to=last("to"))


class Chip(NamedTuple):
    """An active filter shown as a removable chip: a widget key, its label, the filters without it."""

    key: str
    label: str
    without: Filters


def _minus(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value)


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


# ---------------------------------------------------------------- the one path: view(corpus, filters)

_NO_ROWS = pd.DataFrame(columns=["doc_id"])


class View:
    """What remains of a corpus under the filters. The articles are found at once; sentences,
    mentions and claims when first asked for (each page uses some of them). Every table is a
    filtered view of the corpus's own (the whole table when nothing is filtered out), never
    modified."""

    def __init__(self, corpus: Corpus, filters: Filters) -> None:
        self.corpus, self.filters = corpus, filters
        self._sentences: dict[bool, pd.DataFrame] = {}
        self.documents = filter_documents(self._table("documents"), filters, sentences=self._table("sentences"),
                                          mentions=self._table("mentions"))

    def _table(self, name: str) -> pd.DataFrame:
        table = self.corpus.tables.get(name)
        return _NO_ROWS if table is None or "doc_id" not in table else table

    @property
    def whole(self) -> bool:
        """Every article of the corpus is kept."""
        return len(self.documents) == len(self._table("documents"))

    @cached_property
    def doc_ids(self) -> pd.Series:
        return self.documents["doc_id"]

    def _in_articles(self, name: str) -> pd.DataFrame:
        table = self._table(name)
        return table if self.whole else table[table["doc_id"].isin(self.doc_ids)]

    @cached_property
    def article_sentences(self) -> pd.DataFrame:
        """Every sentence of the kept articles."""
        return self._in_articles("sentences")

    @cached_property
    def article_mentions(self) -> pd.DataFrame:
        """Every mention of the kept articles."""
        return self._in_articles("mentions")

    def sentences(self, *, themes: bool = True) -> pd.DataFrame:
        """Sentences of the kept articles naming a filtered actor and (unless `themes` is False:
        theme shares count every sentence of the articles) carrying a filtered theme."""
        if themes not in self._sentences:
            f = self.filters if themes else self.filters.replace(themes=())
            self._sentences[themes] = filter_sentences(self._table("sentences"), self.doc_ids, f, mentions=self._table("mentions"))
        return self._sentences[themes]

    @cached_property
    def claims(self) -> pd.DataFrame:
        """Rows of the claims table in the kept articles matching the theme, actor and modality filters."""
        claims, f = self._table("claims"), self.filters
        if claims.empty or (self.whole and not (f.themes or f.modalities or f.actors)):
            return claims
        return filter_claims(claims, self.doc_ids, f)

    @cached_property
    def sources(self) -> pd.Series:
        """doc_id -> the source shown for each kept article."""
        return source_label(self.documents).set_axis(self.documents["doc_id"])


def view(corpus: Corpus, filters: Filters) -> View:
    """The corpus under the filters: the one way every page applies them."""
    return View(corpus, filters)
