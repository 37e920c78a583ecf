"""Claims: one per content sentence that states something, with speaker, cue, modality and date.

Attribution is read from the dependency parse (`analysis.map.claims.attribution`); quotations
spanning several sentences and parallel continuations ("De la même manière, ...") keep the
speaker of the sentence that introduced them. The lexicon is analysis/map/data/cues.yaml."""
from __future__ import annotations

from dataclasses import replace

from analysis.map.claims.attribution import _according, attribution
from analysis.map.claims.cues import CueLexicon, lexicon
from analysis.map.claims.modality import modality_of, rebuts
from analysis.map.claims.quotes import quote_spans, quoted_share
from analysis.map.claims.speakers import _pair, _resolve_speaker, role_holder, source_type
from analysis.map.dates.tagger import event_date
from analysis.records import Attribution, Claim, Mention, ParsedArticle, Sentence, Timex


# ---------------------------------------------------------------- sentence selection

def is_claim_sentence(sent: Sentence, *, lex: CueLexicon, title: str = "", block_text: str = "") -> bool:
    """Whether a sentence states something: a verb, at least 4 words, not a question or byline."""
    text = sent.text.strip()
    low = text.lower()
    words = [t for t in sent.span if not t.is_punct and not t.is_space]
    if len(words) < 4 or text.endswith("?"):
        return False
    if title and (text.strip(" «»\"“”") == title.strip(" «»\"“”") or block_text.strip(" «»\"“”") == title.strip(" «»\"“”")):
        return False
    if any(low.startswith(p) for p in lex.skip_prefixes):
        return False
    if text.startswith("-") and text.endswith("-") or not any(c.islower() for c in text):
        return False  # a wire-copy "- header -" marker or an upper-case intertitle
    if low.endswith(":") and len(words) < 8:
        return False
    if sent.span.doc.has_annotation("MORPH"):
        # a finite verb: headings and captions ("Drapeaux ... se serrant la main.") have none
        return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in sent.span)
    if sent.span.doc.has_annotation("POS"):
        return any(t.pos_ in ("VERB", "AUX") for t in sent.span)
    return True


# ---------------------------------------------------------------- quotations

def _quote_continuations(parsed: ParsedArticle, atts: dict[int, Attribution | None]) -> dict[int, Attribution]:
    """Speakers for unattributed sentences lying inside a quotation another sentence attributes."""
    out: dict[int, Attribution] = {}
    spans = [(b.start + qs, b.start + qe) for b in parsed.blocks
             for qs, qe in quote_spans(parsed.text[b.start:b.end])]
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
                out[s.sent_id] = replace(owner, kind="inherited", negated=False, basis="quotation")
    return out


# ---------------------------------------------------------------- event dates

def _event_date(sent: Sentence, parsed: ParsedArticle, timexes: list[Timex]) -> tuple[str, str]:
    """The claim's event date: its own expression, else its paragraph's, else publication."""
    para_ids = [s.sent_id for s in parsed.sentences if s.para == sent.para]
    return event_date(sent.sent_id, para_sent_ids=para_ids, timexes=timexes,
                      published=parsed.published, published_basis=parsed.published_basis)


# ---------------------------------------------------------------- main entry

_CONFIDENCE = {"subject": "high", "incise": "high", "according": "high", "quotation": "medium",
               "continuation": "medium", "pronoun": "medium", "description": "medium", "government": "low",
               "pair": "low"}


def _holders(att: Attribution, sid: str, mentions: list[Mention], lex: CueLexicon) -> list[str]:
    """Every holder of a coordinated speaker phrase ("Moscou et Pyongyang", "les responsables
    américains et sud-coréens"), the resolved speaker first."""
    words = att.speaker_text.lower().replace(",", " , ").split()
    out = [sid]
    if any(w in ("et", "and", ",") for w in words):
        for m in sorted(mentions, key=lambda m: m.start):
            if m.actor_id and m.start >= att.speaker_start and m.end <= att.speaker_end and m.actor_id not in out:
                out.append(m.actor_id)
    return out


def _resolve_all(keep: list[Sentence], atts: dict[int, Attribution | None], *, lex: CueLexicon,
                 mentions: list[Mention], parsed_text: str = "") -> dict[int, str]:
    """Speaker id and source type for every sentence's own attribution (in document order)."""
    labels: dict[int, str] = {}
    last, last_sent = "", -99
    running: tuple[int, str] | None = None  # (index in keep, speaker id) of the last attributed sentence
    for k, sent in enumerate(keep):
        att = atts.get(sent.sent_id)
        if att is None:
            continue
        label = ""
        sid = _pair(att, lex, mentions, sent.sent_id)
        first = att.speaker_text.lower().replace("-t-", "").lstrip("-\"« ").split()[:1]
        pronoun = not sid and bool(first) and first[0] in lex.pronouns
        words = att.speaker_text.lower().split()
        same_source = len(words) <= 4 and bool(words) and words[-1] in lex.light_nouns and (
            words[0] in ("cette", "ces", "this", "these") or "même" in words or "mêmes" in words or "same" in words)
        if (pronoun or same_source) and running is not None and running[1] != "unknown" and k - running[0] <= 2:
            # "a-t-il ajouté" right after an attribution: the same voice goes on (unknown stays unknown)
            sid, att.basis = running[1], "pronoun"
        elif pronoun:
            # "Il a ajouté", "selon lui": the person named just before, or the last speaker
            near = [m for m in mentions if m.actor_id and m.label.upper() in ("PER", "PERSON")
                    and sent.sent_id - 3 <= m.sent_id <= sent.sent_id and m.end <= max(att.speaker_start, sent.start)]
            near.sort(key=lambda m: m.start)
            if near and near[-1].sent_id > last_sent:
                sid, att.basis = near[-1].actor_id, "pronoun"
            elif last and sent.sent_id - last_sent <= 4:
                sid, att.basis = last, "pronoun"
        elif sid:
            att.basis = "pair"
        if sid == "unknown":
            sid = ""
        elif not sid and not pronoun and att.speaker_start >= 0:
            sid, label = _resolve_speaker(att, [m for m in mentions if abs(m.sent_id - sent.sent_id) <= 1])
        if not sid and not pronoun and att.speaker_start >= 0:
            sid, how = role_holder(att.speaker_text, att.speaker_start, text=parsed_text, mentions=mentions, lex=lex)
            att.basis = how or att.basis
        att.speaker_id = sid or "unknown"
        att.holders = ";".join(_holders(att, sid, mentions, lex)) if sid else ""
        labels[sent.sent_id] = label
        running = (k, att.speaker_id)
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
    labels = _resolve_all(keep, atts, lex=lex, mentions=mentions, parsed_text=parsed.text)
    atts.update(_quote_continuations(parsed, atts))
    openers = tuple(o.lower() for o in lex.continuation_openers)

    claims: list[Claim] = []
    prev: tuple[Sentence, Attribution | None] | None = None
    for sent in keep:
        att = atts.get(sent.sent_id)
        if att is None and prev is not None and prev[1] is not None and prev[0].para == sent.para \
                and sent.text.lower().lstrip().startswith(openers):
            att = replace(prev[1], kind="inherited", negated=False, basis="continuation")
        if att is None and prev is not None and prev[1] is not None and prev[1].speaker_id not in ("", "unknown") \
                and sent.para - prev[0].para <= 1 and quoted_share(sent.text) >= 0.7:
            # a quotation standing alone right after an attributed one: the same voice goes on
            att = replace(prev[1], kind="inherited", negated=False, basis="quotation")
        if att is not None:
            modality = modality_of(att, sent.span, lex)
            if att.kind == "inherited":
                modality = "denied" if rebuts(list(sent.span), lex) else "reported"
            speaker_id, speaker_text, cue = att.speaker_id or "unknown", att.speaker_text, att.cue
            holders, basis = att.holders or (speaker_id if speaker_id != "unknown" else ""), att.basis
            confidence = _CONFIDENCE.get(basis, "medium") if speaker_id != "unknown" else "low"
            stype = source_type(att.speaker_full or att.speaker_text, lex=lex, speaker_label=labels.get(sent.sent_id, ""))
        else:
            modality = modality_of(None, sent.span, lex)
            speaker_id, speaker_text, cue, stype = "author", "", "", ""
            holders, basis, confidence = "", "", ""
        frag = lead_in.get(sent.sent_id)
        ids = {sent.sent_id} | ({frag.sent_id} if frag else set())
        start = frag.start if frag else sent.start
        actors = dict.fromkeys(m.actor_id for m in sorted(mentions, key=lambda m: m.start)
                               if m.sent_id in ids and m.actor_id)
        date, date_basis = _event_date(sent, parsed, timexes)
        claims.append(Claim(
            sent_id=sent.sent_id, start=start, end=sent.end, text=parsed.text[start:sent.end],
            speaker_id=speaker_id, speaker_text=speaker_text, cue=cue, modality=modality,
            source_type=stype, event_date=date, event_date_basis=date_basis, actors=";".join(actors),
            speaker_ids=holders, speaker_basis=basis, speaker_confidence=confidence,
        ))
        prev = (sent, att)
    return claims
