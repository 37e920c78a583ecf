"""Modality: asserted, reported, hedged or denied, from the attribution and the main clause."""
from __future__ import annotations

from analysis.map.claims.cues import CueLexicon
from analysis.map.claims.syntax import _aux_children, _is_cond, _is_future, _is_passive, _lemma, _negated, _own_clause
from analysis.records import Attribution


# ---------------------------------------------------------------- modality

def main_clause_hedged(span, lex: CueLexicon) -> bool:
    """Conditional, modal or speculative wording in the main clause (its root and auxiliaries)."""
    root = span.root
    if not span.doc.has_annotation("DEP"):
        words = {t.lower_ for t in span}
        return bool(words & lex.modal_hedges) or bool(words & lex.hedge_verbs) or any(
            a in span.text.lower() for a in lex.hedge_adverbs)
    heads = [root, *_aux_children(root)]
    if any(_is_cond(t, lex) for t in heads):
        return True
    if root.pos_ in ("VERB", "AUX") and _lemma(root) in lex.hedge_verbs and not _is_passive(root):
        return True
    if _lemma(root) in lex.hedge_adjectives:
        return True
    for c in _own_clause(root):
        if c.dep_ == "advmod" and (c.lower_ in lex.hedge_adverbs or _lemma(c) in lex.hedge_adverbs):
            return True
    text = span.text.lower()
    return any(" " in a and a in text for a in lex.hedge_adverbs)


def unattributed_denial(span, lex: CueLexicon) -> bool:
    """"Aucun accord n'a été conclu": a negated main clause whose verb is a deal/transfer verb."""
    if not span.doc.has_annotation("DEP"):
        return False
    root = span.root
    return _lemma(root) in lex.denial_predicates and _negated(root, lex)


def content_rebutted(cue, span, quoted: set[int], lex: CueLexicon) -> bool:
    """The content before an incise rebuts: "« C'est absolument faux », a déclaré X", "« Il n'y a
    pas eu de retrait », a-t-il insisté", "« Je n'ai jamais rencontré cette personne »".

    A strong negative ("jamais", "rien", "aucun") or an existential negation in a top clause of
    the content, or a rebuttal word ("faux", "mensonge") as its predicate; a plain "ne ... pas"
    ("ça ne veut pas dire que ...") is no rebuttal.
    """
    if not span.doc.has_annotation("DEP"):
        return False
    first = min([cue, *[c for c in cue.children if c.dep_.startswith("aux") and c.i < cue.i]], key=lambda t: t.i)
    return rebuts([t for t in span if t.i < first.i], lex)


def _past_event(verb) -> bool:
    """A verb telling of a past event: a compound past ("a rencontré", "est arrivé") or a simple past."""
    if verb.pos_ != "VERB":
        return False
    if "Past" in verb.morph.get("Tense") and "Part" in verb.morph.get("VerbForm"):
        return any(c.dep_.startswith("aux") for c in verb.children)
    return "Past" in verb.morph.get("Tense") and "Fin" in verb.morph.get("VerbForm") and "Imp" not in verb.morph.get("Tense")


def rebuts(content: list, lex: CueLexicon) -> bool:
    """Whether these tokens (a quotation, the content of an incise) rebut: see content_rebutted."""
    if not content or not content[0].doc.has_annotation("DEP"):
        return False
    ids = {t.i for t in content}
    tops = [t for t in content if t.head.i not in ids or t.head.i == t.i]
    strong = set(lex.strong_negation)
    for top in tops:
        if top.is_punct:
            continue
        own = _own_clause(top)
        words = {t.lower_ for t in own}
        if _lemma(top) in lex.rebuttals or words & lex.rebuttals:
            return True
        if not _negated(top, lex):
            continue
        verbs = [top, *_aux_children(top)]
        if any(_is_future(t, lex) or _is_cond(t, lex) or "Imp" in t.morph.get("Mood") for t in verbs):
            continue  # "Nous ne céderons jamais": a commitment, not a rebuttal of what was said
        if _lemma(top) in lex.denial_predicates:
            return True
        if words & strong and (_lemma(top) in lex.knowledge_verbs or _past_event(top)):
            return True  # "Je n'ai jamais rencontré cette personne", "ce n'est jamais arrivé", not
            # "Les gens n'ont aucune raison de s'inquiéter" or "Aucune n'était un simple numéro"
        if any(t.lower_ == "y" for t in own) and _lemma(top) == lex.existential:
            return True  # "il n'y a pas eu de ...", "il n'y avait pas de ..."
    return False


def modality_of(att: Attribution | None, span, lex: CueLexicon) -> str:
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
