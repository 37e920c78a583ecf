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
    _is_passive,
    _left_subject,
    _lemma,
    _phrase,
    _short,
)
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
    return Attribution(kind, cue_text, text, start, end, full, fs, fe)


def _cue_tokens(verb) -> list:
    """The cue as written: the verb with its tense auxiliaries ("a suggéré", "ont rapporté")."""
    aux = [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i and verb.i - c.i <= 3]
    return sorted([*aux, verb], key=lambda t: t.i)


def _according(span, lex: CueLexicon, base: int) -> Attribution | None:
    """"selon X", "d'après X": the speaker is the phrase the preposition introduces."""
    low = [t.lower_ for t in span]
    for seq in lex.according:
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


def _verb_cue(span, lex: CueLexicon, base: int) -> Attribution | None:
    """The reporting or denial verb that governs the sentence, with its subject as speaker."""
    best: tuple[int, Attribution] | None = None
    quoted = _quoted(span.doc)
    for tok in span:
        if tok.i in quoted:
            continue  # a verb inside a quotation belongs to what is quoted, not to the attribution
        lem = _lemma(tok)
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ccomp"):
            continue
        strong, weak = lem in lex.strong, lem in lex.weak
        deny, deny_obj = lem in lex.deny_strong, lem in lex.deny_object
        if not (strong or weak or deny or deny_obj):
            continue
        clause = _has_clause(tok, span)
        if deny_obj and not (clause or any(c.dep_ == "obj" and _lemma(c) in lex.claim_nouns
                                           for c in tok.children)):
            continue
        if weak and not clause:
            continue
        if any(c.dep_ in ("expl:pass", "expl:comp") for c in tok.children) and lem not in lex.deny_strong:
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
    return acc or verb
