"""Dependency-parse helpers for the claim rules: subjects, phrases, clauses, negation, quotes."""
from __future__ import annotations

from analysis.map.claims.cues import _SUBJ, CueLexicon


def _lemma(tok) -> str:
    return (tok.lemma_ or tok.text).lower()


def _is_cond(tok, lex: CueLexicon) -> bool:
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
    for stem in lex.conditional_stems:
        for ending in lex.conditional_endings:
            form = stem + ending
            if low == form or (len(stem) >= 4 and low.endswith(form)):
                return True
    for ending in lex.conditional_endings:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            if stem == lem and lem.endswith(("er", "ir")):
                return True
            if lem.endswith("re") and stem == lem[:-1]:
                return True
    return False


_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")


def _is_future(tok, lex: CueLexicon) -> bool:
    """Future tense: the morphologizer's Tense=Fut, the infinitive plus a future ending (the
    French model tags "céderons" as present), an irregular future stem ("sera", "pourra"), or
    English "will"/"shall"."""
    if "Fut" in tok.morph.get("Tense"):
        return True
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.lower_ in ("will", "shall", "'ll", "wo") for c in tok.children if c.dep_.startswith("aux")):
        return True
    low, lem = tok.lower_, _lemma(tok)
    base = lem[:-1] if lem.endswith("re") else lem
    if lem.endswith(("er", "ir", "re")) and low.startswith(base) and low[len(base):] in _FUTURE_ENDINGS and low != lem:
        return True
    return any(low == stem + e for stem in lex.conditional_stems for e in _FUTURE_ENDINGS)


def _aux_children(tok):
    return [c for c in tok.children if c.dep_.startswith(("aux", "cop"))]


def _is_passive(tok) -> bool:
    return any(c.dep_ in ("aux:pass", "nsubj:pass", "auxpass", "nsubjpass") for c in tok.children)


def _has_clause(tok, span) -> bool:
    """The verb governs a que-clause, a reported content clause or a quotation."""
    if any(c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
           for c in tok.children):
        return True
    if tok.dep_ == "parataxis" or _after_quote(tok):
        return True

    following = tok.doc[tok.i + 1: tok.i + 4]
    if any(t.text == ":" or t.text[:1] in ("«", "“", '"') for t in following):
        return True
    # "X commented on the decision: « ... »": a colon then a quotation, no other verb between
    for t in tok.doc[tok.i + 1: min(tok.i + 14, tok.sent.end - 1)]:
        if t.pos_ in ("VERB", "AUX"):
            return False
        if t.text == ":":
            nxt = tok.doc[t.i + 1]
            return nxt.text[:1] in ("«", "“", '"')
    return False


def _infinitive_content(tok) -> bool:
    """An infinitive content: "ont dit ne pas être responsables", "affirme avoir été violée"."""
    return any(c.dep_ == "xcomp" and c.i > tok.i and ("Inf" in c.morph.get("VerbForm") or any(
        "Inf" in a.morph.get("VerbForm") for a in c.children if a.dep_.startswith(("aux", "cop"))))
        for c in tok.children)


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


def _animate(subjects: list, lex: CueLexicon) -> bool:
    """Whether a subject can hold a statement: a name, a pronoun, or a speaker noun.

    Keeps "Plusieurs raisons expliquent l'intérêt de Moscou" from being a reported claim.
    """
    nouns = set(lex.light_nouns) | set(lex.unnamed_speakers) | set(lex.pair_nouns)
    for kind in ("official", "expert", "outlet", "state_media", "anonymous"):
        nouns |= {w for w in lex.source_types.get(kind, []) if " " not in w}
    for subj in subjects:
        if subj.pos_ == "PROPN" or subj.ent_type_ in ("PER", "ORG", "LOC", "GPE", "PERSON", "NORP"):
            return True
        if subj.pos_ == "PRON" and _lemma(subj) not in ("cela", "ce", "ça", "ceci", "celer"):
            return True
        if _lemma(subj) in nouns or subj.lower_ in nouns:
            return True
        if any(c.pos_ == "PROPN" or c.ent_type_ for c in subj.children if c.dep_ in ("nmod", "appos", "amod", "flat:name", "conj")):
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
    while toks and (toks[0].is_punct or toks[0].dep_ == "case" and toks[0].i < head.i):
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


def _negated(tok, lex: CueLexicon) -> bool:
    """A negation word in the clause of `tok` itself (not in its relative or subordinate clauses)."""
    for t in tok.subtree:
        if t.lower_ not in lex.negation:
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


def _content_negated(cue, lex: CueLexicon) -> bool:
    """The reported clause denies: a strong negative ("aucun", "rien", "jamais") or a negated deal verb.

    "a annoncé qu'il ne se présenterait pas" stays reported; "a déclaré qu'aucun accord n'avait
    été conclu" and "affirment qu'ils n'ont rien fait de mal" are denials.
    """
    strong = set(lex.strong_negation)
    for c in cue.children:
        if c.dep_ not in ("ccomp", "parataxis", "xcomp"):
            continue
        own = [t for t in c.subtree if t.lower_ in lex.negation]
        if any(t.lower_ in strong for t in own) and _negated(c, lex):
            return True
        if _lemma(c) in lex.denial_predicates and _negated(c, lex):
            return True
    return False
