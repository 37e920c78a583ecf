"""Attribution: who holds a sentence's content and through which cue, read from the dependency
parse (subject of a reporting verb, the phrase under "selon"/"d'après", an inverted subject),
with a token-pattern fallback for pipelines without a parser (a blank English model)."""
from __future__ import annotations

from analysis.map.claims.cues import _SUBJ, CueLexicon
from analysis.map.claims.modality import unattributed_denial
from analysis.map.claims.syntax import (
    _animate,
    _content_negated,
    _depth,
    _governing_subject,
    _has_clause,
    _infinitive_content,
    _is_passive,
    _left_subject,
    _lemma,
    _phrase,
    _short,
)
from analysis.map.claims.incise import _HONORIFICS, in_incise, speaker_after
from analysis.map.claims.modality import content_rebutted
from analysis.map.claims.quotes import quoted_tokens
from analysis.records import Attribution, Sentence


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
    return Attribution(kind, cue_text, text, start, end, full, fs, fe,
                       basis="according" if kind == "according" else "subject")


def _cue_tokens(verb) -> list:
    """The cue as written: the verb with its tense auxiliaries ("a suggéré", "ont rapporté")."""
    aux = [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i and verb.i - c.i <= 5]
    return sorted([*aux, verb], key=lambda t: t.i)


def _according(span, lex: CueLexicon, base: int) -> Attribution | None:
    """"selon X", "d'après X": the speaker is the phrase the preposition introduces."""
    low = [t.lower_ for t in span]
    for seq in lex.according:
        n = len(seq)
        for i in range(len(low) - n + 1):
            if tuple(low[i:i + n]) != seq:
                continue
            if seq in (("pour",), ("for",)) and not _for_speaker(span, i, lex):
                continue
            first, last = span[i], span[i + n - 1]
            head = None
            if span.doc.has_annotation("DEP"):
                cand = first.head if first.dep_ == "case" else last.head
                if cand.i > last.i and cand.pos_ in ("NOUN", "PROPN", "PRON", "X", "ADJ", "NUM"):
                    head = cand
            if head is not None:
                toks = [head] if head.pos_ == "PRON" else _phrase(head)
                if _lemma(head) in lex.light_nouns:  # "un bilan établi par l'AFP": keep the agent
                    toks = sorted({t.i: t for t in [*toks, *_agent_of(head)]}.values(), key=lambda t: t.i)
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


def _agent_of(noun) -> list:
    """The agent phrase of a participle hanging on a noun: "établi par l'AFP" -> "par l'AFP"."""
    for c in noun.children:
        if c.dep_.startswith("acl") and c.pos_ == "VERB":
            for g in c.children:
                if g.dep_ in ("obl:agent", "agent"):
                    return [c, *g.subtree]
    return []


def _for_speaker(span, i: int, lex: CueLexicon) -> bool:
    """"Pour X, ..." / "For X, ...": at the head of the sentence (after "Mais", "Et" at most), a
    name or a speaker noun, then a comma, then a clause: X's view, not a purpose or a beneficiary."""
    if not (i == 0 or i == 1 and span[0].lower_ in ("mais", "et", "or", "but", "and", "yet")):
        return False
    np = []
    for t in span[i + 1:i + 10]:
        if t.text == ",":
            break
        np.append(t)
    else:
        return False
    if not np or len(np) == len(span) - i - 1:
        return False
    nouns = [t for t in np if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns or any(t.pos_ in ("VERB", "AUX") for t in np):
        return False
    rest = span[np[-1].i - span.start + 2:] if np[-1].i - span.start + 2 < len(span) else []
    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return False
    if any(t.ent_type_ in ("LOC", "GPE", "NORP") for t in np):
        return False  # "Pour la Corée du Nord, cette coopération pourrait lui offrir ...": a beneficiary
    person = any(t.ent_type_ in ("PER", "PERSON") for t in np) or any(t.lower_ in _HONORIFICS for t in np)
    speaker_nouns = {w for kind in ("expert", "official", "anonymous") for w in lex.source_types.get(kind, [])
                     if " " not in w} | set(lex.unnamed_speakers)
    return person or any(t.lower_ in speaker_nouns or _lemma(t) in speaker_nouns for t in nouns if t.pos_ == "NOUN")


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


def _inverted_subject(tok, quoted: set[int]) -> list:
    """The speaker after the verb when the parser marks it (parataxis): "a-t-il ajouté", "explique X"."""
    if any(c.dep_ in _SUBJ and c.i < tok.i and c.pos_ not in ("PRON", "VERB", "AUX") and c.i not in quoted
           for c in tok.children):
        return []  # an ordinary subject before the verb
    if tok.dep_ != "parataxis":
        return []
    expl = [c for c in tok.children if c.dep_ == "expl:subj" and c.lower_.lstrip("-t") in ("il", "elle", "ils", "elles", "on")]
    if expl:
        return expl[-1:]
    after = [c for c in tok.children if c.i > tok.i and c.dep_ in ("nsubj", "obj", "appos", "nmod", "obl")
             and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return after[:1]


def _phrase_cue(tok, lex: CueLexicon) -> list:
    """The words completing a light-verb cue ("fait savoir", "a fait état de", "met en garde")."""
    seqs = lex.phrases.get(lex.cue_lemma(tok)) or ()
    doc = tok.doc
    for seq in seqs:
        j, words = tok.i + 1, []
        while j < len(doc) and doc[j].pos_ == "ADV" and len(words) == 0 and j - tok.i <= 2:
            j += 1  # "a fait aussi savoir"
        if tuple(t.lower_ for t in doc[j:j + len(seq)]) == seq:
            return list(doc[j:j + len(seq)])
    return []


def _phrase_head(tok, lex: CueLexicon) -> list:
    """The light verb before a phrase word the parser made the head ("avait fait | savoir")."""
    doc = tok.doc
    for back in (1, 2):
        if tok.i - back < 0:
            break
        light = doc[tok.i - back]
        for seq in lex.phrases.get(lex.cue_lemma(light)) or ():
            if tuple(t.lower_ for t in doc[tok.i:tok.i + len(seq)]) == seq:
                return [light, *doc[tok.i:tok.i + len(seq)]]
    return []


def _reflexive(tok) -> bool:
    return any(c.dep_ in ("expl:pass", "expl:comp", "expl") or c.dep_ == "obj" and "Reflex=Yes" in str(c.morph)
               for c in tok.children)


def _verb_cue(span, lex: CueLexicon, base: int) -> Attribution | None:
    """The reporting or denial verb that governs the sentence, with its subject as speaker."""
    best: tuple[int, Attribution] | None = None
    quoted = quoted_tokens(span.doc)
    for tok in span:
        if tok.i in quoted:
            continue  # a verb inside a quotation belongs to what is quoted, not to the attribution
        lem = lex.cue_lemma(tok)
        incise = lem in lex.all_cues | set(lex.phrases) and in_incise(tok, quoted)
        verbal = tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ccomp") or (
            incise and tok.lower_ in lex.forms and tok.pos_ != "PROPN")
        if not verbal:
            continue
        phrase = _phrase_cue(tok, lex) or _phrase_head(tok, lex)
        strong, weak = lem in lex.strong or bool(phrase), lem in lex.weak or (incise and lem in lex.incise)
        deny, deny_obj = lem in lex.deny_strong, lem in lex.deny_object
        if not (strong or weak or deny or deny_obj):
            continue
        clause = incise or _has_clause(tok, span) or (
            (strong or lem in lex.say_infinitive) and _infinitive_content(tok))
        if deny_obj and not (clause or any(c.dep_ == "obj" and _lemma(c) in lex.claim_nouns
                                           for c in tok.children)):
            continue
        if weak and not clause and not (lem in lex.reflexive and _reflexive(tok)):
            continue
        if _reflexive(tok) and lem not in lex.deny_strong and lem not in lex.reflexive:
            continue  # "si cet événement se confirme": pronominal, nobody speaks
        depth = 0 if incise else _depth(tok)
        if depth > 0 and not clause and not deny:
            continue  # a reporting verb deep in a subordinate clause needs its own content clause
        if incise:
            subjects = [t for t in speaker_after(tok, lex) if t.i not in quoted]
            if not subjects:
                subjects = [t for t in _inverted_subject(tok, quoted) if t.i not in quoted]
            if not subjects:
                continue
            kind = "deny" if deny or deny_obj else "report"
            head = next((t for t in subjects if t.pos_ == "PROPN"), next(
                (t for t in subjects if t.pos_ in ("NOUN", "PRON")), subjects[0]))
            cue = sorted({t.i: t for t in [*_cue_tokens(tok), *phrase]}.values(), key=lambda t: t.i)
            att = _make(kind, cue, head, subjects, base)
            att.basis = "incise"
            att.negated = kind == "report" and (_content_negated(tok, lex) or content_rebutted(tok, span, quoted, lex))
            best = (-1, att) if best is None or best[0] > -1 else best  # the incise governs the sentence
            continue
        if _is_passive(tok) and lem not in lex.reflexive:
            agent = [c for c in tok.children if c.dep_ == "obl:agent"]
            agent += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not agent:
                continue  # impersonal: "des dates sont évoquées" attributes nothing
            subjects = agent[:1]
        else:
            subjects = ([t for t in _inverted_subject(tok, quoted) if t.i not in quoted] or _governing_subject(tok)
                        or _left_subject(tok))
        subjects = [t for t in subjects or [] if t.i not in quoted and t.pos_ not in ("VERB", "AUX")]
        if not subjects or all(_lemma(t) in lex.nobody or t.lower_ in lex.nobody for t in subjects):
            continue  # "rien n'indique que ...": nobody speaks
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
        att = _make(kind, sorted({t.i: t for t in [*_cue_tokens(tok), *phrase]}.values(), key=lambda t: t.i),
                    head, toks, base)
        att.negated = kind == "report" and _content_negated(tok, lex)
        if best is None or depth < best[0]:
            best = (depth, att)
    return best[1] if best else None


def _pattern_cue(span, lex: CueLexicon, base: int) -> Attribution | None:
    """Parser-less fallback: "X said", "said X", "X denied" on plain tokens."""
    low = [t.lower_ for t in span]
    for i, w in enumerate(low):
        kind = "deny" if w in lex.deny_strong or w in lex.deny_object else (
            "report" if w in lex.strong or w in lex.weak else "")
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
        att.negated = kind == "report" and any(n in after.split() for n in lex.negation)
        return att
    return None


def attribution(sent: Sentence, *, lex: CueLexicon, base: int) -> Attribution | None:
    """The attribution stated in one sentence, if any (offsets via `base`, the block start)."""
    span = sent.span
    has_dep = span.doc.has_annotation("DEP")
    verb = _verb_cue(span, lex, base) if has_dep else _pattern_cue(span, lex, base)
    acc = _according(span, lex, base)
    if verb and verb.kind == "deny":
        return verb
    if acc and verb and _bare_document(acc, lex):
        return verb  # "Le gouvernement a condamné ..., selon un communiqué": the communiqué is the government's
    return acc or verb


def _bare_document(att: Attribution, lex: CueLexicon) -> bool:
    """"un communiqué", "le rapport": a light noun that names no holder of its own."""
    words = att.speaker_full.lower().replace("’", "'").replace("l'", "l' ").split()
    return bool(words) and len(words) <= 3 and any(w in lex.light_nouns for w in words) and not any(
        w[:1].isupper() for w in att.speaker_full.split()[1:])
