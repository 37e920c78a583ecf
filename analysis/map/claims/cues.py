"""The cue lexicon (data/cues.yaml, keyed by language): reporting and denial verbs, hedges,
"selon" phrases, speaker words, source types."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "cues.yaml"
STATE_LABELS = {"LOC", "GPE", "state", "country"}
_SUBJ = ("nsubj", "nsubj:pass", "csubj", "nsubjpass")
_SETS = ("claim_nouns", "light_nouns", "negation", "denial_predicates", "hedge_verbs", "hedge_adjectives",
         "pronouns", "unnamed_speakers", "pair_nouns", "modal_hedges", "time_words", "of_words", "rebuttals", "government_nouns", "say_infinitive", "nobody",
         "knowledge_verbs", "institution_nouns", "outlet_nouns")
_LISTS = ("conditional_stems", "conditional_endings", "continuation_openers", "skip_prefixes", "strong_negation")


@dataclass(frozen=True)
class CueLexicon:
    """One language's cues, as read from cues.yaml (word sets where membership is asked)."""

    strong: frozenset[str] = frozenset()  # reporting verbs that attribute on their own ("affirmer")
    weak: frozenset[str] = frozenset()  # reporting verbs that need a clause or a quote ("ajouter")
    deny_strong: frozenset[str] = frozenset()  # denial verbs ("démentir")
    deny_object: frozenset[str] = frozenset()  # denial verbs taking an object ("rejeter les accusations")
    claim_nouns: frozenset[str] = frozenset()
    light_nouns: frozenset[str] = frozenset()
    negation: frozenset[str] = frozenset()
    denial_predicates: frozenset[str] = frozenset()
    hedge_verbs: frozenset[str] = frozenset()
    hedge_adjectives: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    unnamed_speakers: frozenset[str] = frozenset()
    pair_nouns: frozenset[str] = frozenset()
    modal_hedges: frozenset[str] = frozenset()
    hedge_adverbs: tuple[str, ...] = ()  # lower case; phrases ("sans doute") matched in the text
    according: tuple[tuple[str, ...], ...] = ()  # "selon", "d'après", "according to" as word sequences
    conditional_stems: tuple[str, ...] = ()
    conditional_endings: tuple[str, ...] = ()
    continuation_openers: tuple[str, ...] = ()
    skip_prefixes: tuple[str, ...] = ()
    strong_negation: tuple[str, ...] = ()
    source_types: dict[str, list[str]] = field(default_factory=dict)  # kind -> words naming such a source
    time_words: frozenset[str] = frozenset()  # words of time between an incise verb and its subject
    of_words: frozenset[str] = frozenset()  # prepositions inside a speaker's title ("ministre de la Défense")
    institution_nouns: frozenset[str] = frozenset()  # "cet organisme": the institution named last
    outlet_nouns: frozenset[str] = frozenset()  # "le mensuel": the outlet named last
    nobody: frozenset[str] = frozenset()  # "rien", "personne", "nothing": subjects that hold no statement
    knowledge_verbs: frozenset[str] = frozenset()  # "Je ne sais rien de cette femme": a denial of knowledge
    say_infinitive: frozenset[str] = frozenset()  # weak verbs whose infinitive is said content ("dit ne pas être")
    government_nouns: frozenset[str] = frozenset()  # "le gouvernement", "les autorités": the article's state
    rebuttals: frozenset[str] = frozenset()  # predicates that rebut ("faux", "mensonge")
    existential: str = ""  # the verb of "il n'y a pas" (avoir)
    incise: frozenset[str] = frozenset()  # verbs that report only in an incise ("», lâche X", "a réagi X")
    forms: dict[str, str] = field(default_factory=dict)  # surface form -> cue lemma ("indique" -> "indiquer")
    phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # "faire" -> ("savoir",)...
    reflexive: frozenset[str] = frozenset()  # "s'est dit convaincu": reflexive verbs that report

    def cue_lemma(self, tok) -> str:
        """The token's lemma, or the cue lemma its surface form belongs to when the lemmatizer
        missed it ("indique", "estime", "raconte" left unlemmatised or tagged as adjectives)."""
        lem = (tok.lemma_ or tok.text).lower()
        if lem in self.all_cues:
            return lem
        return self.forms.get(tok.lower_, lem)

    @property
    def all_cues(self) -> frozenset[str]:
        return self.strong | self.weak | self.deny_strong | self.deny_object | self.incise

    @classmethod
    def from_yaml(cls, lex: dict[str, Any], *, language: str = "fr") -> CueLexicon:
        unknown = set(lex) - {f for f in cls.__dataclass_fields__} - {"report", "deny", "extra_forms"}
        if unknown:
            raise ValueError(f"cues.yaml: unknown keys {sorted(unknown)}")
        strong = frozenset(lex["report"]["strong"])
        incise = frozenset(lex["report"].get("incise") or [])
        cues = strong | set(lex["report"]["weak"]) | set(lex["deny"]["strong"]) | set(lex["deny"]["object"]) | incise
        return cls(
            incise=incise - strong - set(lex["report"]["weak"]),
            phrases={verb: tuple(tuple(w.lower() for w in seq) for seq in seqs)
                     for verb, seqs in (lex["report"].get("phrases") or {}).items()},
            reflexive=frozenset(lex["report"].get("reflexive") or []),
            existential=str(lex.get("existential") or ""),
            forms=surface_forms(cues, lex.get("extra_forms") or {}, french=language == "fr"),
            strong=strong, weak=frozenset(lex["report"]["weak"]) - strong,
            deny_strong=frozenset(lex["deny"]["strong"]), deny_object=frozenset(lex["deny"]["object"]),
            **{key: frozenset(lex.get(key) or []) for key in _SETS},
            hedge_adverbs=tuple(a.lower() for a in lex.get("hedge_adverbs") or []),
            according=tuple(tuple(seq) for seq in lex.get("according") or []),
            **{key: tuple(lex.get(key) or []) for key in _LISTS},
            source_types={str(k): list(v or []) for k, v in (lex.get("source_types") or {}).items()},
        )


def _regular_forms(lemma: str) -> list[str]:
    """Inflected forms of a French first-group verb ("indiquer" -> "indique", "indiqué", ...)."""
    if not lemma.endswith("er") or " " in lemma or len(lemma) < 4:
        return []
    stem = lemma[:-2]
    endings = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a", "ant", "èrent", "era", "eront",
               "erait", "eraient")
    forms = [stem + e for e in endings]
    if stem.endswith("g"):  # "exiger" -> "exigeait", "exigeant"
        forms += [stem + "e" + e for e in ("ait", "aient", "a", "ant")]
    if stem.endswith("c"):  # "annoncer" -> "annonçait"
        forms += [stem[:-1] + "ç" + e for e in ("ait", "aient", "a", "ant")]
    return forms


def surface_forms(lemmas, extra: dict[str, list[str]], *, french: bool = True) -> dict[str, str]:
    """Surface form -> cue lemma: first-group verbs inflected by rule, others from the data file.

    A form that is also another cue's lemma keeps its own meaning (never mapped away)."""
    out: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in [*(_regular_forms(lemma) if french else []), *(extra.get(lemma) or [])]:
            if form not in lemmas:
                out.setdefault(form.lower(), lemma)
    return out


@functools.lru_cache(maxsize=None)
def load_cues(path: str | None = None) -> dict[str, CueLexicon]:
    """The cue lexicon per language (the ledger's sections are read by analysis.reduce.ledger)."""
    raw = yaml.safe_load(Path(path or CUES_PATH).read_text(encoding="utf-8"))
    return {lang: CueLexicon.from_yaml(lex, language=lang) for lang, lex in raw.items() if not lang.startswith("ledger")}


def lexicon(language: str) -> CueLexicon:
    """The lexicon for `language`, French when the language has none."""
    cues = load_cues()
    return cues.get(language) or cues["fr"]
