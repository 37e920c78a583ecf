"""Records shared by the analysis steps: what an article becomes on its way to the tables.

Every `start`/`end` is a character offset (end exclusive) into `documents.text` of the article.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # spaCy is only needed where documents are parsed
    from spacy.tokens import Doc, Span


class Rejection(NamedTuple):
    """An input that could not be analysed, and why (one row of rejected.csv)."""

    input: str
    reason: str


@dataclass
class RawArticle:
    """An article as read from disk, before cleaning: text plus the metadata given with it."""

    doc_id: str
    text: str
    origin: str  # where it came from, for messages: a path, or `file.jsonl:12`
    meta: dict[str, str] = field(default_factory=dict)  # title, source, url, author, published, language


@dataclass
class Block:
    """One content line (or bullet) of an article, parsed on its own so nothing merges across lines."""

    start: int
    end: int
    para: int  # paragraph index: blocks separated by blank lines or headings get new numbers
    doc: Doc | None = None  # spaCy Doc of text[start:end]; doc char i is text[start + i]


@dataclass
class Sentence:
    """A sentence of article content (never overlaps boilerplate)."""

    sent_id: int  # 0-based, in document order
    start: int
    end: int
    text: str
    block: int  # index into ParsedArticle.blocks
    para: int
    span: Span | None = None  # the spaCy sentence (not serialised)


@dataclass
class ParsedArticle:
    """An article after cleaning, metadata and spaCy: what every extractor receives."""

    doc_id: str
    text: str
    title: str
    source: str
    url: str
    author: str
    published: str  # YYYY-MM-DD or ""
    published_basis: str  # metadata | text | inferred | none
    language: str  # fr | en
    boilerplate: list[tuple[int, int]]
    blocks: list[Block]
    sentences: list[Sentence]


@dataclass
class Mention:
    """A named reference in a sentence; `actor_id` is empty for mere places and things."""

    sent_id: int
    start: int
    end: int
    text: str
    label: str  # PER, ORG, LOC, MISC (spaCy) or the actor type for registry matches
    actor_id: str = ""
    confidence: float = 1.0
    method: str = "ner"  # ner | registry | fuzzy | partial | description


@dataclass
class Timex:
    """A temporal expression with its normalised value (CONTRACT.md: timex table)."""

    sent_id: int
    start: int
    end: int
    text: str
    type: str  # date | time | duration | set
    value: str  # ISO 8601 at the text's granularity, an interval START/END, or a duration P..
    basis: str  # absolute | publication | inferred_publication | context


@dataclass
class Claim:
    """A statement about the story: who holds it, how, how firmly, about when."""

    sent_id: int
    start: int
    end: int
    text: str
    speaker_id: str  # an actor_id, `author`, or `unknown`
    speaker_text: str
    cue: str
    modality: str  # asserted | reported | hedged | denied
    source_type: str = ""  # official | anonymous_official | state_media | expert | outlet | ""
    event_date: str = ""
    event_date_basis: str = ""  # explicit | context | publication
    actors: str = ""  # ;-joined actor ids named in the claim


@dataclass
class ThemeHit:
    """A lexicon term found in a sentence; the corpus-level step weighs hits into theme tags."""

    sent_id: int
    start: int
    end: int
    term: str  # the lexicon entry (lemma form) that matched
    theme: str
