"""Run spaCy over an article's content blocks and collect its sentences."""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

from analysis.map.prepare import Prepared
from analysis.map.segment import content_blocks
from analysis.records import Block, ParsedArticle, Sentence


def attach_docs(blocks: list[Block], text: str, nlp: Language, *, batch_size: int = 256) -> None:
    """Parse every block with `nlp.pipe` (batched) and attach the Doc to it."""
    for block, doc in zip(blocks, nlp.pipe((text[b.start:b.end] for b in blocks), batch_size=batch_size)):
        block.doc = doc


def sentences_of(blocks: Iterable[Block]) -> list[Sentence]:
    """The sentences of parsed blocks, numbered in document order."""
    out: list[Sentence] = []
    for bi, block in enumerate(blocks):
        for sent in block.doc.sents:
            start = block.start + sent.start_char
            end = block.start + sent.end_char
            if not sent.text.strip():
                continue
            out.append(Sentence(len(out), start, end, sent.text, bi, block.para, sent))
    return out


def parse_text(
    text: str,
    nlp: Language,
    *,
    doc_id: str = "doc",
    boilerplate: list[tuple[int, int]] | None = None,
    published: str = "",
    published_basis: str = "none",
    language: str = "fr",
    title: str = "",
    source: str = "",
    author: str = "",
    url: str = "",
) -> ParsedArticle:
    """Parse `text` (minus `boilerplate` spans) into a ParsedArticle; handy for tests too."""
    boilerplate = boilerplate or []
    blocks = content_blocks(text, boilerplate)
    attach_docs(blocks, text, nlp)
    return ParsedArticle(
        doc_id=doc_id, text=text, title=title, source=source, url=url, author=author,
        published=published, published_basis=published_basis, language=language,
        boilerplate=boilerplate, blocks=blocks, sentences=sentences_of(blocks),
    )


def parse(prepared: Prepared, nlp) -> ParsedArticle:
    """spaCy over the content blocks (boilerplate lines excluded)."""
    spans = [(c.start, c.end) for c in prepared.chrome]
    blocks = content_blocks(prepared.text, spans)
    attach_docs(blocks, prepared.text, nlp)
    m = prepared.meta
    return ParsedArticle(
        doc_id=prepared.doc_id, text=prepared.text, title=m["title"], source=m["source"], url=m["url"],
        author=m["author"], published=m["published"], published_basis=m["published_basis"],
        language=m["language"], boilerplate=spans, blocks=blocks, sentences=sentences_of(blocks),
    )
