"""Records shared by the analysis steps: what an article becomes on its way to the tables.

Every `start`/`end` is a character offset (end exclusive) into `documents.text` of the article.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from analysis.text import slug

if TYPE_CHECKING:  # spaCy is only needed where documents are parsed
    from spacy.tokens import Doc, Span


# The one label <-> actor type map: the mention label a registry actor of a type gets, and the
# type an actor outside the registry gets from its label.
TYPE_LABEL = {"person": "PER", "state": "LOC", "organization": "ORG", "group": "ORG"}
LABEL_TYPE = {"PER": "person", "LOC": "state", "ORG": "organization"}
# The name the blank English fallback pipeline carries (documents.pipeline): the map sets it, the
# pages look for it (here, so that they need not import spaCy to know it).
BLANK_PIPELINE_NAME = "blank_sentencizer_lookup"
# The English models' OntoNotes entity labels in the French models' scheme (PER, ORG, LOC, MISC);
# labels missing here and from that scheme (DATE, CARDINAL, MONEY...) name no actor or place.
NER_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC", "EVENT": "MISC",
              "WORK_OF_ART": "MISC", "PRODUCT": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}
# Provisional actor ids (names outside the registry) carry their kind: "per:andrei-lankov".
PROVISIONAL_KINDS = {"per": "person", "org": "organization", "ent": "other"}
KIND_OF_TYPE = {t: k for k, t in PROVISIONAL_KINDS.items()}


@dataclass(frozen=True)
class ActorId:
    """An actor id as a value: a registry id (`key` alone, "vladimir-putin") or a provisional id
    for a name outside the registry (`kind` per / org / ent plus the name's slug). `str()` gives
    the form the tables hold ("per:andrei-lankov"); `parse` reads it back."""

    key: str
    kind: str = ""  # "" for a registry id, else a PROVISIONAL_KINDS key

    @classmethod
    def provisional(cls, kind: str, name: str) -> ActorId:
        """The provisional id of `name` ("per", "Andrei Lankov" -> per:andrei-lankov)."""
        if kind not in PROVISIONAL_KINDS:
            raise ValueError(f"unknown actor id kind {kind!r}: use one of {', '.join(PROVISIONAL_KINDS)}")
        return cls(slug(name), kind)

    @classmethod
    def parse(cls, value: str) -> ActorId:
        kind, sep, key = str(value).partition(":")
        return cls(key, kind) if sep and kind in PROVISIONAL_KINDS else cls(str(value))

    @property
    def provisional_type(self) -> str | None:
        """person / organization / other for a provisional id, None for a registry id."""
        return PROVISIONAL_KINDS.get(self.kind)

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}" if self.kind else self.key


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
    speaker_ids: str = ""  # ;-joined holders ("Moscou et Pyongyang démentent"); the first is speaker_id
    speaker_basis: str = ""  # how the speaker was found (see Attribution.basis)
    speaker_confidence: str = ""  # high | medium | low: how far the attribution can be trusted


@dataclass
class Attribution:
    """Who holds a sentence's content and through which cue (char offsets into the article): what
    the claim rules find in a sentence before the speaker is resolved to an actor."""

    kind: str  # report | deny | according | inherited
    cue: str
    speaker_text: str = ""
    speaker_start: int = -1
    speaker_end: int = -1
    speaker_full: str = ""  # the whole speaker phrase (appositions included), for source typing
    full_start: int = -1
    full_end: int = -1
    speaker_id: str = ""  # set when resolved without mentions (pronoun, pair, inherited)
    negated: bool = False  # the reported content is negated ("a déclaré qu'aucun accord ...")
    basis: str = ""  # how the speaker was found: subject | incise | according | quotation | pronoun | description ...
    holders: str = ""  # ;-joined actor ids of every holder in a coordinated speaker phrase


@dataclass
class ThemeHit:
    """A lexicon term found in a sentence; the corpus-level step weighs hits into theme tags."""

    sent_id: int
    start: int
    end: int
    term: str  # the lexicon entry (lemma form) that matched
    theme: str
