"""Cut article text into content blocks: lines and bullets, minus boilerplate.

spaCy never sees two lines at once, so a heading never merges into the sentence below it and
glued lines ("ParisLe Président") stay apart.
"""
from __future__ import annotations

import re

from analysis.records import Block

_LINE = re.compile(r"[^\n]+")
# a bullet starts a line ("- ", "• ", "* ", "1. ") or sits inside one (" • ")
_BULLET_START = re.compile(r"^\s*(?:[-•*–—▪►]|\d{1,2}[.)])\s+")
_INNER_BULLET = re.compile(r"\s[•▪►]\s")
# a lower-case letter glued to a capitalised word that opens a sentence: "ParisLe Président"
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=(?:Le|La|Les|L’|L'|Un|Une|Des|Il|Elle|Ils|Elles|Selon|Dans|En|The|A|In)\s)")

# wire copy glues sentences, headers and intertitles together ("...morts.- La France prépare son
# déconfinement -\"La levée ...", "...du territoire.SÉISME EN CORÉE DU NORDLa terre ..."):
# a sentence end glued to a capital, a "- header -" marker, an upper-case run glued to a sentence
_GLUED_END = re.compile(r"(?<=[a-zà-ÿ0-9)%\]][.!?])(?=[A-ZÀ-Ý])|(?<=[.!?][»”])(?=[A-ZÀ-Ý])|(?<=[A-Z]{2}[.!?])(?=[A-ZÀ-Ý][a-zà-ÿ])")
_GLUED_QUOTE = re.compile(r"(?<=[a-zà-ÿ0-9)%][.!?])(?=\"[A-ZÀ-Ý])|(?<=[.!?])(?=\"[A-ZÀ-Ý])")
_DASH_HEADER = re.compile(r"(?<=[.!?»\"”)])\s?(-\s?[^-\n.!?]{2,90}?\s?-)(?=\S)")
_CAPS_GLUED = re.compile(r"(?<=[A-ZÀ-Ý]{3})(?=[A-ZÀ-Ý][a-zà-ÿ])")


def _glue_cuts(line: str) -> list[int]:
    """Where wire copy glued two sentences, a header marker or an intertitle together."""
    cuts = [m.start() for m in _GLUED_END.finditer(line)]
    for m in _GLUED_QUOTE.finditer(line):
        if line[:m.start()].count('"') % 2 == 0:  # the quote opens the next sentence
            cuts.append(m.start())
        else:  # it closes the quotation: cut after it
            cuts.append(m.start() + 1)
    for m in _DASH_HEADER.finditer(line):
        cuts += [m.start(1), m.end(1)]
    for m in _CAPS_GLUED.finditer(line):
        words = line[:m.start()].split()
        if len(words) >= 2 and all(w.isupper() or not w.isalpha() for w in words[-2:]):
            cuts.append(m.start())
    return cuts


def content_blocks(text: str, boilerplate: list[tuple[int, int]]) -> list[Block]:
    """Blocks of `text` outside the boilerplate spans, with paragraph numbers.

    A paragraph changes at a blank line; every line is its own block.
    """
    blocks: list[Block] = []
    para, last_end = -1, -1
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in boilerplate):
            continue
        line = m.group()
        if not line.strip():
            continue
        if last_end < 0 or "\n\n" in text[last_end:start].replace("\r", "") or len(blocks) == 0:
            para += 1
        elif blocks and _is_heading(text[blocks[-1].start:blocks[-1].end]):
            para += 1
        last_end = end
        for s, e in _split_line(line, start):
            blocks.append(Block(s, e, para))
    return blocks


def _is_heading(line: str) -> bool:
    """A short line without final punctuation reads as a heading, not a sentence."""
    line = line.strip()
    return len(line) < 120 and not re.search(r"[.!?»\"”…:]$", line)


def _split_line(line: str, offset: int) -> list[tuple[int, int]]:
    """Split one line on bullets and glued sentence starts; return trimmed spans."""
    cuts = [0]
    m = _BULLET_START.match(line)
    if m:
        cuts[0] = m.end()
    cuts += [b.start() + 1 for b in _INNER_BULLET.finditer(line)]
    cuts += [g.start() for g in _GLUED.finditer(line)]
    cuts += _glue_cuts(line)
    cuts = sorted(set(cuts))
    spans = []
    for i, c in enumerate(cuts):
        stop = cuts[i + 1] if i + 1 < len(cuts) else len(line)
        piece = line[c:stop]
        lead = len(piece) - len(piece.lstrip(" \t•▪►"))
        trail = len(piece.rstrip())
        if trail > lead:
            spans.append((offset + c + lead, offset + c + trail))
    return spans
