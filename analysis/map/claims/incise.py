"""Incises: the reporting verb placed after what it reports, its subject after it.

"« ... », a déclaré à l'AFP le ministre X", "..., estime Jonathan McDowell, un astronome",
"..., a-t-il ajouté", "« ... », lâche un diplomate", '"...", said the minister'. The position
alone says the preceding clause is the content, whatever the parser made of the verb (it often
hangs it as a conjunct, an adverbial clause or even an adjective: "raconte" tagged ADJ), so the
speaker is read from the surface: the noun phrase after the verb group, past the prepositional
phrases, adverbs and times that wire copy puts between them ("a déclaré pour sa part à l'AFP
dimanche le directeur ...").
"""
from __future__ import annotations

from analysis.map.claims.cues import _SUBJ, CueLexicon

_CLOSERS = (",", "»", "”", '"', "—", "–")
_PRON_SUBJECTS = ("il", "elle", "ils", "elles", "on")
_HONORIFICS = {"m.", "mme", "mlle", "me", "mgr", "dr", "pr", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr.", "sir"}
_STOP = {".", ";", ":", "!", "?", "«", "»", "“", "”", '"', "—", "–"}


def group_start(tok):
    """The first token of the verb group: "a" in "a de son côté déclaré", "a" in "a-t-il dit"."""
    aux = [c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i and tok.i - c.i <= 5]
    first = min([tok, *aux], key=lambda t: t.i)
    # an auxiliary the parser did not attach ("a encore déclaré", "avait fait savoir")
    doc = tok.doc
    i = first.i - 1
    while i >= 0 and first.i - i <= 4 and (doc[i].pos_ in ("ADV",) or doc[i].lower_ in ("-t", "-t-", "de", "son", "sa",
                                                                                    "côté", "part", "d'", "autre")):
        i -= 1
    if i >= 0 and doc[i].pos_ == "AUX" and doc[i].i < first.i:
        first = doc[i]
    if first.i > 0 and doc[first.i - 1].lower_ in ("se", "s'", "s’", "l'", "l’", "le", "la", "lui"):
        first = doc[first.i - 1]  # a clitic before the verb group: "s'est insurgé X", "l'a décrit"
    return first


def in_incise(tok, quoted: set[int]) -> bool:
    """The verb group follows a comma or a closing quotation and has no subject of its own before it."""
    first = group_start(tok)
    if first.i == 0:
        return False
    prev = tok.doc[first.i - 1]
    if not (prev.text in _CLOSERS or prev.text[-1:] in ("»", "”", '"') or prev.i in quoted):
        return False
    if prev.text == "," and prev.i - 1 >= 0 and tok.doc[prev.i - 1].i in quoted:
        return True
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > tok.i or c.dep_ == "mark" for c in tok.children) or any(
            t.lower_ in ("que", "qu'", "qu’", "that") for t in tok.doc[tok.i + 1:tok.i + 3]):
        return False  # "X, de l'université, a estimé que ...": the content follows, no incise
    if prev.text == ",":
        # a comma incise needs a clause before it in the same sentence: a finite verb
        sent_start = tok.sent.start
        if not any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") and t.i < prev.i
                   for t in tok.doc[sent_start:prev.i]):
            return False
    own = [c for c in tok.children if c.dep_ in _SUBJ and c.i < first.i and c.i not in quoted
           and c.pos_ not in ("VERB", "AUX", "ADJ")]
    return not own


def _time_word(t, lex: CueLexicon) -> bool:
    return t.like_num and any(ch.isdigit() for ch in t.text) or t.lower_ in lex.time_words or t.lemma_.lower() in lex.time_words


def speaker_after(tok, lex: CueLexicon) -> list:
    """The speaker of an incise: "-t-il", else the noun phrase after the verb group."""
    doc = tok.doc
    end = tok.sent.end
    # the inverted clitic, between the auxiliary and the participle or after the verb: "a-t-il dit"
    expl = [t for t in doc[group_start(tok).i:min(tok.i + 3, end)]
            if t.text.startswith("-") and t.lower_.lstrip("-t") in _PRON_SUBJECTS]
    i = tok.i + 1
    while i < end and (doc[i].lower_ in ("-t", "-t-") or doc[i].lower_.lstrip("-t") in _PRON_SUBJECTS
                       and doc[i].text.startswith("-")):
        if doc[i].lower_.lstrip("-t") in _PRON_SUBJECTS:
            return [doc[i]]
        i += 1
    if expl:
        return expl[-1:]
    # light-verb complements belong to the cue ("fait savoir", "a mis en garde")
    while i < end and doc[i].pos_ in ("ADV", "PART") and doc[i].lower_ not in ("ne", "not"):
        i += 1
    np: list = []
    while i < end:
        t = doc[i]
        if t.text == "(":
            depth = 0
            while i < end:
                depth += doc[i].text.count("(") - doc[i].text.count(")")
                i += 1
                if depth <= 0:
                    break
            continue
        if t.text in _STOP or t.text == ",":
            if np:
                break
            i += 1
            continue
        if not np and (t.pos_ in ("ADV", "PART", "SCONJ", "CCONJ") or _time_word(t, lex)):
            i += 1
            continue
        if not np and t.pos_ == "DET" and i + 1 < end and _time_word(doc[i + 1], lex):
            i += 2  # "cette semaine", "ce matin", "this week"
            continue
        if not np and t.pos_ == "ADP":
            i += 1  # a prepositional phrase: "à l'AFP", "sur RFI", "pour sa part", "devant les sénateurs"
            while i < end and doc[i].pos_ in ("DET", "ADJ", "NUM") and doc[i].text not in _STOP:
                i += 1
            if i < end and doc[i].pos_ in ("NOUN", "PROPN", "PRON") and doc[i].lower_ not in _HONORIFICS:
                i += 1  # its noun, with the rest of a name and its adjectives ("Weather Channel", "d'Etat")
                while i < end and doc[i].lower_ not in _HONORIFICS and (
                        doc[i].dep_ in ("flat:name", "flat", "fixed", "amod") or doc[i].pos_ == "ADJ"
                        or doc[i].text == "-" and i + 1 < end and doc[i + 1].pos_ in ("PROPN", "NOUN")
                        or doc[i - 1].text == "-"):
                    i += 1
            continue
        if not np and t.pos_ in ("VERB", "AUX"):
            break
        if np and (t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") and t.lower_ not in ("et", "and")
                   or t.pos_ == "ADP" and t.lower_ not in lex.of_words):
            break
        if np and t.pos_ == "PRON" and t.lower_ in ("qui", "who", "que", "which"):
            break
        np.append(t)
        i += 1
    if not np:
        return []
    # an apposed name after the description: "le directeur ..., George Abou Moussa"
    if i < end and doc[i].text == "," and i + 1 < end and doc[i + 1].pos_ == "PROPN":
        j = i + 1
        while j < end and (doc[j].pos_ == "PROPN" or doc[j].text in ("-", ".") and doc[j].i + 1 < end
                           and doc[j + 1].pos_ == "PROPN"):
            j += 1
        np += list(doc[i:j])
    return np
