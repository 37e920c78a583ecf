"""Claims: one per content sentence that states something, with speaker, cue, modality and date.

Attribution is read from the dependency parse (subject of a reporting verb, the phrase under
"selon"/"d'après", the antecedent of a relative "qui"), with a token-pattern fallback for
pipelines without a parser (a blank English model). Quotations spanning several sentences and
parallel continuations ("De la même manière, ...") keep the speaker of the sentence that
introduced them. The lexicon is analysis/data/cues.yaml, keyed by language.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from analysis.records import Claim, Mention, ParsedArticle, Sentence, Timex
from analysis.map.dates.tagger import event_date

CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "cues.yaml"
STATE_LABELS = {"LOC", "GPE", "state", "country"}
_SUBJ = ("nsubj", "nsubj:pass", "csubj")


# ---------------------------------------------------------------- lexicon

@functools.lru_cache(maxsize=None)
def load_cues(path: str | None = None) -> dict[str, dict[str, Any]]:
    """The cue lexicon per language (lists turned into sets where membership is asked)."""
    raw = yaml.safe_load(Path(path or CUES_PATH).read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for lang, lex in raw.items():
        if lang.startswith("ledger"):
            continue
        d = dict(lex)
        d["strong"] = set(lex["report"]["strong"])
        d["weak"] = set(lex["report"]["weak"]) - d["strong"]
        d["deny_strong"] = set(lex["deny"]["strong"])
        d["deny_object"] = set(lex["deny"]["object"])
        for key in ("claim_nouns", "light_nouns", "negation", "denial_predicates", "hedge_verbs",
                    "hedge_adjectives", "pronouns", "unnamed_speakers", "pair_nouns", "modal_hedges"):
            d[key] = set(lex.get(key) or [])
        d["hedge_adverbs"] = [a.lower() for a in lex.get("hedge_adverbs") or []]
        d["according"] = [tuple(seq) for seq in lex.get("according") or []]
        out[lang] = d
    return out


def lexicon(language: str) -> dict[str, Any]:
    """The lexicon for `language`, French when the language has none."""
    cues = load_cues()
    return cues.get(language) or cues["fr"]


# ---------------------------------------------------------------- attribution

@dataclass
class Attribution:
    """Who holds a sentence's content and through which cue (char offsets into the article)."""

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


def _lemma(tok) -> str:
    return (tok.lemma_ or tok.text).lower()


def _is_cond(tok, lex: dict) -> bool:
    """Conditional mood: the morphologizer's Mood=Cnd, or a form the lemma explains as one.

    The French model tags "marquerait", "constituerait", "envisageraient" as imperfect; a
    conditional is the infinitive (minus the final e of -re verbs) plus -ait/-aient/..., an
    imperfect is the stem plus the same ending, so comparing with the lemma tells them apart.
    """
    if "Cnd" in tok.morph.get("Mood"):
        return True
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    low, lem = tok.text.lower(), _lemma(tok)
    for stem in lex.get("conditional_stems") or []:
        for ending in lex.get("conditional_endings") or []:
            form = stem + ending
            if low == form or (len(stem) >= 4 and low.endswith(form)):
                return True
    for ending in lex.get("conditional_endings") or []:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            if stem == lem and lem.endswith(("er", "ir")):
                return True
            if lem.endswith("re") and stem == lem[:-1]:
                return True
    return False


def _aux_children(tok):
    return [c for c in tok.children if c.dep_.startswith(("aux", "cop"))]


def _is_passive(tok) -> bool:
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children)


def _has_clause(tok, span) -> bool:
    """The verb governs a que-clause, a reported content clause or a quotation."""
    if any(c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
           for c in tok.children):
        return True
    if tok.dep_ == "parataxis" or _after_quote(tok):
        return True
    following = tok.doc[tok.i + 1: tok.i + 4]
    return any(t.text == ":" or t.text[:1] in ("«", "“", '"') for t in following)


def _after_quote(tok) -> bool:
    """The verb opens an incise right after a quotation: "», explique X", "» a-t-il dit"."""
    first = min([tok, *[c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i]], key=lambda t: t.i)
    before = [t.text for t in tok.doc[max(0, first.i - 2): first.i]]
    return bool(before) and (before[-1][-1:] in ("»", "”", '"') or (before[-1] == "," and len(before) > 1
                                                                    and before[0][-1:] in ("»", "”", '"')))


def _left_subject(tok) -> list:
    """A broken parse (two roots: "Moscou et Pyongyang | démentent ..."): the noun just before the verb."""
    first = min([tok, *[c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i]], key=lambda t: t.i)
    i = first.i - 1
    while i >= 0 and tok.doc[i].pos_ == "ADV":
        i -= 1
    if i < 0 or tok.doc[i].pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    t = tok.doc[i]
    while t.head.i != t.i and t.head.i < first.i and t.dep_ in ("conj", "flat:name", "flat", "nmod", "appos", "amod", "fixed"):
        t = t.head
    return [t] if t.head.i == t.i else []


def _governing_subject(tok) -> list | None:
    """The subject of `tok`, or of the verb it depends on for gerunds, infinitives, conjuncts."""
    seen = 0
    while tok is not None and seen < 6:
        subj = [c for c in tok.children if c.dep_ in _SUBJ]
        if subj:
            return subj
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
            seen += 1
            continue
        return None
    return None


def _depth(tok) -> int:
    """Clause depth below the root, not counting conjunction, xcomp and gerund links."""
    d = 0
    while tok.head.i != tok.i:
        gerund = tok.dep_ == "advcl" and any(c.lower_ == "en" and c.dep_ == "mark" for c in tok.children)
        if tok.dep_ not in ("conj", "xcomp", "parataxis", "flat", "fixed") and not gerund:
            d += 1
        tok = tok.head
    return d


def _animate(subjects: list, lex: dict) -> bool:
    """Whether a subject can hold a statement: a name, a pronoun, or a speaker noun.

    Keeps "Plusieurs raisons expliquent l'intérêt de Moscou" from being a reported claim.
    """
    nouns = set(lex["light_nouns"]) | set(lex["unnamed_speakers"]) | set(lex["pair_nouns"])
    for kind in ("official", "expert", "outlet", "state_media", "anonymous"):
        nouns |= {w for w in (lex.get("source_types") or {}).get(kind, []) if " " not in w}
    for subj in subjects:
        if subj.pos_ == "PROPN" or subj.ent_type_ in ("PER", "ORG", "LOC", "GPE", "PERSON", "NORP"):
            return True
        if subj.pos_ == "PRON" and _lemma(subj) not in ("cela", "ce", "ça", "ceci", "celer"):
            return True
        if _lemma(subj) in nouns or subj.lower_ in nouns:
            return True
        if any(c.pos_ == "PROPN" or c.ent_type_ for c in subj.children if c.dep_ in ("nmod", "appos", "amod", "flat:name")):
            return True
    return False


def _phrase(head, *, exclude=None) -> list:
    """Tokens of the noun phrase under `head`, without relative clauses and the cue's branch."""
    drop = set()
    for t in head.subtree:
        if t.i == head.i:
            continue
        if t.dep_.startswith("acl") and t.pos_ in ("VERB", "AUX") or (exclude is not None and t.i == exclude.i):
            drop.update(x.i for x in t.subtree)
    toks = [t for t in head.subtree if t.i not in drop]
    verb = next((t for t in toks if t.i > head.i and t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:  # a parse that hangs the verb group under the subject
        toks = [t for t in toks if t.i < verb.i]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "case"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return toks


def _short(toks: list, head) -> list:
    """The naming part of a speaker phrase: cut at the first comma after the head (appositions)."""
    commas = [t.i for t in toks if t.i < head.i and t.text == ","]
    out = []
    for t in toks:
        if commas and t.i <= commas[-1]:
            continue  # "Cette fois-ci, s'exprimant sous la pluie, M. Poutine": keep the name
        if t.i > head.i and t.text == ",":
            break
        out.append(t)
    while out and (out[-1].is_punct or out[-1].dep_ in ("case", "cc")):
        out.pop()
    return out or toks


_CLAUSE_DEPS = ("acl:relcl", "acl", "ccomp", "advcl", "csubj", "parataxis")


def _own_clause(tok) -> list:
    """Tokens of the clause headed by `tok`, without its relative, complement and adverbial clauses."""
    out = []
    for t in tok.subtree:
        h = t
        while h.i != tok.i and h.head.i != h.i:
            if h.dep_ in _CLAUSE_DEPS:
                break
            h = h.head
        else:
            out.append(t)
            continue
        if h.i == tok.i:
            out.append(t)
    return out


def _negated(tok, lex: dict) -> bool:
    """A negation word in the clause of `tok` itself (not in its relative or subordinate clauses)."""
    for t in tok.subtree:
        if t.lower_ not in lex["negation"]:
            continue
        h, own = t, True
        while h.i != tok.i and h.head.i != h.i:
            if h.dep_ in ("acl:relcl", "acl", "ccomp", "advcl", "csubj"):
                own = False
                break
            h = h.head
        if own:
            return True
    return False


def _content_negated(cue, lex: dict) -> bool:
    """The reported clause denies: a strong negative ("aucun", "rien", "jamais") or a negated deal verb.

    "a annoncé qu'il ne se présenterait pas" stays reported; "a déclaré qu'aucun accord n'avait
    été conclu" and "affirment qu'ils n'ont rien fait de mal" are denials.
    """
    strong = set(lex.get("strong_negation") or [])
    for c in cue.children:
        if c.dep_ not in ("ccomp", "parataxis"):
            continue
        own = [t for t in c.subtree if t.lower_ in lex["negation"]]
        if any(t.lower_ in strong for t in own) and _negated(c, lex):
            return True
        if _lemma(c) in lex["denial_predicates"] and _negated(c, lex):
            return True
    return False


def _make(kind: str, cue_toks: list, head, toks: list, base: int) -> Attribution:
    short = _short(toks, head) if toks else []
    text = " ".join(t.text for t in short) if short else ""
    if short:
        doc = short[0].doc
        text = doc.text[short[0].idx: short[-1].idx + len(short[-1].text)]
        start, end = base + short[0].idx, base + short[-1].idx + len(short[-1].text)
    else:
        start = end = -1
    full, fs, fe = "", -1, -1
    if toks:
        full = toks[0].doc.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
        fs, fe = base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)
    cue_text = cue_toks[0].doc.text[cue_toks[0].idx: cue_toks[-1].idx + len(cue_toks[-1].text)]
    return Attribution(kind, cue_text, text, start, end, full, fs, fe)


def _cue_tokens(verb) -> list:
    """The cue as written: the verb with its tense auxiliaries ("a suggéré", "ont rapporté")."""
    aux = [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i and verb.i - c.i <= 3]
    return sorted([*aux, verb], key=lambda t: t.i)


def _according(span, lex: dict, base: int) -> Attribution | None:
    """"selon X", "d'après X": the speaker is the phrase the preposition introduces."""
    low = [t.lower_ for t in span]
    for seq in lex["according"]:
        n = len(seq)
        for i in range(len(low) - n + 1):
            if tuple(low[i:i + n]) != seq:
                continue
            first, last = span[i], span[i + n - 1]
            head = None
            if span.doc.has_annotation("DEP"):
                cand = first.head if first.dep_ == "case" else last.head
                if cand.i > last.i and cand.pos_ in ("NOUN", "PROPN", "PRON", "X", "ADJ", "NUM"):
                    head = cand
            if head is not None:
                toks = [head] if head.pos_ == "PRON" else _phrase(head)
                toks = [t for t in toks if t.i > last.i]
            else:
                toks = _np_after(span, i + n)
                head = toks[0] if toks else None
            if not toks:
                continue
            att = _make("according", list(span[i:i + n]), head, toks, base)
            att.negated = unattributed_denial(span, lex)
            return att
    return None


def _np_after(span, i: int) -> list:
    """Tokens after position i up to the next comma, period or verb (parser-less fallback)."""
    out = []
    for t in span[i:]:
        if t.is_punct and t.text not in ("-", "'", "’", "«", "»") or t.pos_ in ("VERB", "AUX") and out:
            break
        out.append(t)
        if len(out) >= 12:
            break
    return out


def _np_before(span, i: int) -> list:
    """Tokens before position i back to the previous punctuation (parser-less fallback)."""
    out = []
    for t in reversed(span[:i]):
        if t.is_punct or len(out) >= 8:
            break
        out.insert(0, t)
    return out


def _quoted(doc) -> set[int]:
    """Indices of tokens inside quotation marks in a block (the quoted person speaks there).

    Short quoted names ("la « New York Times »") are not speech: a quote counts when it holds a
    verb or six tokens or more.
    """
    spans, start, inside = [], 0, False
    for t in doc:
        first, last = t.text[:1], t.text[-1:]
        if not inside and (first in ("«", "“", '"')):
            inside, start = True, t.i
            if len(t.text) > 1 and last in ("»", "”", '"'):
                spans.append((t.i, t.i + 1))
                inside = False
            continue
        if inside and last in ("»", "”", '"'):
            spans.append((start, t.i + 1))
            inside = False
    if inside:
        spans.append((start, len(doc)))
    out: set[int] = set()
    for a, b in spans:
        toks = doc[a:b]
        if len(toks) >= 6 or any(t.pos_ in ("VERB", "AUX") for t in toks):
            out.update(range(a, b))
    return out


def _inverted_subject(tok) -> list:
    """The speaker after the verb in an incise: "», a déclaré X", "a-t-il ajouté", "explique X"."""
    first = min([tok, *[c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i]], key=lambda t: t.i)
    prev = tok.doc[first.i - 1] if first.i > 0 else None
    if any(c.dep_ in _SUBJ and c.i < tok.i and c.pos_ != "PRON" for c in tok.children):
        return []  # an ordinary subject before the verb
    if tok.dep_ != "parataxis" and not (prev is not None and prev.text in (",", "»", "”", '"')):
        return []
    expl = [c for c in tok.children if c.dep_ == "expl:subj" and c.lower_.lstrip("-t") in ("il", "elle", "ils", "elles", "on")]
    if expl:
        return expl[-1:]
    after = [c for c in tok.children if c.i > tok.i and c.dep_ in ("nsubj", "obj", "appos", "nmod", "obl")
             and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return after[:1]


def _verb_cue(span, lex: dict, base: int) -> Attribution | None:
    """The reporting or denial verb that governs the sentence, with its subject as speaker."""
    best: tuple[int, Attribution] | None = None
    quoted = _quoted(span.doc)
    for tok in span:
        if tok.i in quoted:
            continue  # a verb inside a quotation belongs to what is quoted, not to the attribution
        lem = _lemma(tok)
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ccomp"):
            continue
        strong, weak = lem in lex["strong"], lem in lex["weak"]
        deny, deny_obj = lem in lex["deny_strong"], lem in lex["deny_object"]
        if not (strong or weak or deny or deny_obj):
            continue
        clause = _has_clause(tok, span)
        if deny_obj and not (clause or any(c.dep_ == "obj" and _lemma(c) in lex["claim_nouns"]
                                           for c in tok.children)):
            continue
        if weak and not clause:
            continue
        if any(c.dep_ in ("expl:pass", "expl:comp") for c in tok.children) and lem not in lex["deny_strong"]:
            continue  # "si cet événement se confirme": pronominal, nobody speaks
        depth = _depth(tok)
        if depth > 0 and not clause and not deny:
            continue  # a reporting verb deep in a subordinate clause needs its own content clause
        if _is_passive(tok):
            agent = [c for c in tok.children if c.dep_ == "obl:agent"]
            if not agent:
                continue  # impersonal: "des dates sont évoquées" attributes nothing
            subjects = agent[:1]
        else:
            subjects = ([t for t in _inverted_subject(tok) if t.i not in quoted] or _governing_subject(tok)
                        or _left_subject(tok))
        subjects = [t for t in subjects or [] if t.i not in quoted]
        if not subjects:
            continue
        if not clause and not _animate(subjects, lex):
            continue
        kind = "deny" if deny or deny_obj else "report"
        # "Le diplomate russe Aleksandr Mazegora": the parser may give two subjects; join them
        subj = next((t for t in subjects if t.pos_ == "PROPN"), subjects[0])
        head = subj
        toks = sorted({t.i: t for x in subjects for t in _phrase(x, exclude=tok)}.values(), key=lambda t: t.i)
        if subj.lower_ in ("qui", "lequel", "laquelle", "lesquels", "lesquelles") and "Rel" in subj.morph.get("PronType"):
            verb = tok
            while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
                verb = verb.head
            if not verb.dep_.startswith("acl"):
                continue
            head = verb.head
            toks = _phrase(head, exclude=verb)
        att = _make(kind, _cue_tokens(tok), head, toks, base)
        att.negated = kind == "report" and _content_negated(tok, lex)
        if best is None or depth < best[0]:
            best = (depth, att)
    return best[1] if best else None


def _pattern_cue(span, lex: dict, base: int) -> Attribution | None:
    """Parser-less fallback: "X said", "said X", "X denied" on plain tokens."""
    low = [t.lower_ for t in span]
    for i, w in enumerate(low):
        kind = "deny" if w in lex["deny_strong"] or w in lex["deny_object"] else (
            "report" if w in lex["strong"] or w in lex["weak"] else "")
        if not kind:
            continue
        before = _np_before(span, i)
        # "..., said X." / "» a déclaré X": the speaker follows when the cue follows a comma/quote
        if not before or (i > 0 and span[i - 1].text in (",", "»", "”", '"')):
            toks = _np_after(span, i + 1)
        else:
            toks = before
        toks = [t for t in toks if t.lower_ not in ("has", "have", "had", "a", "ont", "also")]
        if not toks:
            continue
        att = _make(kind, [span[i]], toks[-1], toks, base)
        after = " ".join(low[i + 1:])
        att.negated = kind == "report" and any(n in after.split() for n in lex["negation"])
        return att
    return None


def attribution(sent: Sentence, *, lex: dict, base: int) -> Attribution | None:
    """The attribution stated in one sentence, if any (offsets via `base`, the block start)."""
    span = sent.span
    has_dep = span.doc.has_annotation("DEP")
    verb = _verb_cue(span, lex, base) if has_dep else _pattern_cue(span, lex, base)
    acc = _according(span, lex, base)
    if verb and verb.kind == "deny":
        return verb
    return acc or verb


# ---------------------------------------------------------------- modality

def main_clause_hedged(span, lex: dict) -> bool:
    """Conditional, modal or speculative wording in the main clause (its root and auxiliaries)."""
    root = span.root
    if not span.doc.has_annotation("DEP"):
        words = {t.lower_ for t in span}
        return bool(words & lex["modal_hedges"]) or bool(words & lex["hedge_verbs"]) or any(
            a in span.text.lower() for a in lex["hedge_adverbs"])
    heads = [root, *_aux_children(root)]
    if any(_is_cond(t, lex) for t in heads):
        return True
    if root.pos_ in ("VERB", "AUX") and _lemma(root) in lex["hedge_verbs"] and not _is_passive(root):
        return True
    if _lemma(root) in lex["hedge_adjectives"]:
        return True
    for c in _own_clause(root):
        if c.dep_ == "advmod" and (c.lower_ in lex["hedge_adverbs"] or _lemma(c) in lex["hedge_adverbs"]):
            return True
    text = span.text.lower()
    return any(" " in a and a in text for a in lex["hedge_adverbs"])


def unattributed_denial(span, lex: dict) -> bool:
    """"Aucun accord n'a été conclu": a negated main clause whose verb is a deal/transfer verb."""
    if not span.doc.has_annotation("DEP"):
        return False
    root = span.root
    return _lemma(root) in lex["denial_predicates"] and _negated(root, lex)


def modality_of(att: Attribution | None, span, lex: dict) -> str:
    """CONTRACT.md precedence: reporting cue -> reported, denial cue -> denied, else hedged/asserted."""
    if att is not None:
        if att.kind == "deny" or att.negated:
            return "denied"
        return "reported"
    if main_clause_hedged(span, lex):
        return "hedged"
    if unattributed_denial(span, lex):
        return "denied"
    return "asserted"


# ---------------------------------------------------------------- speakers and sources

def source_type(phrase: str, *, lex: dict, speaker_label: str = "") -> str:
    """official | anonymous_official | state_media | expert | outlet | "" from the speaker's wording."""
    low = phrase.lower().replace("’", "'")
    types = lex.get("source_types") or {}
    has = lambda key: any(re.search(r"(?<!\w)" + re.escape(w.strip().replace("’", "'")) + r"(?:s|es|x)?(?!\w)", low)  # noqa: E731
                          for w in types.get(key, []))
    official = has("official")
    if has("anonymous"):
        return "anonymous_official" if official else ""
    for key in ("state_media", "outlet", "expert"):
        if has(key):
            return key
    if official or speaker_label in STATE_LABELS:
        return "official"
    return ""


def _resolve_speaker(att: Attribution, mentions: list[Mention]) -> tuple[str, str]:
    """(actor_id, label) naming the speaker: a mention in the short phrase, else in the full one.

    Within a phrase a person wins ("le ministre de la Défense Sergueï Shoigu"), else the first
    named ("Les responsables américains et sud-coréens" -> the first, the United States).
    """
    spans = ((att.speaker_start, att.speaker_end), (att.full_start, att.full_end))
    for lo, hi in spans:
        pool = sorted((m for m in mentions if m.actor_id and m.start < hi and m.end > lo), key=lambda m: m.start)
        if pool:
            persons = [m for m in pool if m.label.upper() in ("PER", "PERSON")]
            pick = persons[0] if persons else pool[0]
            return pick.actor_id, pick.label
    return "", ""


def _pair(att: Attribution, lex: dict, mentions: list[Mention], sent_id: int) -> str:
    """"les deux pays": the article's most-mentioned state actor among those named so far."""
    words = att.speaker_text.lower().replace("’", "'").split()
    if not any(w in ("deux", "two", "both") for w in words) or not set(words) & lex["pair_nouns"]:
        return ""
    states = Counter(m.actor_id for m in mentions if m.actor_id and m.label in STATE_LABELS)
    if len(states) < 2:
        states = Counter(m.actor_id for m in mentions if m.actor_id)
    return states.most_common(1)[0][0] if states else ""


# ---------------------------------------------------------------- sentence selection

def is_claim_sentence(sent: Sentence, *, lex: dict, title: str = "", block_text: str = "") -> bool:
    """Whether a sentence states something: a verb, at least 4 words, not a question or byline."""
    text = sent.text.strip()
    low = text.lower()
    words = [t for t in sent.span if not t.is_punct and not t.is_space]
    if len(words) < 4 or text.endswith("?"):
        return False
    if title and (text.strip(" «»\"“”") == title.strip(" «»\"“”") or block_text.strip(" «»\"“”") == title.strip(" «»\"“”")):
        return False
    if any(low.startswith(p) for p in lex.get("skip_prefixes") or []):
        return False
    if low.endswith(":") and len(words) < 8:
        return False
    if sent.span.doc.has_annotation("MORPH"):
        # a finite verb: headings and captions ("Drapeaux ... se serrant la main.") have none
        return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in sent.span)
    if sent.span.doc.has_annotation("POS"):
        return any(t.pos_ in ("VERB", "AUX") for t in sent.span)
    return True


# ---------------------------------------------------------------- quotations

def _quote_spans(text: str, *, max_chars: int = 1500) -> list[tuple[int, int]]:
    """Character spans of quotations inside one line: « » and “ ” pair by direction; a straight
    quote opens after a space or line start and closes before a space, punctuation or line end.
    An opening met while a quote is open restarts it, so stray marks never pair across sentences."""
    spans, open_at = [], None
    for i, ch in enumerate(text):
        if ch not in '«»“”"':
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = ch in "«“" or (ch == '"' and (before.isspace() or before in "([:-'’") and not after.isspace())
        closing = ch in "»”" or (ch == '"' and not before.isspace() and (after.isspace() or after in ".,;:!?)]-"))
        if opening and not (closing and open_at is not None):
            open_at = i
        elif closing and open_at is not None:
            if i + 1 - open_at <= max_chars and len(text[open_at:i].split()) >= 4:
                spans.append((open_at, i + 1))
            open_at = None
    return spans


def _quote_continuations(parsed: ParsedArticle, atts: dict[int, Attribution | None]) -> dict[int, Attribution]:
    """Speakers for unattributed sentences lying inside a quotation another sentence attributes."""
    out: dict[int, Attribution] = {}
    spans = [(b.start + qs, b.start + qe) for b in parsed.blocks
             for qs, qe in _quote_spans(parsed.text[b.start:b.end])]
    for qs, qe in spans:
        inside = [s for s in parsed.sentences if s.start < qe and s.end > qs]
        if len(inside) < 2:
            continue
        owner = next((atts[s.sent_id] for s in inside if atts.get(s.sent_id) and atts[s.sent_id].kind != "inherited"), None)
        if owner is None:
            continue
        for s in inside:
            covered = min(s.end, qe) - max(s.start, qs)
            if atts.get(s.sent_id) is None and covered >= 0.6 * (s.end - s.start):
                out[s.sent_id] = replace(owner, kind="inherited", negated=False)
    return out


# ---------------------------------------------------------------- event dates

def _event_date(sent: Sentence, parsed: ParsedArticle, timexes: list[Timex]) -> tuple[str, str]:
    """The claim's event date: its own expression, else its paragraph's, else publication."""
    para_ids = [s.sent_id for s in parsed.sentences if s.para == sent.para]
    return event_date(sent.sent_id, para_sent_ids=para_ids, timexes=timexes,
                      published=parsed.published, published_basis=parsed.published_basis)


# ---------------------------------------------------------------- main entry

def _resolve_all(keep: list[Sentence], atts: dict[int, Attribution | None], *, lex: dict,
                 mentions: list[Mention]) -> dict[int, str]:
    """Speaker id and source type for every sentence's own attribution (in document order)."""
    labels: dict[int, str] = {}
    last, last_sent = "", -99
    for sent in keep:
        att = atts.get(sent.sent_id)
        if att is None:
            continue
        label = ""
        sid = _pair(att, lex, mentions, sent.sent_id)
        first = att.speaker_text.lower().replace("-t-", "").lstrip("-\"« ").split()[:1]
        if not sid and first and first[0] in lex["pronouns"]:
            # "a-t-il ajouté", "selon lui": the person named just before, or the last speaker
            near = [m for m in mentions if m.actor_id and m.label.upper() in ("PER", "PERSON")
                    and sent.sent_id - 3 <= m.sent_id <= sent.sent_id and m.end <= max(att.speaker_start, sent.start)]
            near.sort(key=lambda m: m.start)
            if near and near[-1].sent_id > last_sent:
                sid = near[-1].actor_id
            elif last and sent.sent_id - last_sent <= 4:
                sid = last
        if not sid and att.speaker_start >= 0:
            sid, label = _resolve_speaker(att, [m for m in mentions if abs(m.sent_id - sent.sent_id) <= 1])
        att.speaker_id = sid or "unknown"
        labels[sent.sent_id] = label
        if att.speaker_id != "unknown":
            last, last_sent = att.speaker_id, sent.sent_id
    return labels


def extract_claims(parsed: ParsedArticle, *, mentions: list[Mention], timexes: list[Timex]) -> list[Claim]:
    """One claim per content sentence that states something (see the module docstring)."""
    lex = lexicon(parsed.language)
    keep = [s for s in parsed.sentences if s.span is not None and is_claim_sentence(
        s, lex=lex, title=parsed.title, block_text=parsed.text[parsed.blocks[s.block].start:parsed.blocks[s.block].end])]
    atts: dict[int, Attribution | None] = {
        s.sent_id: attribution(s, lex=lex, base=parsed.blocks[s.block].start) for s in keep}
    # a fragment cut off by the sentence splitter ("Selon Mazegora" | ", les positions ...")
    # lends its attribution to the next sentence of the same line
    kept = {s.sent_id for s in keep}
    lead_in: dict[int, Sentence] = {}  # kept sentence -> the fragment the splitter cut before it
    for frag, nxt in zip(parsed.sentences, parsed.sentences[1:]):
        if frag.sent_id in kept or frag.span is None or nxt.sent_id not in kept \
                or frag.block != nxt.block or frag.text.rstrip().endswith((".", "!", "?", ":")):
            continue
        lead_in[nxt.sent_id] = frag
        acc = _according(frag.span, lex, parsed.blocks[frag.block].start)
        if acc is not None and not atts.get(nxt.sent_id):
            atts[nxt.sent_id] = acc
    labels = _resolve_all(keep, atts, lex=lex, mentions=mentions)
    atts.update(_quote_continuations(parsed, atts))
    openers = tuple(o.lower() for o in lex.get("continuation_openers") or [])

    claims: list[Claim] = []
    prev: tuple[Sentence, Attribution | None] | None = None
    for sent in keep:
        att = atts.get(sent.sent_id)
        if att is None and prev is not None and prev[1] is not None and prev[0].para == sent.para \
                and sent.text.lower().lstrip().startswith(openers):
            att = replace(prev[1], kind="inherited", negated=False)
        if att is not None:
            modality = "reported" if att.kind == "inherited" else modality_of(att, sent.span, lex)
            speaker_id, speaker_text, cue = att.speaker_id or "unknown", att.speaker_text, att.cue
            stype = source_type(att.speaker_full or att.speaker_text, lex=lex, speaker_label=labels.get(sent.sent_id, ""))
        else:
            modality = modality_of(None, sent.span, lex)
            speaker_id, speaker_text, cue, stype = "author", "", "", ""
        frag = lead_in.get(sent.sent_id)
        ids = {sent.sent_id} | ({frag.sent_id} if frag else set())
        start = frag.start if frag else sent.start
        actors = dict.fromkeys(m.actor_id for m in sorted(mentions, key=lambda m: m.start)
                               if m.sent_id in ids and m.actor_id)
        date, basis = _event_date(sent, parsed, timexes)
        claims.append(Claim(
            sent_id=sent.sent_id, start=start, end=sent.end, text=parsed.text[start:sent.end],
            speaker_id=speaker_id, speaker_text=speaker_text, cue=cue, modality=modality,
            source_type=stype, event_date=date, event_date_basis=basis, actors=";".join(actors),
        ))
        prev = (sent, att)
    return claims
