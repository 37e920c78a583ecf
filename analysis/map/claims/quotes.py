"""Quotations as units: where they open and close in a line, and which tokens lie inside.

« » and “ ” pair by direction; a straight quote (") opens where no letter or digit precedes
it and a word follows (glued wire copy: 'Riga."Nous'), and closes where a word precedes it and
no letter or digit follows. An opening met while a quote is open restarts
it, so a stray mark never pairs across sentences and never hides the reporting verb that
follows a quotation ("...", a déclaré X).
"""
from __future__ import annotations

OPENING = "«“"
CLOSING = "»”"
MARKS = '«»“”"'


def quote_spans(text: str, *, max_chars: int = 1500, min_words: int = 4) -> list[tuple[int, int]]:
    """Character spans (start, end) of the quotations in one line, marks included."""
    spans, open_at = [], None
    for i, ch in enumerate(text):
        if ch not in MARKS:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = ch in OPENING or (ch == '"' and not before.isalnum() and not after.isspace())
        closing = ch in CLOSING or (ch == '"' and not before.isspace() and not after.isalnum())
        if opening and not (closing and open_at is not None):
            open_at = i
        elif closing and open_at is not None:
            if i + 1 - open_at <= max_chars and len(text[open_at:i].split()) >= min_words:
                spans.append((open_at, i + 1))
            open_at = None
    return spans


def quoted_tokens(doc) -> set[int]:
    """Indices of the tokens of `doc` (one line) inside a quotation where the quoted person speaks.

    Short quoted names ("la « New York Times »") are not speech: a quotation counts when it
    holds a verb or six tokens or more. Computed once per Doc (kept in `doc.user_data`).
    """
    cached = doc.user_data.get("veille_quoted")
    if cached is not None:
        return cached
    out: set[int] = set()
    for qs, qe in quote_spans(doc.text):
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None:
            continue
        if len(span) >= 6 or any(t.pos_ in ("VERB", "AUX") for t in span):
            out.update(range(span.start, span.end))
    doc.user_data["veille_quoted"] = out
    return out


def is_whole_quotation(text: str) -> bool:
    """The sentence is one quotation and nothing else ("« ... »." or '"...".')."""
    body = text.strip().rstrip(".…!;").rstrip()
    if len(body) < 2 or body[0] not in '«“"' or body[-1] not in '»”"':
        return False
    spans = quote_spans(body, min_words=1)
    return len(spans) == 1 and spans[0] == (0, len(body))


def quoted_share(text: str) -> float:
    """How much of a sentence lies inside quotation marks (0 to 1): 'Et "ce virus ..."' is mostly quote."""
    body = text.strip()
    if not body:
        return 0.0
    inside = sum(e - s for s, e in quote_spans(body, min_words=1))
    return inside / len(body.rstrip(".…!; "))
