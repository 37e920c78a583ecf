"""Bytes to text: UTF-8 (with or without BOM), UTF-16, cp1252/latin-1, and refusals with reasons."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

MAX_BYTES = 20 * 1024 * 1024  # an article is never this big; anything larger is rejected


class DecodeError(ValueError):
    """The bytes are not article text; the message says why, for rejected.csv."""


def normalise_newlines(text: str) -> str:
    """Universal newlines: \\r\\n and \\r become \\n (offsets refer to this text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """Decode article bytes to text with universal newlines, or raise DecodeError."""
    if len(data) > max_bytes:
        raise DecodeError(f"too large: {len(data) / 1e6:.1f} MB (limit {max_bytes / 1e6:.0f} MB)")
    if not data.strip():
        raise DecodeError("empty file")
    text = _decode(data)
    text = normalise_newlines(text).lstrip("\ufeff")
    if not text.strip():
        raise DecodeError("empty file (only whitespace)")
    if _control_ratio(text) > 0.02:
        raise DecodeError("binary content (control characters), not text")
    if not _looks_like_text(text):
        raise DecodeError("binary content (no words), not text")
    return text


def _looks_like_text(text: str) -> bool:
    """Words separated by spaces; a long run of one symbol is decoded noise, not an article."""
    sample = text[:20000]
    if len(sample) > 60 and not any(ch.isspace() for ch in sample):
        return False
    distinct = len(set(sample))
    return distinct > 3 or len(sample) < 20


def _decode(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                raise DecodeError(f"invalid {codec} despite its byte-order mark") from err
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Western European web copy is overwhelmingly cp1252 (a superset of latin-1's
    # printable range). Ask charset-normalizer, but prefer cp1252 when both read cleanly.
    try:
        text = data.decode("cp1252")
        if _control_ratio(text) == 0:
            return text
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable: not UTF-8, UTF-16 or a known single-byte encoding")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for Latin script."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for nul_side, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if nul_side.count(0) > 0.4 * len(nul_side):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\t\r\f") or 0x7F <= ord(ch) < 0xA0)
    return bad / max(1, len(sample))
