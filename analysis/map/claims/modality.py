"""Modality: asserted, reported, hedged or denied, from the attribution and the main clause."""
from __future__ import annotations

from analysis.map.claims.cues import CueLexicon
from analysis.map.claims.syntax import _aux_children, _is_cond, _is_passive, _lemma, _negated, _own_clause
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
